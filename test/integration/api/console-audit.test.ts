import { describe, expect, it } from 'vitest';
import { GLOBAL_CHAIN } from '#core/audit/entry.js';
import type { ProjectConfig } from '#core/project-config.js';
import { verifyAudit } from '#lambdas/app/verify-audit.js';
import { Browser, member, PASSWORD, signedInAdmin, type Harness, perTestAdminHarness } from './harness.js';

describe('audit of console changes and sign-ins', () => {
  let h: Harness;
  let admin: Browser;
  let project: ProjectConfig;
  perTestAdminHarness((bed) => ({ h, admin, project } = bed));

  const chainOf = async (chain: string) =>
    (await h.audit.listChain(chain)).map(({ type, actor, subject, data }) => ({
      type,
      actor,
      subject,
      data,
    }));

  it('records settings and secrets changes by name, never a secret value', async () => {
    const settings = (await admin.get('/projects/acme/settings')).json;
    await admin.put('/projects/acme/settings', { github: { ...settings.github, ciWorkflows: ['build'] } });
    await admin.put('/projects/acme/settings/secrets', { asanaToken: 'asana-VALUE-never-audited-123' });
    h.asana.options.set('cf-repo', []);
    await admin.post('/projects/acme/settings/sync-repos');

    const chain = await chainOf(project.projectId);

    expect(chain).toEqual([
      {
        type: 'settings.changed',
        actor: 'user:root-admin',
        subject: project.projectId,
        data: { sections: ['github'] },
      },
      {
        type: 'secrets.changed',
        actor: 'user:root-admin',
        subject: project.projectId,
        data: { names: ['asanaToken'] },
      },
      {
        type: 'repos.synced',
        actor: 'user:root-admin',
        subject: 'cf-repo',
        data: { added: project.github.repos },
      },
    ]);
    expect(JSON.stringify(await h.audit.listChain(project.projectId))).not.toContain('asana-VALUE');
    expect(await verifyAudit(project.projectId, { audit: h.audit })).toMatchObject({ ok: true, entries: 3 });
  });

  it('records members and invites changes, with the invite id and never its token', async () => {
    const invite = await admin.post('/projects/acme/invites', { role: 'viewer' });
    const token = String(invite.json.link).split('#')[1]!;
    await member(h, admin, 'acme', 'editor', 'eve-editor');
    const eve = (await h.deps.users.getUserByUsername('eve-editor'))!;
    await admin.put(`/projects/acme/members/${eve.userId}`, { role: 'viewer' });
    await admin.delete(`/projects/acme/members/${eve.userId}`);
    await admin.delete(`/projects/acme/invites/${invite.json.invite.inviteId}`);

    const chain = await chainOf(project.projectId);

    expect(chain.map((e) => [e.type, e.data.change])).toEqual([
      ['invite.changed', 'created'],
      ['invite.changed', 'created'],
      ['member.changed', 'joined'],
      ['member.changed', 'role'],
      ['member.changed', 'removed'],
      ['invite.changed', 'revoked'],
    ]);
    expect(chain[0]!.subject).toBe(invite.json.invite.inviteId);
    expect(chain[2]).toMatchObject({
      actor: 'user:eve-editor',
      subject: eve.userId,
      data: { role: 'editor' },
    });
    expect(JSON.stringify(await h.audit.listChain(project.projectId))).not.toContain(token);
  });

  it('records sign-ins on the global chain with username and client, never the password', async () => {
    await signedInAdmin(h).catch(() => undefined); // a second init is refused and is no sign-in
    const browser = new Browser(h.app, { client: '203.0.113.9' });
    await browser.request(
      'POST',
      '/auth/login',
      { username: 'root-admin', password: 'wrong-password-1' },
      {
        'user-agent': 'TestBrowser/1.0',
      },
    );
    await browser.post('/auth/login', { username: 'hunter2-typed-in-the-wrong-box', password: 'x' });
    await browser.post('/auth/login', { username: 'root-admin', password: PASSWORD });

    const chain = await chainOf(GLOBAL_CHAIN);

    expect(chain).toEqual([
      {
        type: 'login.succeeded',
        actor: 'user:root-admin',
        subject: 'console',
        data: { how: 'init', username: 'root-admin', client: { ip: '192.0.2.1', agent: '' } },
      },
      {
        type: 'login.failed',
        actor: 'user:root-admin',
        subject: 'console',
        data: {
          how: 'password',
          username: 'root-admin',
          client: { ip: '203.0.113.9', agent: 'TestBrowser/1.0' },
          reason: 'wrong_credentials',
        },
      },
      {
        type: 'login.failed',
        actor: 'anonymous',
        subject: 'console',
        data: {
          how: 'password',
          username: null,
          client: { ip: '203.0.113.9', agent: '' },
          reason: 'wrong_credentials',
        },
      },
      {
        type: 'login.succeeded',
        actor: 'user:root-admin',
        subject: 'console',
        data: { how: 'password', username: 'root-admin', client: { ip: '203.0.113.9', agent: '' } },
      },
    ]);
    const raw = JSON.stringify(await h.audit.listChain(GLOBAL_CHAIN));
    expect(raw).not.toContain(PASSWORD);
    expect(raw).not.toContain('wrong-password-1');
    expect(raw).not.toContain('hunter2');
    expect(await verifyAudit(GLOBAL_CHAIN, { audit: h.audit })).toMatchObject({ ok: true, entries: 4 });
  });

  it('records a throttled sign-in as refused', async () => {
    const browser = new Browser(h.app, { client: '203.0.113.10' });
    for (let i = 0; i < 12; i++)
      await browser.post('/auth/login', { username: 'root-admin', password: `wrong-${i}-password` });

    const reasons = (await chainOf(GLOBAL_CHAIN)).map((e) => e.data.reason).filter(Boolean);

    expect(reasons).toContain('throttled');
  });
});

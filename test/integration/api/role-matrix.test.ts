import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { Browser, createHarness, member, seedProject, signedInAdmin, type Harness } from './harness.js';

type Persona = 'anonymous' | 'outsider' | 'viewer' | 'editor' | 'projectAdmin' | 'instanceAdmin';
type Needs = 'public' | 'signed-in' | 'instance-admin' | 'viewer' | 'editor' | 'admin';

/** Every console route and the least it needs. A route missing here fails the coverage test below. */
const MATRIX: Record<string, Needs> = {
  'GET /auth/session': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'public',
  'POST /auth/init': 'public',
  'POST /auth/invite/inspect': 'public',
  'POST /auth/invite/accept': 'public',
  'GET /projects': 'signed-in',
  'POST /projects': 'instance-admin',
  'GET /kill-switch': 'signed-in',
  'PUT /kill-switch': 'instance-admin',
  'GET /dead-letters': 'instance-admin',
  'POST /dead-letters/redrive': 'instance-admin',
  'GET /projects/:slug': 'viewer',
  'GET /projects/:slug/tasks': 'viewer',
  'POST /projects/:slug/tasks': 'editor',
  'GET /projects/:slug/tasks/by-asana/:gid': 'viewer',
  'GET /projects/:slug/tasks/:taskId': 'viewer',
  'POST /projects/:slug/tasks/:taskId/commands': 'editor',
  'GET /projects/:slug/import': 'viewer',
  'POST /projects/:slug/import': 'editor',
  'POST /projects/:slug/import/:jobId/step': 'editor',
  'GET /projects/:slug/settings': 'viewer',
  'PUT /projects/:slug/settings': 'admin',
  'PUT /projects/:slug/settings/secrets': 'admin',
  'GET /projects/:slug/settings/asana-options': 'admin',
  'POST /projects/:slug/settings/sync-repos': 'admin',
  'GET /projects/:slug/members': 'viewer',
  'POST /projects/:slug/members': 'admin',
  'PUT /projects/:slug/members/:userId': 'admin',
  'DELETE /projects/:slug/members/:userId': 'admin',
  'GET /projects/:slug/invites': 'admin',
  'POST /projects/:slug/invites': 'admin',
  'DELETE /projects/:slug/invites/:inviteId': 'admin',
  'GET /projects/:slug/webhooks': 'viewer',
  'POST /projects/:slug/webhooks/asana/setup': 'admin',
  'POST /projects/:slug/webhooks/github/validate': 'admin',
  'GET /projects/:slug/kill-switch': 'viewer',
  'PUT /projects/:slug/kill-switch': 'admin',
  'GET /projects/:slug/audit': 'viewer',
  'GET /projects/:slug/approvals': 'viewer',
  'POST /projects/:slug/approvals/:approvalId/decision': 'editor',
  'GET /projects/:slug/api-tokens': 'admin',
  'POST /projects/:slug/api-tokens': 'admin',
  'DELETE /projects/:slug/api-tokens/:tokenId': 'admin',
  'GET /projects/:slug/analytics/summary': 'viewer',
  'GET /projects/:slug/analytics/funnel': 'viewer',
  'GET /projects/:slug/analytics/lead-time': 'viewer',
  'GET /projects/:slug/analytics/failures': 'viewer',
  'GET /projects/:slug/analytics/webhooks/health': 'viewer',
  'GET /projects/:slug/analytics/jobs/health': 'viewer',
  'GET /projects/:slug/analytics/tasks/:taskId/events': 'viewer',
  'POST /projects/:slug/analytics/recount': 'admin',
  'GET /projects/:slug/triggers': 'viewer',
  'GET /projects/:slug/triggers/:id': 'viewer',
  'POST /projects/:slug/triggers': 'admin',
  'PUT /projects/:slug/triggers/:id': 'admin',
  'PUT /projects/:slug/triggers/:id/enabled': 'admin',
  'POST /projects/:slug/triggers/:id/start': 'editor',
};

const RANK: Record<Persona, number> = {
  anonymous: 0,
  outsider: 1,
  viewer: 2,
  editor: 3,
  projectAdmin: 4,
  instanceAdmin: 5,
};

/** The status a persona gets when it may not pass, or 'pass'. */
function expected(needs: Needs, persona: Persona): 401 | 403 | 404 | 'pass' {
  if (needs === 'public') return 'pass';
  if (persona === 'anonymous') return 401;
  if (needs === 'signed-in') return 'pass';
  if (needs === 'instance-admin') return persona === 'instanceAdmin' ? 'pass' : 403;
  if (persona === 'outsider') return 404;
  const least = { viewer: RANK.viewer, editor: RANK.editor, admin: RANK.projectAdmin }[needs];
  return RANK[persona] >= least ? 'pass' : 403;
}

/** Concrete request for a route: ids that exist where it matters, harmless bodies (a 400 still proves access). */
function concrete(route: string): { method: string; path: string; body?: unknown } {
  const [method = 'GET', template = '/'] = route.split(' ');
  const path = template
    .replace(':slug', 'acme')
    .replace(':gid', '1200000000000001')
    .replace(':taskId', '01JTASK0000000000000000001')
    .replace(':jobId', '01JJOB00000000000000000001')
    .replace(':userId', 'u-nobody')
    .replace(':inviteId', 'i-nobody')
    .replace(':approvalId', 'nobody-1')
    .replace(':tokenId', '01JTOKEN000000000000000001')
    .replace(':id', 'nobody');
  if (method === 'GET') return { method, path };
  const bodies: Record<string, unknown> = {
    'PUT /projects/:slug/kill-switch': { on: false },
    'PUT /kill-switch': { on: false },
    'POST /dead-letters/redrive': {},
    'POST /auth/logout': {},
  };
  return { method, path, body: bodies[route] ?? { invalid: true } };
}

describe('role × route matrix', () => {
  let db: Dynalite;
  let h: Harness;
  const browsers = {} as Record<Persona, Browser>;

  beforeAll(async () => {
    db = await startDynalite();
    h = await createHarness(db);
    browsers.instanceAdmin = await signedInAdmin(h);
    await seedProject(h);
    await h.deps.projects.createProject({
      ...(await h.deps.projects.getProjectBySlug('acme'))!,
      projectId: 'other',
      slug: 'other',
    });
    browsers.viewer = await member(h, browsers.instanceAdmin, 'acme', 'viewer', 'vic-viewer');
    browsers.editor = await member(h, browsers.instanceAdmin, 'acme', 'editor', 'eve-editor');
    browsers.projectAdmin = await member(h, browsers.instanceAdmin, 'acme', 'admin', 'ada-admin');
    browsers.outsider = await member(h, browsers.instanceAdmin, 'other', 'admin', 'otto-outsider');
    browsers.anonymous = new Browser(h.app);
  });
  afterAll(() => db.stop());

  it('covers every route of the API', () => {
    const routes = new Set(
      h.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
    );

    expect([...routes].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [route, needs] of Object.entries(MATRIX)) {
    it(`${route} needs ${needs}`, async () => {
      const { method, path, body } = concrete(route);
      for (const persona of Object.keys(RANK) as Persona[]) {
        // Logging out would end the persona's session for the rest of the matrix.
        if (route === 'POST /auth/logout' && persona !== 'anonymous') continue;
        const res = await browsers[persona].request(method, path, body);
        const want = expected(needs, persona);
        const denied =
          res.status === 401 ||
          res.status === 403 ||
          String(res.json.error?.message).startsWith('No project');
        if (want === 'pass')
          expect({ persona, status: res.status, denied }).toEqual({
            persona,
            status: res.status,
            denied: false,
          });
        else expect({ persona, status: res.status }).toEqual({ persona, status: want });
      }
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type Dynalite } from '../../../helpers/dynalite.js';
import { seedProject } from '../harness.js';
import { call, createV1Harness, issueToken, type V1Harness } from './v1-harness.js';

describe('/api/v1 project changes made at the same time', () => {
  let db: Dynalite;
  let h: V1Harness;
  let token: string;
  let projectId: string;

  beforeAll(async () => {
    db = await startDynalite();
    h = await createV1Harness(db);
    projectId = (await seedProject(h)).projectId;
    token = (await issueToken(h, projectId, 'admin')).secret;
  });
  afterAll(() => db.stop());

  it('keeps every repo added and every link added concurrently, and the rename', async () => {
    const repos = ['acme/one', 'acme/two', 'acme/three', 'acme/four'];
    const links = [1, 2, 3].map((n) => ({ title: `Link ${n}`, url: `https://example.com/${n}` }));

    const answers = await Promise.all([
      ...repos.map((repo) => call(h, 'POST', '/repos', { token, body: { repo } })),
      ...links.map((link) => call(h, 'POST', '/links', { token, body: link })),
      call(h, 'PATCH', '/project', { token, body: { name: 'Renamed at once' } }),
    ]);

    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201, 201, 200]);
    const project = await h.deps.projects.getProject(projectId);
    expect(project?.github.repos).toEqual(expect.arrayContaining(repos));
    expect(project?.context.links).toEqual(expect.arrayContaining(links));
    expect(project?.name).toBe('Renamed at once');
    const indexes = answers.slice(4, 7).map((a) => (a.json as { index: number }).index);
    expect(indexes.sort()).toEqual([0, 1, 2].map((i) => i + project!.context.links.length - 3));
  });

  it('answers 409 for a repo another request added first, changing nothing more', async () => {
    const [first, second] = await Promise.all([
      call(h, 'POST', '/repos', { token, body: { repo: 'acme/twice' } }),
      call(h, 'POST', '/repos', { token, body: { repo: 'acme/twice' } }),
    ]);

    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const project = await h.deps.projects.getProject(projectId);
    expect(project?.github.repos.filter((r) => r === 'acme/twice')).toHaveLength(1);
  });
});

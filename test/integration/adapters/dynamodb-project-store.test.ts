import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { NotFoundError, ReferenceConflictError, ValidationError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { createProjectConfig } from '../../helpers/factories.js';
import { startDynalite } from '../../helpers/dynalite.js';
import type { Dynalite } from '../../helpers/dynalite.js';

describe('DynamoDBProjectStore', () => {
  let db: Dynalite;
  let store: DynamoDBProjectStore;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBProjectStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(async () => {
    await db.stop();
  });

  const project = (overrides: Partial<ProjectConfig> = {}): ProjectConfig => {
    const projectId = uniqueProjectId();
    return createProjectConfig({ projectId, slug: projectId.slice(0, 40), ...overrides });
  };

  it('creates a project and reads it back by id and by slug', async () => {
    const created = project();

    await store.createProject(created);

    expect(await store.getProject(created.projectId)).toEqual(created);
    expect(await store.getProjectBySlug(created.slug)).toEqual(created);
  });

  it('returns undefined for an unknown id or slug', async () => {
    expect(await store.getProject(uniqueProjectId())).toBeUndefined();
    expect(await store.getProjectBySlug('nobody')).toBeUndefined();
  });

  it('lists every project', async () => {
    const a = project();
    const b = project();
    await store.createProject(a);
    await store.createProject(b);

    const listed = await store.listProjects();

    expect(listed).toEqual(expect.arrayContaining([a, b]));
  });

  it('rejects a second project with a taken slug', async () => {
    const first = project();
    await store.createProject(first);

    const error = await store.createProject(project({ slug: first.slug })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ReferenceConflictError);
    expect((error as Error).cause).toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(await store.getProjectBySlug(first.slug)).toEqual(first);
  });

  it('rejects a taken id and releases the slug it claimed', async () => {
    const first = project();
    await store.createProject(first);
    const second = project({ projectId: first.projectId, slug: 'fresh-slug' });

    await expect(store.createProject(second)).rejects.toBeInstanceOf(ReferenceConflictError);

    await expect(store.createProject(project({ slug: 'fresh-slug' }))).resolves.toBeUndefined();
  });

  it('completes a create that crashed after claiming the slug', async () => {
    const created = project();
    await store.createProject(created);
    await db.doc.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: { pk: `PROJECT#${created.projectId}`, sk: 'PROJECT' },
      }),
    );
    expect(await store.getProjectBySlug(created.slug)).toBeUndefined();

    await store.createProject(created);

    expect(await store.getProjectBySlug(created.slug)).toEqual(created);
  });

  it('changes a project in place from its current configuration', async () => {
    const created = project();
    await store.createProject(created);

    const changed = await store.changeProject(created.projectId, (p) => ({ ...p, name: 'Renamed' }));

    expect(changed).toEqual({ ...created, name: 'Renamed' });
    expect(await store.getProject(created.projectId)).toEqual(changed);
  });

  it('loses no change when changes race: each runs again on the newer configuration', async () => {
    const created = project();
    await store.createProject(created);
    const addRepo = (repo: string) =>
      store.changeProject(created.projectId, (p) => ({
        ...p,
        github: { ...p.github, repos: [...p.github.repos, repo] },
      }));

    await Promise.all(['acme/one', 'acme/two', 'acme/three'].map(addRepo));

    expect((await store.getProject(created.projectId))?.github.repos.sort()).toEqual(
      [...created.github.repos, 'acme/one', 'acme/two', 'acme/three'].sort(),
    );
  });

  it('changes a project written before revisions, once', async () => {
    const created = project();
    await store.createProject(created);
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { pk: `PROJECT#${created.projectId}`, sk: 'PROJECT' },
        UpdateExpression: 'REMOVE revision',
      }),
    );

    await Promise.all([
      store.changeProject(created.projectId, (p) => ({ ...p, name: 'A' })),
      store.changeProject(created.projectId, (p) => ({
        ...p,
        context: { ...p.context, notes: [{ title: 'B', body: 'b' }] },
      })),
    ]);

    expect(await store.getProject(created.projectId)).toMatchObject({
      name: 'A',
      context: { notes: [{ title: 'B', body: 'b' }] },
    });
  });

  it('refuses to change the slug, saving nothing', async () => {
    const created = project();
    await store.createProject(created);

    const error = await store
      .changeProject(created.projectId, (p) => ({ ...p, slug: 'another', name: 'X' }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'slug' })]);
    expect(await store.getProject(created.projectId)).toEqual(created);
  });

  it('passes on what the change throws, saving nothing', async () => {
    const created = project();
    await store.createProject(created);
    const refused = new Error('no');

    await expect(
      store.changeProject(created.projectId, () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
  });

  it('refuses to change a project that does not exist', async () => {
    await expect(store.changeProject(project().projectId, (p) => p)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('ignores a slug reference whose project has another slug', async () => {
    const created = project();
    await store.createProject(created);
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { pk: 'SLUG#stale', sk: 'SLUG', projectId: created.projectId },
      }),
    );

    expect(await store.getProjectBySlug('stale')).toBeUndefined();
  });

  it('rejects an invalid project with a ValidationError naming the field', async () => {
    const error = await store.createProject({ ...project(), slug: 'Not A Slug' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'slug' })]);
  });
});

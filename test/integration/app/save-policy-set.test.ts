import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { DynamoDBPolicyStore } from '#adapters/aws/dynamodb-policy-store.js';
import { StoredPolicySource } from '#adapters/stored-policy-source.js';
import { ValidationError } from '#core/errors.js';
import { savePolicySet } from '#lambdas/app/save-policy-set.js';
import { sharedCedarEngine } from '../../../scripts/local/action-machine.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { fixedClock } from '../../helpers/memory-ports.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

describe('savePolicySet with DynamoDBPolicyStore', () => {
  const deps = () => ({
    policies: new DynamoDBPolicyStore({ client: db.doc, tableName: db.tableName }),
    validator: sharedCedarEngine(),
    audit: new DynamoDBAuditLog({ client: db.doc, tableName: db.auditTableName }),
    clock: fixedClock(),
  });

  it('stores valid sets as numbered versions, newest first, and the PDP source picks the latest', async () => {
    const projectId = uniqueProjectId();
    const d = deps();
    await savePolicySet(
      { projectId, text: '@id("a") permit (principal, action, resource);', by: 'user:alice' },
      d,
    );
    const second = await savePolicySet(
      { projectId, text: '@id("b") permit (principal, action, resource);', by: 'user:bob', comment: 'b' },
      d,
    );

    expect(second).toMatchObject({ version: 2, savedBy: 'user:bob', comment: 'b' });
    expect((await d.policies.listPolicySets(projectId)).map((v) => v.version)).toEqual([2, 1]);
    const source = new StoredPolicySource({ store: d.policies, defaultText: 'DEFAULT', clock: d.clock });
    expect(await source.activePolicySet(projectId)).toEqual({ version: 'v2', text: second.text });
    expect(await source.activePolicySet(uniqueProjectId())).toEqual({ version: 'default', text: 'DEFAULT' });
    expect((await d.audit.listChain(projectId)).map((e) => [e.type, e.subject])).toEqual([
      ['policy.saved', 'v1'],
      ['policy.saved', 'v2'],
    ]);
  });

  it("rejects an invalid set with Cedar's message and line, storing nothing", async () => {
    const projectId = uniqueProjectId();
    const d = deps();
    const error = await savePolicySet(
      {
        projectId,
        text: '@id("a")\npermit (principal, action == Action::"github.delete_repo", resource);',
        by: 'user:alice',
      },
      d,
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(
      /^Policy set is invalid: 2:\d+ error: .*unrecognized action/,
    );
    expect((error as ValidationError).issues[0]?.path).toMatch(/^2:\d+$/);
    expect(await d.policies.listPolicySets(projectId)).toEqual([]);
  });
});

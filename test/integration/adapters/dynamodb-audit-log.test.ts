import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import type { AuditInput } from '#core/audit/entry.js';
import { verifyAudit } from '#lambdas/app/verify-audit.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

const log = () => new DynamoDBAuditLog({ client: db.doc, tableName: db.auditTableName });
const entry = (chain: string, i: number): AuditInput => ({
  chain,
  type: 'policy.decision',
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  actor: 'trigger:core-loop',
  subject: `a-${i}`,
  data: { i, nested: { list: [1, 'two'], flag: true } },
});

async function items(chain: string) {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.auditTableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CHAIN#${chain}` },
    }),
  );
  return out.Items ?? [];
}

async function filled(n: number): Promise<string> {
  const chain = uniqueProjectId();
  const audit = log();
  for (let i = 0; i < n; i++) await audit.append(entry(chain, i));
  return chain;
}

describe('DynamoDBAuditLog', () => {
  it('appends a chain that verifies, in sequence order', async () => {
    const chain = await filled(4);
    const entries = await log().listChain(chain);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await verifyAudit(chain, { audit: log() })).toMatchObject({ ok: true, entries: 4 });
  });

  it('keeps one chain when appenders race (each retries on the conditional write it lost)', async () => {
    const chain = uniqueProjectId();
    const appenders = [log(), log(), log()];
    await Promise.all(Array.from({ length: 24 }, (_, i) => appenders[i % 3]!.append(entry(chain, i))));
    const entries = await log().listChain(chain);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.subject)).size).toBe(24);
    expect(await verifyAudit(chain, { audit: log() })).toMatchObject({ ok: true, entries: 24 });
  });

  it('detects an altered item and names it', async () => {
    const chain = await filled(5);
    const item = (await items(chain))[2]!;
    await db.doc.send(
      new PutCommand({ TableName: db.auditTableName, Item: { ...item, actor: 'user:mallory' } }),
    );
    expect(await verifyAudit(chain, { audit: log() })).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('altered'),
    });
  });

  it('detects a removed item and names the entry after the gap', async () => {
    const chain = await filled(5);
    const item = (await items(chain))[1]!;
    await db.doc.send(new DeleteCommand({ TableName: db.auditTableName, Key: { pk: item.pk, sk: item.sk } }));
    expect(await verifyAudit(chain, { audit: log() })).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('missing'),
    });
  });

  it('detects reordered items (contents swapped between two sequence numbers)', async () => {
    const chain = await filled(5);
    const all = await items(chain);
    const [a, b] = [all[1]!, all[2]!];
    await db.doc.send(
      new PutCommand({ TableName: db.auditTableName, Item: { ...b, pk: a.pk, sk: a.sk, seq: a.seq } }),
    );
    await db.doc.send(
      new PutCommand({ TableName: db.auditTableName, Item: { ...a, pk: b.pk, sk: b.sk, seq: b.seq } }),
    );
    expect(await verifyAudit(chain, { audit: log() })).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBApprovalStore } from '#adapters/aws/dynamodb-approval-store.js';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBUsedTokens } from '#adapters/aws/dynamodb-used-tokens.js';
import { derToJose, Es256CapabilityTokens } from '#adapters/es256-capability-tokens.js';
import { NodeOutboundWebhooks } from '#adapters/http/node-outbound-webhooks.js';
import { LocalKeySigner } from '#adapters/local/local-key-signer.js';
import { ulidIds } from '#adapters/system.js';
import type { Action } from '#core/actions.js';
import { claimsFor, type CapabilityClaims } from '#core/capability/claims.js';
import { CapabilityRefusedError } from '#core/capability/errors.js';
import { EffectHeldError } from '#core/errors.js';
import { authorizeAction } from '#lambdas/app/authorize-action.js';
import { executeAction } from '#lambdas/app/execute-action.js';
import { paramsDigest } from '#lambdas/app/params-digest.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { createAction } from '../../helpers/factories.js';
import { fixedClock, memoryTriggerSecrets } from '../../helpers/memory-ports.js';
import { memoryIntegrations } from '../../helpers/memory-trackers.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

const EVALUATION = {
  outcome: 'allow' as const,
  decision: {
    decision: 'allow' as const,
    approvals: 0,
    determiningPolicies: ['routine-writes'],
    errors: [],
    policyVersion: 'default',
  },
};

let killSwitches: DynamoDBKillSwitchStore;

describe('capability tokens: Authorize mints, Execute verifies before acting', () => {
  let signer: LocalKeySigner;
  let tokens: Es256CapabilityTokens;
  let clock: ReturnType<typeof fixedClock>;
  let integrations: ReturnType<typeof memoryIntegrations>;
  let audit: DynamoDBAuditLog;
  let action: Action;
  let authorize: () => Promise<{ token: string; jti: string }>;
  let execute: (a: Action, token: string | undefined) => Promise<unknown>;

  beforeEach(() => {
    signer = new LocalKeySigner({ dir: mkdtempSync(join(tmpdir(), 'af-keys-')) });
    tokens = new Es256CapabilityTokens({ signer, publicKeys: signer });
    clock = fixedClock('2026-11-25T10:00:00.000Z');
    integrations = memoryIntegrations();
    audit = new DynamoDBAuditLog({ client: db.doc, tableName: db.auditTableName });
    action = createAction({ projectId: uniqueProjectId(), actionId: `${ulidIds(clock).newId()}-1` });
    const approvals = new DynamoDBApprovalStore({ client: db.doc, tableName: db.tableName });
    killSwitches = new DynamoDBKillSwitchStore({ client: db.doc, tableName: db.tableName });
    const usedTokens = new DynamoDBUsedTokens({ client: db.doc, tableName: db.tableName });
    authorize = () =>
      authorizeAction(
        { action, evaluation: EVALUATION },
        { approvals, killSwitches, tokens, audit, clock, ids: ulidIds(clock) },
      );
    const webhooks = { outbound: new NodeOutboundWebhooks(), triggerSecrets: memoryTriggerSecrets() };
    execute = (a, token) =>
      executeAction(a, token, { integrations, tokens, usedTokens, audit, clock, ...webhooks });
  });

  async function refusals() {
    return (await audit.listChain(action.projectId))
      .filter((e) => e.type === 'token.refused')
      .map((e) => e.data.reason as string);
  }

  it('acts on a valid token once', async () => {
    const { token } = await authorize();
    await execute(action, token);
    expect(integrations.calls.map((c) => c.method)).toEqual(['comment']);
  });

  it('mints an ES256 JWT naming its key, with the claims of exactly this action for at most 5 minutes', async () => {
    const { token, jti } = await authorize();
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'ES256', typ: 'JWT', kid: signer.currentKeyId() });
    expect(payload).toMatchObject({
      sub: action.actionId,
      kind: 'github.comment',
      project: action.projectId,
      target: 'acme/web#7',
      approvalId: null,
      policyVersion: 'default',
      jti,
    });
    expect((payload!.exp as number) - (payload!.iat as number)).toBe(300);
  });

  it('refuses a replayed token, audited, and the effect happens once', async () => {
    const { token } = await authorize();
    await execute(action, token);
    await expect(execute(action, token)).rejects.toBeInstanceOf(CapabilityRefusedError);
    expect(integrations.calls).toHaveLength(1);
    expect(await refusals()).toEqual([expect.stringContaining('already used (replay)')]);
  });

  it('refuses an expired token', async () => {
    const { token } = await authorize();
    clock.advance(301_000);
    await expect(execute(action, token)).rejects.toThrow(/token expired/);
    expect(integrations.calls).toHaveLength(0);
    expect(await refusals()).toEqual([expect.stringContaining('token expired')]);
  });

  it('refuses a token whose claims do not match the input (other params, other action)', async () => {
    const { token } = await authorize();
    const altered: Action = {
      ...action,
      params: { kind: 'github.comment', repo: 'acme/web', issueNumber: 7, body: 'rm -rf' },
    };
    await expect(execute(altered, token)).rejects.toThrow(/other params/);
    const other: Action = { ...action, actionId: `${action.actionId}9` };
    await expect(execute(other, token)).rejects.toThrow(/is for action/);
    expect(integrations.calls).toHaveLength(0);
    expect(await refusals()).toHaveLength(2);
  });

  it('refuses a forged token: an altered payload, a foreign key, no signature, no token', async () => {
    const { token } = await authorize();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as CapabilityClaims;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString('base64url')}.${signature}`;
    await expect(execute(action, tampered)).rejects.toThrow(/signature does not verify/);

    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const foreignHeader = Buffer.from(
      JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: signer.currentKeyId() }),
    ).toString('base64url');
    const foreign = `${foreignHeader}.${payload}`;
    const forged = `${foreign}.${derToJose(sign('sha256', Buffer.from(foreign), privateKey)).toString('base64url')}`;
    await expect(execute(action, forged)).rejects.toThrow(/signature does not verify/);

    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: signer.currentKeyId() })).toString('base64url')}.${payload}.`;
    await expect(execute(action, none)).rejects.toThrow(/not ES256/);
    await expect(execute(action, undefined)).rejects.toThrow(/no capability token/);
    expect(integrations.calls).toHaveLength(0);
    expect(await refusals()).toHaveLength(4);
  });

  it('keeps tokens signed before a key rotation verifiable, and signs with the new key after it', async () => {
    const before = await authorize();
    const oldKid = signer.currentKeyId();
    const newKid = signer.rotate();
    const after = await authorize();
    expect(JSON.parse(Buffer.from(after.token.split('.')[0]!, 'base64url').toString()).kid).toBe(newKid);
    await execute(action, before.token);
    expect(newKid).not.toBe(oldKid);
    expect(integrations.calls).toHaveLength(1);
  });

  it('holds instead of minting when a kill switch went on after Evaluate, and mints once it is off', async () => {
    await killSwitches.setKillSwitch({ projectId: action.projectId }, true, 'ops', clock.now());

    const held = await authorize().catch((e: unknown) => e);
    await killSwitches.setKillSwitch({ projectId: action.projectId }, false, 'ops', clock.now());

    expect(held).toBeInstanceOf(EffectHeldError);
    expect((held as Error).message).toBe('project kill switch is on (after policy allowed it)');
    expect((await authorize()).token).toEqual(expect.any(String));
    expect((await audit.listChain(action.projectId)).map((e) => e.type)).toEqual(['token.minted']);
  });

  it('refuses to mint for an approval-gated action whose approval is not approved', async () => {
    const approvals = new DynamoDBApprovalStore({ client: db.doc, tableName: db.tableName });
    await expect(
      authorizeAction(
        { action, evaluation: { ...EVALUATION, outcome: 'approve' } },
        { approvals, killSwitches, tokens, audit, clock, ids: ulidIds(clock) },
      ),
    ).rejects.toThrow(/needs an approved approval/);
  });

  it('binds the token to the canonical params digest', () => {
    const claims = claimsFor(action, {
      paramsDigest: paramsDigest(action.params),
      approvalId: null,
      policyVersion: 'v1',
      now: clock.now(),
      jti: 'j',
      seconds: 900,
    });
    expect(claims.exp - claims.iat).toBe(300);
    expect(paramsDigest({ ...action.params })).toBe(claims.params);
  });
});

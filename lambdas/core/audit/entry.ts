import { z } from 'zod';

/** What the audit log records; one chain per project (`global` for global switches). */
export const AuditTypeSchema = z.enum([
  'policy.decision',
  'policy.saved',
  'approval.requested',
  'approval.escalated',
  'approval.vote',
  'approval.decided',
  'approval.expired',
  'token.minted',
  'token.refused',
  'effect.recorded',
  'killswitch.changed',
  'dlq.redriven',
  'api_token.created',
  'api_token.revoked',
  'settings.changed',
  'secrets.changed',
  'member.changed',
  'invite.changed',
  'repos.synced',
  'webhooks.changed',
  'login.succeeded',
  'login.failed',
  'mcp.tool_call',
  'trigger.saved',
  'trigger.switched',
  'trigger.secret_set',
  'trigger.started',
  'integration.health_changed',
]);
export type AuditType = z.infer<typeof AuditTypeSchema>;

/** The chain of the global kill switch, sign-ins and other stage-wide changes (no project). */
export const GLOBAL_CHAIN = 'global';

/** What a caller appends: the log adds the sequence number and the hashes. */
export const AuditInputSchema = z.object({
  chain: z.string().min(1),
  type: AuditTypeSchema,
  at: z.string(),
  /** Who caused it: `trigger:core-loop`, `user:alice`, `function:evaluate`, `cli:bob`. */
  actor: z.string().min(1),
  /** What it is about, e.g. an action id or an approval id. */
  subject: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});
export type AuditInput = z.infer<typeof AuditInputSchema>;

/** One link of a chain: `hash = sha256(prevHash ‖ canonical(entry without hash))`. */
export const AuditEntrySchema = AuditInputSchema.extend({
  seq: z.number().int().positive(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The prevHash of the first entry of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

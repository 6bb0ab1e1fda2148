import { createHash } from 'node:crypto';
import { verifyChain, type ChainVerdict } from '#core/audit/chain.js';
import type { AuditLog } from '#lambdas/ports.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads one audit chain and recomputes it: intact, or the first broken entry and why. */
export async function verifyAudit(chain: string, deps: { audit: AuditLog }): Promise<ChainVerdict> {
  return verifyChain(await deps.audit.listChain(chain), sha256);
}

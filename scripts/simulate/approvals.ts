import { readFileSync } from 'node:fs';
import { verifyAudit } from '#lambdas/app/verify-audit.js';
import type { Product } from '../local/product.js';

/** Applies `--policy FILE` to the demo project before the scenario starts. */
export async function applyPolicy(product: Product, file: string): Promise<void> {
  await product.stack.savePolicySet({
    projectId: product.demo!.projectId,
    text: readFileSync(file, 'utf8'),
    by: 'user:simulator',
    comment: `simulate --policy ${file}`,
  });
}

/** Waits until `expected` approvals are pending (or the deadline passes); returns how many are. */
export async function waitForApprovals(
  product: Product,
  expected: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = (await product.stack.approvals.listPending(product.demo!.projectId)).length;
    if (pending >= expected || Date.now() > deadline) {
      await product.stack.settle();
      return (await product.stack.approvals.listPending(product.demo!.projectId)).length;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Approves every pending approval of the demo project, as the API would for an editor. */
export async function approveAll(product: Product): Promise<number> {
  const { projectId } = product.demo!;
  const pending = await product.stack.approvals.listPending(projectId);
  for (const approval of pending)
    await product.stack.approvals.decide({
      projectId,
      approvalId: approval.approvalId,
      decision: 'approve',
      reason: 'approved by the scenario runner',
      by: { userId: 'simulator', role: 'editor' },
    });
  return pending.length;
}

/** The demo project's audit chain recomputed: true, or what broke. */
export async function auditIntact(product: Product): Promise<true | string> {
  const verdict = await verifyAudit(product.demo!.projectId, { audit: product.stack.actions.stores.audit });
  return verdict.ok ? true : `entry ${verdict.brokenAt}: ${verdict.reason}`;
}

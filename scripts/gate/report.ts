import type { StackVerdict } from './check.js';
import type { Finding } from './template.js';

const TITLES: Record<Finding['rule'], string> = {
  'stateful-deletion': 'DELETES STATEFUL RESOURCE',
  'stateful-replacement': 'REPLACES STATEFUL RESOURCE',
  'retention-weakened': 'WEAKENS RETENTION',
  'iam-widening': 'WIDENS IAM',
  'public-exposure': 'NEW PUBLIC EXPOSURE',
  'no-baseline': 'NO BASELINE',
};

/** Renders the verdicts as a report a reviewer can act on. */
export function formatReport(verdicts: StackVerdict[]): string {
  const lines: string[] = [];
  for (const { stackName, findings, changes } of verdicts) {
    const status = findings.length === 0 ? 'ok' : `${findings.length} finding(s)`;
    lines.push(
      `${stackName}: ${status} (${changes.added.length} added, ${changes.modified.length} modified, ${changes.removed.length} removed)`,
    );
    for (const f of findings) {
      lines.push(`  ✗ ${TITLES[f.rule]}  ${f.logicalId} (${f.type})`);
      if (f.path) lines.push(`      at ${f.path}`);
      lines.push(`      ${f.detail}`);
    }
  }
  const total = verdicts.reduce((n, v) => n + v.findings.length, 0);
  lines.push(
    total === 0
      ? 'gate: passed'
      : `gate: FAILED with ${total} finding(s). If every change above is intended, run \`npm run gate -- --accept\` and commit cdk/baseline/ with a reason.`,
  );
  return lines.join('\n');
}

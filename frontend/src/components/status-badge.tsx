import type { TaskStatus } from '../api/types';

const LABELS: Record<TaskStatus, string> = {
  RECEIVED: 'Received',
  ISSUE_CREATED: 'Issue created',
  PR_CREATED: 'PR open',
  WAITING_CI: 'Waiting for CI',
  DEPLOYED: 'Deployed',
  FAILED: 'Failed',
  NEEDS_REPO: 'Needs repo',
  BLOCKED: 'Blocked',
  AUTO_DISABLED: 'AutoTask off',
  CANCELLED: 'Cancelled',
};

const TONES: Record<TaskStatus, string> = {
  RECEIVED: 'neutral',
  ISSUE_CREATED: 'info',
  PR_CREATED: 'info',
  WAITING_CI: 'warn',
  DEPLOYED: 'good',
  FAILED: 'bad',
  NEEDS_REPO: 'warn',
  BLOCKED: 'warn',
  AUTO_DISABLED: 'neutral',
  CANCELLED: 'neutral',
};

export function statusLabel(status: TaskStatus): string {
  return LABELS[status] ?? status;
}

/** A task status as a coloured pill (colour is never the only cue: the label says it). */
export function StatusBadge({ status }: { status: TaskStatus }) {
  return (
    <span className={`badge badge-${TONES[status] ?? 'neutral'}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}

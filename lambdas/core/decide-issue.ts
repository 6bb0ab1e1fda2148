import { note, type Draft } from './emit.js';
import type { DomainEvent } from './events.js';
import { sameRepo } from './resolve-repo.js';

type IssueEvent = Extract<DomainEvent, { type: 'github.issue' }>;

/** Mirrors the issue being closed or reopened on GitHub (history only: no effects, no stage change). */
export function applyIssueEvent(d: Draft, e: IssueEvent): void {
  const t = d.task;
  const issue = t.issue;
  if (!issue || !sameRepo(e.repo, issue.repo) || e.number !== issue.number) return;
  // Mirroring into issueClosed keeps a replay silent and stops labelling or closing an already closed issue.
  if (e.action === 'closed' && !t.issueClosed) {
    t.issueClosed = true;
    const reason = e.stateReason ? ` (${e.stateReason})` : '';
    note(d, {
      source: 'github',
      kind: 'github.issue_closed',
      message: `Issue #${issue.number} closed on GitHub${reason}`,
      links: [{ label: `Issue #${issue.number}`, url: issue.url }],
    });
  } else if (e.action === 'reopened' && t.issueClosed) {
    t.issueClosed = false;
    note(d, {
      source: 'github',
      kind: 'github.issue_reopened',
      message: `Issue #${issue.number} reopened on GitHub`,
      links: [{ label: `Issue #${issue.number}`, url: issue.url }],
    });
  }
}

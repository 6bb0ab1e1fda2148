import type { DomainEvent } from './events.js';
import { linkedIssueNumber } from './linked-issue.js';
import type { TaskRef } from './refs.js';

/** The GitHub events the worker routes to a task by reference. */
export type GitHubDomainEvent = Extract<
  DomainEvent,
  { type: 'github.pull_request' | 'github.workflow_run' | 'github.issue' }
>;

/** Where to look for an event's task, and under which ref to park it while no task matches yet. */
export interface EventRoute {
  candidates: TaskRef[];
  parkUnder?: TaskRef;
}

/** Routes a GitHub event: PR by PR then linked issue, CI run by merge SHA, issue event by issue. */
export function routeEvent(event: GitHubDomainEvent): EventRoute {
  switch (event.type) {
    case 'github.pull_request': {
      const pr: TaskRef = { kind: 'pr', repo: event.repo, number: event.number };
      const issueNumber = linkedIssueNumber(event.body, event.repo);
      if (issueNumber === undefined) return { candidates: [pr] };
      const issue: TaskRef = { kind: 'issue', repo: event.repo, number: issueNumber };
      return { candidates: [pr, issue], parkUnder: issue };
    }
    case 'github.workflow_run': {
      const sha: TaskRef = { kind: 'sha', repo: event.repo, sha: event.headSha };
      return { candidates: [sha], parkUnder: sha };
    }
    case 'github.issue':
      return { candidates: [{ kind: 'issue', repo: event.repo, number: event.number }] };
  }
}

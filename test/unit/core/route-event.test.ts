import { describe, expect, it } from 'vitest';
import { routeEvent } from '#core/route-event.js';
import { issueEvent, MERGE_SHA, pullRequestEvent, REPO, workflowRunEvent } from '../../helpers/factories.js';

describe('routeEvent', () => {
  it('routes a PR by its number, then by the issue it fixes, and parks it under that issue', () => {
    // Act
    const route = routeEvent(pullRequestEvent({ body: 'Fixes #7' }));

    // Assess
    expect(route).toEqual({
      candidates: [
        { kind: 'pr', repo: REPO, number: 12 },
        { kind: 'issue', repo: REPO, number: 7 },
      ],
      parkUnder: { kind: 'issue', repo: REPO, number: 7 },
    });
  });

  it('routes a PR that links no issue by its number only, without parking', () => {
    expect(routeEvent(pullRequestEvent({ body: 'See #7' }))).toEqual({
      candidates: [{ kind: 'pr', repo: REPO, number: 12 }],
    });
  });

  it('routes a workflow run by its head SHA and parks it there', () => {
    const sha = { kind: 'sha', repo: REPO, sha: MERGE_SHA };

    expect(routeEvent(workflowRunEvent())).toEqual({ candidates: [sha], parkUnder: sha });
  });

  it('routes an issue event by the issue, without parking', () => {
    expect(routeEvent(issueEvent())).toEqual({ candidates: [{ kind: 'issue', repo: REPO, number: 7 }] });
  });
});

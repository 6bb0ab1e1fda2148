import type { Action, EffectResult } from '#core/actions.js';
import type { Integrations } from '#lambdas/ports.js';

/**
 * Performs one effect against GitHub or Asana. Integration errors propagate with their domain
 * names (TransientIntegrationError is retried by the state machine; anything else is recorded).
 */
export async function executeAction(action: Action, integrations: Integrations): Promise<EffectResult> {
  const p = action.params;
  switch (p.kind) {
    case 'github.create_issue': {
      const issues = await integrations.issueTracker(action.projectId);
      // A retry after a lost response must not open a second issue: look for our marker first.
      const existing = await issues.findIssueByMarker(p.repo, p.marker);
      const issue =
        existing ??
        (await issues.createIssue({ repo: p.repo, title: p.title, body: p.body, labels: p.labels }));
      return { issueNumber: issue.number, url: issue.url };
    }
    case 'github.comment':
      await (await integrations.issueTracker(action.projectId)).comment(p.repo, p.issueNumber, p.body);
      return {};
    case 'github.label':
      await (
        await integrations.issueTracker(action.projectId)
      ).setLabels(p.repo, p.issueNumber, { add: p.add, remove: p.remove });
      return {};
    case 'github.close_issue':
      await (await integrations.issueTracker(action.projectId)).closeIssue(p.repo, p.issueNumber, p.reason);
      return {};
    case 'asana.complete_task':
      await (await integrations.workTracker(action.projectId)).completeTask(p.asanaGid);
      return {};
    case 'asana.reopen_task':
      await (await integrations.workTracker(action.projectId)).reopenTask(p.asanaGid);
      return {};
    case 'asana.comment':
      await (await integrations.workTracker(action.projectId)).comment(p.asanaGid, p.text);
      return {};
  }
}

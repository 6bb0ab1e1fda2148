import type { Octokit } from '@octokit/rest';
import type { WorkflowRuns } from '#lambdas/ports.js';
import { translateGitHubError } from './errors.js';
import { splitRepo } from './split-repo.js';

/** GitHub Actions through Octokit: workflow dispatches and approvals of waiting runs. */
export class OctokitWorkflowRuns implements WorkflowRuns {
  constructor(private readonly options: { client: Octokit }) {}

  async dispatch(input: {
    repo: string;
    workflow: string;
    ref: string;
    inputs: Record<string, string | number | boolean>;
  }): Promise<void> {
    const workflowId = /^\d+$/.test(input.workflow) ? Number(input.workflow) : input.workflow;
    try {
      await this.options.client.rest.actions.createWorkflowDispatch({
        ...splitRepo(input.repo),
        workflow_id: workflowId,
        ref: input.ref,
        inputs: input.inputs,
      });
    } catch (error) {
      translateGitHubError(error, `dispatch ${input.workflow} on ${input.ref} in ${input.repo}`);
    }
  }

  async approveRun(repo: string, runId: number): Promise<void> {
    try {
      // Fork PR runs: POST …/approve. GitHub answers 403 for a run that does not wait for approval.
      await this.options.client.rest.actions.approveWorkflowRun({ ...splitRepo(repo), run_id: runId });
    } catch (error) {
      translateGitHubError(error, `approve run ${runId} in ${repo}`);
    }
  }
}

import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.js';
import { parseRunInputs, parseTriggerDefinition } from '#core/triggers/validate.js';

const notifyOnDeployed = {
  name: 'Tell Slack',
  pattern: { on: 'task.status_changed', to: 'DEPLOYED' },
  action: { kind: 'notify', params: { channel: 'slack', text: 'Deployed: {{task.title}} {{issue.url}}' } },
};

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseTriggerDefinition(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
}

describe('parseTriggerDefinition', () => {
  it('accepts a valid definition and fills defaults', () => {
    const d = parseTriggerDefinition(notifyOnDeployed);
    expect(d).toMatchObject({ name: 'Tell Slack', description: '', inputs: [] });
  });

  it('refuses an unknown placeholder, naming it and the event', () => {
    const issues = issuesOf({
      ...notifyOnDeployed,
      action: { kind: 'notify', params: { channel: 'slack', text: '{{run.id}} {{task.secret}}' } },
    });
    expect(issues.map((i) => i.message).join('\n')).toMatch(
      /unknown placeholder \{\{run\.id\}\} for task\.status_changed[\s\S]*unknown placeholder \{\{task\.secret\}\}/,
    );
  });

  it('allows run placeholders on workflow_run.action_required', () => {
    const d = parseTriggerDefinition({
      name: 'Approve agent CI',
      pattern: { on: 'workflow_run.action_required' },
      action: { kind: 'github.approve_workflow_run', params: { repo: '{{run.repo}}', runId: '{{run.id}}' } },
    });
    expect(d.action.kind).toBe('github.approve_workflow_run');
  });

  it('checks the parameters of the kind, naming the field', () => {
    const issues = issuesOf({
      ...notifyOnDeployed,
      action: {
        kind: 'github.workflow_dispatch',
        params: { repo: 'not a repo', workflow: 'd.yml', ref: 'main' },
      },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'action.params.repo', message: 'must be owner/repo' },
        expect.objectContaining({ path: 'action.params.inputs' }),
      ]),
    );
  });

  it('refuses kinds user triggers may not run', () => {
    const issues = issuesOf({ ...notifyOnDeployed, action: { kind: 'github.close_issue', params: {} } });
    expect(issues[0]?.path).toBe('action.kind');
  });

  it('accepts declared inputs as placeholders and refuses undeclared ones', () => {
    const manual = {
      name: 'Deploy',
      pattern: { on: 'manual' },
      inputs: [{ name: 'env', type: 'string', choices: ['staging', 'production'] }],
      action: {
        kind: 'github.workflow_dispatch',
        params: {
          repo: 'acme/web',
          workflow: 'deploy.yml',
          ref: 'main',
          inputs: { env: '{{inputs.env}}' },
          environment: '{{inputs.env}}',
        },
      },
    };
    expect(parseTriggerDefinition(manual).inputs[0]).toMatchObject({ name: 'env', required: true });
    const issues = issuesOf({ ...manual, inputs: [] });
    expect(issues[0]?.message).toMatch(/unknown placeholder \{\{inputs\.env\}\}/);
  });
});

describe('parseRunInputs', () => {
  const inputs = [
    { name: 'env', type: 'string' as const, required: true, choices: ['staging', 'production'] },
    { name: 'dryRun', type: 'boolean' as const, required: false },
  ];

  it('accepts inputs matching the declared ones', () => {
    expect(parseRunInputs(inputs, { env: 'staging' })).toEqual({ env: 'staging' });
  });

  it.each([
    [{}, 'env'],
    [{ env: 'qa' }, 'env'],
    [{ env: 'staging', dryRun: 'yes' }, 'dryRun'],
    [{ env: 'staging', extra: 1 }, '(root)'],
  ])('refuses %j, naming %s', (raw, path) => {
    try {
      parseRunInputs(inputs, raw);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe(path);
    }
  });
});

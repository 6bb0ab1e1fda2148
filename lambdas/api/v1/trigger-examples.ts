/** A manual deploy trigger: one `env` input, a workflow dispatch (the API's documented example). */
export const exampleTriggerDefinition = {
  name: 'Deploy',
  description: 'Dispatch the deploy workflow',
  pattern: { on: 'manual' as const },
  inputs: [{ name: 'env', type: 'string' as const, choices: ['staging', 'production'] }],
  action: {
    kind: 'github.workflow_dispatch' as const,
    params: {
      repo: 'acme/web',
      workflow: 'deploy.yml',
      ref: 'main',
      inputs: { env: '{{inputs.env}}' },
      environment: '{{inputs.env}}',
    },
  },
};

const notifyDefinition = {
  name: 'Tell the team',
  pattern: { on: 'task.status_changed' as const, to: 'DEPLOYED' as const },
  action: { kind: 'notify' as const, params: { channel: 'slack', text: '{{task.title}} is live' } },
};

/** Request bodies the trigger operations' validators and the document must both accept, and both reject. */
export const triggerBodyExamples = {
  create: {
    valid: [
      { id: 'deploy', definition: exampleTriggerDefinition, secret: 'hmac-secret-1' },
      { id: 'tell-team', definition: notifyDefinition, enabled: false },
    ],
    invalid: [
      {},
      { id: 'Deploy Now', definition: exampleTriggerDefinition },
      { id: 'deploy', definition: { ...exampleTriggerDefinition, pattern: { on: 'sometimes' } } },
      { id: 'deploy', definition: exampleTriggerDefinition, secret: 'short' },
      { id: 'deploy', definition: exampleTriggerDefinition, extra: 1 },
    ],
  },
  version: {
    valid: [{ baseVersion: 1, definition: { ...exampleTriggerDefinition, name: 'Deploy (v2)' } }],
    invalid: [
      { definition: exampleTriggerDefinition },
      { baseVersion: 0, definition: exampleTriggerDefinition },
      { baseVersion: 1 },
      { baseVersion: 1, definition: { ...exampleTriggerDefinition, name: '' } },
    ],
  },
  switch: {
    valid: [{ enabled: false }, { enabled: true }],
    invalid: [{}, { enabled: 'no' }, { enabled: true, extra: 1 }],
  },
  start: {
    valid: [{ inputs: { env: 'staging' } }, {}],
    invalid: [{ inputs: 'staging' }, { taskId: 'not a task!' }, { inputs: {}, extra: 1 }],
  },
};

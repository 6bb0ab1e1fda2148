import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../lib/constructs/autoflow-function.js';
import { removeOutputs, synthStage, type SynthesizedStage } from './synth-stage.js';

let staging: SynthesizedStage;

beforeAll(() => {
  staging = synthStage('staging');
});

afterAll(() => removeOutputs(staging));

/** The dashboard body with its tokens flattened, as CloudWatch will read it. */
function body(): string {
  const dashboard = Object.values(staging.template.findResources('AWS::CloudWatch::Dashboard'))[0];
  const source = dashboard?.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  return source['Fn::Join'][1]
    .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
    .join('');
}

describe('OpsDashboard', () => {
  it('creates one dashboard per stage, named for it', () => {
    staging.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    staging.template.hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: 'autoflow-staging',
    });
  });

  it('shows the alarms, the webhooks, both queues, every function and the state machine', () => {
    const text = body();

    for (const title of [
      'Alarms',
      'Webhooks: requests and errors',
      'Webhooks: rejected signatures',
      'Ingest queue: depth and age of oldest (s)',
      'Dead-letter queue: depth',
      'Functions: errors and throttles',
      'Functions: duration p95 (ms)',
      'State machine ActionStateMachine: executions',
    ]) {
      expect(text).toContain(`"title":"${title}"`);
    }
    for (const handler of HANDLERS) expect(text).toContain(`${handler} errors`);
    expect(text).toContain('ExecutionsFailed');
  });
});

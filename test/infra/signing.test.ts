import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../lambdas/adapters/aws/schema.js';
import {
  flatten,
  functionsOf,
  logicalIdOf,
  removeOutputs,
  statementsOfRole,
  synthStage,
  type Statement,
  type SynthesizedStage,
} from './synth-stage.js';

let staging: SynthesizedStage;
beforeAll(() => {
  staging = synthStage('staging');
});
afterAll(() => removeOutputs(staging));

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** Functions whose role allows an action (on any resource). */
function holders(action: string | RegExp, resource?: RegExp): string[] {
  return Object.entries(functionsOf(staging.stack))
    .filter(([, fn]) =>
      statementsOfRole(staging.template, logicalIdOf(fn.role)).some(
        (s) =>
          actionsOf(s).some((a) => (typeof action === 'string' ? a === action : action.test(a))) &&
          (!resource ||
            [s.Resource]
              .flat()
              .map(flatten)
              .some((r) => resource.test(r))),
      ),
    )
    .map(([name]) => name)
    .sort();
}

describe('Signing', () => {
  it('is an asymmetric P-256 signing key behind a per-stage alias', () => {
    staging.template.hasResourceProperties('AWS::KMS::Key', {
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
    });
    staging.template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/autoflow/staging/signing',
      TargetKeyId: { 'Fn::GetAtt': [logicalIdOf(staging.stack.signing.key), 'Arn'] },
    });
  });

  it('lets only Authorize kms:Sign, and only with the signing key', () => {
    expect(holders('kms:Sign')).toEqual(['authorize']);
    const role = logicalIdOf(staging.stack.pipeline.authorize.role);
    const sign = statementsOfRole(staging.template, role).filter((s) => actionsOf(s).includes('kms:Sign'));
    expect(sign.map((s) => [s.Action, flatten(s.Resource)])).toEqual([
      ['kms:Sign', `<${logicalIdOf(staging.stack.signing.key)}.Arn>`],
    ]);
  });

  it('lets only Execute read the public keys it verifies tokens with', () => {
    expect(holders('kms:GetPublicKey')).toEqual(['execute']);
  });

  it('tells Authorize the alias and Execute every key it accepts', () => {
    const functions = staging.template.findResources('AWS::Lambda::Function');
    const env = (fn: { function: object }) =>
      functions[logicalIdOf(fn.function as never)]?.Properties.Environment.Variables as Record<
        string,
        unknown
      >;
    expect(env(staging.stack.pipeline.authorize)[ENV.signingKeyId]).toBe('alias/autoflow/staging/signing');
    expect(flatten(env(staging.stack.pipeline.execute)[ENV.verifyingKeyArns])).toBe(
      `<${logicalIdOf(staging.stack.signing.key)}.Arn>`,
    );
  });

  it('lets only Execute write with integration tokens; the others holding them only read GitHub/Asana', () => {
    // The worker fetches Asana snapshots and the reconciler's Repair reads GitHub/Asana state; neither can
    // sign, so neither can perform an effect: every write goes through Execute with a capability token.
    // The console API is the exception by design: people's own requests (create an Asana task, sync the Repo
    // options) use the project's Asana token directly, role-checked, and it cannot sign either.
    const readers = holders('secretsmanager:GetSecretValue', /\/tokens\*$/);
    expect(readers).toContain('execute');
    expect(
      readers.filter((n) => !['execute', 'worker', 'api'].includes(n) && !n.startsWith('repair')),
    ).toEqual([]);
    expect(holders('kms:Sign')).not.toContain('api');
    expect(holders('kms:Sign')).not.toContain('worker');
  });
});

import { describe, expect, it } from 'vitest';
import { ApiFunctionEnvSchema } from '#lambdas/config/api-env.js';
import * as awsEnv from '#lambdas/config/aws-env.js';
import { NotifierEnvSchema } from '#lambdas/config/notifier-env.js';
import { LAMBDA_ENV } from '../../../scripts/bench/bundles.js';

describe('the bundle bench environment', () => {
  it('satisfies every function environment schema, so each bundle can initialise', () => {
    const schemas = { ...awsEnv, ApiFunctionEnvSchema, NotifierEnvSchema };
    const problems = Object.entries(schemas).flatMap(([name, schema]) => {
      const result = schema.safeParse(LAMBDA_ENV);
      return result.success
        ? []
        : [`${name}: ${result.error.issues.map((i) => i.path.join('.')).join(', ')}`];
    });
    expect(problems).toEqual([]);
  });
});

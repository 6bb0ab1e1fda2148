import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', '.autoflow', 'frontend/dist', 'dist', 'coverage'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core is pure: no SDKs, no I/O, no environment, clock or randomness.
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@aws-sdk/*',
                'aws-lambda',
                'aws-cdk-lib',
                'aws-cdk-lib/*',
                '@octokit/*',
                'asana',
                'dynalite',
              ],
              message: 'lambdas/core is pure: use a port.',
            },
            {
              group: [
                'node:fs',
                'fs',
                'node:http',
                'http',
                'node:https',
                'https',
                'node:net',
                'node:child_process',
                'node:crypto',
                'crypto',
              ],
              message: 'lambdas/core is pure: use a port.',
            },
            {
              group: ['#adapters/*', '../adapters/*', '#handlers/*'],
              message: 'lambdas/core may not depend on adapters or handlers.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'lambdas/core never reads process.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the Clock port.' },
        { object: 'Math', property: 'random', message: 'Use the Ids port.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the Clock port.' },
      ],
    },
  },
);

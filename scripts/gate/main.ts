import { readBaseline, writeBaseline, normaliseTemplate } from './baseline.js';
import { checkStack } from './check.js';
import { formatReport } from './report.js';
import { synthesizeStacks } from './synth.js';

/**
 * `npm run gate`: synthesizes both stages and fails on destructive, widening or exposing changes
 * against cdk/baseline/; `npm run gate -- --accept` makes the current templates the baseline.
 */
const accept = process.argv.includes('--accept');
const templates = synthesizeStacks();

if (accept) {
  for (const [stackName, template] of templates)
    console.log(`accepted ${writeBaseline(stackName, template)}`);
} else {
  const verdicts = [...templates].map(([stackName, template]) => {
    const baseline = readBaseline(stackName);
    if (!baseline) {
      return {
        stackName,
        findings: [
          {
            rule: 'no-baseline' as const,
            logicalId: stackName,
            type: 'AWS::CloudFormation::Stack',
            detail: 'has no baseline in cdk/baseline/: run `npm run gate -- --accept` to create one',
          },
        ],
        changes: { added: [], modified: [], removed: [] },
      };
    }
    return checkStack(stackName, baseline, normaliseTemplate(template));
  });
  console.log(formatReport(verdicts));
  if (verdicts.some((v) => v.findings.length > 0)) process.exitCode = 1;
}

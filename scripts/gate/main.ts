import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { normaliseTemplate, readBaseline, writeBaseline } from './baseline.js';
import { checkStack, type StackVerdict } from './check.js';
import { hasAwsCredentials, resolveReferences, type Reference } from './deployed.js';
import { formatReport } from './report.js';
import { synthesizeStacks } from './synth.js';

/**
 * `npm run gate`: synthesizes both stages and fails on destructive, widening or exposing changes
 * against what is deployed (when AWS credentials are present and the stack exists) or else against
 * cdk/baseline/. `-- --baseline` always uses the baseline; `-- --deployed` insists on credentials;
 * `-- --accept` makes the current templates the baseline.
 */
const args = new Set(process.argv.slice(2));
const templates = synthesizeStacks();

function verdictOf(
  stackName: string,
  reference: Reference,
  current: ReturnType<typeof normaliseTemplate>,
): StackVerdict {
  if (!reference.template)
    return {
      stackName,
      findings: [
        {
          rule: 'no-baseline',
          logicalId: stackName,
          type: 'AWS::CloudFormation::Stack',
          detail: 'has no baseline in cdk/baseline/: run `npm run gate -- --accept` to create one',
        },
      ],
      changes: { added: [], modified: [], removed: [] },
    };
  return checkStack(stackName, normaliseTemplate(reference.template), current);
}

async function main(): Promise<void> {
  if (args.has('--accept')) {
    for (const [stackName, template] of templates)
      console.log(`accepted ${writeBaseline(stackName, template)}`);
    return;
  }
  const useDeployed = !args.has('--baseline') && (args.has('--deployed') || hasAwsCredentials());
  if (args.has('--deployed') && !hasAwsCredentials())
    throw new Error(
      '--deployed needs AWS credentials (keys, AWS_PROFILE or a web identity) in the environment',
    );
  const references = await resolveReferences([...templates.keys()], {
    readBaseline: (stackName) => readBaseline(stackName),
    client: useDeployed ? new CloudFormationClient({}) : undefined,
  });
  const verdicts = [...templates].map(([stackName, template]) => {
    const reference = references.get(stackName)!;
    const against =
      reference.source === 'deployed'
        ? 'the deployed stack'
        : `cdk/baseline${reference.reason ? ` (${reference.reason})` : ''}`;
    console.log(`${stackName}: compared with ${against}`);
    return verdictOf(stackName, reference, normaliseTemplate(template));
  });
  console.log(formatReport(verdicts));
  if (verdicts.some((v) => v.findings.length > 0)) process.exitCode = 1;
}

await main();

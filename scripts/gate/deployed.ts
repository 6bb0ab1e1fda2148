import { GetTemplateCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { parse } from 'yaml';
import type { CfnTemplate } from './template.js';

/** What the gate compares a stack against, and why. */
export type Reference =
  | { source: 'deployed'; template: CfnTemplate }
  | { source: 'baseline'; template: CfnTemplate | undefined; reason?: string };

/**
 * True when the environment carries AWS credentials the SDK would use (keys, a profile, a web
 * identity from CI's OIDC, or a container role), so the gate can ask CloudFormation what is deployed.
 */
export function hasAwsCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(
    (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) ||
    env.AWS_PROFILE ||
    env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI,
  );
}

/** The template CloudFormation last deployed for a stack (as submitted), or undefined when it has none. */
export async function readDeployedTemplate(
  client: CloudFormationClient,
  stackName: string,
): Promise<CfnTemplate | undefined> {
  try {
    const { TemplateBody } = await client.send(
      new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }),
    );
    // CDK submits JSON; YAML is a superset, so a hand-edited YAML template parses as well.
    return TemplateBody ? (parse(TemplateBody) as CfnTemplate) : undefined;
  } catch (error) {
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message))
      return undefined;
    throw error;
  }
}

/**
 * The reference of each stack: the deployed template when credentials are present and the stack
 * exists (what `cdk deploy` would change), else the committed baseline. Any other AWS error (access
 * denied, throttling) fails the gate rather than silently comparing against something else.
 */
export async function resolveReferences(
  stackNames: readonly string[],
  options: {
    readBaseline: (stackName: string) => CfnTemplate | undefined;
    client?: CloudFormationClient | undefined;
  },
): Promise<Map<string, Reference>> {
  const references = new Map<string, Reference>();
  for (const stackName of stackNames) {
    const deployed = options.client ? await readDeployedTemplate(options.client, stackName) : undefined;
    references.set(
      stackName,
      deployed
        ? { source: 'deployed', template: deployed }
        : {
            source: 'baseline',
            template: options.readBaseline(stackName),
            ...(options.client ? { reason: 'not deployed in this account and region' } : {}),
          },
    );
  }
  return references;
}

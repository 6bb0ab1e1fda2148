import { listOf, resourcesOf, textOf, type CfnStatement, type CfnTemplate } from './template.js';

/** The grants of one IAM principal (a role, user or group), as `action on resource [when condition]`. */
export type GrantsByPrincipal = Map<string, { logicalId: string; grants: Set<string> }>;

/** A resource policy statement with what it is attached to. */
export interface ResourcePolicyStatement {
  readonly logicalId: string;
  /** The protected resource, as text (`<QueueLogicalId>`, an ARN…). */
  readonly target: string;
  readonly statement: CfnStatement;
}

const allows = (statements: unknown): CfnStatement[] =>
  listOf(statements).filter((s): s is CfnStatement => (s as CfnStatement).Effect === 'Allow');

const documentStatements = (document: unknown): unknown =>
  (document as { Statement?: unknown } | undefined)?.Statement;

/** Expands a statement to one grant per action and resource. */
export function grantsOf(statement: CfnStatement): string[] {
  const actions = [
    ...listOf(statement.Action).map(textOf),
    ...listOf(statement.NotAction).map((a) => `everything but ${textOf(a)}`),
  ];
  const resources = listOf(statement.Resource ?? '*').map(textOf);
  const when = statement.Condition === undefined ? '' : ` when ${JSON.stringify(statement.Condition)}`;
  return actions.flatMap((action) => resources.map((resource) => `${action} on ${resource}${when}`));
}

/**
 * Actions AWS offers only on `Resource: *` (X-Ray, log delivery of Step Functions, CloudFront
 * invalidations): `*` there is the narrowest grant possible, not a widening.
 */
const STAR_ONLY_ACTIONS =
  /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:((Create|Get|Update|Delete)LogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)|cloudfront:(CreateInvalidation|GetInvalidation))$/;

/** Whether a grant names `*` in its action or is on every resource (except actions that only exist on `*`). */
export const isWildcardGrant = (grant: string): boolean => {
  const [action = '', rest = ''] = grant.split(' on ');
  if (action.includes('*') || action.startsWith('everything but')) return true;
  return rest.split(' when ')[0] === '*' && !STAR_ONLY_ACTIONS.test(action);
};

/** Every identity-based grant of a template, keyed by the principal it is attached to. */
export function grantsByPrincipal(template: CfnTemplate): GrantsByPrincipal {
  const byPrincipal: GrantsByPrincipal = new Map();
  const add = (principal: unknown, grants: string[]) => {
    const key = textOf(principal);
    const logicalId = key.replace(/^<|>$/g, '');
    const entry = byPrincipal.get(key) ?? { logicalId, grants: new Set<string>() };
    grants.forEach((g) => entry.grants.add(g));
    byPrincipal.set(key, entry);
  };
  for (const [id, resource] of Object.entries(resourcesOf(template))) {
    const p = resource.Properties ?? {};
    if (resource.Type === 'AWS::IAM::Role') {
      add({ Ref: id }, [
        ...listOf(p.Policies).flatMap((policy) =>
          allows(documentStatements((policy as { PolicyDocument?: unknown }).PolicyDocument)).flatMap(
            grantsOf,
          ),
        ),
        ...listOf(p.ManagedPolicyArns).map((arn) => `managed policy ${textOf(arn)}`),
      ]);
    }
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      const grants = allows(documentStatements(p.PolicyDocument)).flatMap(grantsOf);
      for (const holder of [...listOf(p.Roles), ...listOf(p.Users), ...listOf(p.Groups)]) add(holder, grants);
    }
  }
  return byPrincipal;
}

/** The principals a role trusts, by role logical id. */
export function trustedPrincipals(template: CfnTemplate): Map<string, Set<string>> {
  const trusts = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resourcesOf(template))) {
    if (resource.Type !== 'AWS::IAM::Role') continue;
    const statements = allows(documentStatements(resource.Properties?.AssumeRolePolicyDocument));
    trusts.set(id, new Set(statements.flatMap((s) => principalsOf(s.Principal))));
  }
  return trusts;
}

/** A statement's principals as `Kind:value` texts; a bare `*` is `*`. */
export function principalsOf(principal: unknown): string[] {
  if (principal === undefined) return [];
  if (typeof principal === 'string') return [principal];
  if (typeof principal !== 'object' || principal === null) return [textOf(principal)];
  return Object.entries(principal).flatMap(([kind, values]) =>
    listOf(values).map((v) => `${kind}:${textOf(v)}`),
  );
}

/** Whether a principal text means everyone. */
export const isEveryone = (principal: string): boolean => principal === '*' || principal === 'AWS:*';

const lambdaPrincipal = (principal: string): unknown =>
  principal === '*' ? '*' : /\.amazonaws\.com$/.test(principal) ? { Service: principal } : { AWS: principal };

const RESOURCE_POLICIES: Record<string, { document: string; targets: string }> = {
  'AWS::SQS::QueuePolicy': { document: 'PolicyDocument', targets: 'Queues' },
  'AWS::SNS::TopicPolicy': { document: 'PolicyDocument', targets: 'Topics' },
  'AWS::S3::BucketPolicy': { document: 'PolicyDocument', targets: 'Bucket' },
  'AWS::SecretsManager::ResourcePolicy': { document: 'ResourcePolicy', targets: 'SecretId' },
};

/** Every Allow statement of a resource-based policy (queues, topics, buckets, secrets, keys, Lambda permissions). */
export function resourcePolicyStatements(template: CfnTemplate): ResourcePolicyStatement[] {
  return Object.entries(resourcesOf(template)).flatMap(([logicalId, resource]) => {
    const p = resource.Properties ?? {};
    if (resource.Type === 'AWS::KMS::Key') {
      return allows(documentStatements(p.KeyPolicy)).map((statement) => ({
        logicalId,
        target: `<${logicalId}>`,
        statement,
      }));
    }
    if (resource.Type === 'AWS::Lambda::Permission') {
      const statement: CfnStatement = {
        Effect: 'Allow',
        Action: textOf(p.Action),
        Principal: lambdaPrincipal(textOf(p.Principal)),
        ...(p.SourceArn || p.SourceAccount
          ? { Condition: { SourceArn: p.SourceArn, SourceAccount: p.SourceAccount } }
          : {}),
      };
      return [{ logicalId, target: textOf(p.FunctionName), statement }];
    }
    const shape = RESOURCE_POLICIES[resource.Type];
    if (!shape) return [];
    const statements = allows(documentStatements(p[shape.document]));
    return listOf(p[shape.targets]).flatMap((target) =>
      statements.map((statement) => ({ logicalId, target: textOf(target), statement })),
    );
  });
}

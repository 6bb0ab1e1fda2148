import { isEveryone, principalsOf, resourcePolicyStatements } from './policies.js';
import {
  finding,
  listOf,
  resourcesOf,
  textOf,
  type CfnResource,
  type CfnTemplate,
  type Finding,
} from './template.js';

const BLOCK_ALL = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

const blocksAll = (bucket: CfnResource | undefined): boolean => {
  const config = bucket?.Properties?.PublicAccessBlockConfiguration as Record<string, unknown> | undefined;
  return BLOCK_ALL.every((flag) => config?.[flag] === true);
};

/** Unauthenticated entry points of a template, as `kind key` texts mapped to their logical id. */
function entryPoints(template: CfnTemplate): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [id, r] of Object.entries(resourcesOf(template))) {
    const p = r.Properties ?? {};
    const open = (type: unknown) => type === undefined || type === 'NONE';
    if (r.Type === 'AWS::ApiGatewayV2::Route' && open(p.AuthorizationType)) {
      entries.set(`route ${textOf(p.RouteKey)} on ${textOf(p.ApiId)}`, id);
    }
    if (r.Type === 'AWS::ApiGateway::Method' && open(p.AuthorizationType)) {
      entries.set(`method ${textOf(p.HttpMethod)} ${textOf(p.ResourceId)} on ${textOf(p.RestApiId)}`, id);
    }
    if (r.Type === 'AWS::Lambda::Url' && p.AuthType === 'NONE')
      entries.set(`function URL of ${textOf(p.TargetFunctionArn)}`, id);
    if (r.Type === 'AWS::CloudFront::Distribution') {
      const config = (p.DistributionConfig ?? {}) as { Origins?: { DomainName?: unknown }[] };
      entries.set(`CloudFront distribution ${id}`, id);
      for (const origin of listOf(config.Origins) as { DomainName?: unknown }[]) {
        entries.set(`CloudFront ${id} serves origin ${textOf(origin.DomainName)}`, id);
      }
    }
  }
  return entries;
}

/** Resource policy statements open to everyone without a condition, as texts mapped to their logical id. */
function everyoneStatements(template: CfnTemplate): Map<string, string> {
  const open = new Map<string, string>();
  for (const { logicalId, target, statement } of resourcePolicyStatements(template)) {
    if (statement.Condition !== undefined || !principalsOf(statement.Principal).some(isEveryone)) continue;
    open.set(`${listOf(statement.Action).map(textOf).join(', ')} on ${target} for everyone`, logicalId);
  }
  return open;
}

/** New public exposure: entry points without authentication, public buckets, resource policies open to everyone. */
export function checkExposure(baseline: CfnTemplate, current: CfnTemplate): Finding[] {
  const now = resourcesOf(current);
  const before = resourcesOf(baseline);
  const fresh = (collect: (t: CfnTemplate) => Map<string, string>, detail: (key: string) => string) => {
    const had = collect(baseline);
    return [...collect(current)]
      .filter(([key]) => !had.has(key))
      .map(([key, id]) => finding('public-exposure', id, now[id] ?? { Type: 'Unknown' }, detail(key)));
  };
  const buckets = Object.entries(now)
    .filter(
      ([id, r]) => r.Type === 'AWS::S3::Bucket' && !blocksAll(r) && (!before[id] || blocksAll(before[id])),
    )
    .map(([id, r]) => finding('public-exposure', id, r, 'does not block all public access'));
  return [
    ...fresh(entryPoints, (key) => `new unauthenticated ${key}`),
    ...fresh(everyoneStatements, (key) => `new public access: ${key}`),
    ...buckets,
  ];
}

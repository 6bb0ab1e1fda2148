import {
  grantsByPrincipal,
  isWildcardGrant,
  principalsOf,
  resourcePolicyStatements,
  trustedPrincipals,
} from './policies.js';
import { resourcesOf, type CfnResource, type CfnTemplate, type Finding } from './template.js';

const list = (items: string[]): string => items.map((i) => `\n      + ${i}`).join('');

function at(current: CfnTemplate, logicalId: string): CfnResource {
  return resourcesOf(current)[logicalId] ?? { Type: 'AWS::IAM::Role' };
}

function widerGrants(baseline: CfnTemplate, current: CfnTemplate): Finding[] {
  const before = grantsByPrincipal(baseline);
  return [...grantsByPrincipal(current)].flatMap(([key, { logicalId, grants }]) => {
    const had = before.get(key)?.grants;
    const added = [...grants].filter((g) => !had?.has(g));
    // A new principal is reviewed with its construct; only its wildcards need a deliberate accept.
    const flagged = had ? added : added.filter(isWildcardGrant);
    if (flagged.length === 0) return [];
    const what = had ? 'gains' : 'is new and has wildcard grants';
    const resource = at(current, logicalId);
    return [
      {
        rule: 'iam-widening',
        logicalId,
        type: resource.Type,
        detail: `${what}:${list(flagged)}`,
        ...pathPart(resource),
      },
    ];
  });
}

const pathPart = (resource: CfnResource) => {
  const path = resource.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? { path } : {};
};

function widerTrust(baseline: CfnTemplate, current: CfnTemplate): Finding[] {
  const before = trustedPrincipals(baseline);
  return [...trustedPrincipals(current)].flatMap(([logicalId, principals]) => {
    const had = before.get(logicalId);
    const added = had ? [...principals].filter((p) => !had.has(p)) : [];
    if (added.length === 0) return [];
    const resource = at(current, logicalId);
    return [
      {
        rule: 'iam-widening',
        logicalId,
        type: resource.Type,
        detail: `trusts new principals:${list(added)}`,
        ...pathPart(resource),
      },
    ];
  });
}

function widerResourcePolicies(baseline: CfnTemplate, current: CfnTemplate): Finding[] {
  const before = new Map<string, Set<string>>();
  for (const { target, statement } of resourcePolicyStatements(baseline)) {
    const principals = before.get(target) ?? new Set<string>();
    principalsOf(statement.Principal).forEach((p) => principals.add(p));
    before.set(target, principals);
  }
  const added = new Map<string, { logicalId: string; principals: Set<string> }>();
  for (const { logicalId, target, statement } of resourcePolicyStatements(current)) {
    const had = before.get(target);
    if (!had) continue; // a new resource's policy is reviewed with it; public ones are caught as exposure
    for (const principal of principalsOf(statement.Principal).filter((p) => !had.has(p))) {
      const entry = added.get(target) ?? { logicalId, principals: new Set<string>() };
      entry.principals.add(principal);
      added.set(target, entry);
    }
  }
  return [...added].map(([target, { logicalId, principals }]) => {
    const resource = at(current, logicalId);
    return {
      rule: 'iam-widening' as const,
      logicalId,
      type: resource.Type,
      detail: `resource policy on ${target} admits new principals:${list([...principals])}`,
      ...pathPart(resource),
    };
  });
}

/**
 * IAM widening: new grants on an existing principal, new wildcard grants anywhere, new trusted
 * principals of an existing role, and new principals in the resource policy of an existing resource.
 */
export function checkIam(baseline: CfnTemplate, current: CfnTemplate): Finding[] {
  return [
    ...widerGrants(baseline, current),
    ...widerTrust(baseline, current),
    ...widerResourcePolicies(baseline, current),
  ];
}

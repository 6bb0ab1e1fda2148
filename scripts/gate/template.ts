/** A CloudFormation template as CDK synthesizes it, reduced to what the gate reads. */
export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
  [key: string]: unknown;
}

/** One resource of a template. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, unknown>;
}

/** A policy statement in template form: tokens (`Ref`, `Fn::GetAtt`, `Fn::Join`) left unresolved. */
export interface CfnStatement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

/** What the gate found wrong with one resource. */
export interface Finding {
  readonly rule:
    | 'stateful-replacement'
    | 'stateful-deletion'
    | 'retention-weakened'
    | 'iam-widening'
    | 'public-exposure'
    | 'no-baseline';
  readonly logicalId: string;
  readonly type: string;
  /** The construct path (`aws:cdk:path`), when CDK recorded one. */
  readonly path?: string;
  readonly detail: string;
}

/** The resources of a template, never undefined. */
export const resourcesOf = (template: CfnTemplate): Record<string, CfnResource> => template.Resources ?? {};

/** Normalises a string-or-list field of a policy statement to a list. */
export const listOf = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Flattens a CloudFormation value to readable text: `Fn::Join` joined, `Ref`/`Fn::GetAtt` as
 * `<Id>`/`<Id.Attr>`, anything else as JSON. Two values are the same grant iff their texts are equal.
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const node = value as Record<string, unknown>;
    if ('Fn::Join' in node) {
      const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map(textOf).join(delimiter);
    }
    if ('Ref' in node) return `<${String(node.Ref)}>`;
    if ('Fn::GetAtt' in node) return `<${listOf(node['Fn::GetAtt']).map(String).join('.')}>`;
  }
  return JSON.stringify(value);
}

/** The construct path of a resource, for the report. */
export function pathOf(resource: CfnResource | undefined): string | undefined {
  const path = resource?.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path : undefined;
}

/** Builds a finding about one resource of the current (or, for deletions, the baseline) template. */
export function finding(
  rule: Finding['rule'],
  logicalId: string,
  resource: CfnResource,
  detail: string,
): Finding {
  const path = pathOf(resource);
  return { rule, logicalId, type: resource.Type, detail, ...(path ? { path } : {}) };
}

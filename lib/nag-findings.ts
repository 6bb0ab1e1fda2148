import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

type Cfn = string | { [key: string]: unknown } | unknown[];

function flatten(node: Cfn | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (Array.isArray(node)) return JSON.stringify(node);
  if ('Fn::Join' in node) {
    const [delimiter, items] = node['Fn::Join'] as [string, Cfn[]];
    return items.map(flatten).join(delimiter);
  }
  if ('Fn::GetAtt' in node) {
    const [resource, attribute] = node['Fn::GetAtt'] as [string, string];
    return `<${resource}.${attribute}>`;
  }
  if ('Ref' in node) return `<${String(node.Ref)}>`;
  return JSON.stringify(node);
}

/**
 * The id cdk-nag gives an IAM5 finding for a wildcard resource, e.g.
 * `AwsSolutions-IAM5[Resource::<DataMainTable1234.Arn>/index/*]`: tokens are resolved in the
 * construct's stack and flattened the way cdk-nag flattens them, so each acknowledgement names
 * exactly one resource pattern rather than every wildcard on the construct.
 */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(resource) as Cfn)}]`;
}

/** The id cdk-nag gives an IAM5 finding for a wildcard action, e.g. `AwsSolutions-IAM5[Action::kms:GenerateDataKey*]`. */
export function wildcardActionFinding(action: string): string {
  return `AwsSolutions-IAM5[Action::${action}]`;
}

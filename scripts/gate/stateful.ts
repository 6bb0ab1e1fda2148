import {
  finding,
  resourcesOf,
  textOf,
  type CfnResource,
  type CfnTemplate,
  type Finding,
} from './template.js';

/**
 * Resource types that hold data, with the properties whose change makes CloudFormation replace
 * the resource (a new, empty one) rather than update it in place.
 */
export const STATEFUL_TYPES: Record<string, readonly string[]> = {
  'AWS::DynamoDB::Table': ['TableName', 'KeySchema', 'LocalSecondaryIndexes'],
  'AWS::DynamoDB::GlobalTable': ['TableName', 'KeySchema', 'LocalSecondaryIndexes'],
  'AWS::KMS::Key': ['KeySpec', 'KeyUsage', 'MultiRegion'],
  'AWS::SQS::Queue': ['QueueName', 'FifoQueue'],
  'AWS::SNS::Topic': ['TopicName', 'FifoTopic'],
  'AWS::S3::Bucket': ['BucketName', 'ObjectLockEnabled'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
};

/** Log groups count as stateful only when they outlive their stack (Prod keeps its logs for a year). */
const isStateful = (resource: CfnResource): boolean =>
  resource.Type in STATEFUL_TYPES &&
  (resource.Type !== 'AWS::Logs::LogGroup' || resource.DeletionPolicy === 'Retain');

/** Key attributes' types: changing `pk` from S to N also replaces a table. */
function keyAttributeTypes(resource: CfnResource): string {
  const properties = resource.Properties ?? {};
  const indexes = (properties.LocalSecondaryIndexes as { KeySchema?: unknown }[] | undefined) ?? [];
  const keyNames = new Set(
    [properties.KeySchema, ...indexes.map((index) => index.KeySchema)]
      .flatMap((schema) => (Array.isArray(schema) ? (schema as { AttributeName?: string }[]) : []))
      .map((key) => key.AttributeName),
  );
  const definitions =
    (properties.AttributeDefinitions as { AttributeName: string; AttributeType: string }[]) ?? [];
  return definitions
    .filter((d) => keyNames.has(d.AttributeName))
    .map((d) => `${d.AttributeName}:${d.AttributeType}`)
    .sort()
    .join(',');
}

function replacementReasons(before: CfnResource, after: CfnResource): string[] {
  if (before.Type !== after.Type) return [`type changes from ${before.Type} to ${after.Type}`];
  const reasons = (STATEFUL_TYPES[before.Type] ?? [])
    .filter((p) => textOf(before.Properties?.[p]) !== textOf(after.Properties?.[p]))
    .map((p) => `${p} changes from ${textOf(before.Properties?.[p])} to ${textOf(after.Properties?.[p])}`);
  if (before.Type.startsWith('AWS::DynamoDB::') && keyAttributeTypes(before) !== keyAttributeTypes(after)) {
    reasons.push(
      `key attribute types change from ${keyAttributeTypes(before)} to ${keyAttributeTypes(after)}`,
    );
  }
  return reasons;
}

function weakenedRetention(before: CfnResource, after: CfnResource): string[] {
  const reasons: string[] = [];
  if (before.DeletionPolicy === 'Retain' && after.DeletionPolicy !== 'Retain') {
    reasons.push(`DeletionPolicy changes from Retain to ${after.DeletionPolicy ?? 'Delete'}`);
  }
  if (
    before.Properties?.DeletionProtectionEnabled === true &&
    after.Properties?.DeletionProtectionEnabled !== true
  ) {
    reasons.push('deletion protection is turned off');
  }
  return reasons;
}

/** Stateful resources that the change would delete, replace, or stop retaining. */
export function checkStateful(baseline: CfnTemplate, current: CfnTemplate): Finding[] {
  const now = resourcesOf(current);
  return Object.entries(resourcesOf(baseline))
    .filter(([, before]) => isStateful(before))
    .flatMap(([id, before]) => {
      const after = now[id];
      if (!after) {
        return [
          finding(
            'stateful-deletion',
            id,
            before,
            'is removed (or its logical id changed): its data would be deleted',
          ),
        ];
      }
      return [
        ...replacementReasons(before, after).map((r) =>
          finding('stateful-replacement', id, after, `would be replaced: ${r}`),
        ),
        ...weakenedRetention(before, after).map((r) => finding('retention-weakened', id, after, r)),
      ];
    });
}

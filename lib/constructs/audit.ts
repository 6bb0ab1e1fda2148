import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, Grant, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AUDIT_TABLE } from '../../lambdas/adapters/aws/schema.js';
import type { AutoflowFunction } from './autoflow-function.js';

/** Props of the audit log. */
export interface AuditProps {
  /** The stage's data key (encrypts the table). */
  readonly key: IKey;
  /** Retain and deletion-protect the table (Prod). */
  readonly retain: boolean;
}

/** The only DynamoDB actions an appender gets: read the chain head, put the next entry. */
export const AUDIT_APPEND_ACTIONS = ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:GetItem'] as const;
/** Actions that could rewrite history; no role gets them and the table's resource policy denies them. */
export const AUDIT_FORBIDDEN_ACTIONS = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
] as const;

/**
 * The append-only audit table (`AUDIT_TABLE`): one hash chain per project. Functions may only read
 * and Put (with `attribute_not_exists`, enforced by the adapter); updates and deletes are granted to
 * nobody and denied to everybody by the table's resource policy.
 */
export class Audit extends Construct {
  readonly table: Table;
  private readonly key: IKey;

  constructor(scope: Construct, id: string, props: AuditProps) {
    super(scope, id);
    this.key = props.key;
    // Construct id 'Table' is pinned by test/infra/stages.test.ts: changing it replaces the audit log.
    this.table = new Table(this, 'Table', {
      partitionKey: { name: AUDIT_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: AUDIT_TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      resourcePolicy: new PolicyDocument({
        statements: [
          new PolicyStatement({
            sid: 'AppendOnly',
            effect: Effect.DENY,
            principals: [new AnyPrincipal()],
            actions: [...AUDIT_FORBIDDEN_ACTIONS],
            resources: ['*'],
          }),
        ],
      }),
    });
  }

  /** Lets a function append entries (read the head, Put the next) — never update or delete. */
  grantAppend(fn: AutoflowFunction): void {
    this.grant(fn, [...AUDIT_APPEND_ACTIONS], ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']);
  }

  /**
   * Lets a function Query chains and Put entries, nothing else: the console API, which lists chains on
   * its audit page and appends the decisions people make (its adapter never calls GetItem).
   */
  grantQueryAndPut(fn: AutoflowFunction): void {
    this.grant(
      fn,
      ['dynamodb:Query', 'dynamodb:PutItem'],
      ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
    );
  }

  /** Lets a function read chains (the verifier, the console's audit page). */
  grantRead(fn: AutoflowFunction): void {
    this.grant(fn, ['dynamodb:Query', 'dynamodb:GetItem'], ['kms:Decrypt']);
  }

  private grant(fn: AutoflowFunction, actions: string[], keyActions: string[]): void {
    const stack = Stack.of(this);
    Grant.addToPrincipal({ grantee: fn.function, actions, resourceArns: [this.table.tableArn] });
    Grant.addToPrincipal({
      grantee: fn.function,
      actions: keyActions,
      resourceArns: [this.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } },
    });
  }
}

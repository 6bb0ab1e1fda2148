import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { MAIN_TABLE } from '../../lambdas/adapters/aws/schema.js';
import { wildcardActionFinding, wildcardResourceFinding } from '../nag-findings.js';
import type { StageName } from '../stage-config.js';
import type { AutoflowFunction } from './autoflow-function.js';

/** Props of the stage's data: the encryption key and the main table. */
export interface DataProps {
  readonly stageName: StageName;
  /** Retain key and table on stack deletion and turn on the table's deletion protection (Prod). */
  readonly retain: boolean;
}

/** The stage's customer-managed encryption key and the single-table main table defined by `MAIN_TABLE`. */
export class Data extends Construct {
  /** Encrypts the main table, the ingest queues and the project secrets. */
  readonly key: Key;
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // Construct ids of 'Key' and 'MainTable' are pinned by test/infra/stages.test.ts: changing them replaces the resource.
    this.key = new Key(this, 'Key', {
      description: `Auto-Flow ${props.stageName}: main table, ingest queues and project secrets`,
      alias: `alias/autoflow/${props.stageName}/data`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(props.retain ? 30 : 7),
      removalPolicy,
    });

    this.table = new Table(this, 'MainTable', {
      partitionKey: { name: MAIN_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: MAIN_TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: MAIN_TABLE.ttlAttribute,
      deletionProtection: props.retain,
      removalPolicy,
    });
    for (const index of Object.values(MAIN_TABLE.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }

  /** Lets a function read items and query the indexes (decrypting with the data key). */
  grantReadData(fn: AutoflowFunction): void {
    this.table.grantReadData(fn.function);
    this.acknowledgeIndexes(fn);
  }

  /** Lets a function read, write and delete items and query the indexes. */
  grantReadWriteData(fn: AutoflowFunction): void {
    this.table.grantReadWriteData(fn.function);
    this.acknowledgeIndexes(fn);
    acknowledgeDataKeyWildcards(fn);
  }

  private acknowledgeIndexes(fn: AutoflowFunction): void {
    Validations.of(fn).acknowledge({
      id: wildcardResourceFinding(fn, `${this.table.tableArn}/index/*`),
      reason:
        'The table grant covers the indexes of this one table (MAIN_TABLE.indexes), which the access patterns query (docs/data-model.md).',
    });
  }
}

/**
 * Acknowledges the `kms:GenerateDataKey*` and `kms:ReEncrypt*` that CDK's grants add for writers of a
 * KMS-encrypted table or queue; the statement names the one data key as its resource.
 */
export function acknowledgeDataKeyWildcards(fn: AutoflowFunction): void {
  for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
    Validations.of(fn).acknowledge({
      id: wildcardActionFinding(action),
      reason: `${action} comes from CDK's grant for writing a table or queue encrypted with the data key, and is limited to that key.`,
    });
  }
}

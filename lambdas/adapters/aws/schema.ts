/**
 * Table, index and queue definitions, shared by the CDK constructs and the local bootstrap,
 * so both runtimes use the same shape. No SDK or CDK imports here.
 */
export const MAIN_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  indexes: {
    /** Tasks of a project by status, newest first (AP-10). */
    byStatus: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  },
} as const;

/**
 * The audit table: append-only, one hash chain per project (`pk = CHAIN#{chain}`, `sk = SEQ#{n}`).
 * Entries are only ever Put with `attribute_not_exists`; no role may update or delete them.
 */
export const AUDIT_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
} as const;

/** Ingest queue: 3 receives then the DLQ (the product's retry decision). */
export const INGEST_QUEUE = {
  maxReceiveCount: 3,
  /** ≥ 6× the worker timeout (30 s), as AWS advises for SQS event sources. */
  visibilityTimeoutSeconds: 180,
  retentionDays: 4,
  dlqRetentionDays: 14,
  maxBatchSize: 10,
  /** Worker concurrency cap: keeps GitHub writes under the secondary limits and throttles from burning receives. */
  maxConcurrency: 2,
} as const;

/** Deliveries are remembered for 4 days (GitHub redelivers up to 3 days later). */
export const DELIVERY_TTL_SECONDS = 4 * 24 * 3600;

/** The environment variable names the functions read (set by CDK, read by the composition root). */
export const ENV = {
  tableName: 'TABLE_NAME',
  queueUrl: 'INGEST_QUEUE_URL',
  actionStateMachineArn: 'ACTION_STATE_MACHINE_ARN',
  secretPrefix: 'SECRET_PREFIX',
  stage: 'STAGE',
  githubApiUrl: 'GITHUB_API_URL',
  asanaApiUrl: 'ASANA_API_URL',
  /** The receivers' base URL (`…/webhooks`), for the reconciler's webhook repairs. */
  webhookBaseUrl: 'WEBHOOK_BASE_URL',
  auditTableName: 'AUDIT_TABLE_NAME',
  /** Alias (or key id) Authorize signs capability tokens with. */
  signingKeyId: 'SIGNING_KEY_ID',
  /** Comma-separated ARNs of every signing key whose tokens Execute accepts (current and retired). */
  verifyingKeyArns: 'VERIFYING_KEY_ARNS',
} as const;

/** Used capability token ids are kept a day (tokens live 5 minutes). */
export const USED_TOKEN_TTL_SECONDS = 24 * 3600;

/** Events parked under a reference that never appears are dropped after 30 days. */
export const PARKED_EVENT_TTL_SECONDS = 30 * 24 * 3600;

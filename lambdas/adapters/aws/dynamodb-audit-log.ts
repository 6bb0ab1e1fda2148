import { createHash } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { linkEntry } from '#core/audit/chain.js';
import { VersionConflictError } from '#core/errors.js';
import { AuditEntrySchema, AuditInputSchema, type AuditEntry, type AuditInput } from '#core/audit/entry.js';
import type { AuditLog } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { parseInput, parseItem, toItem, withoutUndefined } from './items.js';
import * as keys from './keys.js';
import { queryAll } from './paging.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** SHA-256 hex, the hash of the audit chains. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One chain per project is a serialisation point: under contention an append retries with backoff. */
const MAX_APPEND_ATTEMPTS = 60;

/**
 * The audit log in its own append-only table: each chain's next entry links the head's hash and is
 * written with `attribute_not_exists` on its sequence key, so two appenders never fork a chain — the
 * loser re-reads the head and tries the next number.
 */
export class DynamoDBAuditLog implements AuditLog {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;
  /** Last head seen per chain: one query fewer when this container appended last. */
  readonly #heads = new Map<string, AuditEntry>();

  /** `tableName` is the audit table's, not the main table's. */
  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async append(input: AuditInput): Promise<AuditEntry> {
    const valid = withoutUndefined(parseInput(AuditInputSchema, input, 'audit entry'));
    let head = this.#heads.get(valid.chain) ?? (await this.#head(valid.chain));
    for (let attempt = 1; ; attempt++) {
      const entry = linkEntry(valid, head, sha256Hex);
      try {
        await this.#client.send(
          new PutCommand({
            TableName: this.#tableName,
            Item: toItem(entry, { ...keys.auditEntryKey(entry.chain, entry.seq), entity: 'AuditEntry' }),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        this.#heads.set(entry.chain, entry);
        return entry;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        if (attempt >= MAX_APPEND_ATTEMPTS) {
          throw new VersionConflictError(
            `audit chain ${valid.chain} stayed contended for ${attempt} appends`,
            { cause: error },
          );
        }
        // Someone appended first: wait a little (full jitter, growing), then link after the real head.
        await new Promise((r) =>
          setTimeout(r, Math.floor(Math.random() * Math.min(250, 5 * 2 ** Math.min(attempt, 6)))),
        );
        head = await this.#head(valid.chain);
      }
    }
  }

  /** AP-33: a whole chain in sequence order. */
  async listChain(chain: string): Promise<AuditEntry[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditChainPartition(chain) },
      ConsistentRead: true,
    });
    return items.map((item) => parseItem(AuditEntrySchema, item, 'audit entry'));
  }

  /** AP-38: the head (last entry) of a chain. */
  async #head(chain: string): Promise<AuditEntry | undefined> {
    const { Items } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditChainPartition(chain) },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = Items?.[0];
    return item === undefined ? undefined : parseItem(AuditEntrySchema, item, 'audit entry');
  }
}

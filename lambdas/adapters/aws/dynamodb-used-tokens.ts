import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UsedTokens } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { epochSeconds } from './items.js';
import { usedTokenKey } from './keys.js';
import { USED_TOKEN_TTL_SECONDS } from './schema.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Capability token ids seen by Execute: one conditional Put per token makes each usable once. */
export class DynamoDBUsedTokens implements UsedTokens {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-34: records a token id (`attribute_not_exists`); false when it was used before. */
  async markUsed(jti: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            ...usedTokenKey(jti),
            entity: 'UsedToken',
            usedUntil: expiresAt.toISOString(),
            // Kept well past the token's expiry, so an expired-then-replayed token is still refused as used.
            ttl: epochSeconds(expiresAt) + USED_TOKEN_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}

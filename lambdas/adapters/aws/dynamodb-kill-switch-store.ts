import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { KillSwitchStore } from '#lambdas/ports.js';
import { toItem } from './items.js';
import { killSwitchKey } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Kill switches, global and per project; an item stays when switched off, recording who did it. */
export class DynamoDBKillSwitchStore implements KillSwitchStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-13: is any effect forbidden for this project right now? (consistent reads: a switch acts at once) */
  async isKilled(projectId: string): Promise<{ global: boolean; project: boolean }> {
    const [global, project] = await Promise.all([this.#isOn({}), this.#isOn({ projectId })]);
    return { global, project };
  }

  /** AP-25: sets the global or a project's kill switch (last writer wins). */
  async setKillSwitch(scope: { projectId?: string }, on: boolean, by: string, at: Date): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: toItem(
          { projectId: scope.projectId, on, by, at: at.toISOString() },
          { ...killSwitchKey(scope), entity: 'KillSwitch' },
        ),
      }),
    );
  }

  async #isOn(scope: { projectId?: string }): Promise<boolean> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: killSwitchKey(scope), ConsistentRead: true }),
    );
    return Item?.on === true;
  }
}

import { BatchGetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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
    const globalKey = killSwitchKey({});
    const projectKey = killSwitchKey({ projectId });
    // One round trip for both switches (Evaluate runs once per effect).
    const out = await this.#client.send(
      new BatchGetCommand({
        RequestItems: { [this.#tableName]: { Keys: [globalKey, projectKey], ConsistentRead: true } },
      }),
    );
    const items = out.Responses?.[this.#tableName] ?? [];
    const unprocessed = out.UnprocessedKeys?.[this.#tableName]?.Keys?.length ?? 0;
    if (unprocessed > 0) throw new Error('kill switch read was throttled; retry');
    const isOn = (key: { pk: string; sk: string }) =>
      items.some((i) => i.pk === key.pk && i.sk === key.sk && i.on === true);
    return { global: isOn(globalKey), project: isOn(projectKey) };
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
}

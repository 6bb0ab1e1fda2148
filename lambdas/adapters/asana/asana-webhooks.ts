import Asana from 'asana';
import { PermanentIntegrationError } from '#core/errors.js';
import type { AsanaWebhook, AsanaWebhooks } from '#lambdas/console-ports.js';
import { translateAsanaError } from './errors.js';

interface RawWebhook {
  gid?: string;
  resource?: { gid?: string };
  target?: string;
  active?: boolean;
}

const FIELDS = 'gid,resource.gid,target,active';

/** Asana's webhooks endpoints through the asana SDK; failures become Transient/PermanentIntegrationError. */
export class AsanaSdkWebhooks implements AsanaWebhooks {
  private readonly webhooks: Asana.WebhooksApi;

  constructor(options: { client: Asana.ApiClient }) {
    this.webhooks = new Asana.WebhooksApi(options.client);
  }

  async listWebhooks(workspaceGid: string, resourceGid: string): Promise<AsanaWebhook[]> {
    let raw: { data?: RawWebhook[] };
    try {
      raw = (await this.webhooks.getWebhooks(workspaceGid, {
        resource: resourceGid,
        limit: 100,
        opt_fields: FIELDS,
      })) as typeof raw;
    } catch (error) {
      return translateAsanaError(error, `list webhooks of ${resourceGid}`);
    }
    return (raw.data ?? []).map(toWebhook);
  }

  async createWebhook(resourceGid: string, target: string): Promise<AsanaWebhook> {
    let raw: { data?: RawWebhook };
    try {
      raw = (await this.webhooks.createWebhook(
        { data: { resource: resourceGid, target } },
        { opt_fields: FIELDS },
      )) as typeof raw;
    } catch (error) {
      return translateAsanaError(error, `create a webhook on ${resourceGid}`);
    }
    return toWebhook(raw.data ?? {});
  }

  async deleteWebhook(gid: string): Promise<void> {
    try {
      await this.webhooks.deleteWebhook(gid);
    } catch (error) {
      translateAsanaError(error, `delete webhook ${gid}`);
    }
  }
}

function toWebhook(raw: RawWebhook): AsanaWebhook {
  if (!raw.gid || !raw.resource?.gid || !raw.target)
    throw new PermanentIntegrationError('Asana returned a webhook without gid, resource or target');
  return { gid: raw.gid, resourceGid: raw.resource.gid, target: raw.target, active: raw.active ?? false };
}

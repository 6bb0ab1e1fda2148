import { z } from 'zod';
import type { AlertChannel } from '#lambdas/functions/notifier.js';

/** Where alerts are posted: a Slack incoming webhook, or a Telegram bot and chat. */
export const AlertTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('slack'), url: z.url() }),
  z.object({ kind: z.literal('telegram'), botToken: z.string().min(1), chatId: z.string().min(1) }),
]);
export type AlertTarget = z.infer<typeof AlertTargetSchema>;

/** The alert channel failed to accept a message; SNS retries the delivery. */
export class AlertDeliveryError extends Error {
  override name = 'AlertDeliveryError' as const;
}

export interface WebhookAlertChannelOptions {
  /** Loads the target (from Secrets Manager on AWS), so a rotated webhook is picked up. */
  readonly target: () => Promise<AlertTarget>;
  readonly fetch?: typeof fetch;
  /** @default 5000 */
  readonly timeoutMs?: number;
}

/** Posts alerts to Slack (`{ text }`) or Telegram (`sendMessage`). */
export class WebhookAlertChannel implements AlertChannel {
  readonly #options: WebhookAlertChannelOptions;

  constructor(options: WebhookAlertChannelOptions) {
    this.#options = options;
  }

  async post(text: string): Promise<void> {
    const target = await this.#options.target();
    const [url, body] =
      target.kind === 'slack'
        ? [target.url, { text }]
        : [`https://api.telegram.org/bot${target.botToken}/sendMessage`, { chat_id: target.chatId, text }];
    const response = await (this.#options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5000),
    });
    // The URL carries the credential (Slack path, Telegram bot token): never put it in the error.
    if (!response.ok) throw new AlertDeliveryError(`${target.kind} answered ${response.status}`);
  }
}

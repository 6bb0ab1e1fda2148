import { createHmac } from 'node:crypto';
import type { Action, ActionParams, EffectResult } from '#core/actions.js';
import { PermanentIntegrationError } from '#core/errors.js';
import type { OutboundWebhooks, TriggerSecrets } from '#lambdas/ports.js';

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body>` under the trigger's secret. */
export const SIGNATURE_HEADER = 'x-autoflow-signature-256';
/** The header carrying the action id: the same id on a retry, so receivers can drop duplicates. */
export const DELIVERY_HEADER = 'x-autoflow-delivery';

/** Ports the outbound effects need. */
export interface WebhookEffectDeps {
  outbound: OutboundWebhooks;
  triggerSecrets: TriggerSecrets;
}

/** `sha256=` + the hex HMAC-SHA256 of `body` under `secret` (what receivers recompute). */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

type HttpPost = Extract<ActionParams, { kind: 'http.post' }>;
type Notify = Extract<ActionParams, { kind: 'notify' }>;

/** POSTs the JSON body, signed with the requesting trigger's secret (no secret: refused, nothing sent). */
export async function postSigned(
  action: Action,
  p: HttpPost,
  deps: WebhookEffectDeps,
): Promise<EffectResult> {
  const secret = await secretOf(action, deps);
  const body = JSON.stringify(p.body);
  const { status } = await deps.outbound.post(p.url, body, {
    [SIGNATURE_HEADER]: signBody(body, secret),
    [DELIVERY_HEADER]: action.actionId,
  });
  return { status };
}

/** Posts to Slack (the secret is the incoming-webhook URL) or Telegram (the secret is the bot token). */
export async function notify(action: Action, p: Notify, deps: WebhookEffectDeps): Promise<EffectResult> {
  const secret = await secretOf(action, deps);
  if (p.channel === 'slack') {
    const { status } = await deps.outbound.post(secret, JSON.stringify({ text: p.text }), {});
    return { status };
  }
  if (!p.chatId) throw new PermanentIntegrationError('A Telegram notification needs a chatId');
  const url = `https://api.telegram.org/bot${secret}/sendMessage`;
  const { status } = await deps.outbound.post(url, JSON.stringify({ chat_id: p.chatId, text: p.text }), {});
  return { status };
}

async function secretOf(action: Action, deps: WebhookEffectDeps): Promise<string> {
  const triggerId = action.trigger?.id;
  if (!triggerId) throw new PermanentIntegrationError(`${action.params.kind} needs a trigger with a secret`);
  const secret = await deps.triggerSecrets.get(action.projectId, triggerId);
  if (!secret) throw new PermanentIntegrationError(`Trigger ${triggerId} has no secret set`);
  return secret;
}

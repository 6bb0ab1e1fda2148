import type { SNSEvent } from 'aws-lambda';
import { z } from 'zod';
import type { Clock, Logger } from '#lambdas/ports.js';

/** A CloudWatch alarm state change, as CloudWatch publishes it to SNS (the fields the notifier reads). */
export const AlarmMessageSchema = z.object({
  AlarmName: z.string().min(1),
  AlarmDescription: z.string().nullish(),
  NewStateValue: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']),
  OldStateValue: z.string().optional(),
  NewStateReason: z.string().default(''),
  // e.g. 2024-05-01T10:00:00.000+0000
  StateChangeTime: z.string().min(1),
  Region: z.string().optional(),
});
export type AlarmMessage = z.infer<typeof AlarmMessageSchema>;
export type AlarmState = AlarmMessage['NewStateValue'];

/** What the notifier remembers per alarm: the last state change seen and the last one told to humans. */
export interface NotificationRecord {
  readonly alarmName: string;
  readonly seenState: AlarmState;
  /** Epoch ms of the last state change seen (dedupe and ordering). */
  readonly seenChangedAt: number;
  readonly notifiedState?: AlarmState;
  /** Epoch ms of the last message sent. */
  readonly notifiedAt?: number;
}

/** Where the notifier keeps its records (one per alarm). */
export interface NotificationLog {
  lastNotification(alarmName: string): Promise<NotificationRecord | undefined>;
  saveNotification(record: NotificationRecord): Promise<void>;
}

/** Where alerts go (a Slack or Telegram webhook). */
export interface AlertChannel {
  post(text: string): Promise<void>;
}

export type SkipReason = 'duplicate' | 'stale' | 'not-actionable' | 'cooling-down';
export type NotificationDecision =
  | { readonly send: true; readonly record: NotificationRecord }
  | { readonly send: false; readonly reason: SkipReason; readonly record: NotificationRecord };

/** Parses CloudWatch's `+0000` offsets too. */
export const changeTimeOf = (alarm: AlarmMessage): number =>
  Date.parse(alarm.StateChangeTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

/**
 * Decides whether a state change reaches humans. Duplicates (SNS delivers at least once) and
 * stale changes are dropped; INSUFFICIENT_DATA is not news; a repeated ALARM inside the cool-down
 * is held back, and so is a recovery inside the cool-down after an ALARM (a flapping alarm sends
 * one ALARM per cool-down). Never hides a failure: an ALARM after an announced OK is always sent.
 */
export function decideNotification(
  alarm: AlarmMessage,
  last: NotificationRecord | undefined,
  now: Date,
  cooldownMs: number,
): NotificationDecision {
  const changedAt = changeTimeOf(alarm);
  const state = alarm.NewStateValue;
  if (last && last.seenChangedAt === changedAt && last.seenState === state) {
    return { send: false, reason: 'duplicate', record: last };
  }
  if (last && changedAt < last.seenChangedAt) return { send: false, reason: 'stale', record: last };
  const seen: NotificationRecord = {
    ...last,
    alarmName: alarm.AlarmName,
    seenState: state,
    seenChangedAt: changedAt,
  };
  const coolingDown = last?.notifiedAt !== undefined && now.getTime() - last.notifiedAt < cooldownMs;
  const skip = (reason: SkipReason): NotificationDecision => ({ send: false, reason, record: seen });
  const send = (): NotificationDecision => ({
    send: true,
    record: { ...seen, notifiedState: state, notifiedAt: now.getTime() },
  });
  switch (state) {
    case 'INSUFFICIENT_DATA':
      return skip('not-actionable');
    case 'ALARM':
      return last?.notifiedState === 'ALARM' && coolingDown ? skip('cooling-down') : send();
    case 'OK':
      if (last?.notifiedState !== 'ALARM') return skip('not-actionable');
      return coolingDown ? skip('cooling-down') : send();
  }
}

/** The message humans read: what, since when, why. */
export function formatAlert(alarm: AlarmMessage, stage: string): string {
  const icon = alarm.NewStateValue === 'ALARM' ? '🔴' : '✅';
  const lines = [
    `${icon} [Auto-Flow ${stage}] ${alarm.AlarmName} is ${alarm.NewStateValue}`,
    alarm.AlarmDescription ?? undefined,
    alarm.NewStateReason || undefined,
    `since ${alarm.StateChangeTime}${alarm.Region ? ` (${alarm.Region})` : ''}`,
  ];
  return lines.filter((l): l is string => Boolean(l)).join('\n');
}

export interface NotifierDeps {
  readonly log: NotificationLog;
  readonly channel: AlertChannel;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly stage: string;
  /** Minimum time between two messages about one alarm, except an ALARM after an announced recovery. */
  readonly cooldownMs: number;
}

/** SNS → notifier: each record is one alarm state change; posts it unless it is a duplicate or cooling down. */
export function createNotifier(deps: NotifierDeps) {
  return async function notify(event: SNSEvent): Promise<{ sent: number; skipped: number }> {
    let sent = 0;
    for (const record of event.Records) {
      const alarm = AlarmMessageSchema.parse(JSON.parse(record.Sns.Message));
      const last = await deps.log.lastNotification(alarm.AlarmName);
      const decision = decideNotification(alarm, last, deps.clock.now(), deps.cooldownMs);
      if (decision.send) {
        // Post before saving: a failed post is retried by SNS; a duplicate post is the lesser harm.
        await deps.channel.post(formatAlert(alarm, deps.stage));
        sent++;
      } else {
        deps.logger.info('alarm notification skipped', {
          alarmName: alarm.AlarmName,
          reason: decision.reason,
        });
      }
      if (decision.record !== last) await deps.log.saveNotification(decision.record);
    }
    return { sent, skipped: event.Records.length - sent };
  };
}

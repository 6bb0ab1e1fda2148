import type { SNSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  createNotifier,
  decideNotification,
  formatAlert,
  type AlarmMessage,
  type AlarmState,
  type NotificationRecord,
} from '#lambdas/functions/notifier.js';
import { memoryLogger } from '../../helpers/memory-ports.js';

const COOLDOWN = 15 * 60_000;
const T0 = Date.parse('2024-05-01T10:00:00.000Z');

function alarm(state: AlarmState, minute: number, name = 'autoflow-prod-dlq-depth'): AlarmMessage {
  const at = new Date(T0 + minute * 60_000).toISOString().replace('Z', '+0000');
  return { AlarmName: name, NewStateValue: state, NewStateReason: 'Threshold crossed', StateChangeTime: at };
}

const at = (minute: number) => new Date(T0 + minute * 60_000);

/** Runs a sequence of state changes through the decision, carrying the record along. */
function replay(changes: [AlarmState, number][]): string[] {
  let record: NotificationRecord | undefined;
  return changes.map(([state, minute]) => {
    const decision = decideNotification(alarm(state, minute), record, at(minute), COOLDOWN);
    record = decision.record;
    return decision.send ? `send ${state}` : `skip ${decision.reason}`;
  });
}

describe('decideNotification', () => {
  it('sends the first ALARM and the recovery after the cool-down', () => {
    expect(
      replay([
        ['ALARM', 0],
        ['OK', 20],
      ]),
    ).toEqual(['send ALARM', 'send OK']);
  });

  it('drops a duplicate delivery of the same state change', () => {
    const first = decideNotification(alarm('ALARM', 0), undefined, at(0), COOLDOWN);

    const again = decideNotification(alarm('ALARM', 0), first.record, at(1), COOLDOWN);

    expect(again).toMatchObject({ send: false, reason: 'duplicate' });
  });

  it('drops a state change older than one already seen', () => {
    const later = decideNotification(alarm('ALARM', 10), undefined, at(10), COOLDOWN);

    expect(decideNotification(alarm('OK', 5), later.record, at(11), COOLDOWN)).toMatchObject({
      send: false,
      reason: 'stale',
    });
  });

  it('sends one ALARM per cool-down while an alarm flaps', () => {
    expect(
      replay([
        ['ALARM', 0],
        ['OK', 2],
        ['ALARM', 4],
        ['OK', 6],
        ['ALARM', 20],
      ]),
    ).toEqual(['send ALARM', 'skip cooling-down', 'skip cooling-down', 'skip cooling-down', 'send ALARM']);
  });

  it('always sends an ALARM after an announced recovery', () => {
    expect(
      replay([
        ['ALARM', 0],
        ['OK', 20],
        ['ALARM', 21],
      ]),
    ).toEqual(['send ALARM', 'send OK', 'send ALARM']);
  });

  it('ignores INSUFFICIENT_DATA and a recovery nobody was told about', () => {
    expect(
      replay([
        ['INSUFFICIENT_DATA', 0],
        ['OK', 1],
      ]),
    ).toEqual(['skip not-actionable', 'skip not-actionable']);
  });
});

describe('formatAlert', () => {
  it('names the stage, the alarm, its state and the reason', () => {
    const text = formatAlert({ ...alarm('ALARM', 0), AlarmDescription: 'Messages in the DLQ' }, 'prod');

    expect(text.split('\n')).toEqual([
      '🔴 [Auto-Flow prod] autoflow-prod-dlq-depth is ALARM',
      'Messages in the DLQ',
      'Threshold crossed',
      'since 2024-05-01T10:00:00.000+0000',
    ]);
  });
});

describe('notifier', () => {
  function setup(now: number) {
    const records = new Map<string, NotificationRecord>();
    const posted: string[] = [];
    const notify = createNotifier({
      log: {
        lastNotification: async (name) => records.get(name),
        saveNotification: async (record) => void records.set(record.alarmName, record),
      },
      channel: { post: async (text) => void posted.push(text) },
      clock: { now: () => at(now) },
      logger: memoryLogger(),
      stage: 'prod',
      cooldownMs: COOLDOWN,
    });
    return { notify, posted, records };
  }
  const snsEvent = (...messages: AlarmMessage[]): SNSEvent =>
    ({ Records: messages.map((m) => ({ Sns: { Message: JSON.stringify(m) } })) }) as unknown as SNSEvent;

  it('posts an alarm once even when SNS delivers it twice', async () => {
    const { notify, posted, records } = setup(0);

    const result = await notify(snsEvent(alarm('ALARM', 0), alarm('ALARM', 0)));

    expect(result).toEqual({ sent: 1, skipped: 1 });
    expect(posted).toHaveLength(1);
    expect(records.get('autoflow-prod-dlq-depth')).toMatchObject({ notifiedState: 'ALARM', notifiedAt: T0 });
  });

  it('keeps nothing when the post fails, so the SNS retry posts again', async () => {
    const records = new Map<string, NotificationRecord>();
    const notify = createNotifier({
      log: {
        lastNotification: async (name) => records.get(name),
        saveNotification: async (record) => void records.set(record.alarmName, record),
      },
      channel: {
        post: async () => {
          throw new Error('webhook down');
        },
      },
      clock: { now: () => at(0) },
      logger: memoryLogger(),
      stage: 'prod',
      cooldownMs: COOLDOWN,
    });

    await expect(notify(snsEvent(alarm('ALARM', 0)))).rejects.toThrow('webhook down');
    expect(records.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { deliveryOutcome, observeDeliveries } from '#lambdas/api/webhook-health.js';
import type { WebhookHealthStore } from '#lambdas/console-ports.js';
import { fixedClock, memoryLogger } from '../../helpers/memory-ports.js';

const event = (projectId?: string) =>
  ({ pathParameters: projectId ? { projectId } : undefined }) as unknown as Parameters<
    ReturnType<typeof observeDeliveries>
  >[0];

describe('webhook health', () => {
  it('reads the outcome of a delivery from the receiver’s answer', () => {
    expect(deliveryOutcome(202, '{"accepted":"d1"}')).toBe('accepted');
    expect(deliveryOutcome(200, '{"duplicate":"d1"}')).toBe('duplicate');
    expect(deliveryOutcome(202, '{"ignored":"not our event"}')).toBe('ignored');
    expect(deliveryOutcome(401, '')).toBe('rejected_signature');
    expect(deliveryOutcome(403, '')).toBe('rejected_signature');
    expect(deliveryOutcome(400, '')).toBe('failed');
    expect(deliveryOutcome(503, '')).toBe('failed');
    expect(deliveryOutcome(404, '')).toBeUndefined();
  });

  it('counts each delivery of a known project and never fails one because counting failed', async () => {
    const recorded: unknown[] = [];
    const health: WebhookHealthStore = {
      record: async (...args) => {
        recorded.push(args);
        if (recorded.length > 1) throw new Error('throttled');
      },
      recent: async () => [],
    };
    const logger = memoryLogger();
    const receive = observeDeliveries(async () => ({ statusCode: 401, body: '{}' }), {
      health,
      source: 'github',
      clock: fixedClock('2026-01-01T00:00:00.000Z'),
      logger,
    });

    expect((await receive(event('p1'))).statusCode).toBe(401);
    expect((await receive(event('p1'))).statusCode).toBe(401);
    await receive(event());

    expect(recorded).toEqual([
      ['p1', 'github', 'rejected_signature', new Date('2026-01-01T00:00:00.000Z')],
      expect.anything(),
    ]);
    expect(logger.lines.map((l) => l.message)).toEqual(['webhook health not recorded']);
  });
});

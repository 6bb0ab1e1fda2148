import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.js';
import { InboundEventSchema } from '#core/events.js';
import { normaliseAsana } from '#core/normalise-asana.js';

const RECEIVED_AT = '2026-11-25T10:00:00.000Z';
const TASK_ACTIONS = ['added', 'changed', 'removed', 'deleted', 'undeleted'] as const;

const gid = fc.stringMatching(/^[1-9]\d{0,18}$/);
const time = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
const taskRef = fc.record({
  gid,
  resource_type: fc.constant('task'),
  resource_subtype: fc.constant('default_task'),
});
const otherRef = fc.record({
  gid,
  resource_type: fc.constantFrom('story', 'project', 'section', 'attachment'),
});

/** An Asana event: on a task, on something under a task (a story), or on something else. */
const eventArb = fc.oneof(
  fc.record(
    {
      action: fc.constantFrom(...TASK_ACTIONS),
      created_at: time,
      resource: taskRef,
      parent: fc.constant(null),
    },
    { requiredKeys: ['action', 'resource'] },
  ),
  fc.record({
    action: fc.constantFrom('added', 'removed'),
    created_at: time,
    resource: otherRef,
    parent: taskRef,
  }),
  fc.record({
    action: fc.constantFrom('added', 'changed'),
    created_at: time,
    resource: otherRef,
    parent: fc.option(otherRef, { nil: null }),
  }),
);

type AsanaEvent = typeof eventArb extends fc.Arbitrary<infer E> ? E : never;
const touchedTask = (e: AsanaEvent): string | undefined =>
  e.resource.resource_type === 'task'
    ? e.resource.gid
    : e.parent?.resource_type === 'task'
      ? e.parent.gid
      : undefined;

describe('normaliseAsana (properties)', () => {
  it('throws nothing but a ValidationError for arbitrary JSON', () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.anything({ withNullPrototype: true }),
      fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }).map((events) => ({ events })),
      fc
        .array(
          fc.dictionary(
            fc.constantFrom('action', 'resource', 'parent', 'created_at', '__proto__'),
            fc.jsonValue({ maxDepth: 2 }),
          ),
          { maxLength: 5 },
        )
        .map((events) => ({ events })),
    );
    fc.assert(
      fc.property(body, (b) => {
        try {
          const { events } = normaliseAsana(b, RECEIVED_AT);
          for (const e of events) expect(InboundEventSchema.parse(e)).toEqual(e);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).message).toMatch(/^Invalid Asana webhook body: /);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('turns every valid delivery into exactly one event per task touched', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), (events) => {
        const body = JSON.parse(JSON.stringify({ events }));

        const result = normaliseAsana(body, RECEIVED_AT);

        const touched = new Set(events.map(touchedTask).filter((g) => g !== undefined));
        const out = result.events.map((e) => (e.type === 'asana.task_touched' ? e.asanaGid : ''));
        expect(new Set(out)).toEqual(touched);
        expect(out).toHaveLength(touched.size);
        expect(result.ignored).toBe(events.filter((e) => touchedTask(e) === undefined).length);
        for (const e of result.events) expect(InboundEventSchema.parse(e)).toEqual(e);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a deletion final within a delivery unless the task is undeleted after it', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), (events) => {
        const result = normaliseAsana({ events }, RECEIVED_AT);

        for (const out of result.events) {
          if (out.type !== 'asana.task_touched') continue;
          const own = events.filter((e) => touchedTask(e) === out.asanaGid);
          const lastDelete = own.findLastIndex(
            (e) => e.resource.resource_type === 'task' && e.action === 'deleted',
          );
          const undeleted = own.findLastIndex(
            (e) => e.resource.resource_type === 'task' && e.action === 'undeleted',
          );
          if (lastDelete >= 0 && undeleted < lastDelete) expect(out.action).toBe('deleted');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a task gid that is not digits, wherever it appears', () => {
    const badGid = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'a#b', '', '1'.repeat(65)),
      fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/^\d+$/.test(s)),
    );
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 5 }), badGid, fc.boolean(), (events, bad, asParent) => {
        const broken = asParent
          ? {
              action: 'added',
              resource: { gid: '1', resource_type: 'story' },
              parent: { gid: bad, resource_type: 'task' },
            }
          : { action: 'changed', resource: { gid: bad, resource_type: 'task' } };

        expect(() => normaliseAsana({ events: [...events, broken] }, RECEIVED_AT)).toThrow(ValidationError);
      }),
      { numRuns: 300 },
    );
  });
});

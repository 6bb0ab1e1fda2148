import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.js';
import { InboundEventSchema } from '#core/events.js';
import { normaliseGithub } from '#core/normalise-github.js';

const PR_ACTIONS = ['opened', 'edited', 'reopened', 'closed', 'synchronize', 'ready_for_review', 'labeled'];
const CONSUMED = ['pull_request', 'workflow_run', 'issues'];
/** A normalised event never outgrows this (GitHub's PR body limit, JSON-escaped, plus the other fields). */
const MAX_EVENT_JSON = 65_536 * 6 + 16_384;

/** Adds extra keys (prototype names among them) as own properties, then round-trips through JSON like a receiver. */
function asReceived(payload: object, extras: Record<string, unknown> = {}): unknown {
  const copy: Record<string, unknown> = { ...payload };
  for (const [key, value] of Object.entries(extras)) {
    if (!(key in payload)) Object.defineProperty(copy, key, { value, enumerable: true, writable: true });
  }
  return JSON.parse(JSON.stringify(copy));
}

const extras = fc.dictionary(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'sender', 'installation'),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
);
const text = (maxLength = 40) => fc.string({ maxLength });
const sha = fc.stringMatching(/^[0-9a-f]{40}$/);
const time = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
const repository = fc.record({
  full_name: fc
    .tuple(fc.stringMatching(/^[\w-]{1,39}$/), fc.stringMatching(/^[\w.-]{1,100}$/))
    .map(([owner, name]) => `${owner}/${name}`),
  default_branch: fc.stringMatching(/^[\w./-]{1,60}$/),
});

const pullRequest = fc.record(
  {
    number: fc.integer({ min: 1, max: 2 ** 31 }),
    html_url: fc.webUrl(),
    body: fc.option(fc.oneof(text(200), fc.constantFrom('Fixes #1', 'x'.repeat(65_536))), { nil: null }),
    state: fc.constantFrom('open', 'closed'),
    merged: fc.option(fc.boolean(), { nil: null }),
    merge_commit_sha: fc.option(sha, { nil: null }),
    updated_at: time,
    base: fc.record({ ref: text() }),
    head: fc.record({ sha }),
  },
  { requiredKeys: ['number', 'html_url', 'body', 'state', 'updated_at', 'base', 'head'] },
);
const prPayload = fc.record({
  action: fc.constantFrom(...PR_ACTIONS),
  repository,
  pull_request: pullRequest,
});

const workflowRun = fc.record({
  id: fc.integer(),
  name: fc.option(text(), { nil: null }),
  head_sha: sha,
  head_branch: fc.option(text(), { nil: null }),
  status: fc.option(fc.constantFrom('queued', 'in_progress', 'completed'), { nil: null }),
  conclusion: fc.option(fc.constantFrom('success', 'failure', 'neutral', 'cancelled'), { nil: null }),
  html_url: fc.webUrl(),
  updated_at: time,
});
const runPayload = fc.record({ action: text(20), repository, workflow_run: workflowRun });

const issuePayload = fc.record({
  action: fc.constantFrom('closed', 'reopened'),
  repository,
  issue: fc.record(
    {
      number: fc.integer({ min: 1, max: 2 ** 31 }),
      state: fc.constantFrom('open', 'closed'),
      state_reason: fc.option(fc.constantFrom('completed', 'not_planned', 'reopened'), { nil: null }),
      updated_at: time,
    },
    { requiredKeys: ['number', 'state', 'updated_at'] },
  ),
});

/** Runs `normalise`, allowing only a ValidationError that names at least one field. */
function normaliseOrValidationError(name: string, payload: unknown) {
  try {
    return normaliseGithub(name, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.length).toBeGreaterThan(0);
    expect((error as ValidationError).message).toMatch(new RegExp(`^Invalid ${name} payload: `));
    return undefined;
  }
}

describe('normaliseGithub (properties)', () => {
  it('throws nothing but a ValidationError for arbitrary JSON under any event name', () => {
    const name = fc.oneof(fc.constantFrom(...CONSUMED, 'ping', 'push'), text(20));
    const payload = fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true }));
    fc.assert(
      fc.property(name, payload, (n, p) => {
        const result = normaliseOrValidationError(n, p);
        if (result?.kind === 'event') expect(InboundEventSchema.parse(result.event)).toEqual(result.event);
      }),
      { numRuns: 1000 },
    );
  });

  it('throws nothing but a ValidationError when one field of a valid payload holds any JSON', () => {
    const paths: [string, fc.Arbitrary<Record<string, unknown>>][] = [
      ['pull_request', prPayload],
      ['workflow_run', runPayload],
      ['issues', issuePayload],
    ];
    const broken = fc
      .constantFrom(...paths)
      .chain(([name, arb]) => fc.tuple(fc.constant(name), arb, fc.jsonValue({ maxDepth: 3 }), fc.nat()));
    fc.assert(
      fc.property(broken, ([name, payload, value, pick]) => {
        const copy = structuredClone(payload);
        const nested = Object.values(copy).filter((v): v is Record<string, unknown> => typeof v === 'object');
        const target = nested[pick % nested.length] ?? copy;
        const keys = Object.keys(target);
        target[keys[pick % keys.length]!] = value;
        normaliseOrValidationError(name, asReceived(copy));
      }),
      { numRuns: 1000 },
    );
  });

  it('normalises every valid pull_request payload, whatever extra keys it carries', () => {
    fc.assert(
      fc.property(prPayload, extras, (payload, extra) => {
        const result = normaliseGithub('pull_request', asReceived(payload, extra));
        const pr = payload.pull_request;

        expect(result.kind).toBe('event');
        if (result.kind !== 'event') return;
        expect(InboundEventSchema.parse(result.event)).toEqual(result.event);
        expect(result.event).toMatchObject({
          type: 'github.pull_request',
          action: payload.action,
          repo: payload.repository.full_name,
          number: pr.number,
          body: pr.body ?? '',
          merged: pr.merged === true,
          mergeSha: pr.merged === true ? (pr.merge_commit_sha ?? null) : null,
        });
        expect(JSON.stringify(result.event).length).toBeLessThan(MAX_EVENT_JSON);
      }),
      { numRuns: 300 },
    );
  });

  it('carries the added label of a labeled action, and only then', () => {
    fc.assert(
      fc.property(prPayload, fc.stringMatching(/^[\w:-]{1,50}$/), (payload, label) => {
        const labeled = normaliseGithub(
          'pull_request',
          asReceived({ ...payload, action: 'labeled', label: { name: label } }),
        );
        const other = normaliseGithub(
          'pull_request',
          asReceived({ ...payload, action: 'opened', label: { name: label } }),
        );

        expect(labeled.kind === 'event' && labeled.event).toMatchObject({ action: 'labeled', label });
        expect(other.kind === 'event' && 'label' in other.event).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('normalises every valid workflow_run and issues payload', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          runPayload.map((p) => ['workflow_run', p] as const),
          issuePayload.map((p) => ['issues', p] as const),
        ),
        extras,
        ([name, payload], extra) => {
          const result = normaliseGithub(name, asReceived(payload, extra));

          expect(result.kind).toBe('event');
          if (result.kind === 'event') {
            expect(InboundEventSchema.parse(result.event)).toEqual(result.event);
            expect(result.event).toMatchObject({
              repo: payload.repository.full_name,
              action: payload.action,
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ignores, without validating, actions and events it does not use', () => {
    const unusedPr = fc.string({ maxLength: 100 }).filter((a) => !PR_ACTIONS.includes(a));
    const unusedIssue = fc.string({ maxLength: 100 }).filter((a) => a !== 'closed' && a !== 'reopened');
    const unusedEvent = fc.string().filter((e) => ![...CONSUMED, 'ping'].includes(e));
    fc.assert(
      fc.property(unusedPr, unusedIssue, unusedEvent, fc.jsonValue(), (pr, issue, event, junk) => {
        expect(normaliseGithub('pull_request', { action: pr, pull_request: junk }).kind).toBe('ignored');
        expect(normaliseGithub('issues', { action: issue, issue: junk }).kind).toBe('ignored');
        expect(normaliseGithub(event, junk).kind).toBe('ignored');
        expect(normaliseGithub('ping', junk).kind).toBe('ping');
      }),
      { numRuns: 300 },
    );
  });
});

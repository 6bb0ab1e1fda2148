import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { expect } from 'vitest';
import { ValidationError } from '#core/errors.js';
import type { IngestMessage } from '#core/events.js';
import type { DeliveryLog, IngestQueue } from '#lambdas/ports.js';

/** SQS refuses a message body over 256 KiB. */
export const SQS_MAX_MESSAGE_BYTES = 256 * 1024;
/** DynamoDB refuses a partition key over 2048 bytes. */
const DYNAMODB_MAX_PARTITION_KEY_BYTES = 2048;

/** An in-memory queue with SQS's size limit: a real queue would refuse what this one refuses. */
export function sqsLikeQueue(): IngestQueue & { sent: IngestMessage[] } {
  const sent: IngestMessage[] = [];
  return {
    sent,
    async send(message) {
      const bytes = Buffer.byteLength(JSON.stringify(message));
      if (bytes > SQS_MAX_MESSAGE_BYTES) throw new Error(`InvalidParameterValue: message is ${bytes} bytes`);
      sent.push(message);
    },
  };
}

/** An in-memory delivery log with DynamoDB's key rules (keys.ts refuses '#'; DynamoDB refuses long keys). */
export function dynamoLikeDeliveries(): DeliveryLog & { seen: Set<string> } {
  const seen = new Set<string>();
  const key = (projectId: string, deliveryId: string): string => {
    if (deliveryId.includes('#')) throw new ValidationError('invalid deliveryId');
    const pk = `DELIVERY#${projectId}#${deliveryId}`;
    if (Buffer.byteLength(pk) > DYNAMODB_MAX_PARTITION_KEY_BYTES)
      throw new Error('ValidationException: partition key too long');
    return pk;
  };
  return {
    seen,
    recordDelivery: async (p, d) => (seen.has(key(p, d)) ? false : (seen.add(key(p, d)), true)),
    forgetDelivery: async (p, d) => void seen.delete(key(p, d)),
  };
}

/** What the built-in prototypes look like now (names and descriptors of their own properties). */
export function prototypeFingerprint(): string {
  const describe = (o: object): string[] =>
    Reflect.ownKeys(o).map((k) => {
      const d = Object.getOwnPropertyDescriptor(o, k);
      return `${String(k)}:${typeof d?.value}:${String(d?.writable)}:${typeof d?.get}`;
    });
  return JSON.stringify([
    describe(Object.prototype),
    describe(Array.prototype),
    describe(Function.prototype),
    describe(String.prototype),
    Object.getPrototypeOf(Object.prototype),
  ]);
}

/** Asserts nothing was added to `Object.prototype` (or other built-ins) by the request. */
export function expectNoPrototypePollution(before: string): void {
  expect(prototypeFingerprint()).toBe(before);
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'merged', 'action', 'isAdmin', 'events']) expect(probe[key]).toBeUndefined();
}

/** Asserts a 4xx problem response whose message names the problem. */
export function expectProblem(
  res: APIGatewayProxyStructuredResultV2,
  status: number,
  message: RegExp,
): { code: string; message: string } {
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body ?? '') as { error: { code: string; message: string } };
  expect(body.error.message).toMatch(message);
  expect(body.error.code).toMatch(/^[a-z_]+$/);
  return body.error;
}

/** Nested arrays `[[[…]]]`, `depth` deep. */
export function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Nested objects `{"a":{"a":…}}`, `depth` deep. */
export function nestedObjects(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Byte sequences that are not UTF-8, each with its name. */
export const INVALID_UTF8: [string, number[]][] = [
  ['a lone 0xFF byte', [0xff]],
  ['an overlong encoding of "/"', [0xc0, 0xaf]],
  ['an encoded UTF-16 surrogate', [0xed, 0xa0, 0x80]],
  ['a truncated 3-byte sequence', [0xe2, 0x82]],
  ['a Latin-1 "é"', [0xe9]],
  ['a UTF-16 byte order mark', [0xfe, 0xff]],
  ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
];

/** JSON texts that do not parse, each with its name. */
export const MALFORMED_JSON: [string, string][] = [
  ['a truncated object', '{"action": "opened",'],
  ['single quotes', "{'action': 'opened'}"],
  ['a trailing comma', '{"action": "opened",}'],
  ['trailing garbage', '{"action": "opened"} x'],
  ['two documents', '{"action": "opened"}{"action": "closed"}'],
  ['NaN', 'NaN'],
  ['undefined', 'undefined'],
  ['a leading zero', '{"n": 01}'],
  ['an unterminated string', '"unterminated'],
  ['an unclosed array', '[1, 2'],
  ['a comment', '{"action": "opened" /* hi */}'],
  ['a raw control character in a string', '{"action": "open\u0001ed"}'],
  ['an invalid escape', '{"action": "\\x41"}'],
  ['a lone brace', '}'],
];

/** Counts cases per suite and prints one summary line when the suite ends. */
export class CaseCounter {
  private readonly counts = new Map<string, number>();
  add(group: string, n = 1): void {
    this.counts.set(group, (this.counts.get(group) ?? 0) + n);
  }
  summary(suite: string): string {
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    const groups = [...this.counts].map(([g, n]) => `${g} ${n}`).join(', ');
    return `${suite}: ${total} bad-input cases tried (${groups})`;
  }
}

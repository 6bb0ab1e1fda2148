import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { postEvent } from '../../helpers/webhook-requests.js';
import { INVALID_UTF8, MALFORMED_JSON } from './bad-input-support.js';

/** One bad delivery and the problem a receiver must answer with. */
export interface ReceiverCase {
  name: string;
  event: () => APIGatewayProxyEventV2;
  status: number;
  message: RegExp;
  maxBodyBytes?: number;
}

/** What the shared cases need to know about a receiver (both sign with an HMAC of the raw body). */
export interface ReceiverUnderTest {
  /** The path segment under /webhooks (`github`, `asana`). */
  source: string;
  /** The signature header as the receiver names it in messages, e.g. `X-Hub-Signature-256`. */
  signatureHeader: string;
  /** A valid body, and its signature header value for project 1. */
  valid: string;
  validSignature: string;
  /** A delivery of `body` (raw text or bytes) to project 1, signed with its secret, with extra headers. */
  raw(body: string | Buffer, headers?: Record<string, string>): APIGatewayProxyEventV2;
  /** A delivery of the valid body to `projectId` signed with `secret`. */
  signedWith(projectId: string, secret: string): APIGatewayProxyEventV2;
  /** Project 2's own secret. */
  otherSecret: string;
  /** Default body limit, in bytes. */
  maxBodyBytes: number;
}

/**
 * The bad-input cases both receivers answer the same way, by group (each suite adds its own): the
 * front door is shared (limits, headers, signature, project), only the payloads differ.
 */
export function sharedReceiverCases(r: ReceiverUnderTest): Record<string, ReceiverCase[]> {
  const header = r.signatureHeader.toLowerCase();
  const limit = String(r.maxBodyBytes);
  return {
    'malformed JSON': [
      ...MALFORMED_JSON.map(([name, body]) => ({
        name,
        event: () => r.raw(body),
        status: 400,
        message: /not valid JSON/,
      })),
      { name: 'an empty body', event: () => r.raw(''), status: 400, message: /Body is empty/ },
      { name: 'whitespace only', event: () => r.raw(' \r\n\t '), status: 400, message: /Body is empty/ },
    ],
    'wrong content type': [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/jsonp',
      'application/jsonx',
      'text/json',
      'text/html',
      '',
    ].map((type) => ({
      name: type || '(empty)',
      event: () =>
        r.raw(type.includes('urlencoded') ? new URLSearchParams({ payload: r.valid }).toString() : r.valid, {
          'content-type': type,
        }),
      status: 415,
      message: /Content-Type must be application\/json/,
    })),
    'body over the limit': [
      {
        name: `${limit} bytes + 1`,
        event: () => r.raw('x'.repeat(r.maxBodyBytes + 1)),
        status: 413,
        message: new RegExp(`exceeds ${limit} bytes`),
      },
      {
        name: 'over the limit in bytes but not in characters',
        event: () => r.raw(`"${'é'.repeat(Math.ceil(r.maxBodyBytes / 2) + 10)}"`),
        status: 413,
        message: new RegExp(`exceeds ${limit} bytes`),
      },
      {
        name: 'a valid body over a configured limit',
        event: () => r.raw(r.valid),
        maxBodyBytes: 100,
        status: 413,
        message: /exceeds 100 bytes/,
      },
    ],
    'invalid UTF-8': INVALID_UTF8.map(([name, bytes]) => ({
      name,
      event: () => r.raw(Buffer.concat([Buffer.from('{"action": "'), Buffer.from(bytes), Buffer.from('"}')])),
      status: 400,
      message: /not valid UTF-8/,
    })),
    'missing headers': [
      {
        name: 'no signature',
        event: () => {
          const event = r.raw(r.valid);
          delete event.headers[header];
          return event;
        },
        status: 401,
        message: new RegExp(`${r.signatureHeader} is missing`),
      },
      {
        name: 'no headers at all',
        event: () => ({ ...r.raw(r.valid), headers: {} }),
        status: 401,
        message: new RegExp(`${r.signatureHeader} is missing`),
      },
    ],
    'duplicated headers': [
      {
        name: 'the signature twice (joined with a comma)',
        event: () => r.raw(r.valid, { [header]: `${r.validSignature},${r.validSignature}` }),
        status: 400,
        message: new RegExp(`${r.signatureHeader} was sent more than once`),
      },
      {
        name: 'the signature under two spellings',
        event: () => r.raw(r.valid, { [r.signatureHeader]: r.validSignature }),
        status: 400,
        message: new RegExp(`${r.signatureHeader} was sent more than once`),
      },
      {
        name: 'the content type twice',
        event: () => r.raw(r.valid, { 'content-type': 'application/json, application/json' }),
        status: 400,
        message: /Content-Type was sent more than once/,
      },
    ],
    'foreign signatures': [
      {
        name: "signed with another project's secret",
        event: () => r.signedWith('proj-1', r.otherSecret),
        status: 401,
        message: new RegExp(`${r.signatureHeader} does not match`),
      },
      {
        name: "project 2's delivery replayed to project 1",
        event: () => ({ ...r.signedWith('proj-2', r.otherSecret), pathParameters: { projectId: 'proj-1' } }),
        status: 401,
        message: /does not match/,
      },
      {
        name: 'a body changed after signing',
        event: () => r.raw(`${r.valid} `, { [header]: r.validSignature }),
        status: 401,
        message: /does not match/,
      },
      {
        name: 'an upper-case signature',
        event: () => r.raw(r.valid, { [header]: r.validSignature.toUpperCase() }),
        status: 401,
        message: /does not match/,
      },
    ],
    'unknown project': ['ghost', '__proto__', 'constructor', 'a#b', '../proj-1', 'p'.repeat(1000)].map(
      (projectId) => ({
        name: projectId.length > 20 ? `${projectId.length} characters` : projectId,
        event: () =>
          postEvent(
            `/webhooks/${r.source}/x`,
            projectId,
            r.valid,
            r.raw(r.valid).headers as Record<string, string>,
          ),
        status: 404,
        message: /No such project/,
      }),
    ),
  };
}

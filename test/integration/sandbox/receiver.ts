import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Answer with this status from now on (default 200). */
  respondWith(status: number | ((request: ReceivedRequest) => number)): void;
  /** Echo X-Hook-Secret on Asana handshakes (default true). */
  echoHookSecret(on: boolean): void;
  /** Resolves with the matching requests once `count` have arrived. */
  waitFor(
    predicate: (request: ReceivedRequest) => boolean,
    count?: number,
    timeoutMs?: number,
  ): Promise<ReceivedRequest[]>;
  stop(): Promise<void>;
}

/** A small webhook receiver on 127.0.0.1 that records raw bodies and headers. */
export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let status: number | ((request: ReceivedRequest) => number) = 200;
  let echo = true;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
      );
      const request = { path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const secret = headers['x-hook-secret'];
      if (secret && echo) res.setHeader('X-Hook-Secret', secret);
      res.statusCode = typeof status === 'function' ? status(request) : status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (next) => {
      status = next;
    },
    echoHookSecret: (on) => {
      echo = on;
    },
    async waitFor(predicate, count = 1, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = requests.filter(predicate);
        if (matching.length >= count) return matching;
        if (Date.now() > deadline)
          throw new Error(
            `timed out waiting for ${count} request(s); got ${matching.length} of ${requests.length}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The GitHub event name of a delivery (`issues.opened`...). */
export function githubEventOf(request: ReceivedRequest): string {
  const action = (JSON.parse(request.body) as { action?: string }).action;
  return `${request.headers['x-github-event'] ?? ''}${action ? `.${action}` : ''}`;
}

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { PermanentIntegrationError, TransientIntegrationError } from '#core/errors.js';
import type { OutboundWebhooks } from '#lambdas/ports.js';
import { isPrivateAddress } from './address-guard.js';

export interface NodeOutboundWebhooksOptions {
  /** Allow `http:` and private/loopback addresses (the local runtime's sandbox sink). @default false */
  readonly allowPrivate?: boolean;
  /** @default 10000 */
  readonly timeoutMs?: number;
}

/** Refused before any byte leaves: a URL or an address outbound webhooks may not use (never retried). */
function refused(message: string): PermanentIntegrationError {
  return new PermanentIntegrationError(message);
}

/**
 * POSTs JSON to outside webhooks with node:http(s). On AWS only `https:` to public addresses: the
 * check runs inside the socket's DNS lookup, so the address connected to is the address checked
 * (no rebinding between a check and the connection). Redirects are not followed.
 */
export class NodeOutboundWebhooks implements OutboundWebhooks {
  constructor(private readonly options: NodeOutboundWebhooksOptions = {}) {}

  post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }> {
    const target = new URL(url);
    const allowPrivate = this.options.allowPrivate ?? false;
    if (target.protocol !== 'https:' && !(allowPrivate && target.protocol === 'http:'))
      return Promise.reject(refused(`Outbound webhooks must use https (${target.protocol})`));
    if (target.username || target.password)
      return Promise.reject(refused('Outbound webhook URLs may not carry credentials'));
    const literal = target.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!allowPrivate && isIP(literal) !== 0 && isPrivateAddress(literal))
      return Promise.reject(refused(`Outbound webhook address ${literal} is private`));
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        target,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...headers,
            'content-length': Buffer.byteLength(body),
          },
          timeout: this.options.timeoutMs ?? 10_000,
          ...(allowPrivate ? {} : { lookup: publicOnlyLookup }),
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve({ status });
            else if (status === 429 || status >= 500)
              reject(new TransientIntegrationError(`Webhook ${target.origin} answered ${status}`));
            else reject(new PermanentIntegrationError(`Webhook ${target.origin} answered ${status}`));
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new TransientIntegrationError(`Webhook ${target.origin} timed out`)),
      );
      req.on('error', (error) =>
        reject(
          error instanceof PermanentIntegrationError || error instanceof TransientIntegrationError
            ? error
            : new TransientIntegrationError(`Webhook ${target.origin} failed: ${error.message}`, {
                cause: error,
              }),
        ),
      );
      req.end(body);
    });
  }
}

/** Resolves like `dns.lookup` but refuses a host with any private address (literal IPs are checked before). */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address)))
      return callback(refused(`Outbound webhook host ${hostname} resolves to a private address`), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

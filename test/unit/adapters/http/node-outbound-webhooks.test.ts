import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '#adapters/http/address-guard.js';
import { NodeOutboundWebhooks } from '#adapters/http/node-outbound-webhooks.js';
import { PermanentIntegrationError } from '#core/errors.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('NodeOutboundWebhooks on AWS (public https only)', () => {
  const outbound = new NodeOutboundWebhooks({ timeoutMs: 1000 });

  it.each([
    ['http://example.com/hook', /must use https/],
    ['https://user:pw@example.com/hook', /may not carry credentials/],
    ['https://169.254.169.254/latest/meta-data', /is private/],
    ['https://[::1]/hook', /is private/],
    ['https://localhost/hook', /resolves to a private address/],
  ])('refuses %s before sending', async (url, message) => {
    const attempt = outbound.post(url, '{}', {});
    await expect(attempt).rejects.toThrow(PermanentIntegrationError);
    await expect(outbound.post(url, '{}', {})).rejects.toThrow(message);
  });
});

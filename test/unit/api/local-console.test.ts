import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { localCookie } from '../../../scripts/local/console-api.js';
import { localInitAdminToken } from '../../../scripts/local/init-admin-token.js';
import { serveConsole } from '../../../scripts/local/static-console.js';

describe('the local console', () => {
  it('generates the init token once into the data dir (0600) and accepts only it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'af-init-'));
    const first = localInitAdminToken(dir, undefined);
    const again = localInitAdminToken(dir, undefined);

    expect(again.token).toBe(first.token);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(join(dir, 'init-admin-token')).mode & 0o777).toBe(0o600);
    expect(await first.verify(first.token)).toBe(true);
    expect(await first.verify(`${first.token}x`)).toBe(false);
    expect(localInitAdminToken(dir, 'configured-token-123456').source).toBe('configuration');
  });

  it('uses a __Host- cookie unless configured for a plain-HTTP host', () => {
    expect(localCookie('host')).toEqual({ name: '__Host-autoflow_session', secure: true });
    expect(localCookie('plain')).toEqual({ name: 'autoflow_session', secure: false });
  });

  it('serves built assets, index.html for every other path, and nothing outside the build', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'af-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dist, 'assets', 'app-1.js'), 'console.log(1)');
    writeFileSync(join(dist, '..', 'secret.txt'), 'nope');
    const app = new Hono().get('*', serveConsole(dist));

    const asset = await app.request('/assets/app-1.js');
    const route = await app.request('/p/demo/t/01ABC');
    const escape = await app.request('/assets/..%2F..%2Fsecret.txt');

    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await route.text()).toContain('<title>console</title>');
    expect(route.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await escape.text()).not.toContain('nope');
    expect(readFileSync(join(dist, '..', 'secret.txt'), 'utf8')).toBe('nope');
  });
});

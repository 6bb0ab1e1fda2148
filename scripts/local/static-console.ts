import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** What CloudFront adds in front of the SPA on AWS (a response headers policy); the same locally. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/**
 * Serves the built console (frontend/dist) the way S3 + CloudFront do: files under /assets are
 * immutable (hashed names), every other path gets index.html (SPA routing), never cached.
 */
export function serveConsole(staticDir: string) {
  const root = normalize(staticDir);
  return async (c: Context): Promise<Response> => {
    const path = decodeURIComponent(c.req.path);
    const file = normalize(join(root, path));
    const inside = file.startsWith(root + sep);
    if (inside && extname(file) !== '' && !path.endsWith('/')) {
      const body = await readFile(file).catch(() => undefined);
      if (body)
        return new Response(new Uint8Array(body), {
          headers: {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
            ...SECURITY_HEADERS,
          },
        });
      if (path.startsWith('/assets/')) return c.text('Not found', 404);
    }
    const html = await readFile(join(root, 'index.html'), 'utf8').catch(() => undefined);
    if (!html) return c.text('Console not built: run `npm run build:frontend`', 404);
    return c.html(html, 200, { 'cache-control': 'no-cache', ...SECURITY_HEADERS });
  };
}

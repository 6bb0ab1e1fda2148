import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from '../deps.js';

/** The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure unless configured for plain HTTP. */
export function setSessionCookie(
  c: Context,
  cookie: CookieOptions,
  token: string,
  maxAgeSeconds: number,
): void {
  setCookie(c, cookie.name, token, {
    httpOnly: true,
    secure: cookie.secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  });
}

export function clearSessionCookie(c: Context, cookie: CookieOptions): void {
  deleteCookie(c, cookie.name, { httpOnly: true, secure: cookie.secure, sameSite: 'Lax', path: '/' });
}

/** The session cookie's value, when it looks like one of ours (anything else is ignored unread). */
export function readSessionCookie(c: Context, cookie: CookieOptions): string | undefined {
  const value = getCookie(c, cookie.name);
  return value !== undefined && /^[A-Za-z0-9_-]{32,128}$/.test(value) ? value : undefined;
}

import type { CookieOptions, NextFunction, Request, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { UserFacingError } from './user-facing.error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'iol.csrf';
const NONCE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface CsrfOptions {
  /** PUBLIC_URL's origin: state-changing requests must come from it. */
  publicOrigin: string;
  /** Key of the token HMAC (the session secret). */
  secret: string;
  /** Set `Secure` on the cookie (PUBLIC_URL is https). */
  secureCookie: boolean;
  /** The nonce cookie's name (`__Host-` prefixed under https, see cookie-names.ts); default CSRF_COOKIE. */
  cookieName?: string;
}

/** The token for a browser's nonce: only this server can compute it, only that browser holds the nonce. */
export function csrfTokenFor(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url');
}

function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One cookie's value from the Cookie header (we need only ours; no parser middleware for it). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Same origin as PUBLIC_URL, judged from Origin, else Referer. Neither header → refuse. */
export function fromOwnOrigin(req: Request, publicOrigin: string): boolean {
  const origin = req.get('origin');
  if (origin) return origin === publicOrigin;
  const referer = req.get('referer');
  if (!referer) return false;
  try {
    return new URL(referer).origin === publicOrigin;
  } catch {
    return false;
  }
}

const forged = () =>
  new UserFacingError({
    status: 403,
    title: 'Request refused',
    message:
      'This form was not sent from this site’s own page (or the page had expired), so nothing was done. Reload the start page and try again.',
  });

/**
 * Random bytes from the CSPRNG, drawn 4 KiB at a time and handed out once each (as
 * `crypto.randomUUID` does for its own): a `randomBytes(32)` per nonce was a call into OpenSSL
 * per first visit, ~12 % of a cached page view's CPU (issue 14).
 */
export class RandomBytesPool {
  private pool = Buffer.alloc(0);
  private offset = 0;

  constructor(private readonly poolSize = 4096) {}

  take(size: number): Buffer {
    if (this.offset + size > this.pool.length) {
      this.pool = randomBytes(Math.max(this.poolSize, size));
      this.offset = 0;
    }
    const bytes = Buffer.from(this.pool.subarray(this.offset, this.offset + size));
    this.pool.fill(0, this.offset, this.offset + size); // handed out once: not left behind either
    this.offset += size;
    return bytes;
  }
}

/** The browser's CSRF nonce cookie and the token derived from it (shared by `csrfProtection` and the cached configure page). */
export class CsrfCookie {
  private readonly cookieName: string;
  private readonly cookieOptions: CookieOptions;
  private readonly random = new RandomBytesPool();

  constructor(private readonly options: CsrfOptions) {
    this.cookieName = options.cookieName ?? CSRF_COOKIE;
    this.cookieOptions = { httpOnly: true, sameSite: 'lax', secure: options.secureCookie, path: '/' };
  }

  /** The browser's nonce, when its cookie holds a well-formed one. */
  nonceOf(req: Request): string | undefined {
    const fromCookie = readCookie(req, this.cookieName);
    return fromCookie && NONCE_PATTERN.test(fromCookie) ? fromCookie : undefined;
  }

  /** A fresh nonce, sent to the browser in the cookie. */
  mint(res: Response): string {
    const nonce = this.random.take(32).toString('base64url');
    res.cookie(this.cookieName, nonce, this.cookieOptions);
    return nonce;
  }

  tokenFor(nonce: string): string {
    return csrfTokenFor(this.options.secret, nonce);
  }
}

/**
 * CSRF protection on every state-changing request: a per-browser secret token (hidden field
 * `_csrf`, or the `X-CSRF-Token` header htmx sends) plus an Origin/Referer check.
 *
 * The token is HMAC(secret, nonce), where the nonce lives in an HttpOnly, SameSite=Lax cookie: it
 * needs no server-side storage, so viewing a page creates no session (a flood of anonymous page
 * views cannot fill the session store). A cross-site attacker can neither read the nonce nor
 * compute the HMAC. Pages expose the token as `res.locals.csrfToken` (minting the cookie on
 * first use); error pages use `res.locals.peekCsrfToken()`, which never mints one.
 */
export function csrfProtection(options: CsrfOptions, csrfCookie = new CsrfCookie(options)) {
  return (req: Request, res: Response, next: NextFunction): void => {
    let nonce = csrfCookie.nonceOf(req);
    res.locals.peekCsrfToken = () => (nonce ? csrfCookie.tokenFor(nonce) : undefined);
    Object.defineProperty(res.locals, 'csrfToken', {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!nonce && !res.headersSent) nonce = csrfCookie.mint(res);
        return nonce ? csrfCookie.tokenFor(nonce) : undefined;
      },
    });
    if (SAFE_METHODS.has(req.method)) return next();
    const body = req.body as Record<string, unknown> | undefined;
    const given = req.get(CSRF_HEADER) ?? body?.[CSRF_FIELD];
    if (!fromOwnOrigin(req, options.publicOrigin) || !nonce || !sameToken(csrfCookie.tokenFor(nonce), given)) {
      return next(forged());
    }
    next();
  };
}

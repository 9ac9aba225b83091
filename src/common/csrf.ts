import type { NextFunction, Request, Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { UserFacingError } from './user-facing.error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Same origin as PUBLIC_URL, judged from Origin, else Referer. Neither header → refuse. */
function fromOwnOrigin(req: Request, publicOrigin: string): boolean {
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
 * Synchronizer-token CSRF protection plus an Origin/Referer check on every state-changing request.
 * Safe requests only expose the token (res.locals.csrfToken), creating it lazily in the session.
 */
export function csrfProtection(publicOrigin: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    Object.defineProperty(res.locals, 'csrfToken', {
      enumerable: true,
      configurable: true,
      // Requests express-session skips (e.g. `OPTIONS *`) have no session and get no token.
      get: () => (req.session ? (req.session.csrfToken ??= newCsrfToken()) : undefined),
    });
    if (SAFE_METHODS.has(req.method)) return next();
    const expected = req.session?.csrfToken;
    const body = req.body as Record<string, unknown> | undefined;
    const given = req.get(CSRF_HEADER) ?? body?.[CSRF_FIELD];
    if (!fromOwnOrigin(req, publicOrigin) || !expected || !sameToken(expected, given)) return next(forged());
    next();
  };
}

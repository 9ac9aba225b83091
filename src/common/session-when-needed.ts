import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { readCookie } from './csrf';

export interface SessionWhenNeededOptions {
  /** The session cookie's name. */
  cookieName: string;
  /**
   * Paths whose GET/HEAD handlers never read or write `req.session` (the configure page, its
   * price fragment, probes). Keep in step with the controllers: a handler listed here that
   * touched `req.session` would find it undefined.
   */
  sessionlessReads: readonly string[];
}

/**
 * express-session builds a session for every request without a cookie — a random id, a Session
 * and Cookie object, a hook on `res.end` — and throws it away at the end when nothing was stored
 * (`saveUninitialized: false`). On a first-time visitor's page view that was a tenth of the CPU
 * (issue 14). Reads of pages that never use the session, from a browser that has none, skip it;
 * everything else (any cookie, any other method or path) goes through `session` as before.
 */
export function sessionWhenNeeded(session: RequestHandler, options: SessionWhenNeededOptions): RequestHandler {
  const sessionless = new Set(options.sessionlessReads);
  return (req: Request, res: Response, next: NextFunction): void => {
    const read = req.method === 'GET' || req.method === 'HEAD';
    if (read && sessionless.has(req.path) && readCookie(req, options.cookieName) === undefined) return next();
    session(req, res, next);
  };
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * express-session for every request but reads of public pages, whose handlers never use the
 * session: they then set no cookie (not even the rolling one) and any HTTP cache may keep them.
 */
export function sessionWhenNeeded(session: RequestHandler, publicReads: RegExp): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const read = req.method === 'GET' || req.method === 'HEAD';
    if (read && publicReads.test(req.path)) return next();
    session(req, res, next);
  };
}

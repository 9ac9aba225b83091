import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sessionWhenNeeded } from './session-when-needed';

function call(handler: RequestHandler, method: string, path: string, cookie?: string): { nextCalled: boolean } {
  const seen = { nextCalled: false };
  const req = { method, path, headers: cookie ? { cookie } : {} } as unknown as Request;
  handler(
    req,
    {} as Response,
    (() => {
      seen.nextCalled = true;
    }) as NextFunction,
  );
  return seen;
}

describe('sessionWhenNeeded', () => {
  const session: RequestHandler = (_req, _res, next) => next();
  let sessionRuns = 0;
  const counted: RequestHandler = (req, res, next) => {
    sessionRuns++;
    session(req, res, next);
  };
  const handler = sessionWhenNeeded(counted, { cookieName: 'iol.sid', sessionlessReads: ['/', '/price-summary'] });
  beforeEach(() => {
    sessionRuns = 0;
  });

  it.each([
    ['GET', '/'],
    ['HEAD', '/'],
    ['GET', '/price-summary'],
  ])('skips the session for %s %s without a session cookie', (method, path) => {
    expect(call(handler, method, path, 'iol.csrf=abc')).toEqual({ nextCalled: true });
    expect(sessionRuns).toBe(0);
  });

  it('loads the session when the browser sends its session cookie', () => {
    call(handler, 'GET', '/', 'iol.csrf=abc; iol.sid=s%3Aid.sig');
    expect(sessionRuns).toBe(1);
  });

  it.each([
    ['POST', '/'],
    ['GET', '/deployments/abc'],
    ['GET', '/auth_callback'],
    ['DELETE', '/price-summary'],
  ])('always runs the session for %s %s', (method, path) => {
    call(handler, method, path);
    expect(sessionRuns).toBe(1);
  });
});

import { createMock } from '@golevelup/ts-jest';
import type { Request, Response } from 'express';
import { sessionWhenNeeded } from './session-when-needed';

describe('sessionWhenNeeded', () => {
  const session = jest.fn((_req: Request, _res: Response, next: () => void) => next());
  const handler = sessionWhenNeeded(session, /^\/(?:|price-summary)$/);

  function call(method: string, path: string): { nextCalled: boolean } {
    const seen = { nextCalled: false };
    handler(createMock<Request>({ method, path }), createMock<Response>(), () => {
      seen.nextCalled = true;
    });
    return seen;
  }

  beforeEach(() => session.mockClear());

  it.each([
    ['GET', '/'],
    ['HEAD', '/'],
    ['GET', '/price-summary'],
  ])('skips the session for %s %s, cookie or not', (method, path) => {
    expect(call(method, path)).toEqual({ nextCalled: true });
    expect(session).not.toHaveBeenCalled();
  });

  it.each([
    ['POST', '/'],
    ['GET', '/deployments/abc'],
    ['GET', '/again/abc'],
    ['GET', '/auth_callback'],
    ['DELETE', '/price-summary'],
    ['GET', '/price-summary/more'],
  ])('runs the session for %s %s', (method, path) => {
    expect(call(method, path)).toEqual({ nextCalled: true });
    expect(session).toHaveBeenCalledTimes(1);
  });
});

import { createMock } from '@golevelup/ts-jest';
import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config';
import { CrossOriginGuard, isCrossOriginRequest } from './cross-origin.guard';
import { UserFacingError } from './user-facing.error';

const PUBLIC_ORIGIN = 'https://deploy.example';

function request(method: string, headers: Record<string, string> = {}): Request {
  return createMock<Request>({ method, get: (name: string) => headers[name.toLowerCase()] });
}

describe('isCrossOriginRequest', () => {
  it.each(['GET', 'HEAD', 'OPTIONS'])('lets %s through, whoever sent it', (method) => {
    expect(isCrossOriginRequest(request(method, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }), PUBLIC_ORIGIN)).toBe(
      false,
    );
  });

  it.each([
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['Sec-Fetch-Site: none (typed, bookmarked)', { 'sec-fetch-site': 'none' }],
    ['Sec-Fetch-Site: same-origin, whatever Origin says', { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }],
    ['no Sec-Fetch-Site and Origin is PUBLIC_URL’s', { origin: PUBLIC_ORIGIN }],
    ['neither header (not a browser)', {}],
  ])('lets a POST with %s through', (_case, headers) => {
    expect(isCrossOriginRequest(request('POST', headers), PUBLIC_ORIGIN)).toBe(false);
  });

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site', origin: 'https://other.deploy.example' }],
    ['Sec-Fetch-Site: cross-site, whatever Origin says', { 'sec-fetch-site': 'cross-site', origin: PUBLIC_ORIGIN }],
    ['an unknown Sec-Fetch-Site', { 'sec-fetch-site': 'nearby' }],
    ['no Sec-Fetch-Site and a foreign Origin', { origin: 'https://evil.example' }],
    ['no Sec-Fetch-Site and Origin: null', { origin: 'null' }],
    ['no Sec-Fetch-Site and a look-alike Origin', { origin: `${PUBLIC_ORIGIN}.evil.example` }],
    ['no Sec-Fetch-Site and PUBLIC_URL’s host over http', { origin: 'http://deploy.example' }],
  ])('refuses a POST with %s', (_case, headers) => {
    expect(isCrossOriginRequest(request('POST', headers), PUBLIC_ORIGIN)).toBe(true);
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('judges %s as it judges POST', (method) => {
    expect(isCrossOriginRequest(request(method, { 'sec-fetch-site': 'cross-site' }), PUBLIC_ORIGIN)).toBe(true);
    expect(isCrossOriginRequest(request(method, { 'sec-fetch-site': 'same-origin' }), PUBLIC_ORIGIN)).toBe(false);
  });
});

describe('CrossOriginGuard', () => {
  const guard = new CrossOriginGuard(createMock<AppConfig>({ publicUrl: PUBLIC_ORIGIN }));
  const contextOf = (req: Request) => createMock<ExecutionContext>({ switchToHttp: () => ({ getRequest: () => req }) });

  it('lets a same-origin POST reach its handler', () => {
    expect(guard.canActivate(contextOf(request('POST', { origin: PUBLIC_ORIGIN })))).toBe(true);
  });

  it('refuses a cross-site POST with the 403 page', () => {
    expect(() => guard.canActivate(contextOf(request('POST', { 'sec-fetch-site': 'cross-site' })))).toThrow(
      expect.objectContaining({ status: 403, title: 'Request refused' }) as UserFacingError,
    );
  });
});

import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Reflector } from '@nestjs/core';
import { SANDBOX_DEFAULTS } from '../../sandbox.options';
import { SandboxTokenStore } from '../../tokens/sandbox-token.store';
import { SandboxApiError } from '../http/sandbox-api.error';
import { AnyValidToken, AuthenticatedRequest, PublicEndpoint, RequiresScope } from './api-access.decorator';
import { ApiAccessGuard, bearerToken } from './api-access.guard';

class Endpoints {
  @PublicEndpoint() publicOne(): void {}
  @AnyValidToken() anyToken(): void {}
  @RequiresScope('linodes', 'read_write') createLinode(): void {}
  undecorated(): void {}
}

function run(handler: keyof Endpoints, authorization?: string) {
  const request = { headers: { authorization } } as AuthenticatedRequest;
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  // Nest's own context class, as its router builds it for an HTTP request.
  const context = new ExecutionContextHost([request, response], Endpoints, Endpoints.prototype[handler]);
  const guard = new ApiAccessGuard(new Reflector(), store);
  let error: SandboxApiError | null = null;
  try {
    guard.canActivate(context);
  } catch (caught) {
    if (!(caught instanceof SandboxApiError)) throw caught;
    error = caught;
  }
  return { status: error?.status ?? 200, reason: error?.errors[0].reason, headers, request };
}

let store: SandboxTokenStore;
beforeEach(() => {
  store = new SandboxTokenStore(SANDBOX_DEFAULTS);
});

const issue = (scopes: string[]) => store.issue({ clientId: 'client', username: 'alice', scopes, codeId: null });

describe('bearerToken', () => {
  it('reads a Bearer token in any case of the scheme', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
  });

  it('refuses other schemes and empty values', () => {
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer ')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});

describe('ApiAccessGuard', () => {
  it('lets anyone call a public endpoint, even with an unknown token', () => {
    expect(run('publicOne', 'Bearer nope')).toMatchObject({
      status: 200,
      headers: { 'X-OAuth-Scopes': 'unknown', 'X-Accepted-OAuth-Scopes': '*' },
    });
  });

  it('attaches a valid token on a public endpoint, so a list can show the account its own', () => {
    const token = issue(['stackscripts:read_only']);
    const result = run('publicOne', `Bearer ${token.accessToken}`);
    expect(result.status).toBe(200);
    expect(result.request.sandboxToken).toBe(token);
  });

  it('refuses a missing token with 401 Invalid OAuth token', () => {
    expect(run('anyToken')).toMatchObject({ status: 401, reason: 'Invalid OAuth token' });
  });

  it('refuses a revoked token with 401', () => {
    const token = issue(['*']);
    store.revoke(token);
    expect(run('anyToken', `Bearer ${token.accessToken}`).status).toBe(401);
  });

  it('accepts any valid token where no scope is needed and attaches it to the request', () => {
    const token = issue(['domains:read_only']);
    const result = run('anyToken', `Bearer ${token.accessToken}`);
    expect(result.status).toBe(200);
    expect(result.request.sandboxToken).toBe(token);
  });

  it('refuses a token without the scope with 403 and reports both scope headers', () => {
    const token = issue(['linodes:read_only', 'events:read_only']);
    expect(run('createLinode', `Bearer ${token.accessToken}`)).toMatchObject({
      status: 403,
      reason: 'Your OAuth token is not authorized to use this endpoint.',
      headers: { 'X-OAuth-Scopes': 'linodes:read_only events:read_only', 'X-Accepted-OAuth-Scopes': 'linodes:read_write' },
    });
  });

  it('accepts a token with the scope', () => {
    expect(run('createLinode', `Bearer ${issue(['linodes:read_write']).accessToken}`).status).toBe(200);
  });

  it('requires a valid token on an endpoint without an access decorator', () => {
    expect(run('undecorated').status).toBe(401);
  });
});

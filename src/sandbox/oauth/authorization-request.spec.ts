import { checkAuthorizationRequest, consentFormFields, AuthorizationCheck } from './authorization-request';
import { s256Challenge } from './pkce';
import type { SandboxOAuthClient } from './sandbox-client.registry';

const CLIENT: SandboxOAuthClient = {
  id: 'client-1',
  label: 'Test app',
  redirectUri: 'http://localhost:5000/auth_callback',
};
const findClient = (id: string | null) => (id === CLIENT.id ? CLIENT : undefined);
const CHALLENGE = s256Challenge('v'.repeat(50));

function check(query: Record<string, unknown>, source: 'authorize-url' | 'consent-form' = 'authorize-url') {
  return checkAuthorizationRequest(
    { client_id: CLIENT.id, response_type: 'code', scope: 'linodes:read_write', ...query },
    findClient,
    source,
  );
}

function errorOf(result: AuthorizationCheck): { error: string | null; state: string | null; description: string | null; location: string } {
  if (result.kind !== 'redirect-error') throw new Error(`expected a redirect error, got ${result.kind}`);
  const url = new URL(result.location);
  return {
    error: url.searchParams.get('error'),
    state: url.searchParams.get('state'),
    description: url.searchParams.get('error_description'),
    location: result.location,
  };
}

function validRequest(result: AuthorizationCheck) {
  if (result.kind !== 'valid') throw new Error(`expected a valid request, got ${JSON.stringify(result)}`);
  return result.request;
}

describe('checkAuthorizationRequest', () => {
  describe('refuses without redirecting', () => {
    it('when client_id is missing', () => {
      expect(checkAuthorizationRequest({ response_type: 'code' }, findClient, 'authorize-url').kind).toBe('refused');
    });

    it('when client_id is unknown', () => {
      expect(check({ client_id: 'someone-else' }).kind).toBe('refused');
    });

    it('when client_id is repeated', () => {
      expect(check({ client_id: [CLIENT.id, CLIENT.id] }).kind).toBe('refused');
    });

    it('when redirect_uri is not under the registered one', () => {
      expect(check({ redirect_uri: 'https://evil.example/auth_callback' }).kind).toBe('refused');
    });

    it('when redirect_uri is repeated', () => {
      expect(check({ redirect_uri: [CLIENT.redirectUri, CLIENT.redirectUri] }).kind).toBe('refused');
    });

    it('when the client is unknown even if everything else is wrong too', () => {
      expect(check({ client_id: 'nope', response_type: 'token', scope: 'bogus' }).kind).toBe('refused');
    });
  });

  describe('redirects an error to the client', () => {
    it('for a response_type other than code', () => {
      expect(errorOf(check({ response_type: 'token' })).error).toBe('unsupported_response_type');
    });

    it('for a missing response_type', () => {
      expect(errorOf(check({ response_type: undefined })).error).toBe('invalid_request');
    });

    it('for an unknown scope, naming it', () => {
      const error = errorOf(check({ scope: 'linodes:read_write,widgets:read_only' }));
      expect(error.error).toBe('invalid_scope');
      expect(error.description).toContain('widgets:read_only');
    });

    it('for both scope and scopes', () => {
      expect(errorOf(check({ scopes: 'linodes:read_only' })).error).toBe('invalid_request');
    });

    it('for a plain PKCE method', () => {
      expect(errorOf(check({ code_challenge: CHALLENGE, code_challenge_method: 'plain' })).error).toBe('invalid_request');
    });

    it('for a challenge without a method (RFC 7636: that means plain)', () => {
      expect(errorOf(check({ code_challenge: CHALLENGE })).error).toBe('invalid_request');
    });

    it('for a method without a challenge', () => {
      expect(errorOf(check({ code_challenge_method: 'S256' })).error).toBe('invalid_request');
    });

    it('for a malformed challenge', () => {
      expect(errorOf(check({ code_challenge: 'short', code_challenge_method: 'S256' })).error).toBe('invalid_request');
    });

    it('with the state echoed unchanged', () => {
      expect(errorOf(check({ response_type: 'token', state: 'a b/c?d=é' })).state).toBe('a b/c?d=é');
    });

    it('to the client’s own redirect_uri, keeping its query', () => {
      const { location } = errorOf(check({ response_type: 'token', redirect_uri: `${CLIENT.redirectUri}?returnTo=%2F` }));
      expect(location.startsWith(`${CLIENT.redirectUri}?returnTo=%2F&error=`)).toBe(true);
    });

    it('to the registered redirect URI when the request named none', () => {
      expect(errorOf(check({ response_type: 'token' })).location.startsWith(`${CLIENT.redirectUri}?error=`)).toBe(true);
    });
  });

  describe('accepts', () => {
    it('scopes under the parameter name scope', () => {
      expect(validRequest(check({ scope: 'linodes:read_write events:read_only' })).requestedScopes).toEqual([
        'linodes:read_write',
        'events:read_only',
      ]);
    });

    it('scopes under the parameter name scopes (the python client)', () => {
      const request = validRequest(check({ scope: undefined, scopes: 'linodes:read_write,events:read_only' }));
      expect(request.requestedScopes).toEqual(['linodes:read_write', 'events:read_only']);
    });

    it('* and family:* scopes', () => {
      expect(validRequest(check({ scope: '*,linodes:*' })).requestedScopes).toEqual(['*', 'linodes:*']);
    });

    it('no scope at all as a request for everything', () => {
      const request = validRequest(check({ scope: undefined }));
      expect(request.requestedScopes).toEqual(['*']);
      expect(request.scope).toBeNull();
    });

    it('an S256 challenge', () => {
      expect(validRequest(check({ code_challenge: CHALLENGE, code_challenge_method: 'S256' })).codeChallenge).toBe(CHALLENGE);
    });

    it('a redirect_uri under the registered one, and remembers it as given', () => {
      const given = `${CLIENT.redirectUri}?returnTo=%2F`;
      const request = validRequest(check({ redirect_uri: given }));
      expect(request.givenRedirectUri).toBe(given);
      expect(request.redirectUri).toBe(given);
    });

    it('unknown extra parameters', () => {
      expect(check({ prompt: 'login', nonce: ['x', 'y'] }).kind).toBe('valid');
    });
  });

  describe('on the consent form', () => {
    it('reads the requested scopes from scope only (scopes are the ticked boxes)', () => {
      const request = validRequest(check({ scope: 'linodes:read_write', scopes: ['linodes:read_write'] }, 'consent-form'));
      expect(request.requestedScopes).toEqual(['linodes:read_write']);
    });

    it('carries the request in hidden fields that a second check reads back the same', () => {
      const first = validRequest(
        check({
          scope: undefined,
          scopes: 'linodes:read_write,events:read_only',
          state: 'st',
          redirect_uri: `${CLIENT.redirectUri}/x?y=1`,
          code_challenge: CHALLENGE,
          code_challenge_method: 'S256',
        }),
      );
      const fields = Object.fromEntries(consentFormFields(first));
      expect(fields.scopes).toBeUndefined();
      const second = validRequest(checkAuthorizationRequest(fields, findClient, 'consent-form'));
      expect(second).toEqual(first);
    });
  });
});

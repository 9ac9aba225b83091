import { SANDBOX_DEFAULTS, SandboxOptions } from '../sandbox.options';
import { SandboxTokenStore } from '../tokens/sandbox-token.store';
import { AuthorizationGrant, SandboxAuthorizationCodeStore } from './authorization-code.store';
import { OAuthTokenError } from './oauth-token.error';
import { s256Challenge } from './pkce';
import { SandboxClientRegistry } from './sandbox-client.registry';
import { SandboxTokenGrantService } from './sandbox-token-grant.service';

const OPTIONS: SandboxOptions = { ...SANDBOX_DEFAULTS, clientId: 'client-1', clientSecret: 'secret-1' };
const CLIENT = { client_id: 'client-1', client_secret: 'secret-1' };
const GRANT: AuthorizationGrant = {
  clientId: 'client-1',
  username: 'alice',
  scopes: ['linodes:read_write', 'events:read_only'],
  redirectUri: 'http://localhost:5000/auth_callback',
  codeChallenge: null,
};
const VERIFIER = 'v'.repeat(64);

function setup() {
  const codes = new SandboxAuthorizationCodeStore(OPTIONS);
  const tokens = new SandboxTokenStore(OPTIONS);
  const service = new SandboxTokenGrantService(new SandboxClientRegistry(OPTIONS), codes, tokens);
  return { codes, tokens, service };
}

function failure(run: () => unknown): { code: string; status: number } {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthTokenError) return { code: error.code, status: error.status };
    throw error;
  }
  throw new Error('expected an OAuth error');
}

describe('SandboxTokenGrantService', () => {
  describe('code exchange', () => {
    it('returns Linode’s token response with comma-joined scopes', () => {
      const { codes, service } = setup();
      const { code } = codes.issue(GRANT);
      const response = service.grant({ ...CLIENT, code });
      expect(response).toEqual({
        access_token: expect.stringMatching(/^[0-9a-f]{64}$/),
        token_type: 'bearer',
        expires_in: 7200,
        refresh_token: expect.stringMatching(/^[0-9a-f]{64}$/),
        scope: 'linodes:read_write events:read_only',
        scopes: 'linodes:read_write events:read_only',
      });
    });

    it('issues a token for the user who approved, tied to the code', () => {
      const { codes, tokens, service } = setup();
      const issued = codes.issue(GRANT);
      const { access_token } = service.grant({ ...CLIENT, code: issued.code, grant_type: 'authorization_code' });
      const auth = tokens.authenticate(access_token);
      expect(auth.ok && auth.token).toMatchObject({ username: 'alice', clientId: 'client-1', codeId: issued.id });
    });

    it('refuses a wrong client secret with invalid_client (401)', () => {
      const { codes, service } = setup();
      const { code } = codes.issue(GRANT);
      expect(failure(() => service.grant({ ...CLIENT, client_secret: 'nope', code }))).toEqual({ code: 'invalid_client', status: 401 });
    });

    it('does not use up the code when the client fails to authenticate', () => {
      const { codes, service } = setup();
      const { code } = codes.issue(GRANT);
      failure(() => service.grant({ client_id: 'client-1', code }));
      expect(service.grant({ ...CLIENT, code }).access_token).toBeTruthy();
    });

    it('refuses an unknown grant type', () => {
      expect(failure(() => setup().service.grant({ ...CLIENT, grant_type: 'password' }))).toEqual({
        code: 'unsupported_grant_type',
        status: 400,
      });
    });

    it('requires a code', () => {
      expect(failure(() => setup().service.grant({ ...CLIENT })).code).toBe('invalid_request');
    });

    it('refuses a repeated parameter as invalid_request', () => {
      const { codes, service } = setup();
      const { code } = codes.issue(GRANT);
      expect(failure(() => service.grant({ ...CLIENT, code: [code, code] })).code).toBe('invalid_request');
    });

    it('refuses an unknown code', () => {
      expect(failure(() => setup().service.grant({ ...CLIENT, code: 'abc' })).code).toBe('invalid_grant');
    });

    it('refuses a code used a second time and revokes what the first use issued', () => {
      const { codes, tokens, service } = setup();
      const { code } = codes.issue(GRANT);
      const first = service.grant({ ...CLIENT, code });
      expect(failure(() => service.grant({ ...CLIENT, code })).code).toBe('invalid_grant');
      expect(tokens.authenticate(first.access_token)).toEqual({ ok: false, status: 'revoked' });
    });

    it('on code reuse also revokes tokens refreshed from the first one', () => {
      const { codes, tokens, service } = setup();
      const { code } = codes.issue(GRANT);
      const first = service.grant({ ...CLIENT, code });
      const refreshed = service.grant({ ...CLIENT, grant_type: 'refresh_token', refresh_token: first.refresh_token });
      failure(() => service.grant({ ...CLIENT, code }));
      expect(tokens.authenticate(refreshed.access_token)).toEqual({ ok: false, status: 'revoked' });
    });

    it('accepts redirect_uri when it matches the authorize request', () => {
      const { codes, service } = setup();
      const { code } = codes.issue(GRANT);
      expect(service.grant({ ...CLIENT, code, redirect_uri: GRANT.redirectUri }).access_token).toBeTruthy();
    });

    it('refuses redirect_uri when it differs from the authorize request', () => {
      const { codes, service } = setup();
      const { code } = codes.issue(GRANT);
      expect(failure(() => service.grant({ ...CLIENT, code, redirect_uri: `${GRANT.redirectUri}/x` })).code).toBe('invalid_grant');
    });

    describe('with PKCE', () => {
      const withChallenge = { ...GRANT, codeChallenge: s256Challenge(VERIFIER) };

      it('accepts the matching verifier', () => {
        const { codes, service } = setup();
        const { code } = codes.issue(withChallenge);
        expect(service.grant({ ...CLIENT, code, code_verifier: VERIFIER }).access_token).toBeTruthy();
      });

      it('refuses a missing verifier', () => {
        const { codes, service } = setup();
        const { code } = codes.issue(withChallenge);
        expect(failure(() => service.grant({ ...CLIENT, code })).code).toBe('invalid_grant');
      });

      it('refuses a wrong verifier, and the code cannot be retried', () => {
        const { codes, service } = setup();
        const { code } = codes.issue(withChallenge);
        expect(failure(() => service.grant({ ...CLIENT, code, code_verifier: 'w'.repeat(64) })).code).toBe('invalid_grant');
        expect(failure(() => service.grant({ ...CLIENT, code, code_verifier: VERIFIER })).code).toBe('invalid_grant');
      });

      it('refuses a verifier for a code that had no challenge', () => {
        const { codes, service } = setup();
        const { code } = codes.issue(GRANT);
        expect(failure(() => service.grant({ ...CLIENT, code, code_verifier: VERIFIER })).code).toBe('invalid_grant');
      });
    });
  });

  describe('refresh', () => {
    it('rotates: a new access and refresh token with the same scopes', () => {
      const { codes, service } = setup();
      const first = service.grant({ ...CLIENT, code: codes.issue(GRANT).code });
      const second = service.grant({ ...CLIENT, grant_type: 'refresh_token', refresh_token: first.refresh_token });
      expect(second.access_token).not.toBe(first.access_token);
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.scopes).toBe(first.scopes);
    });

    it('ends the old pair at once', () => {
      const { codes, tokens, service } = setup();
      const first = service.grant({ ...CLIENT, code: codes.issue(GRANT).code });
      service.grant({ ...CLIENT, grant_type: 'refresh_token', refresh_token: first.refresh_token });
      expect(tokens.authenticate(first.access_token).ok).toBe(false);
      expect(failure(() => service.grant({ ...CLIENT, grant_type: 'refresh_token', refresh_token: first.refresh_token })).code).toBe(
        'invalid_grant',
      );
    });

    it('refuses an access token in place of a refresh token', () => {
      const { codes, service } = setup();
      const first = service.grant({ ...CLIENT, code: codes.issue(GRANT).code });
      expect(failure(() => service.grant({ ...CLIENT, grant_type: 'refresh_token', refresh_token: first.access_token })).code).toBe(
        'invalid_grant',
      );
    });

    it('requires a refresh token', () => {
      expect(failure(() => setup().service.grant({ ...CLIENT, grant_type: 'refresh_token' })).code).toBe('invalid_request');
    });

    it('requires the client secret', () => {
      const { codes, service } = setup();
      const first = service.grant({ ...CLIENT, code: codes.issue(GRANT).code });
      expect(
        failure(() => service.grant({ client_id: 'client-1', grant_type: 'refresh_token', refresh_token: first.refresh_token })).code,
      ).toBe('invalid_client');
    });
  });

  describe('revoke', () => {
    it('ends the access token and its refresh token', () => {
      const { codes, tokens, service } = setup();
      const first = service.grant({ ...CLIENT, code: codes.issue(GRANT).code });
      service.revoke({ ...CLIENT, token: first.access_token, token_type_hint: 'access_token' });
      expect(tokens.authenticate(first.access_token)).toEqual({ ok: false, status: 'revoked' });
      expect(tokens.findByRefreshToken(first.refresh_token)).toBeUndefined();
    });

    it('ends the pair when given the refresh token', () => {
      const { codes, tokens, service } = setup();
      const first = service.grant({ ...CLIENT, code: codes.issue(GRANT).code });
      service.revoke({ ...CLIENT, token: first.refresh_token });
      expect(tokens.authenticate(first.access_token).ok).toBe(false);
    });

    it('answers an unknown token like a known one', () => {
      expect(() => setup().service.revoke({ ...CLIENT, token: 'unknown' })).not.toThrow();
    });

    it('refuses wrong client credentials and leaves the token alone', () => {
      const { codes, tokens, service } = setup();
      const first = service.grant({ ...CLIENT, code: codes.issue(GRANT).code });
      expect(failure(() => service.revoke({ ...CLIENT, client_secret: 'x', token: first.access_token })).code).toBe('invalid_client');
      expect(tokens.authenticate(first.access_token).ok).toBe(true);
    });

    it('requires a token', () => {
      expect(failure(() => setup().service.revoke({ ...CLIENT })).code).toBe('invalid_request');
    });
  });
});

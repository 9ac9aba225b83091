import { LinodeOAuthError, LinodeResponseError, LinodeUnavailableError } from './linode-api.error';
import { LinodeLoginClient, LinodeLoginClientOptions } from './linode-login.client';
import { FakeHandler, FakeLinode, json } from './fake-linode.test-helper';

const ACCESS = 'access-token-abcdef0123456789';
const REFRESH = 'refresh-token-abcdef0123456789';

/** Answers that Linode may give while it is busy or failing. */
const status =
  (code: number, headers: Record<string, string> = {}): FakeHandler =>
  (_request, response) =>
    json(response, code, { error: code === 429 ? 'rate_limited' : 'server_error' }, headers);
const neverAnswers: FakeHandler = () => undefined;

describe('LinodeLoginClient', () => {
  let fake: FakeLinode;
  let warnings: string[];
  /** Waits between attempts, recorded instead of waited. */
  let sleeps: number[];
  let client: LinodeLoginClient;

  const makeClient = (options: LinodeLoginClientOptions = {}) =>
    new LinodeLoginClient(fake.config(), {
      timeoutMs: 1_000,
      logger: { warn: (message: unknown) => warnings.push(String(message)) },
      sleep: async (ms) => void sleeps.push(ms),
      ...options,
    });

  const tokenResponse = (extra: Record<string, unknown>) => ({
    access_token: ACCESS,
    refresh_token: REFRESH,
    token_type: 'bearer',
    expires_in: 7200,
    ...extra,
  });

  beforeEach(async () => {
    fake = await FakeLinode.start();
    warnings = [];
    sleeps = [];
    client = makeClient();
  });
  afterEach(() => fake.close());

  const form = (index = 0) => Object.fromEntries(new URLSearchParams(fake.requests[index].body));

  describe('exchangeCode', () => {
    it('posts the code as a confidential client, form-encoded', async () => {
      fake.handle((_request, response) => json(response, 200, tokenResponse({ scopes: 'linodes:read_write' })));
      await client.exchangeCode({ code: 'code-1', redirectUri: 'http://localhost:5000/auth_callback', codeVerifier: 'v1' });
      expect(fake.requests[0]).toMatchObject({ method: 'POST', pathname: '/oauth/token' });
      expect(fake.requests[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(form()).toEqual({
        client_id: 'test-client-id',
        client_secret: 'test-client-secret',
        grant_type: 'authorization_code',
        code: 'code-1',
        redirect_uri: 'http://localhost:5000/auth_callback',
        code_verifier: 'v1',
      });
    });

    it('asks for JSON and names the app in the User-Agent', async () => {
      fake.handle((_request, response) => json(response, 200, tokenResponse({ scopes: '*' })));
      await client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' });
      expect(fake.requests[0].headers.accept).toBe('application/json');
      expect(fake.requests[0].headers['user-agent']).toMatch(/^install-on-linode\//);
    });

    it('returns the tokens and reads the granted scopes from `scopes`', async () => {
      fake.handle((_request, response) => json(response, 200, tokenResponse({ scopes: 'linodes:read_write events:read_only' })));
      await expect(client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' })).resolves.toEqual({
        accessToken: ACCESS,
        refreshToken: REFRESH,
        expiresIn: 7200,
        scopes: ['linodes:read_write', 'events:read_only'],
      });
    });

    it('reads the granted scopes from `scope` too, comma-separated', async () => {
      fake.handle((_request, response) => json(response, 200, tokenResponse({ scope: 'linodes:read_write,events:read_only' })));
      const tokens = await client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' });
      expect(tokens.scopes).toEqual(['linodes:read_write', 'events:read_only']);
    });

    it('gives no refresh token when Linode sends none', async () => {
      fake.handle((_request, response) =>
        json(response, 200, { access_token: ACCESS, token_type: 'bearer', expires_in: 7200, scopes: '*' }),
      );
      expect((await client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' })).refreshToken).toBeNull();
    });

    it('maps an RFC 6749 error to LinodeOAuthError', async () => {
      fake.handle((_request, response) => json(response, 400, { error: 'invalid_grant', error_description: 'The code has expired' }));
      const error = await client.exchangeCode({ code: 'old', redirectUri: 'http://x/cb' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LinodeOAuthError);
      expect(error).toMatchObject({ status: 400, error: 'invalid_grant', description: 'The code has expired' });
      expect((error as Error).message).toBe('Linode login POST /oauth/token answered 400: invalid_grant (The code has expired)');
    });

    it('maps an HTML error page to LinodeOAuthError with the status', async () => {
      fake.handle((_request, response) => {
        response.writeHead(403, { 'Content-Type': 'text/html' });
        response.end('<html><h1>Access Denied</h1></html>');
      });
      const error = await client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        status: 403,
        error: 'unexpected_response',
        description: 'Linode answered 403 with a body of type text/html instead of a JSON error',
      });
    });

    it.each([500, 502, 503, 408])('is not retried after a %i: the code may already have been used', async (code) => {
      fake.handle(status(code));
      await expect(client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' })).rejects.toMatchObject({ status: code });
      expect(fake.requests).toHaveLength(1);
    });

    it('is not retried after a timeout', async () => {
      client = makeClient({ timeoutMs: 50 });
      fake.handle(neverAnswers);
      await expect(client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' })).rejects.toBeInstanceOf(LinodeUnavailableError);
      expect(fake.requests).toHaveLength(1);
    });

    it('is retried after a 429, when Linode certainly did not use the code, with the same code', async () => {
      fake.handleInOrder(status(429), (_request, response) => json(response, 200, tokenResponse({ scopes: '*' })));
      await expect(client.exchangeCode({ code: 'code-1', redirectUri: 'http://x/cb', codeVerifier: 'v1' })).resolves.toMatchObject({
        accessToken: ACCESS,
      });
      expect(fake.requests).toHaveLength(2);
      expect(form(1)).toEqual(form(0));
    });

    it('waits as long as Retry-After says before trying again after a 429', async () => {
      fake.handleInOrder(status(429, { 'Retry-After': '3' }), (_request, response) => json(response, 200, tokenResponse({ scopes: '*' })));
      await client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' });
      expect(sleeps).toEqual([3_000]);
    });

    it('does not wait for a Retry-After longer than the cap, and reports the 429 at once', async () => {
      fake.handle(status(429, { 'Retry-After': '60' }));
      await expect(client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' })).rejects.toMatchObject({ status: 429 });
      expect(fake.requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    it('gives up after three attempts when Linode keeps answering 429', async () => {
      fake.handle(status(429));
      const error = await client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LinodeOAuthError);
      expect(error).toMatchObject({ status: 429 });
      expect(fake.requests).toHaveLength(3);
    });

    it('reports a success without an access token, without quoting the body', async () => {
      fake.handle((_request, response) => json(response, 200, { token_type: 'bearer', refresh_token: REFRESH }));
      const error = await client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LinodeResponseError);
      expect((error as Error).message).toContain('access_token is missing or invalid');
      expect((error as Error).message).not.toContain(REFRESH);
    });

    it('times out', async () => {
      client = makeClient({ timeoutMs: 50 });
      fake.handle(() => undefined);
      const error = await client.exchangeCode({ code: 'c', redirectUri: 'http://x/cb' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LinodeUnavailableError);
      expect(error).toMatchObject({ kind: 'timeout' });
    });
  });

  describe('refresh', () => {
    it('posts the refresh token and returns the new tokens', async () => {
      fake.handle((_request, response) =>
        json(response, 200, tokenResponse({ access_token: 'new-access', refresh_token: 'new-refresh', scopes: '*' })),
      );
      const tokens = await client.refresh(REFRESH);
      expect(form()).toEqual({
        client_id: 'test-client-id',
        client_secret: 'test-client-secret',
        grant_type: 'refresh_token',
        refresh_token: REFRESH,
      });
      expect(tokens).toMatchObject({ accessToken: 'new-access', refreshToken: 'new-refresh', scopes: ['*'] });
    });

    it('is not retried after a 500: the refresh token may already have been rotated', async () => {
      fake.handle(status(500));
      await expect(client.refresh(REFRESH)).rejects.toMatchObject({ status: 500 });
      expect(fake.requests).toHaveLength(1);
    });

    it('is retried after a 429', async () => {
      fake.handleInOrder(status(429), (_request, response) => json(response, 200, tokenResponse({ scopes: '*' })));
      await expect(client.refresh(REFRESH)).resolves.toMatchObject({ accessToken: ACCESS });
      expect(fake.requests).toHaveLength(2);
    });
  });

  describe('revoke', () => {
    it('posts the token with the client credentials and reports success', async () => {
      fake.handle((_request, response) => json(response, 200, {}));
      await expect(client.revoke(ACCESS)).resolves.toBe(true);
      expect(fake.requests[0].pathname).toBe('/oauth/revoke');
      expect(form()).toEqual({
        client_id: 'test-client-id',
        client_secret: 'test-client-secret',
        token: ACCESS,
        token_type_hint: 'access_token',
      });
    });

    it('returns false and logs a warning without the token when Linode refuses, without retrying', async () => {
      fake.handle((_request, response) => json(response, 400, { error: 'invalid_request' }));
      await expect(client.revoke(ACCESS)).resolves.toBe(false);
      expect(warnings).toEqual(['Revoking a Linode token failed: Linode login POST /oauth/revoke answered 400: invalid_request']);
      expect(warnings.join()).not.toContain(ACCESS);
      expect(fake.requests).toHaveLength(1);
    });

    it('returns false instead of throwing when Linode cannot be reached, after trying three times', async () => {
      client = makeClient({ timeoutMs: 50 });
      fake.handle(neverAnswers);
      await expect(client.revoke(ACCESS)).resolves.toBe(false);
      expect(fake.requests).toHaveLength(3);
      expect(warnings).toHaveLength(1);
      expect(warnings.join()).not.toContain(ACCESS);
    });

    it.each([500, 502, 503, 408, 429])('is retried after a %i (revoking twice does no harm) and reports success', async (code) => {
      fake.handleInOrder(status(code), (_request, response) => json(response, 200, {}));
      await expect(client.revoke(ACCESS)).resolves.toBe(true);
      expect(fake.requests).toHaveLength(2);
      expect(form(1)).toEqual(form(0));
      expect(warnings).toEqual([]);
    });

    it('is retried after a timeout and reports success', async () => {
      client = makeClient({ timeoutMs: 50 });
      fake.handleInOrder(neverAnswers, (_request, response) => json(response, 200, {}));
      await expect(client.revoke(ACCESS)).resolves.toBe(true);
      expect(fake.requests).toHaveLength(2);
    });

    it('backs off between attempts', async () => {
      client = makeClient({ random: () => 1 });
      fake.handle(status(503));
      await client.revoke(ACCESS);
      expect(sleeps).toEqual([200, 400]);
    });

    it('gives up after three attempts, returning false with one warning', async () => {
      fake.handle(status(503));
      await expect(client.revoke(ACCESS)).resolves.toBe(false);
      expect(fake.requests).toHaveLength(3);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('503');
    });
  });

  describe('revokeToken: whether a failed revoke is worth retrying later', () => {
    it('says revoked on a 2xx', async () => {
      fake.handle((_request, response) => json(response, 200, {}));
      await expect(client.revokeToken(ACCESS)).resolves.toBe('revoked');
    });

    it.each([400, 401, 403, 404, 408])(
      'says refused on a %i: the token is gone or the request wrong, retrying cannot help',
      async (code) => {
        fake.handle((_request, response) => json(response, code, { error: 'invalid_token' }));
        await expect(client.revokeToken(ACCESS)).resolves.toBe('refused');
      },
    );

    it.each([429, 500, 503])('says unavailable after repeated %i answers', async (code) => {
      fake.handle(status(code));
      await expect(client.revokeToken(ACCESS)).resolves.toBe('unavailable');
    });

    it('says unavailable when Linode cannot be reached', async () => {
      client = makeClient({ timeoutMs: 50 });
      fake.handle(neverAnswers);
      await expect(client.revokeToken(ACCESS)).resolves.toBe('unavailable');
    });
  });
});

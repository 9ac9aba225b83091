import { Logger } from '@nestjs/common';
import type { LinodeHttpOptions } from './linode-http';
import { LinodeLoginClient } from './linode-login.client';
import { type FakeHandler, FakeLinode, json } from './fake-linode.test-helper';

const ACCESS = 'access-token-abcdef0123456789';

/** Answers that Linode may give while it is busy or failing. */
const status =
  (code: number, headers: Record<string, string> = {}): FakeHandler =>
  (_request, response) =>
    json(response, code, { error: code === 429 ? 'rate_limited' : 'server_error' }, headers);
const neverAnswers: FakeHandler = () => undefined;

describe('LinodeLoginClient', () => {
  let fake: FakeLinode;
  let warnings: string[];
  let client: LinodeLoginClient;

  /** Short waits between retries, so that the specs run fast. */
  const makeClient = (options: LinodeHttpOptions = {}) =>
    new LinodeLoginClient(fake.config(), {
      timeoutMs: 1_000,
      ...options,
      resilience: { initialDelayMs: 1, maxDelayMs: 5, ...options.resilience },
    });

  beforeEach(async () => {
    fake = await FakeLinode.start();
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    client = makeClient();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await fake.close();
  });

  const form = (index = 0) => Object.fromEntries(new URLSearchParams(fake.requests[index].body));

  describe('revokeToken', () => {
    it('posts the token with the client credentials and reports success', async () => {
      fake.handle((_request, response) => json(response, 200, {}));
      await expect(client.revokeToken(ACCESS)).resolves.toBe('revoked');
      expect(fake.requests[0].pathname).toBe('/oauth/revoke');
      expect(form()).toEqual({
        client_id: 'test-client-id',
        client_secret: 'test-client-secret',
        token: ACCESS,
        token_type_hint: 'access_token',
      });
    });

    it('says refused and logs a warning without the token when Linode refuses, without retrying', async () => {
      fake.handle((_request, response) => json(response, 400, { error: 'invalid_request' }));
      await expect(client.revokeToken(ACCESS)).resolves.toBe('refused');
      expect(warnings).toEqual(['Revoking a Linode token failed: Linode login POST /oauth/revoke answered 400: invalid_request']);
      expect(warnings.join()).not.toContain(ACCESS);
      expect(fake.requests).toHaveLength(1);
    });

    it('says unavailable instead of throwing when Linode cannot be reached, after trying three times', async () => {
      client = makeClient({ timeoutMs: 50 });
      fake.handle(neverAnswers);
      await expect(client.revokeToken(ACCESS)).resolves.toBe('unavailable');
      expect(fake.requests).toHaveLength(3);
      expect(warnings).toHaveLength(1);
      expect(warnings.join()).not.toContain(ACCESS);
    });

    it.each([500, 502, 503, 408, 429])('is retried after a %i (revoking twice does no harm) and reports success', async (code) => {
      fake.handleInOrder(status(code), (_request, response) => json(response, 200, {}));
      await expect(client.revokeToken(ACCESS)).resolves.toBe('revoked');
      expect(fake.requests).toHaveLength(2);
      expect(form(1)).toEqual(form(0));
      expect(warnings).toEqual([]);
    });

    it('is retried after a timeout and reports success', async () => {
      client = makeClient({ timeoutMs: 50 });
      fake.handleInOrder(neverAnswers, (_request, response) => json(response, 200, {}));
      await expect(client.revokeToken(ACCESS)).resolves.toBe('revoked');
      expect(fake.requests).toHaveLength(2);
    });

    it('backs off between attempts, longer each time', async () => {
      jest.spyOn(Math, 'random').mockReturnValue(0.999);
      client = makeClient({ resilience: { initialDelayMs: 100, maxDelayMs: 1_000 } });
      fake.handle(status(503));
      await client.revokeToken(ACCESS);
      const [first, second, third] = fake.requests.map((request) => request.receivedAt);
      expect(second - first).toBeGreaterThanOrEqual(95);
      expect(third - second).toBeGreaterThanOrEqual(195);
    });

    it('gives up after three attempts, saying unavailable with one warning', async () => {
      fake.handle(status(503));
      await expect(client.revokeToken(ACCESS)).resolves.toBe('unavailable');
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

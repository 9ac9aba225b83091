import { Logger } from '@nestjs/common';
import type { Request } from 'express';
import type { SessionData } from 'express-session';
import { createHash } from 'node:crypto';
import '../common/session-data';
import type { AppConfig } from '../config/app-config';
import { loadAppConfig } from '../config/load-app-config';
import { LinodeOAuthError } from '../linode/linode-api.error';
import { LinodeLoginClient, type LinodeTokenSet } from '../linode/linode-login.client';
import { InvalidSignInStateError, SignInCancelledError, SignInFailedError } from './auth.errors';
import { LinodeAuthorizationService } from './linode-authorization.service';
import { LinodeStrategy } from './linode.strategy';
import { PENDING_AUTHORIZATION_TTL_MS } from './pending-authorization.store';

const PUBLIC_URL = 'https://deploy.example.com';
const LOGIN_URL = 'https://login.example.test';
const CLIENT_ID = 'client-id-0123456789';

const config: AppConfig = loadAppConfig({
  NODE_ENV: 'test',
  PUBLIC_URL,
  LINODE_CLIENT_ID: CLIENT_ID,
  LINODE_CLIENT_SECRET: 'client-secret-abcdef',
  LINODE_STACKSCRIPT_ID: '4242',
  LINODE_LOGIN_URL: LOGIN_URL,
  SESSION_SECRET: 'a-session-secret-of-enough-length-0123456789',
});

const TOKENS: LinodeTokenSet = {
  accessToken: 'access-token-0123456789abcdef',
  refreshToken: 'refresh-token-0123456789abcdef',
  expiresIn: 7200,
  scopes: ['linodes:read_write'],
};

interface FakeRequestInit {
  query?: Record<string, unknown>;
  session?: Partial<SessionData>;
  headers?: Record<string, string>;
}

/** What the strategy reads of a request: query, session, headers (and `get` for the latter). */
function fakeRequest({ query = {}, session = {}, headers = {} }: FakeRequestInit = {}): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    query,
    session,
    headers: lower,
    url: '/',
    originalUrl: '/',
    get: (name: string) => lower[name.toLowerCase()],
    header: (name: string) => lower[name.toLowerCase()],
  } as unknown as Request;
}

/** The error a promise rejects with; fails the test when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected a rejection with an Error');
  return outcome;
}

const base64urlSha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

describe('LinodeAuthorizationService', () => {
  let loginClient: LinodeLoginClient;
  let exchangeCode: jest.SpiedFunction<LinodeLoginClient['exchangeCode']>;
  let service: LinodeAuthorizationService;

  beforeEach(() => {
    loginClient = new LinodeLoginClient(config);
    exchangeCode = jest.spyOn(loginClient, 'exchangeCode').mockResolvedValue(TOKENS);
    service = new LinodeAuthorizationService(new LinodeStrategy(config, loginClient));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  /** Starts a sign-in in `session` and returns its state and authorize URL. */
  async function begin(session: Partial<SessionData>, draftId = 'draft-1') {
    const url = new URL(await service.begin(fakeRequest({ session }), draftId));
    const state = url.searchParams.get('state') ?? '';
    return { url, state };
  }

  describe('begin', () => {
    it('resolves to the login service’s authorize endpoint', async () => {
      const { url } = await begin({});
      expect(`${url.origin}${url.pathname}`).toBe(`${LOGIN_URL}/oauth/authorize`);
    });

    it('asks for an authorization code for this client, with the pinned callback and the app’s scope', async () => {
      const { url } = await begin({});
      expect(url.searchParams.get('response_type')).toBe('code');
      expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
      expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth_callback`);
      expect(url.searchParams.get('scope')).toBe('linodes:read_write');
    });

    it('sends a state that this session keeps, bound to the draft', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session, 'draft-42');
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.pendingAuthorizations?.[state]).toMatchObject({ draftId: 'draft-42' });
    });

    it('sends an S256 PKCE challenge derived from the verifier the session keeps', async () => {
      const session: Partial<SessionData> = {};
      const { url, state } = await begin(session);
      const verifier = session.pendingAuthorizations?.[state]?.codeVerifier ?? '';
      expect(verifier.length).toBeGreaterThanOrEqual(43);
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('code_challenge')).toBe(base64urlSha256(verifier));
    });

    it('keeps the callback pinned to PUBLIC_URL whatever Host and X-Forwarded-* headers the request carries', async () => {
      const req = fakeRequest({
        headers: {
          Host: 'evil.example',
          'X-Forwarded-Host': 'evil.example',
          'X-Forwarded-Proto': 'http',
          Forwarded: 'host=evil.example;proto=http',
        },
      });
      const url = new URL(await service.begin(req, 'draft-1'));
      expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth_callback`);
      expect(url.toString()).not.toContain('evil.example');
    });

    it('gives every sign-in its own state and verifier', async () => {
      const session: Partial<SessionData> = {};
      const first = await begin(session, 'd1');
      const second = await begin(session, 'd2');
      expect(first.state).not.toBe(second.state);
      expect(first.url.searchParams.get('code_challenge')).not.toBe(second.url.searchParams.get('code_challenge'));
      expect(Object.keys(session.pendingAuthorizations ?? {})).toHaveLength(2);
    });
  });

  describe('complete', () => {
    it('exchanges the code with the pinned callback and the stored verifier', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      const verifier = session.pendingAuthorizations?.[state]?.codeVerifier;
      await service.complete(fakeRequest({ session, query: { code: 'the-code', state }, headers: { Host: 'evil.example' } }));
      expect(exchangeCode).toHaveBeenCalledTimes(1);
      expect(exchangeCode).toHaveBeenCalledWith({
        code: 'the-code',
        redirectUri: `${PUBLIC_URL}/auth_callback`,
        codeVerifier: verifier,
      });
    });

    it('resolves to the grant: token, refresh token, lifetime, scopes and the draft it was started for', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session, 'draft-7');
      await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).resolves.toEqual({
        accessToken: TOKENS.accessToken,
        refreshToken: TOKENS.refreshToken,
        expiresIn: 7200,
        scopes: ['linodes:read_write'],
        draftId: 'draft-7',
      });
    });

    it('gives the scopes Linode actually granted, even when fewer than asked', async () => {
      exchangeCode.mockResolvedValue({ ...TOKENS, scopes: ['linodes:read_only'] });
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).resolves.toMatchObject({
        scopes: ['linodes:read_only'],
      });
    });

    it('uses up the state: the same callback a second time is refused and not exchanged', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      await service.complete(fakeRequest({ session, query: { code: 'c', state } }));
      await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
        constructor: InvalidSignInStateError,
        rejection: 'unknown',
      });
      expect(exchangeCode).toHaveBeenCalledTimes(1);
    });

    it('completes the right sign-in when two tabs started one each', async () => {
      const session: Partial<SessionData> = {};
      const first = await begin(session, 'd1');
      const second = await begin(session, 'd2');
      await expect(service.complete(fakeRequest({ session, query: { code: 'c2', state: second.state } }))).resolves.toMatchObject({ draftId: 'd2' });
      await expect(service.complete(fakeRequest({ session, query: { code: 'c1', state: first.state } }))).resolves.toMatchObject({ draftId: 'd1' });
    });

    describe('when the person declines on Linode’s consent page', () => {
      it('rejects with SignInCancelledError', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await expect(
          service.complete(fakeRequest({ session, query: { error: 'access_denied', error_description: 'denied', state } })),
        ).rejects.toBeInstanceOf(SignInCancelledError);
      });

      it('uses up the state, so the callback cannot be replayed with a code', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await service.complete(fakeRequest({ session, query: { error: 'access_denied', state } })).catch(() => undefined);
        expect(session.pendingAuthorizations).not.toHaveProperty([state]);
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toBeInstanceOf(
          InvalidSignInStateError,
        );
        expect(exchangeCode).not.toHaveBeenCalled();
      });

      it('refuses the answer as unverified when its state was not started here', async () => {
        await expect(
          service.complete(fakeRequest({ query: { error: 'access_denied', state: 'x'.repeat(43) } })),
        ).rejects.toMatchObject({ constructor: InvalidSignInStateError, rejection: 'unknown' });
      });
    });

    it('turns another error from Linode into SignInFailedError naming its code, and uses up the state', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      const failure = service.complete(fakeRequest({ session, query: { error: 'server_error', state } }));
      await expect(failure).rejects.toBeInstanceOf(SignInFailedError);
      await expect(failure).rejects.toThrow('server_error');
      expect(session.pendingAuthorizations).not.toHaveProperty([state]);
      expect(exchangeCode).not.toHaveBeenCalled();
    });

    it('shows at most 64 characters of an error code Linode (or anyone) put in the URL', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      const error = await rejectionOf(service.complete(fakeRequest({ session, query: { error: 'e'.repeat(500), state } })));
      expect(error).toBeInstanceOf(SignInFailedError);
      expect(error.message).toContain('e'.repeat(64));
      expect(error.message).not.toContain('e'.repeat(65));
    });

    describe('a state that does not check out never reaches the token endpoint', () => {
      it('missing state → InvalidSignInStateError(missing)', async () => {
        const session: Partial<SessionData> = {};
        await begin(session);
        await expect(service.complete(fakeRequest({ session, query: { code: 'c' } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'missing',
        });
        expect(exchangeCode).not.toHaveBeenCalled();
      });

      it('unknown state → InvalidSignInStateError(unknown)', async () => {
        const session: Partial<SessionData> = {};
        await begin(session);
        await expect(
          service.complete(fakeRequest({ session, query: { code: 'c', state: 'y'.repeat(43) } })),
        ).rejects.toMatchObject({ constructor: InvalidSignInStateError, rejection: 'unknown' });
        expect(exchangeCode).not.toHaveBeenCalled();
      });

      it('state started in another browser → InvalidSignInStateError(unknown)', async () => {
        const { state } = await begin({});
        await expect(service.complete(fakeRequest({ session: {}, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'unknown',
        });
        expect(exchangeCode).not.toHaveBeenCalled();
      });

      it('expired state → InvalidSignInStateError(expired), and it is used up', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        const pending = session.pendingAuthorizations![state];
        pending.createdAt -= PENDING_AUTHORIZATION_TTL_MS + 1_000;
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'expired',
        });
        expect(exchangeCode).not.toHaveBeenCalled();
        expect(session.pendingAuthorizations).not.toHaveProperty([state]);
      });

      it('prototype key as state → InvalidSignInStateError(unknown)', async () => {
        const session: Partial<SessionData> = {};
        await begin(session);
        await expect(
          service.complete(fakeRequest({ session, query: { code: 'c', state: '__proto__' } })),
        ).rejects.toMatchObject({ constructor: InvalidSignInStateError, rejection: 'unknown' });
        expect(exchangeCode).not.toHaveBeenCalled();
      });
    });

    it('refuses a callback with neither code nor error, and uses up its state', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      await expect(service.complete(fakeRequest({ session, query: { state } }))).rejects.toBeInstanceOf(
        InvalidSignInStateError,
      );
      expect(session.pendingAuthorizations).not.toHaveProperty([state]);
      expect(exchangeCode).not.toHaveBeenCalled();
    });

    it('refuses a callback with the code repeated', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      await expect(service.complete(fakeRequest({ session, query: { code: ['a', 'b'], state } }))).rejects.toBeInstanceOf(
        InvalidSignInStateError,
      );
      expect(exchangeCode).not.toHaveBeenCalled();
    });

    describe('when Linode refuses the code', () => {
      beforeEach(() => {
        exchangeCode.mockRejectedValue(
          new LinodeOAuthError({ status: 400, error: 'invalid_grant', description: 'code expired', path: '/oauth/token' }),
        );
      });

      it('rejects with SignInFailedError', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: SignInFailedError,
          status: 502,
        });
      });

      it('has used up the state, so the attempt cannot be retried with it', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await service.complete(fakeRequest({ session, query: { code: 'c', state } })).catch(() => undefined);
        expect(session.pendingAuthorizations).not.toHaveProperty([state]);
      });

      it('does not show the code or Linode’s raw answer to the person', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        const error = await rejectionOf(service.complete(fakeRequest({ session, query: { code: 'secret-code-123', state } })));
        expect(error.message).not.toContain('secret-code-123');
        expect(error.message).not.toContain('invalid_grant');
      });
    });
  });
});

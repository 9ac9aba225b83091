import { Logger } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Registry } from 'prom-client';
import type { Request } from 'express';
import type { SessionData } from 'express-session';
import { createHash } from 'node:crypto';
import '../common/session-data';
import type { AppConfig } from '../config/app-config';
import { loadAppConfig } from '../config/load-app-config';
import { LinodeOAuthError, LinodeUnavailableError } from '../linode/linode-api.error';
import { LinodeLoginClient, type LinodeTokenSet } from '../linode/linode-login.client';
import { InMemoryKeyValueStore } from '../store/in-memory.store';
import { InvalidSignInStateError, SignInCancelledError, SignInCodeRejectedError, SignInFailedError } from './auth.errors';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { LinodeCallbackGuard, refusesPkce } from './linode-callback.guard';
import { LinodeSignIn } from './linode-sign-in';
import { type LinodeGrant, LinodeStrategy, type RequestWithGrant } from './linode.strategy';
import { PENDING_AUTHORIZATION_TTL_MS, type PendingAuthorization, PendingAuthorizationStore } from './pending-authorization.store';

const PUBLIC_URL = 'https://deploy.example.com';
const LOGIN_URL = 'https://login.example.test';
const CLIENT_ID = 'client-id-0123456789';
const START = Date.UTC(2025, 0, 1, 12, 0, 0);

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

/** The two halves of a sign-in as the routes run them: the start (LinodeSignIn), the callback guard. */
interface SignIn {
  begin(req: Request, draftId: string): Promise<string>;
  complete(req: Request): Promise<LinodeGrant | undefined>;
}

function signInWith(strategy: LinodeStrategy, states: PendingAuthorizationStore): SignIn {
  const guard = new LinodeCallbackGuard(strategy, states, new DeploymentMetrics(new Registry()));
  const start = new LinodeSignIn(strategy);
  return {
    begin: (req, draftId) => start.authorizeUrl(req, draftId),
    complete: async (req) => {
      await guard.canActivate(new ExecutionContextHost([req, {}, () => undefined]));
      return (req as RequestWithGrant).linodeGrant;
    },
  };
}

describe('signing in through the linode strategy (LinodeSignIn, then LinodeCallbackGuard)', () => {
  let loginClient: LinodeLoginClient;
  let exchangeCode: jest.SpiedFunction<LinodeLoginClient['exchangeCode']>;
  let keyValues: InMemoryKeyValueStore;
  let now: number;
  let pendingAuthorizations: PendingAuthorizationStore;
  let strategy: LinodeStrategy;
  let service: SignIn;
  let warnings: string[];

  beforeEach(() => {
    loginClient = new LinodeLoginClient(config);
    exchangeCode = jest.spyOn(loginClient, 'exchangeCode').mockResolvedValue(TOKENS);
    keyValues = new InMemoryKeyValueStore();
    now = START;
    pendingAuthorizations = new PendingAuthorizationStore(keyValues, () => now);
    strategy = new LinodeStrategy(config, loginClient, pendingAuthorizations);
    service = signInWith(strategy, pendingAuthorizations);
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
  });
  afterEach(() => jest.restoreAllMocks());

  /** The sign-in kept in the shared store for `state`, if any. */
  const pendingOf = (state: string) => keyValues.get<PendingAuthorization>(`pending:${state}`);

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

    it('sends a state kept in the shared store, bound to the draft and to this browser', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session, 'draft-42');
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.browserId).toEqual(expect.any(String));
      expect(await pendingOf(state)).toMatchObject({ draftId: 'draft-42', browserId: session.browserId, createdAt: START });
    });

    it('keeps the sign-in out of the session, which only gets the browser id', async () => {
      const session: Partial<SessionData> = {};
      await begin(session);
      expect(Object.keys(session)).toEqual(['browserId']);
    });

    it('sends an S256 PKCE challenge derived from the verifier the store keeps', async () => {
      const session: Partial<SessionData> = {};
      const { url, state } = await begin(session);
      const verifier = (await pendingOf(state))?.codeVerifier ?? '';
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
      expect(await keyValues.count('pending:')).toBe(2);
    });

    it('rejects with the store’s error when the sign-in cannot be saved', async () => {
      const failure = new Error('store down');
      jest.spyOn(keyValues, 'set').mockRejectedValue(failure);
      await expect(service.begin(fakeRequest(), 'draft-1')).rejects.toBe(failure);
    });
  });

  describe('complete', () => {
    it('exchanges the code with the pinned callback and the stored verifier', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      const verifier = (await pendingOf(state))?.codeVerifier;
      expect(verifier).toEqual(expect.any(String));
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
      await expect(service.complete(fakeRequest({ session, query: { code: 'c2', state: second.state } }))).resolves.toMatchObject({
        draftId: 'd2',
      });
      await expect(service.complete(fakeRequest({ session, query: { code: 'c1', state: first.state } }))).resolves.toMatchObject({
        draftId: 'd1',
      });
    });

    it('exchanges each tab’s code with that tab’s own verifier', async () => {
      const session: Partial<SessionData> = {};
      const first = await begin(session, 'd1');
      const second = await begin(session, 'd2');
      const verifiers = [(await pendingOf(first.state))?.codeVerifier, (await pendingOf(second.state))?.codeVerifier];
      await service.complete(fakeRequest({ session, query: { code: 'c1', state: first.state } }));
      await service.complete(fakeRequest({ session, query: { code: 'c2', state: second.state } }));
      expect(exchangeCode.mock.calls.map(([params]) => params.codeVerifier)).toEqual(verifiers);
    });

    it('completes a sign-in after the session id was rotated, as long as the browser id stayed', async () => {
      const { state } = await begin({ browserId: 'browser-a' });
      const rotated: Partial<SessionData> = { browserId: 'browser-a' };
      await expect(service.complete(fakeRequest({ session: rotated, query: { code: 'c', state } }))).resolves.toMatchObject({
        draftId: 'draft-1',
      });
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
        expect(await pendingOf(state)).toBeUndefined();
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toBeInstanceOf(
          InvalidSignInStateError,
        );
        expect(exchangeCode).not.toHaveBeenCalled();
      });

      it('refuses the answer as unverified when its state was not started here', async () => {
        await expect(service.complete(fakeRequest({ query: { error: 'access_denied', state: 'x'.repeat(43) } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'unknown',
        });
      });
    });

    it('turns another error from Linode into SignInFailedError naming its code, and uses up the state', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      const failure = service.complete(fakeRequest({ session, query: { error: 'server_error', state } }));
      await expect(failure).rejects.toBeInstanceOf(SignInFailedError);
      await expect(failure).rejects.toThrow('server_error');
      expect(await pendingOf(state)).toBeUndefined();
      expect(exchangeCode).not.toHaveBeenCalled();
    });

    it.each([
      ['markup', '<script>alert(1)</script>', 'scriptalertscript'],
      ['capitals and digits', 'Server_Error500', 'erver_rror'],
      ['spaces and punctuation', 'temporarily unavailable!', 'temporarilyunavailable'],
    ])('shows only lower-case letters and underscores of an error code with %s', async (_name, raw, shown) => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      const error = await rejectionOf(service.complete(fakeRequest({ session, query: { error: raw, state } })));
      expect(error).toBeInstanceOf(SignInFailedError);
      expect(error.message).toContain(`(${shown})`);
    });

    it.each([
      ['has no allowed character', '<>!%20 123'],
      ['is repeated', ['server_error', 'x']],
    ])('names the error “unknown” when its code %s', async (_name, raw) => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      const error = await rejectionOf(service.complete(fakeRequest({ session, query: { error: raw, state } })));
      expect(error).toBeInstanceOf(SignInFailedError);
      expect(error.message).toContain('(unknown)');
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
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state: 'y'.repeat(43) } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'unknown',
        });
        expect(exchangeCode).not.toHaveBeenCalled();
      });

      it('state started in another browser → InvalidSignInStateError(unknown)', async () => {
        const { state } = await begin({ browserId: 'browser-a' });
        await expect(
          service.complete(fakeRequest({ session: { browserId: 'browser-b' }, query: { code: 'c', state } })),
        ).rejects.toMatchObject({ constructor: InvalidSignInStateError, rejection: 'unknown' });
        expect(exchangeCode).not.toHaveBeenCalled();
      });

      it('state started elsewhere, presented by a browser with a fresh session → InvalidSignInStateError(unknown)', async () => {
        const { state } = await begin({});
        await expect(service.complete(fakeRequest({ session: {}, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'unknown',
        });
        expect(exchangeCode).not.toHaveBeenCalled();
      });

      it('a state another browser presented is used up for the browser that started it too', async () => {
        const owner: Partial<SessionData> = { browserId: 'browser-a' };
        const { state } = await begin(owner);
        await service.complete(fakeRequest({ session: { browserId: 'browser-b' }, query: { code: 'c', state } })).catch(() => undefined);
        await expect(service.complete(fakeRequest({ session: owner, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'unknown',
        });
        expect(exchangeCode).not.toHaveBeenCalled();
      });

      it('expired state → InvalidSignInStateError(expired), and it is used up', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        now += PENDING_AUTHORIZATION_TTL_MS + 1_000;
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'expired',
        });
        expect(exchangeCode).not.toHaveBeenCalled();
        expect(await pendingOf(state)).toBeUndefined();
      });

      it('a state still within its 10 minutes is accepted', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        now += PENDING_AUTHORIZATION_TTL_MS;
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).resolves.toMatchObject({
          draftId: 'draft-1',
        });
      });

      it.each(['__proto__', 'constructor', 'toString'])('object key %p as state → InvalidSignInStateError(unknown)', async (key) => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state: key } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'unknown',
        });
        expect(exchangeCode).not.toHaveBeenCalled();
        expect(await pendingOf(state)).toBeDefined();
      });

      it('a store failure while checking the state fails the sign-in (503, try again) without exchanging the code', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        jest.spyOn(keyValues, 'take').mockRejectedValue(new Error('store down'));
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
          status: 503,
          title: 'This sign-in could not be checked right now',
        });
        expect(exchangeCode).not.toHaveBeenCalled();
      });

      it('a store failure while using up the state of an error answer is passed on', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        const failure = new Error('store down');
        jest.spyOn(keyValues, 'take').mockRejectedValue(failure);
        await expect(service.complete(fakeRequest({ session, query: { error: 'access_denied', state } }))).rejects.toBe(failure);
      });
    });

    it('refuses a callback with neither code nor error, and uses up its state', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      await expect(service.complete(fakeRequest({ session, query: { state } }))).rejects.toBeInstanceOf(InvalidSignInStateError);
      expect(await pendingOf(state)).toBeUndefined();
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

    describe('when Linode refuses the code as invalid_grant (expired, already used, not Linode’s)', () => {
      beforeEach(() => {
        exchangeCode.mockRejectedValue(
          new LinodeOAuthError({ status: 400, error: 'invalid_grant', description: 'code expired', path: '/oauth/token' }),
        );
      });

      it('rejects with SignInCodeRejectedError (400): the person can start again', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: SignInCodeRejectedError,
          status: 400,
        });
      });

      it('has used up the state, so the attempt cannot be retried with it', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await service.complete(fakeRequest({ session, query: { code: 'c', state } })).catch(() => undefined);
        expect(await pendingOf(state)).toBeUndefined();
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'unknown',
        });
        expect(exchangeCode).toHaveBeenCalledTimes(1);
      });

      it('does not show the code or Linode’s raw answer to the person', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        const error = await rejectionOf(service.complete(fakeRequest({ session, query: { code: 'secret-code-123', state } })));
        expect(error.message).not.toContain('secret-code-123');
        expect(error.message).not.toContain('invalid_grant');
        expect(error.message).not.toContain('code expired');
      });

      it('logs Linode’s answer, without the code', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await service.complete(fakeRequest({ session, query: { code: 'secret-code-123', state } })).catch(() => undefined);
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain('invalid_grant');
        expect(warnings[0]).not.toContain('secret-code-123');
      });
    });

    describe('when the code exchange fails otherwise', () => {
      it.each([
        [
          'Linode refuses the client (invalid_client)',
          new LinodeOAuthError({ status: 401, error: 'invalid_client', description: null, path: '/oauth/token' }),
        ],
        ['Linode answers 500', new LinodeOAuthError({ status: 500, error: 'server_error', description: null, path: '/oauth/token' })],
        [
          'Linode does not answer in time',
          new LinodeUnavailableError({
            service: 'Linode login',
            kind: 'timeout',
            method: 'POST',
            path: '/oauth/token',
            detail: 'timed out',
          }),
        ],
        ['something unexpected breaks', new Error('boom')],
      ])('rejects with SignInFailedError (502) when %s', async (_name, failure) => {
        exchangeCode.mockRejectedValue(failure);
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: SignInFailedError,
          status: 502,
        });
      });

      it('has used up the state as well', async () => {
        exchangeCode.mockRejectedValue(new Error('boom'));
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await service.complete(fakeRequest({ session, query: { code: 'c', state } })).catch(() => undefined);
        expect(await pendingOf(state)).toBeUndefined();
      });

      it('does not show the raw failure to the person', async () => {
        exchangeCode.mockRejectedValue(
          new LinodeOAuthError({ status: 401, error: 'invalid_client', description: 'bad secret', path: '/oauth/token' }),
        );
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        const error = await rejectionOf(service.complete(fakeRequest({ session, query: { code: 'secret-code-123', state } })));
        expect(error.message).not.toContain('secret-code-123');
        expect(error.message).not.toContain('invalid_client');
        expect(error.message).not.toContain('bad secret');
      });
    });
  });
});

describe('refusesPkce', () => {
  const oauthError = (error: string, description: string | null) =>
    new LinodeOAuthError({ status: 400, error, description, path: '/oauth/token' });

  it('recognises a login service that refuses the code_verifier or PKCE as such', () => {
    expect(refusesPkce(oauthError('invalid_request', 'code_verifier is not supported for confidential clients'))).toBe(true);
    expect(refusesPkce(oauthError('invalid_request', 'Unexpected parameter: code_challenge'))).toBe(true);
    expect(refusesPkce(oauthError('unsupported_pkce', null))).toBe(true);
  });

  it('leaves a verifier that does not match to invalid_grant: that is a forged or mixed-up code, not a refusal', () => {
    expect(refusesPkce(oauthError('invalid_grant', 'code_verifier does not match the code_challenge.'))).toBe(false);
  });

  it('ignores other errors', () => {
    expect(refusesPkce(oauthError('invalid_grant', 'The authorization code has expired.'))).toBe(false);
    expect(refusesPkce(new Error('code_verifier'))).toBe(false);
  });
});

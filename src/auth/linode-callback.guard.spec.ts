import { createMock } from '@golevelup/ts-jest';
import { Logger } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Registry } from 'prom-client';
import type { Request, Response } from 'express';
import type { SessionData } from 'express-session';
import { createHash } from 'node:crypto';
import '../common/session-data';
import type { AppConfig } from '../config/app-config';
import { loadAppConfig } from '../config/load-app-config';
import { type FakeHandler, FakeLinode, json } from '../linode/fake-linode.test-helper';
import { USER_AGENT } from '../linode/linode-http';
import { InMemoryKeyValueStore } from '../store/in-memory.store';
import type { TokenVault } from '../tokens/token-vault';
import { eventually } from '../common/testing/eventually';
import { InvalidSignInStateError, SignInError, SignInFailedError } from './auth.errors';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { LinodeCallMetrics } from '../observability/linode-call.metrics';
import { LinodeCallbackGuard } from './linode-callback.guard';
import { LinodeSignInGuard, SignInDrafts } from './linode-sign-in.guard';
import { type LinodeGrant, LinodeStrategy, type RequestWithGrant } from './linode.strategy';
import { PENDING_AUTHORIZATION_TTL_MS, type PendingAuthorization, PendingAuthorizationStore } from './pending-authorization.store';

const PUBLIC_URL = 'https://deploy.example.com';
const CLIENT_ID = 'client-id-0123456789';
const CLIENT_SECRET = 'client-secret-abcdef';
const START = Date.UTC(2025, 0, 1, 12, 0, 0);
/** The guard's bound on the exchange in these specs (LINODE_TIMEOUT_MS). */
const TIMEOUT_MS = 1_000;

/** The app's config, with login.linode.com played by a local server at `loginUrl`. */
const configFor = (loginUrl: string): AppConfig =>
  loadAppConfig({
    NODE_ENV: 'test',
    PUBLIC_URL,
    LINODE_CLIENT_ID: CLIENT_ID,
    LINODE_CLIENT_SECRET: CLIENT_SECRET,
    LINODE_STACKSCRIPT_ID: '4242',
    LINODE_LOGIN_URL: loginUrl,
    LINODE_TIMEOUT_MS: String(TIMEOUT_MS),
    SESSION_SECRET: 'a-session-secret-of-enough-length-0123456789',
  });

/** Linode's token answer, in the shape login.linode.com sends it. */
const TOKEN_ANSWER = {
  access_token: 'access-token-0123456789abcdef',
  token_type: 'bearer',
  expires_in: 7200,
  refresh_token: 'refresh-token-0123456789abcdef',
  scopes: 'linodes:read_write',
};

const answer =
  (status: number, body: unknown): FakeHandler =>
  (_request, response) =>
    json(response, status, body);

interface FakeRequestInit {
  query?: Request['query'];
  session?: Partial<SessionData>;
  headers?: Record<string, string>;
}

/** What the strategy reads of a request: query, session, headers (and `get` for the latter). */
function fakeRequest({ query = {}, session = {}, headers = {} }: FakeRequestInit = {}): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return createMock<Request>({
    query,
    body: {},
    session,
    headers: lower,
    url: '/',
    originalUrl: '/',
    get: (name: string) => lower[name.toLowerCase()],
    header: (name: string) => lower[name.toLowerCase()],
  });
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

/** The two halves of a sign-in as the routes run them: the start guard, then the callback guard. */
interface SignIn {
  begin(req: Request, draftId: string): Promise<string>;
  complete(req: Request): Promise<LinodeGrant | undefined>;
}

/** Runs the start guard as Nest does and resolves to where passport redirected the browser. */
function redirectOf(guard: LinodeSignInGuard, req: Request): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers = new Map<string, string>();
    const res = createMock<Response>({
      setHeader: (name: string, value: string | number | readonly string[]) => {
        headers.set(name.toLowerCase(), String(value));
        return {};
      },
      end: () => {
        const location = headers.get('location');
        if (location) resolve(location);
        else reject(new Error('the sign-in did not redirect'));
        return {};
      },
    });
    Promise.resolve(guard.canActivate(new ExecutionContextHost([req, res, () => undefined]))).catch(reject);
  });
}

function signInWith(
  states: PendingAuthorizationStore,
  collaborators: { config: AppConfig; registry: Registry; vault: Pick<TokenVault, 'revoke'> },
): SignIn {
  const { config, registry, vault } = collaborators;
  const callbackGuard = new LinodeCallbackGuard(
    states,
    new DeploymentMetrics(registry),
    new LinodeCallMetrics(registry),
    createMock<TokenVault>(vault),
    config,
  );
  const startGuard = new LinodeSignInGuard(createMock<SignInDrafts>({ has: async () => true }));
  return {
    begin: (req, draftId) => {
      req.session.draftId = draftId; // as the configure form leaves it
      return redirectOf(startGuard, req);
    },
    complete: async (req) => {
      await callbackGuard.canActivate(new ExecutionContextHost([req, {}, () => undefined]));
      return (req as RequestWithGrant).linodeGrant;
    },
  };
}

describe('signing in through the linode strategy (LinodeSignInGuard, then LinodeCallbackGuard)', () => {
  let login: FakeLinode;
  let config: AppConfig;
  let registry: Registry;
  let revoke: jest.Mock<Promise<void>, [string]>;
  let keyValues: InMemoryKeyValueStore;
  let now: number;
  let pendingAuthorizations: PendingAuthorizationStore;
  let service: SignIn;
  let warnings: string[];

  beforeEach(async () => {
    login = await FakeLinode.start();
    login.handle(answer(200, TOKEN_ANSWER));
    config = configFor(login.url);
    registry = new Registry();
    revoke = jest.fn<Promise<void>, [string]>(async () => undefined);
    keyValues = new InMemoryKeyValueStore();
    now = START;
    pendingAuthorizations = new PendingAuthorizationStore(keyValues, () => now);
    new LinodeStrategy(config, pendingAuthorizations); // registers itself with passport as `linode`
    service = signInWith(pendingAuthorizations, { config, registry, vault: { revoke } });
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await login.close();
  });

  /** The code exchanges the token endpoint received, each as its form. */
  const exchanges = () =>
    login.requests
      .filter((request) => request.method === 'POST' && request.pathname === '/oauth/token')
      .map((request) => Object.fromEntries(new URLSearchParams(request.body)));

  /** `linode_api_requests_total` for the token endpoint, by status. */
  async function exchangeCounts(): Promise<Record<string, number>> {
    const metric = await registry.getSingleMetric('linode_api_requests_total')?.get();
    const rows = (metric?.values ?? []).filter((row) => row.labels.endpoint === '/oauth/token');
    return Object.fromEntries(rows.map((row) => [String(row.labels.status), row.value]));
  }

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
      expect(`${url.origin}${url.pathname}`).toBe(`${login.url}/oauth/authorize`);
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

    it('keeps the sign-in out of the session, which only gets the browser id beside its draft id', async () => {
      const session: Partial<SessionData> = {};
      await begin(session);
      expect(Object.keys(session).sort()).toEqual(['browserId', 'draftId']);
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

    it('answers a clear 503 page, not a redirect, when the sign-in cannot be saved', async () => {
      jest.spyOn(keyValues, 'set').mockRejectedValue(new Error('store down'));
      await expect(service.begin(fakeRequest(), 'draft-1')).rejects.toMatchObject({
        constructor: SignInError,
        kind: 'unavailable',
        status: 503,
      });
    });
  });

  describe('complete', () => {
    it('exchanges the code with the pinned callback and the stored verifier', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      const verifier = (await pendingOf(state))?.codeVerifier;
      expect(verifier).toEqual(expect.any(String));
      await service.complete(fakeRequest({ session, query: { code: 'the-code', state }, headers: { Host: 'evil.example' } }));
      expect(exchanges()).toEqual([
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          grant_type: 'authorization_code',
          code: 'the-code',
          redirect_uri: `${PUBLIC_URL}/auth_callback`,
          code_verifier: verifier,
        },
      ]);
    });

    it('posts the exchange form-encoded, asks for JSON and names the app in the User-Agent', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      await service.complete(fakeRequest({ session, query: { code: 'c', state } }));
      const [request] = login.requests;
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(request.headers.accept).toBe('application/json');
      expect(request.headers['user-agent']).toBe(USER_AGENT);
    });

    it('counts the exchange in linode_api_requests_total with Linode’s status', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      await service.complete(fakeRequest({ session, query: { code: 'c', state } }));
      expect(await exchangeCounts()).toEqual({ '200': 1 });
    });

    it('resolves to the grant: token, refresh token, lifetime, scopes and the draft it was started for', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session, 'draft-7');
      await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).resolves.toEqual({
        accessToken: TOKEN_ANSWER.access_token,
        refreshToken: TOKEN_ANSWER.refresh_token,
        expiresIn: 7200,
        scopes: ['linodes:read_write'],
        draftId: 'draft-7',
      });
    });

    it('gives the scopes Linode actually granted, even when fewer than asked', async () => {
      login.handle(answer(200, { ...TOKEN_ANSWER, scopes: 'linodes:read_only' }));
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
      expect(exchanges()).toHaveLength(1);
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
      expect(exchanges().map((form) => form.code_verifier)).toEqual(verifiers);
    });

    it('completes a sign-in after the session id was rotated, as long as the browser id stayed', async () => {
      const { state } = await begin({ browserId: 'browser-a' });
      const rotated: Partial<SessionData> = { browserId: 'browser-a' };
      await expect(service.complete(fakeRequest({ session: rotated, query: { code: 'c', state } }))).resolves.toMatchObject({
        draftId: 'draft-1',
      });
    });

    describe('when the person declines on Linode’s consent page', () => {
      it('rejects with the cancelled sign-in page', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await expect(
          service.complete(fakeRequest({ session, query: { error: 'access_denied', error_description: 'denied', state } })),
        ).rejects.toMatchObject({ constructor: SignInError, kind: 'cancelled' });
      });

      it('uses up the state, so the callback cannot be replayed with a code', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await service.complete(fakeRequest({ session, query: { error: 'access_denied', state } })).catch(() => undefined);
        expect(await pendingOf(state)).toBeUndefined();
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toBeInstanceOf(
          InvalidSignInStateError,
        );
        expect(exchanges()).toEqual([]);
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
      expect(exchanges()).toEqual([]);
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
        expect(exchanges()).toEqual([]);
      });

      it('unknown state → InvalidSignInStateError(unknown)', async () => {
        const session: Partial<SessionData> = {};
        await begin(session);
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state: 'y'.repeat(43) } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'unknown',
        });
        expect(exchanges()).toEqual([]);
      });

      it('state started in another browser → InvalidSignInStateError(unknown)', async () => {
        const { state } = await begin({ browserId: 'browser-a' });
        await expect(
          service.complete(fakeRequest({ session: { browserId: 'browser-b' }, query: { code: 'c', state } })),
        ).rejects.toMatchObject({ constructor: InvalidSignInStateError, rejection: 'unknown' });
        expect(exchanges()).toEqual([]);
      });

      it('state started elsewhere, presented by a browser with a fresh session → InvalidSignInStateError(unknown)', async () => {
        const { state } = await begin({});
        await expect(service.complete(fakeRequest({ session: {}, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'unknown',
        });
        expect(exchanges()).toEqual([]);
      });

      it('a state another browser presented is used up for the browser that started it too', async () => {
        const owner: Partial<SessionData> = { browserId: 'browser-a' };
        const { state } = await begin(owner);
        await service.complete(fakeRequest({ session: { browserId: 'browser-b' }, query: { code: 'c', state } })).catch(() => undefined);
        await expect(service.complete(fakeRequest({ session: owner, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'unknown',
        });
        expect(exchanges()).toEqual([]);
      });

      it('expired state → InvalidSignInStateError(expired), and it is used up', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        now += PENDING_AUTHORIZATION_TTL_MS + 1_000;
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: InvalidSignInStateError,
          rejection: 'expired',
        });
        expect(exchanges()).toEqual([]);
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
        expect(exchanges()).toEqual([]);
        expect(await pendingOf(state)).toBeDefined();
      });

      it('a store failure while checking the state fails the sign-in (503, try again) without exchanging the code', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        jest.spyOn(keyValues, 'take').mockRejectedValue(new Error('store down'));
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
          status: 503,
          title: 'The sign-in could not go on right now',
        });
        expect(exchanges()).toEqual([]);
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
      expect(exchanges()).toEqual([]);
    });

    it('refuses a callback with the code repeated', async () => {
      const session: Partial<SessionData> = {};
      const { state } = await begin(session);
      await expect(service.complete(fakeRequest({ session, query: { code: ['a', 'b'], state } }))).rejects.toBeInstanceOf(
        InvalidSignInStateError,
      );
      expect(exchanges()).toEqual([]);
    });

    describe('when Linode refuses the code as invalid_grant (expired, already used, not Linode’s)', () => {
      beforeEach(() => {
        login.handle(answer(400, { error: 'invalid_grant', error_description: 'code expired' }));
      });

      it('rejects with the code-rejected page (400): the person can start again', async () => {
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: SignInError,
          kind: 'codeRejected',
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
        expect(exchanges()).toHaveLength(1);
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
      const neverAnswers: FakeHandler = () => undefined;
      const htmlPage: FakeHandler = (_request, response) => {
        response.writeHead(502, { 'Content-Type': 'text/html' });
        response.end('<html><body>Bad gateway for code=secret-code-123</body></html>');
      };
      const emptyBody =
        (status: number): FakeHandler =>
        (_request, response) =>
          void response.writeHead(status).end();

      it.each<[string, FakeHandler, number | 'error']>([
        ['Linode refuses the client (invalid_client)', answer(401, { error: 'invalid_client' }), 401],
        ['Linode answers 500', answer(500, { error: 'server_error' }), 500],
        ['Linode answers 429 with an empty body', emptyBody(429), 429],
        ['Linode answers with an HTML error page', htmlPage, 502],
        ['Linode answers 200 without an access token', answer(200, { token_type: 'bearer', expires_in: 7200 }), 200],
        ['Linode answers 200 with an OAuth error', answer(200, { error: 'server_error' }), 200],
        ['Linode answers 200 with something that is not JSON', (_request, response) => void response.end('<html></html>'), 200],
        ['Linode does not answer in time', neverAnswers, 'error'],
      ])('rejects with SignInFailedError (502) when %s', async (_name, handler) => {
        login.handle(handler);
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        const error = await rejectionOf(service.complete(fakeRequest({ session, query: { code: 'c', state } })));
        expect(error).toBeInstanceOf(SignInFailedError);
        expect(error).toMatchObject({ status: 502, title: 'Linode did not complete the sign-in' });
      });

      it.each<[string, FakeHandler, Record<string, number>]>([
        ['a refusal', answer(401, { error: 'invalid_client' }), { '401': 1 }],
        ['an empty 429', emptyBody(429), { '429': 1 }],
        ['no answer in time', neverAnswers, { error: 1 }],
      ])('counts %s in linode_api_requests_total', async (_name, handler, counts) => {
        login.handle(handler);
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await service.complete(fakeRequest({ session, query: { code: 'c', state } })).catch(() => undefined);
        expect(await exchangeCounts()).toEqual(counts);
      });

      it('rejects with SignInFailedError (502) when the login service cannot be reached', async () => {
        await login.close();
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        const error = await rejectionOf(service.complete(fakeRequest({ session, query: { code: 'c', state } })));
        expect(error).toMatchObject({ constructor: SignInFailedError, status: 502 });
        expect(error.message).toContain('could not be reached');
        expect(await exchangeCounts()).toEqual({ error: 1 });
        login = await FakeLinode.start();
      });

      it('gives back a token that arrives after the sign-in gave up, through the vault', async () => {
        login.handle((_request, response) => setTimeout(() => json(response, 200, TOKEN_ANSWER), TIMEOUT_MS + 200));
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toThrow('did not answer in time');
        expect(revoke).not.toHaveBeenCalled();
        await eventually(() => revoke.mock.calls.length > 0 || undefined);
        expect(revoke.mock.calls).toEqual([[TOKEN_ANSWER.access_token]]);
        expect(await exchangeCounts()).toEqual({ error: 1 });
      });

      it('has used up the state as well', async () => {
        login.handle(answer(500, { error: 'server_error' }));
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await service.complete(fakeRequest({ session, query: { code: 'c', state } })).catch(() => undefined);
        expect(await pendingOf(state)).toBeUndefined();
      });

      it('does not show the raw failure to the person', async () => {
        login.handle(answer(401, { error: 'invalid_client', error_description: 'bad secret' }));
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        const error = await rejectionOf(service.complete(fakeRequest({ session, query: { code: 'secret-code-123', state } })));
        expect(error.message).not.toContain('secret-code-123');
        expect(error.message).not.toContain('invalid_client');
        expect(error.message).not.toContain('bad secret');
      });

      it('logs an HTML answer by its status and type, never its body', async () => {
        login.handle(htmlPage);
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await service.complete(fakeRequest({ session, query: { code: 'secret-code-123', state } })).catch(() => undefined);
        expect(warnings.join('\n')).toContain('answered 502');
        expect(warnings.join('\n')).not.toContain('secret-code-123');
        expect(warnings.join('\n')).not.toContain('<html>');
      });
    });

    describe('when the login service refuses PKCE itself', () => {
      it('rejects with the PKCE-refused page (502) and tells the operator about LINODE_PKCE=off', async () => {
        const errors: string[] = [];
        jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
        login.handle(
          answer(400, { error: 'invalid_request', error_description: 'code_verifier is not supported for confidential clients' }),
        );
        const session: Partial<SessionData> = {};
        const { state } = await begin(session);
        await expect(service.complete(fakeRequest({ session, query: { code: 'c', state } }))).rejects.toMatchObject({
          constructor: SignInError,
          kind: 'pkceRefused',
          status: 502,
        });
        expect(errors.some((line) => line.includes('LINODE_PKCE=off'))).toBe(true);
      });
    });
  });
});

/**
 * Security requirements of the Linode sign-in (R1–R7; RFC 9700): the start, the authorize redirect,
 * state and PKCE, the callback's checks, the token request, scopes, the clean redirect, and the
 * token's end of life. The real app against the real sandbox; what the app sends to Linode is read
 * from the sandbox's side.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ConfigureSubmissionService } from '../src/configure/configure-submission.service';
import { DraftStore } from '../src/configure/draft.store';
import { SandboxApiError } from '../src/sandbox/api/http/sandbox-api.error';
import { SandboxInstancesService } from '../src/sandbox/api/instances/sandbox-instances.service';
import { eventually, formFields, single, TestBrowser } from './support/browser';
import { consent, followToSignIn, openConfigure, requiredUdfValues, submitConfigure, type approve } from './support/journey';
import {
  addFault,
  deploy,
  isClearPage,
  rawRequest,
  RecordingBrowser,
  recordTokenRequests,
  resetSandbox,
  sandboxInstances,
  sandboxTokens,
  signInUntilCallback,
} from './support/security-harness';
import { startStack, type Stack } from './support/stack';
import { KEY_VALUE_STORE, type KeyValueStore } from '../src/store/key-value.store';

const CLIENT_SECRET = 'cs-e2e-7f3a9c1d5b8e2f4a6c0d9e8b7a6f5e4d';
const TEN_MINUTES_AND_A_BIT = 10 * 60 * 1000 + 5_000;

type Decide = typeof approve;

/** Runs the consent step against an authorize URL the test chose (e.g. asking for more scopes). */
async function consentAt(browser: TestBrowser, authorize: URL, decide: Decide) {
  const redirect = { status: 302, url: authorize.toString(), headers: new Headers({ location: authorize.toString() }), body: '' };
  return consent(browser, redirect, decide);
}

const SPOOFED_HEADERS: Array<[string, Record<string, string>]> = [
  ['X-Forwarded-Host', { 'x-forwarded-host': 'evil.example' }],
  ['X-Forwarded-Host and X-Forwarded-Proto', { 'x-forwarded-host': 'evil.example:443', 'x-forwarded-proto': 'https' }],
  ['Forwarded', { forwarded: 'for=192.0.2.1;host=evil.example;proto=https' }],
  ['X-Forwarded-Prefix and X-Original-URL', { 'x-forwarded-prefix': '/evil', 'x-original-url': '/evil' }],
];

/**
 * Posts the configure form with spoofed proxy headers. The app may refuse it (a foreign forwarded
 * host is not its canonical origin) or start the sign-in; either way no redirect_uri but the
 * pinned one ever reaches Linode.
 */
async function expectPinnedOrRefused(stack: Stack, spoofed: Record<string, string>) {
  const browser = new TestBrowser();
  const { fields } = await openConfigure(browser, stack);
  const submitted = await browser.post(
    `${stack.appUrl}/`,
    { ...fields, ...(await requiredUdfValues(stack)) },
    { origin: stack.appUrl, ...spoofed },
  );
  const answer = await followToSignIn(browser, submitted, spoofed);
  const location = answer.headers.get('location');
  if (location !== null && new URL(location, stack.appUrl).pathname === '/oauth/authorize') {
    expect(answer.status).toBe(302);
    expect(new URL(location).searchParams.get('redirect_uri')).toBe(`${stack.appUrl}/auth_callback`);
  } else {
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  }
  return answer;
}

function base64urlSha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

describe('OAuth sign-in security (R1–R7)', () => {
  const realNow = Date.now;
  let nowSpy: jest.SpyInstance<number, []>;
  let stack: Stack;
  /** Spies to undo after each test, even one that failed half-way. */
  const cleanups: Array<() => void> = [];
  const tokenRequests = () => {
    const recorder = recordTokenRequests(stack);
    cleanups.push(recorder.stop);
    return recorder;
  };
  const spyOnce = <T extends jest.SpyInstance>(spy: T): T => {
    cleanups.push(() => spy.mockRestore());
    return spy;
  };

  beforeAll(async () => {
    // Installed before the app exists: its pending-authorization store keeps a reference to Date.now.
    nowSpy = jest.spyOn(Date, 'now');
    stack = await startStack({ sandbox: { clientSecret: CLIENT_SECRET } });
  });
  afterAll(async () => {
    await stack.close();
    nowSpy.mockRestore();
  });
  beforeEach(async () => {
    nowSpy.mockImplementation(realNow);
    await resetSandbox(stack);
  });
  afterEach(() => {
    nowSpy.mockImplementation(realNow);
    for (const undo of cleanups.splice(0)) undo();
  });

  describe('R1: the authorize redirect', () => {
    it('R1: sends the browser to the configured authorize URL with response_type=code, the client id, the pinned redirect_uri, the minimal scope, a ≥128-bit state and a PKCE S256 challenge, uncached', async () => {
      const submitted = await submitConfigure(new TestBrowser(), stack);
      expect(submitted.status).toBe(302);
      expect(submitted.headers.get('cache-control')).toMatch(/no-store/);

      const authorize = new URL(submitted.headers.get('location')!);
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${stack.config.linode.loginUrl}/oauth/authorize`);
      const q = authorize.searchParams;
      expect(q.get('response_type')).toBe('code');
      expect(q.get('client_id')).toBe(stack.config.linode.clientId);
      expect(q.get('redirect_uri')).toBe(`${stack.appUrl}/auth_callback`);
      expect(q.get('scope')).toBe('linodes:read_write');
      const state = q.get('state')!;
      expect(state).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(state, 'base64url').length).toBeGreaterThanOrEqual(16);
      expect(q.get('code_challenge_method')).toBe('S256');
      expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      for (const name of q.keys())
        expect(['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method']).toContain(name);
    });

    it('R1: every attempt gets a fresh state and a fresh PKCE challenge, within one browser and across browsers', async () => {
      const first = new TestBrowser();
      const second = new TestBrowser();
      const attempts = [];
      for (const browser of [first, first, first, second, second]) {
        const submitted = await submitConfigure(browser, stack);
        attempts.push(new URL(submitted.headers.get('location')!).searchParams);
      }
      expect(new Set(attempts.map((q) => q.get('state'))).size).toBe(attempts.length);
      expect(new Set(attempts.map((q) => q.get('code_challenge'))).size).toBe(attempts.length);
    });

    it.each(SPOOFED_HEADERS)('R1: a spoofed %s header does not change the redirect_uri', async (_name, spoofed) => {
      // Untrusted forwarding headers are ignored: the sign-in starts, with the pinned redirect_uri.
      expect((await expectPinnedOrRefused(stack, spoofed)).status).toBe(302);
    });

    it('R1: a request under a spoofed Host never starts a sign-in (the form post is refused, nothing points at Linode)', async () => {
      const browser = new TestBrowser();
      const page = await browser.get(`${stack.appUrl}/`);
      const cookie = [...browser.cookies(new URL(stack.appUrl).host)].map(([k, v]) => `${k}=${v}`).join('; ');
      const form = new URLSearchParams(Object.entries(single(formFields(page.body))).flatMap(([k, v]) => [v].flat().map((i) => [k, i])));
      const answer = await rawRequest(Number(new URL(stack.appUrl).port), {
        method: 'POST',
        path: '/',
        headers: { host: 'evil.example', origin: 'http://evil.example', cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(String(answer.headers.location ?? '')).not.toMatch(/\/oauth\/authorize|\/auth\/linode/);
    });

    it('R1: the configure form sends the browser on with a 303 to the sign-in start, uncached', async () => {
      const browser = new TestBrowser();
      const { fields } = await openConfigure(browser, stack);
      const form = { ...fields, ...(await requiredUdfValues(stack)) };
      const submitted = await browser.post(`${stack.appUrl}/`, form, { origin: stack.appUrl });
      expect(submitted.status).toBe(303);
      expect(submitted.headers.get('location')).toBe('/auth/linode');
      expect(submitted.headers.get('cache-control')).toMatch(/no-store/);
    });

    it('R1: the sign-in start refuses a navigation from another site (403 page), starting nothing', async () => {
      const browser = new TestBrowser();
      const { fields } = await openConfigure(browser, stack);
      const form = { ...fields, ...(await requiredUdfValues(stack)) };
      await browser.post(`${stack.appUrl}/`, form, { origin: stack.appUrl });
      const page = await browser.get(`${stack.appUrl}/auth/linode`, { 'sec-fetch-site': 'cross-site' });
      expect(page.status).toBe(403);
      expect(isClearPage(page.body)).toBe(true);
      expect(page.headers.get('location')).toBeNull();
    });

    it('R1: the sign-in start starts nothing for a browser without a draft (a clear 400 page)', async () => {
      const page = await new TestBrowser().get(`${stack.appUrl}/auth/linode`);
      expect(page.status).toBe(400);
      expect(isClearPage(page.body)).toBe(true);
      expect(page.body).toContain('There is nothing to sign in for');
    });

    it('R1: the sign-in start starts nothing again once the draft was deployed', async () => {
      const browser = new TestBrowser();
      await deploy(browser, stack);
      const page = await browser.get(`${stack.appUrl}/auth/linode`);
      expect(page.status).toBe(400);
      expect(page.headers.get('location')).toBeNull();
    });

    it('R1: a refused sign-in start stores nothing, however often it is asked (no pending sign-in, no session)', async () => {
      const store = stack.app.get<KeyValueStore>(KEY_VALUE_STORE);
      const stored = async () => ({ pending: await store.count('pending:'), sessions: await store.count('sess:') });
      const withDraft = new TestBrowser();
      const { fields } = await openConfigure(withDraft, stack);
      await withDraft.post(`${stack.appUrl}/`, { ...fields, ...(await requiredUdfValues(stack)) }, { origin: stack.appUrl });
      const before = await stored();
      for (let i = 0; i < 20; i++) {
        expect((await new TestBrowser().get(`${stack.appUrl}/auth/linode`)).status).toBe(400);
        expect((await withDraft.get(`${stack.appUrl}/auth/linode`, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
        expect((await withDraft.get(`${stack.appUrl}/auth/linode?code=forged`)).status).toBe(400);
      }
      expect(await stored()).toEqual(before);
    });

    it('R1: starting the sign-in again for the same draft replaces the pending one, so repeats cannot grow the store', async () => {
      const store = stack.app.get<KeyValueStore>(KEY_VALUE_STORE);
      const browser = new TestBrowser();
      const { fields } = await openConfigure(browser, stack);
      await browser.post(`${stack.appUrl}/`, { ...fields, ...(await requiredUdfValues(stack)) }, { origin: stack.appUrl });
      const before = await store.count('pending:');
      for (let i = 0; i < 10; i++) expect((await browser.get(`${stack.appUrl}/auth/linode`)).status).toBe(302);
      expect(await store.count('pending:')).toBe(before + 1);
    });
  });

  describe('R2: the callback checks state before anything else', () => {
    const rejected = (page: { status: number; body: string }) => {
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.status).toBeLessThan(500);
      expect(isClearPage(page.body)).toBe(true);
      expect(page.body).toContain('This sign-in could not be verified');
    };

    it.each([
      ['missing', (url: URL) => url.searchParams.delete('state')],
      ['empty', (url: URL) => url.searchParams.set('state', '')],
      ['wrong', (url: URL) => url.searchParams.set('state', randomBytes(32).toString('base64url'))],
      ['repeated', (url: URL) => url.searchParams.append('state', url.searchParams.get('state')!)],
    ])('R2: a callback with a %s state gets a clear 4xx page and no token request (the code stays unredeemed)', async (_case, tamper) => {
      const browser = new TestBrowser();
      const { callback } = await signInUntilCallback(browser, stack);
      const requests = tokenRequests();
      const forged = new URL(callback);
      tamper(forged);

      rejected(await browser.get(forged.toString()));
      expect(requests.forms).toHaveLength(0);
      expect(await sandboxTokens(stack)).toHaveLength(0);
      // The genuine callback still works: the code was never sent to the token endpoint.
      expect((await browser.get(callback.toString())).status).toBe(303);
    });

    it('R2: a callback with a state minted for another browser gets a 4xx page and no token request', async () => {
      const victim = new TestBrowser();
      const attacker = new TestBrowser();
      await signInUntilCallback(victim, stack); // the victim has a sign-in of its own in flight
      const attackers = await signInUntilCallback(attacker, stack);
      const requests = tokenRequests();

      rejected(await victim.get(attackers.callback.toString()));
      expect(requests.forms).toHaveLength(0);
      expect(await sandboxTokens(stack)).toHaveLength(0);
      expect(await sandboxInstances(stack)).toHaveLength(0);
    });

    it('R2: a callback whose state is older than 10 minutes gets a clear 4xx page and no token request', async () => {
      const browser = new TestBrowser();
      const { callback } = await signInUntilCallback(browser, stack);
      const requests = tokenRequests();
      nowSpy.mockImplementation(() => realNow() + TEN_MINUTES_AND_A_BIT);

      const page = await browser.get(callback.toString());
      nowSpy.mockImplementation(realNow);
      rejected(page);
      expect(page.body).toMatch(/expired/i);
      expect(requests.forms).toHaveLength(0);
      expect(await sandboxTokens(stack)).toHaveLength(0);
    });

    it('R2: state and verifier are single use: replaying the callback URL fails cleanly and creates nothing more', async () => {
      const browser = new TestBrowser();
      const { callback } = await signInUntilCallback(browser, stack);
      const requests = tokenRequests();
      expect((await browser.get(callback.toString())).status).toBe(303);

      rejected(await browser.get(callback.toString()));
      expect(requests.forms).toHaveLength(1);
      expect(await sandboxInstances(stack)).toHaveLength(1);
      const tokens = await sandboxTokens(stack);
      expect(tokens).toHaveLength(1);
    });
  });

  it('R3: a second sign-in started in another tab does not break the first: both complete, two instances', async () => {
    const browser = new TestBrowser();
    const tab1 = await signInUntilCallback(browser, stack);
    const tab2 = await signInUntilCallback(browser, stack);
    expect(tab1.authorize.searchParams.get('state')).not.toBe(tab2.authorize.searchParams.get('state'));

    const done1 = await browser.get(tab1.callback.toString());
    const done2 = await browser.get(tab2.callback.toString());
    expect(done1.status).toBe(303);
    expect(done2.status).toBe(303);
    expect(done1.headers.get('location')).not.toBe(done2.headers.get('location'));
    expect(await sandboxInstances(stack)).toHaveLength(2);
    for (const done of [done1, done2]) expect((await browser.get(`${stack.appUrl}${done.headers.get('location')}`)).status).toBe(200);
  });

  describe('R4: the token request', () => {
    it('R4: carries the code_verifier matching the challenge, the client secret and the same redirect_uri', async () => {
      const browser = new TestBrowser();
      const { authorize, callback } = await signInUntilCallback(browser, stack);
      const requests = tokenRequests();
      expect((await browser.get(callback.toString())).status).toBe(303);

      expect(requests.forms).toHaveLength(1);
      const [form] = requests.forms;
      expect(form.grant_type).toBe('authorization_code');
      expect(form.code).toBe(callback.searchParams.get('code'));
      expect(form.client_id).toBe(stack.config.linode.clientId);
      expect(form.client_secret).toBe(CLIENT_SECRET);
      expect(form.redirect_uri).toBe(authorize.searchParams.get('redirect_uri'));
      expect(typeof form.code_verifier).toBe('string');
      expect(form.code_verifier as string).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
      expect(base64urlSha256(form.code_verifier as string)).toBe(authorize.searchParams.get('code_challenge'));
    });

    it.each([
      ['a wrong code_verifier', { code_verifier: randomBytes(32).toString('base64url') }],
      ['another redirect_uri', { redirect_uri: 'http://localhost:1/auth_callback' }],
    ])(
      'R4: the sandbox refuses a code exchange with %s (so a successful exchange proves the app sent the right one)',
      async (_case, wrong) => {
        const { callback } = await signInUntilCallback(new TestBrowser(), stack);
        const res = await fetch(`${stack.sandbox.url}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: stack.config.linode.clientId,
            client_secret: CLIENT_SECRET,
            code: callback.searchParams.get('code')!,
            redirect_uri: `${stack.appUrl}/auth_callback`,
            code_verifier: randomBytes(32).toString('base64url'),
            ...wrong,
          }),
        });
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
      },
    );

    it('R4: the client secret never reaches the browser, on any page or header of a journey (success and failures)', async () => {
      const browser = new RecordingBrowser();
      const path = await deploy(browser, stack);
      await eventually(async () =>
        (await browser.get(`${stack.appUrl}${path}`, { 'HX-Request': 'true' })).status === 286 ? true : undefined,
      );
      await browser.get(`${stack.appUrl}${path}`);
      await browser.get(`${stack.appUrl}/static/js/app.js`);
      await browser.get(`${stack.appUrl}/auth_callback?code=x&state=y`);
      await browser.get(`${stack.appUrl}/auth_callback?error=access_denied&state=y`);
      await browser.get(`${stack.appUrl}/no-such-page`);
      const failing = await signInUntilCallback(browser, stack);
      failing.callback.searchParams.set('code', 'not-a-real-code');
      await browser.get(failing.callback.toString()); // the exchange fails: Linode's error must not leak the secret either

      expect(browser.pages.length).toBeGreaterThan(10);
      for (const page of browser.pages) {
        expect(page.body).not.toContain(CLIENT_SECRET);
        for (const [name, value] of page.headers) expect(`${name}: ${value}`).not.toContain(CLIENT_SECRET);
        expect(page.url).not.toContain(CLIENT_SECRET);
      }
    });
  });

  it.each([
    ['a scope of another family only', 'linodes:read_write events:read_only', 'events:read_only'],
    ['linodes:read_only', 'linodes:read_only events:read_only', 'linodes:read_only'],
  ])(
    'R5: granted scopes are checked after the exchange: with %s the person gets a clear page and the token is revoked',
    async (_case, requested, granted) => {
      const browser = new TestBrowser();
      const submitted = await submitConfigure(browser, stack);
      const authorize = new URL(submitted.headers.get('location')!);
      authorize.searchParams.set('scope', requested);
      const trimmed = await consentAt(browser, authorize, (fields) => ({ ...fields, scopes: granted, decision: 'approve' }));
      expect(trimmed.status).toBe(302);

      const page = await browser.follow(trimmed);
      expect(page.status).toBe(403);
      expect(isClearPage(page.body)).toBe(true);
      expect(page.body).toContain('Linode did not grant the access needed');
      expect(await sandboxInstances(stack)).toHaveLength(0);
      const tokens = await sandboxTokens(stack);
      expect(tokens).toHaveLength(1);
      expect(tokens[0].scopes).toEqual([granted]);
      expect(tokens[0].status).toBe('revoked');
    },
  );

  describe('R6: after the callback', () => {
    it('R6: the browser is sent with a 303 to a clean deployment URL without the code, and the callback answer has Referrer-Policy: no-referrer', async () => {
      const browser = new TestBrowser();
      const { callback } = await signInUntilCallback(browser, stack);
      const answer = await browser.get(callback.toString());
      expect(answer.status).toBe(303);
      const location = answer.headers.get('location')!;
      expect(location).toMatch(/^\/deployments\/[A-Za-z0-9_-]{22}$/);
      expect(location).not.toContain(callback.searchParams.get('code')!);
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('cache-control')).toMatch(/no-store/);
    });

    it('R6: a refused callback page also has Referrer-Policy: no-referrer (its URL holds a code)', async () => {
      const browser = new TestBrowser();
      const { callback } = await signInUntilCallback(browser, stack);
      callback.searchParams.set('state', 'forged');
      const page = await browser.get(callback.toString());
      expect(page.status).toBe(400);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('cache-control')).toMatch(/no-store/);
    });
  });

  describe('R7: every issued token ends revoked', () => {
    it('R7: once the deployment is running', async () => {
      const browser = new TestBrowser();
      const path = await deploy(browser, stack);
      expect((await sandboxTokens(stack)).map((t) => t.status)).toEqual(['active']);
      await eventually(async () =>
        (await browser.get(`${stack.appUrl}${path}`, { 'HX-Request': 'true' })).status === 286 ? true : undefined,
      );
      expect((await sandboxTokens(stack)).map((t) => t.status)).toEqual(['revoked']);
    });

    it.each([
      [400, 400, /could not create the server/i],
      [401, 403, /refused to create the server/i],
      [403, 403, /refused to create the server/i],
      [422, 400, /could not create the server/i],
      [500, 502, /problem creating the server/i],
      [503, 502, /problem creating the server/i],
    ])(
      'R7: when creating the instance fails with %i: a clear %i page, the token revoked, no instance',
      async (upstream, shown, message) => {
        await addFault(stack, { route: 'POST /v4/linode/instances', status: upstream });
        const browser = new TestBrowser();
        const { callback } = await signInUntilCallback(browser, stack);
        const page = await browser.get(callback.toString());
        expect(page.status).toBe(shown);
        expect(isClearPage(page.body)).toBe(true);
        expect(page.body).toMatch(message);
        expect(await sandboxInstances(stack)).toHaveLength(0);
        expect((await sandboxTokens(stack)).map((t) => t.status)).toEqual(['revoked']);
      },
    );

    it('R7: when creating is rate limited (429): a clear page with the wait, the token revoked, no instance', async () => {
      await addFault(stack, { route: 'POST /v4/linode/instances', status: 429, retryAfter: 600 });
      const browser = new TestBrowser();
      const { callback } = await signInUntilCallback(browser, stack);
      const page = await browser.get(callback.toString());
      expect(page.status).toBe(429);
      expect(page.headers.get('retry-after')).toBe('600');
      expect(await sandboxInstances(stack)).toHaveLength(0);
      expect((await sandboxTokens(stack)).map((t) => t.status)).toEqual(['revoked']);
    });

    it('R7: a create answered 500 after Linode did create it leads to exactly one instance (found by label, not created twice)', async () => {
      const service = stack.sandbox.app.get(SandboxInstancesService);
      const create = service.create.bind(service);
      spyOnce(jest.spyOn(service, 'create')).mockImplementationOnce((username, body, now) => {
        create(username, body, now);
        throw new SandboxApiError(500, [{ reason: 'Internal server error' }]);
      });
      const browser = new TestBrowser();
      const { callback } = await signInUntilCallback(browser, stack);
      const page = await browser.get(callback.toString());
      expect(page.status).toBe(303);
      expect(await sandboxInstances(stack)).toHaveLength(1);
    });

    it('R7: when the exchanged sign-in finds its draft gone: a clear page, the token revoked', async () => {
      const drafts = stack.app.get(DraftStore);
      spyOnce(jest.spyOn(drafts, 'take')).mockResolvedValueOnce(undefined);
      const browser = new TestBrowser();
      const { callback } = await signInUntilCallback(browser, stack);
      const page = await browser.get(callback.toString());
      expect(page.status).toBe(400);
      expect(page.body).toContain('Your choices have expired');
      expect(await sandboxInstances(stack)).toHaveLength(0);
      expect((await sandboxTokens(stack)).map((t) => t.status)).toEqual(['revoked']);
    });

    it('R7: when the draft is no longer valid against the catalog after sign-in: a clear page, the token revoked', async () => {
      const submissions = stack.app.get(ConfigureSubmissionService);
      const recheck = submissions.recheck.bind(submissions);
      spyOnce(jest.spyOn(submissions, 'recheck')).mockImplementationOnce(async (draft) => ({
        ...(await recheck(draft)),
        errors: { region: 'This region is not available right now.' },
      }));
      const browser = new TestBrowser();
      const { callback } = await signInUntilCallback(browser, stack);
      const page = await browser.get(callback.toString());
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.status).toBeLessThan(500);
      expect(isClearPage(page.body)).toBe(true);
      expect(await sandboxInstances(stack)).toHaveLength(0);
      expect((await sandboxTokens(stack)).map((t) => t.status)).toEqual(['revoked']);
    });
  });
});

describe('OAuth sign-in security behind a trusted proxy (R1)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await stack.close();
  });

  it.each(SPOOFED_HEADERS)('R1: with TRUST_PROXY=1 a spoofed %s header still does not change the redirect_uri', async (_name, spoofed) => {
    await expectPinnedOrRefused(stack, spoofed);
  });

  it('R1: with TRUST_PROXY=1 a proxy’s X-Forwarded-Proto for the right host still gets the pinned redirect_uri', async () => {
    const answer = await expectPinnedOrRefused(stack, { 'x-forwarded-host': new URL(stack.appUrl).host, 'x-forwarded-proto': 'https' });
    expect(answer.status).toBe(302);
  });
});

/**
 * Security requirements of the browser session and what it guards: the session cookie and its
 * rotation (R8), cross-origin requests refused on every state-changing route (R9), deployment
 * pages for their owner only (R12), the root password and password UDFs (R13), and logs free of
 * secrets (R16).
 */
import fs, { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_VALUE_STORE, type KeyValueStore } from '../src/store/key-value.store';
import { SandboxTokenStore, type SandboxToken } from '../src/sandbox/tokens/sandbox-token.store';
import { eventually, formFields, single, TestBrowser } from './support/browser';
import { consent, deny, openConfigure, requiredUdfValues, submitConfigure } from './support/journey';
import {
  addFault,
  deploy,
  isClearPage,
  rawRequest,
  RecordingBrowser,
  recordTokenRequests,
  resetSandbox,
  SESSION_COOKIE_NAME,
  sessionCookie,
  sessionIdOf,
  signInUntilCallback,
  startSecurityStack,
  type SecurityStack,
} from './support/security-harness';
import { startStack, type Stack, useStack } from './support/stack';

const ROOT_PASSWORD = /data-testid="root-password">([^<]+)</;
/** The demo StackScript's password UDF. */
const PASSWORD_UDF = 'udf_DB_PASSWORD';

function setCookieLines(headers: Headers): string[] {
  return headers.getSetCookie().filter((line) => line.startsWith(`${SESSION_COOKIE_NAME}=`));
}

async function sessionCount(stack: Stack): Promise<number> {
  return stack.app.get<KeyValueStore>(KEY_VALUE_STORE).count('sess:');
}

async function draftCount(stack: Stack): Promise<number> {
  return stack.app.get<KeyValueStore>(KEY_VALUE_STORE).count('draft:');
}

describe('session, cross-origin requests, ownership and credentials (R8, R9, R12, R13)', () => {
  let stack: Stack;
  useStack((started) => (stack = started));

  describe('R8: the session cookie', () => {
    it('R8: the session id rotates at sign-in, and the old id no longer opens the deployment', async () => {
      const browser = new TestBrowser();
      const { callback } = await signInUntilCallback(browser, stack);
      const before = sessionCookie(browser, stack)!;
      expect(before).toBeDefined();

      const done = await browser.get(callback.toString());
      expect(done.status).toBe(303);
      const after = sessionCookie(browser, stack)!;
      expect(after).toBeDefined();
      expect(sessionIdOf(after)).not.toBe(sessionIdOf(before));

      const path = done.headers.get('location')!;
      const stale = await rawRequest(Number(new URL(stack.appUrl).port), {
        path,
        headers: { host: new URL(stack.appUrl).host, cookie: `${SESSION_COOKIE_NAME}=${before}` },
      });
      expect(stale.status).toBe(404);
      expect((await browser.get(`${stack.appUrl}${path}`)).status).toBe(200);
    });

    it('R8: viewing pages sets no cookie and creates no session; starting a sign-in does', async () => {
      const before = await sessionCount(stack);
      const page = await new TestBrowser().get(`${stack.appUrl}/`);
      expect(page.headers.getSetCookie()).toEqual([]);
      expect(await sessionCount(stack)).toBe(before);
      await submitConfigure(new TestBrowser(), stack);
      expect(await sessionCount(stack)).toBe(before + 1);
    });

    it('R8: the cookie is HttpOnly, SameSite=Lax, Path=/, host-only (no Domain), not Secure over plain http, and expires', async () => {
      const started = await submitConfigure(new TestBrowser(), stack);
      expect(started.status).toBe(302);
      const [line] = setCookieLines(started.headers);
      expect(line).toBeDefined();
      const attributes = line
        .split(';')
        .slice(1)
        .map((a) => a.trim().toLowerCase());
      expect(attributes).toContain('httponly');
      expect(attributes).toContain('samesite=lax');
      expect(attributes).toContain('path=/');
      expect(attributes.some((a) => a.startsWith('domain'))).toBe(false);
      expect(attributes).not.toContain('secure');
      expect(attributes.some((a) => a.startsWith('expires=') || a.startsWith('max-age='))).toBe(true);
    });

    it('R8: sessions live in the app’s own bounded, expiring store (not express-session’s MemoryStore), one per browser, with a TTL of at most an hour', async () => {
      const before = await sessionCount(stack);
      const browsers = [new TestBrowser(), new TestBrowser(), new TestBrowser()];
      for (const browser of browsers) await submitConfigure(browser, stack);
      expect(await sessionCount(stack)).toBe(before + browsers.length);

      const store = stack.app.get<KeyValueStore>(KEY_VALUE_STORE);
      for (const browser of browsers) {
        const ttl = await store.ttl(`sess:${sessionIdOf(sessionCookie(browser, stack)!)}`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(60 * 60 * 1000);
      }
    });
  });

  describe('R9: cross-origin requests refused on every state-changing route (Fetch Metadata, then Origin)', () => {
    const refused: Array<[string, (own: string) => Record<string, string>]> = [
      ['Sec-Fetch-Site: cross-site', () => ({ 'sec-fetch-site': 'cross-site' })],
      ['Sec-Fetch-Site: same-site', () => ({ 'sec-fetch-site': 'same-site' })],
      ['Sec-Fetch-Site: cross-site with its own Origin', (own) => ({ 'sec-fetch-site': 'cross-site', origin: own })],
      ['a foreign Origin and no Sec-Fetch-Site', () => ({ origin: 'https://evil.example' })],
      ['Origin: null and no Sec-Fetch-Site', () => ({ origin: 'null' })],
      ['a look-alike Origin and no Sec-Fetch-Site', (own) => ({ origin: `${own}.evil.example` })],
    ];
    const allowed: Array<[string, (own: string) => Record<string, string>]> = [
      ['Sec-Fetch-Site: same-origin', () => ({ 'sec-fetch-site': 'same-origin' })],
      ['Sec-Fetch-Site: none', () => ({ 'sec-fetch-site': 'none' })],
      ['its own Origin and no Sec-Fetch-Site', (own) => ({ origin: own })],
      ['neither header (not a browser)', () => ({})],
    ];

    async function victimAndForm() {
      const victim = new TestBrowser();
      const { fields } = await openConfigure(victim, stack);
      return { victim, form: { ...fields, ...(await requiredUdfValues(stack)) } };
    }

    it.each(allowed)('R9: POST / with %s starts the sign-in', async (_case, headers) => {
      const { victim, form } = await victimAndForm();
      const answer = await victim.post(`${stack.appUrl}/`, form, headers(stack.appUrl));
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe('/auth/linode');
    });

    it.each(refused)('R9: POST / with %s is refused with 403 and changes nothing (no sign-in, no draft)', async (_case, headers) => {
      const { victim, form } = await victimAndForm();
      const drafts = await draftCount(stack);
      const answer = await victim.post(`${stack.appUrl}/`, form, headers(stack.appUrl));
      expect(answer.status).toBe(403);
      expect(answer.headers.get('location')).toBeNull();
      expect(answer.headers.get('hx-redirect')).toBeNull();
      expect(setCookieLines(answer.headers)).toEqual([]);
      expect(isClearPage(answer.body)).toBe(true);
      expect(await draftCount(stack)).toBe(drafts);
    });

    it('R9: a cross-site htmx POST / is refused the same way (403, no HX-Redirect)', async () => {
      const { victim, form } = await victimAndForm();
      const answer = await victim.post(`${stack.appUrl}/`, form, { 'sec-fetch-site': 'cross-site', 'hx-request': 'true' });
      expect(answer.status).toBe(403);
      expect(answer.headers.get('hx-redirect')).toBeNull();
    });

    it.each(refused)('R9: POST /validate with %s is refused with 403', async (_case, headers) => {
      const answer = await new TestBrowser().post(`${stack.appUrl}/validate`, { field: 'label', label: 'x' }, headers(stack.appUrl));
      expect(answer.status).toBe(403);
    });

    it.each(allowed)('R9: POST /validate with %s answers', async (_case, headers) => {
      const answer = await new TestBrowser().post(`${stack.appUrl}/validate`, { field: 'label', label: '--' }, headers(stack.appUrl));
      expect(answer.status).toBe(200);
    });

    it.each(['PUT', 'PATCH', 'DELETE'])('R9: %s / from a foreign origin is refused (4xx) and changes nothing', async (method) => {
      const { victim, form } = await victimAndForm();
      const drafts = await draftCount(stack);
      const answer = await victim.request(`${stack.appUrl}/`, { method, form, headers: { origin: 'https://evil.example' } });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.headers.get('location')).toBeNull();
      expect(await draftCount(stack)).toBe(drafts);
    });
  });

  describe('R12: deployment pages belong to the browser that deployed', () => {
    let owner: TestBrowser;
    let path: string;
    beforeEach(async () => {
      owner = new TestBrowser();
      path = await deploy(owner, stack);
    });

    it('R12: the owner sees the page; another browser, a browser without a session and a fragment request from elsewhere get 404', async () => {
      expect((await owner.get(`${stack.appUrl}${path}`)).status).toBe(200);
      const stranger = new TestBrowser();
      await stranger.get(`${stack.appUrl}/`); // has a session of its own
      for (const page of [
        await stranger.get(`${stack.appUrl}${path}`),
        await stranger.get(`${stack.appUrl}${path}`, { 'HX-Request': 'true' }),
        await new TestBrowser().get(`${stack.appUrl}${path}`),
      ]) {
        expect(page.status).toBe(404);
        expect(isClearPage(page.body)).toBe(true);
        expect(page.body).not.toMatch(/192\.0\.2\.|root-password|ssh root@/);
      }
    });

    it('R12: deployment ids are 22 base64url characters (128 bits), differ per deployment, and a near miss is a 404 even for the owner', async () => {
      const second = await deploy(owner, stack);
      for (const p of [path, second]) expect(p).toMatch(/^\/deployments\/[A-Za-z0-9_-]{22}$/);
      expect(second).not.toBe(path);
      const id = path.split('/').pop()!;
      const nearMiss = `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`;
      expect((await owner.get(`${stack.appUrl}/deployments/${nearMiss}`)).status).toBe(404);
      expect((await owner.get(`${stack.appUrl}/deployments/${id}x`)).status).toBe(404);
    });
  });

  describe('R13: the root password and password fields', () => {
    it('R13: the root password is shown exactly once, marked sensitive, and never in the status fragment', async () => {
      const browser = new TestBrowser();
      const path = await deploy(browser, stack);
      const fragment = await browser.get(`${stack.appUrl}${path}`, { 'HX-Request': 'true' });
      expect(fragment.body).not.toMatch(/root-password/);

      const first = await browser.get(`${stack.appUrl}${path}`);
      const shown = ROOT_PASSWORD.exec(first.body);
      expect(shown).not.toBeNull();
      expect(shown![1].length).toBeGreaterThanOrEqual(32);
      expect(first.body).toMatch(/Sensitive/);
      expect(first.headers.get('cache-control')).toMatch(/no-store/);

      const again = await browser.get(`${stack.appUrl}${path}`);
      expect(again.body).not.toContain(shown![1]);
      expect(again.body).not.toMatch(/data-testid="root-password"/);
      const polled = await browser.get(`${stack.appUrl}${path}`, { 'HX-Request': 'true' });
      expect(polled.body).not.toContain(shown![1]);
    });

    it('R13: after a failed submit a password UDF is never sent back: the field is empty and the value appears nowhere', async () => {
      const secret = `Pw-${Date.now()}-Zq9!kX`;
      const browser = new TestBrowser();
      const answer = await submitConfigure(browser, stack, { [PASSWORD_UDF]: secret, label: '-not a valid label-' });
      expect(answer.status).toBe(400);
      expect(answer.body).not.toContain(secret);
      expect(answer.body).not.toContain(encodeURIComponent(secret));
      const fields = single(formFields(answer.body));
      expect(fields[PASSWORD_UDF]).toBe('');
      expect(answer.body).toMatch(new RegExp(`<input type="password"[^>]*name="${PASSWORD_UDF}"[^>]*value=""`));
    });

    it('R13: inline validation of a password UDF never echoes it', async () => {
      const secret = `Pw-${Date.now()}-Inline`;
      const browser = new TestBrowser();
      const answer = await browser.post(
        `${stack.appUrl}/validate`,
        { field: PASSWORD_UDF, [PASSWORD_UDF]: `${secret}\u0001` },
        { origin: stack.appUrl },
      );
      expect(answer.status).toBeLessThan(500);
      expect(answer.body).not.toContain(secret);
    });

    it('R13: a password UDF value is not shown on the deployment page', async () => {
      const secret = `Pw-${Date.now()}-Deployed`;
      const browser = new TestBrowser();
      const path = await deploy(browser, stack, { [PASSWORD_UDF]: secret });
      const page = await browser.get(`${stack.appUrl}${path}`);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain(secret);
      const fragment = await browser.get(`${stack.appUrl}${path}`, { 'HX-Request': 'true' });
      expect(fragment.body).not.toContain(secret);
    });
  });
});

const GUESTBOOK = [
  '#!/bin/bash',
  '# label: Guestbook',
  '# <UDF name="THEME" label="Colour theme" oneOf="light,dark" default="light">',
  '',
].join('\n');

/** Every GET route a cookie-less client can reach, with the variants that answer differently. */
function anonymousReads(secondId: number, page: string): Array<[string, Record<string, string>]> {
  const htmx = { 'HX-Request': 'true' };
  const price = 'type=g6-nanode-1&region=us-east';
  const unknownId = 'AAAAAAAAAAAAAAAAAAAAAA';
  const assets = [...page.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  expect(assets.length).toBeGreaterThan(0);
  return [
    ['/', {}],
    ['/?region=eu-west&type=g6-standard-2', {}],
    ['/s/320826', {}],
    [`/s/${secondId}?udf_THEME=dark`, {}],
    ['/s/999999', {}],
    ['/s/320826/button', {}],
    ['/s/999999/button', {}],
    [`/price-summary?${price}`, {}],
    [`/price-summary?${price}`, htmx],
    [`/price-summary?${price}&plans=1`, htmx],
    [`/s/${secondId}/price-summary?${price}`, htmx],
    [`/s/${secondId}/price-summary?${price}&plans=1`, htmx],
    ['/no-such-page', {}],
    ['/no-such-page', htmx],
    [`/again/${unknownId}`, {}],
    [`/again/${unknownId}`, htmx],
    [`/deployments/${unknownId}`, {}],
    [`/deployments/${unknownId}`, htmx],
    [`/deployments/${unknownId}/delete`, {}],
    ['/auth_callback?code=x&state=y', {}],
    ['/badge.svg', {}],
    ['/healthz', {}],
    ['/readyz', {}],
    ['/metrics', {}],
    ['/static/css/app.css', {}],
    ['/static/missing.css', {}],
    ...assets.map((path): [string, Record<string, string>] => [path, {}]),
  ];
}

describe('no anonymous GET or HEAD creates a session (R8)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymous-reads-'));
  const file = join(dir, 'guestbook.sh');
  writeFileSync(file, GUESTBOOK);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe.each([
    ['one StackScript', false],
    ['several StackScripts', true],
  ])('with %s allowed', (_name, several) => {
    let stack: Stack;
    let secondId: number;
    useStack(
      (started) => {
        stack = started;
        secondId = started.sandbox.stackScripts[0].id;
      },
      {
        sandbox: { stackScriptFiles: [file] },
        envFrom: (sandbox) => (several ? { LINODE_STACKSCRIPT_IDS: `320826,${sandbox.stackScripts[0].id}` } : {}),
      },
    );

    it('walks every GET route without a cookie, with GET and HEAD: none sets the session cookie or stores a session', async () => {
      const before = await sessionCount(stack);
      const page = await (await fetch(`${stack.appUrl}/s/320826`)).text();
      const answered: string[] = [];
      for (const [path, headers] of anonymousReads(secondId, page)) {
        for (const method of ['GET', 'HEAD']) {
          const answer = await fetch(`${stack.appUrl}${path}`, { method, headers, redirect: 'manual' });
          await answer.arrayBuffer();
          expect({ method, path, headers, status: answer.status < 500, sessionCookie: setCookieLines(answer.headers) }).toEqual({
            method,
            path,
            headers,
            status: true,
            sessionCookie: [],
          });
          answered.push(`${method} ${path} ${answer.status}`);
        }
      }
      expect(answered.length).toBeGreaterThan(50);
      expect(await sessionCount(stack)).toBe(before);
    });
  });
});

describe('the session cookie under an https PUBLIC_URL (R8)', () => {
  let stack: SecurityStack;
  beforeAll(async () => {
    stack = await startSecurityStack({ scheme: 'https', env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('R8: behind the TLS proxy the session cookie is __Host- prefixed and Secure (and still HttpOnly, SameSite=Lax, host-only, Path=/)', async () => {
    const host = new URL(stack.appUrl).host;
    const page = await rawRequest(stack.port, { path: '/', headers: { host, 'x-forwarded-proto': 'https' } });
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    const form = single(formFields(page.body));
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...form, ...(await requiredUdfValues(stack)) }))
      for (const item of [v].flat()) body.append(k, item);
    const answer = await rawRequest(stack.port, {
      method: 'POST',
      path: '/',
      headers: {
        host,
        'x-forwarded-proto': 'https',
        origin: stack.appUrl,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
    });
    expect(answer.status).toBe(303);
    const cookies = ([] as string[])
      .concat(answer.headers['set-cookie'] ?? [])
      .filter((l) => l.startsWith(`__Host-${SESSION_COOKIE_NAME}=`));
    expect(cookies).toHaveLength(1);
    const attributes = cookies[0]
      .split(';')
      .slice(1)
      .map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('path=/');
    expect(attributes).toContain('secure');
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes.some((a) => a.startsWith('domain'))).toBe(false);
  });

  it('R8: a session cookie is never sent over plain http when PUBLIC_URL is https', async () => {
    const answer = await rawRequest(stack.port, { path: '/', headers: { host: new URL(stack.appUrl).host } });
    const cookies = ([] as string[]).concat(answer.headers['set-cookie'] ?? []);
    for (const line of cookies) expect(line.toLowerCase()).toContain('secure');
  });
});

/**
 * Everything the app writes while it runs — pino's JSON lines (straight to fd 1, asynchronous
 * writes since issue 14; synchronous ones are caught too), Nest's console logger, and console.* —
 * captured for one stack at LOG_LEVEL=debug.
 */
function captureOutput(): { text(): string; stop(): void } {
  const chunks: string[] = [];
  const keep = (chunk: unknown) =>
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
  const spies = [
    jest.spyOn(fs, 'writeSync').mockImplementation((fd: number, buffer: unknown) => {
      if (fd !== 1 && fd !== 2) throw new Error(`unexpected writeSync to fd ${fd}`);
      keep(buffer);
      return typeof buffer === 'string' ? Buffer.byteLength(buffer) : (buffer as Buffer).length;
    }),
    jest.spyOn(fs, 'write').mockImplementation((fd: number, buffer: unknown, ...rest: unknown[]) => {
      if (fd !== 1 && fd !== 2) throw new Error(`unexpected write to fd ${fd}`);
      keep(buffer);
      const done = rest[rest.length - 1] as (error: null, written: number) => void;
      process.nextTick(done, null, typeof buffer === 'string' ? Buffer.byteLength(buffer) : (buffer as Buffer).length);
    }),
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (keep(chunk), true)),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (keep(chunk), true)),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void keep(`${args.map(String).join(' ')}\n`)),
    ),
  ];
  return { text: () => chunks.join(''), stop: () => spies.forEach((spy) => spy.mockRestore()) };
}

describe('logs never carry secrets (R16, R13)', () => {
  const CLIENT_SECRET = 'cs-logs-4b1e8f0a9d7c6b5a4e3f2d1c0b9a8f7e';
  const SESSION_SECRET = 'log-test-session-secret-9f8e7d6c5b4a39281706';
  let stack: Stack;
  let output: ReturnType<typeof captureOutput>;
  let logs = '';
  const secrets = new Map<string, Set<string>>();
  const remember = (kind: string, value: string | null | undefined) => {
    if (!value) return;
    if (!secrets.has(kind)) secrets.set(kind, new Set());
    secrets.get(kind)!.add(value);
  };

  beforeAll(async () => {
    output = captureOutput();
    try {
      stack = await startStack({ sandbox: { clientSecret: CLIENT_SECRET }, env: { LOG_LEVEL: 'debug', SESSION_SECRET } });
      const issued = jest.spyOn(stack.sandbox.app.get(SandboxTokenStore), 'issue');
      const tokenRequests = recordTokenRequests(stack);
      const udfPassword = `Udf-Pw-${Date.now()}-Qx7`;
      const browser = new RecordingBrowser();

      // A full deployment, followed until it runs, its page seen twice.
      const { authorize, callback } = await signInUntilCallback(browser, stack, { [PASSWORD_UDF]: udfPassword });
      remember('session id', sessionCookie(browser, stack));
      const done = await browser.get(callback.toString());
      remember('session id', sessionCookie(browser, stack));
      const path = done.headers.get('location')!;
      const first = await browser.get(`${stack.appUrl}${path}`);
      remember('root password', ROOT_PASSWORD.exec(first.body)?.[1]);
      await eventually(async () =>
        (await browser.get(`${stack.appUrl}${path}`, { 'HX-Request': 'true' })).status === 286 ? true : undefined,
      );
      await browser.get(`${stack.appUrl}${path}`);
      remember('OAuth state', authorize.searchParams.get('state'));
      remember('authorization code', callback.searchParams.get('code'));

      // Failure paths that log: a forged state, a cancelled sign-in, a refused create, a cross-site refusal, a bad form.
      const forged = await signInUntilCallback(browser, stack);
      remember('authorization code', forged.callback.searchParams.get('code'));
      remember('OAuth state', forged.authorize.searchParams.get('state'));
      const tampered = new URL(forged.callback);
      tampered.searchParams.set('state', 'forged-state-value');
      await browser.get(tampered.toString());
      await browser.get(forged.callback.toString()); // and then the genuine one (a second deployment)

      const cancelled = await submitConfigure(browser, stack);
      remember('OAuth state', new URL(cancelled.headers.get('location')!).searchParams.get('state'));
      await browser.follow(await consent(browser, cancelled, deny));

      await addFault(stack, { route: 'POST /v4/linode/instances', status: 500 });
      const failing = await signInUntilCallback(browser, stack, { [PASSWORD_UDF]: udfPassword });
      remember('authorization code', failing.callback.searchParams.get('code'));
      remember('OAuth state', failing.authorize.searchParams.get('state'));
      await browser.get(failing.callback.toString());
      await resetSandbox(stack);

      remember('session id', sessionCookie(browser, stack));
      await browser.post(`${stack.appUrl}/`, { [PASSWORD_UDF]: udfPassword }, { 'sec-fetch-site': 'cross-site' });
      await browser.post(`${stack.appUrl}/`, { [PASSWORD_UDF]: udfPassword, label: '!' }, { origin: stack.appUrl });

      for (const result of issued.mock.results) {
        const token = result.value as SandboxToken;
        remember('access token', token.accessToken);
        remember('refresh token', token.refreshToken);
      }
      for (const form of tokenRequests.forms) remember('PKCE code verifier', form.code_verifier as string);
      remember('client secret', CLIENT_SECRET);
      remember('session secret', SESSION_SECRET);
      remember('password UDF value', udfPassword);
      for (const value of secrets.get('session id') ?? []) remember('session id', sessionIdOf(value));
      issued.mockRestore();
      tokenRequests.stop();
    } finally {
      await stack?.close();
      output.stop();
      logs = output.text();
    }
  });

  it('R16: (control) the capture holds the app’s debug log of the whole journey', () => {
    expect(logs).toMatch(/"msg":"request completed"/);
    expect(logs).toMatch(/"url":"\/auth_callback"/);
    expect(logs).toMatch(/"level":"(debug|info)"/);
    expect((secrets.get('access token') ?? new Set()).size).toBeGreaterThanOrEqual(3);
    expect((secrets.get('root password') ?? new Set()).size).toBe(1);
  });

  it.each([
    'access token',
    'refresh token',
    'authorization code',
    'OAuth state',
    'PKCE code verifier',
    'client secret',
    'session secret',
    'session id',
    'password UDF value',
  ])('R16: the logs never contain a %s', (kind) => {
    const values = [...(secrets.get(kind) ?? [])];
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      expect(logs).not.toContain(value);
      expect(logs).not.toContain(encodeURIComponent(value));
    }
  });

  it('R13: the root password is never logged', () => {
    const [password] = [...(secrets.get('root password') ?? [])];
    expect(password).toBeDefined();
    expect(logs).not.toContain(password);
    expect(logs).not.toContain(JSON.stringify(password).slice(1, -1));
  });
});

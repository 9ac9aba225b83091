/**
 * Sandbox mode through the app's one port. `docker run -p 5000:5000` publishes only the
 * app's port; the sandbox listens on the container's loopback. So everything a browser touches —
 * configure page, authorize (consent) page, consent post, callback, deployment page — must be on
 * PUBLIC_URL. The built app runs as `node dist/main.js` in sandbox mode with HOST=0.0.0.0, as the
 * image runs it, and the journey is walked by scripts/one-port-journey.js (the same client the
 * container smoke uses), which refuses any origin other than PUBLIC_URL.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { formFields, single, TestBrowser, type Page } from './support/browser';
import { followToSignIn, requiredUdfValuesFrom } from './support/journey';
import { buildIfNeeded, startAppProcess, type AppProcess } from './support/reliability-app-process';
import { freePort, startStack, type Stack } from './support/stack';

const JOURNEY_SCRIPT = join(__dirname, '..', 'scripts', 'one-port-journey.js');

interface TranscriptEntry {
  method: string;
  url: string;
  status?: number;
  location?: string | null;
  refused?: true;
}
interface JourneyResult {
  exitCode: number;
  stderr: string;
  report: { origin: string; ok: boolean; failure: string | null; deploymentUrl: string | null; transcript: TranscriptEntry[] } | null;
}

/** Runs the one-origin journey client as the smoke test does: a separate process, JSON transcript. */
function walkJourney(publicUrl: string, ...flags: string[]): Promise<JourneyResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [JOURNEY_SCRIPT, publicUrl, '--json', '--timeout-ms=30000', ...flags],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        const line = stdout.trim().split('\n').pop() ?? '';
        resolve({ exitCode, stderr, report: line.startsWith('{') ? (JSON.parse(line) as JourneyResult['report']) : null });
      },
    );
  });
}

/** GET / and POST it as a browser would, then the sign-in start; answers the authorize redirect. */
async function startSignIn(browser: TestBrowser, publicUrl: string, sandboxUrl: string): Promise<Page> {
  const page = await browser.get(`${publicUrl}/`);
  const fields = { ...single(formFields(page.body)), ...(await requiredUdfValuesFrom(sandboxUrl)) };
  return followToSignIn(browser, await browser.post(`${publicUrl}/`, fields, { origin: publicUrl }));
}

function formAction(html: string): string | undefined {
  return /<form\b[^>]*\saction="([^"]*)"/i.exec(html)?.[1];
}

describe('sandbox mode: everything a browser touches is on PUBLIC_URL (node dist/main.js, HOST=0.0.0.0)', () => {
  let app: AppProcess | undefined;
  let publicUrl: string;
  let sandboxUrl: string;
  let sandboxPort: number;

  beforeAll(async () => {
    buildIfNeeded();
    const port = await freePort();
    sandboxPort = await freePort();
    publicUrl = `http://localhost:${port}`;
    sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    app = await startAppProcess(
      'one-port',
      port,
      {
        HOST: '0.0.0.0',
        PUBLIC_URL: publicUrl,
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_BOOT_MS: '400',
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
      },
      60_000,
    );
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('walks configure, sign-in start, authorize, consent, callback and running, never leaving PUBLIC_URL', async () => {
    const { exitCode, stderr, report } = await walkJourney(publicUrl);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(report!.ok).toBe(true);

    const transcript = report!.transcript;
    expect(transcript.filter((entry) => entry.refused)).toEqual([]);
    for (const entry of transcript) expect(new URL(entry.url).origin).toBe(publicUrl);
    expect(transcript.filter((entry) => new URL(entry.url).port === String(sandboxPort))).toEqual([]);

    const steps = transcript.slice(0, 7).map((entry) => `${entry.method} ${new URL(entry.url).pathname} ${entry.status}`);
    expect(steps).toEqual([
      'GET / 200',
      'POST / 303',
      'GET /auth/linode 302',
      'GET /__sandbox-login/oauth/authorize 200',
      'POST /__sandbox-login/oauth/authorize 302',
      'GET /auth_callback 303',
      expect.stringMatching(/^GET \/deployments\/[A-Za-z0-9_-]{22} 200$/),
    ]);
    expect(transcript[4].location).toMatch(new RegExp(`^${publicUrl}/auth_callback\\?`));
    expect(transcript.at(-1)!.status).toBe(286);

    const instances = (await (await fetch(`${sandboxUrl}/__sandbox/instances`)).json()) as
      Array<{ status: string }> | { data: Array<{ status: string }> };
    const list = Array.isArray(instances) ? instances : instances.data;
    expect(list.some((instance) => instance.status === 'running')).toBe(true);
  });

  it('says at boot where browsers sign in, and that only the app’s port needs to be reachable', () => {
    expect(app!.output()).toContain(
      `Browsers sign in through ${publicUrl}/__sandbox-login/oauth/authorize, so only the app's own port needs to be reachable.`,
    );
  });

  it("sends the browser to an authorize URL on PUBLIC_URL, with the OAuth request's parameters intact", async () => {
    const submitted = await startSignIn(new TestBrowser(), publicUrl, sandboxUrl);
    expect(submitted.status).toBe(302);
    const authorize = new URL(submitted.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${publicUrl}/__sandbox-login/oauth/authorize`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${publicUrl}/auth_callback`);
    expect(authorize.searchParams.get('client_id')).toBe('sandbox-client-id');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')!.length).toBeGreaterThanOrEqual(43);
  });

  it('lets the configure form post only to its own origin (CSP form-action names no second origin)', async () => {
    const page = await new TestBrowser().get(`${publicUrl}/`);
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toMatch(/form-action 'self'(;|$)/);
    expect(policy).not.toContain(String(sandboxPort));
  });

  it('serves the consent page with its security headers, posting back through the prefix', async () => {
    const browser = new TestBrowser();
    const consentPage = await browser.follow(await startSignIn(browser, publicUrl, sandboxUrl));
    expect(consentPage.status).toBe(200);
    expect(formAction(consentPage.body)).toBe('/__sandbox-login/oauth/authorize');
    const headers = consentPage.headers;
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('cache-control')).toContain('no-store');
    // same-origin, so that the browser sends its Origin with the consent form (no-referrer sends `null`).
    expect(headers.get('referrer-policy')).toBe('same-origin');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it.each([
    ['another site', { origin: 'http://evil.example' }],
    ['a page on another site (Sec-Fetch-Site: cross-site)', { 'sec-fetch-site': 'cross-site' }],
    ['an opaque origin', { origin: 'null' }],
  ])('refuses a consent form posted from %s (403), before the sandbox issues a code', async (_case, headers) => {
    const browser = new TestBrowser();
    const consentPage = await browser.follow(await startSignIn(browser, publicUrl, sandboxUrl));
    const fields = { ...single(formFields(consentPage.body)), decision: 'approve' };
    const action = new URL(formAction(consentPage.body)!, consentPage.url).toString();

    const forged = await browser.post(action, fields, headers);
    expect(forged.status).toBe(403);
    expect(forged.headers.get('location')).toBeNull();
    expect(forged.body).not.toContain('code=');

    // The same form from the page's own origin goes through: the refusal was about where it came from.
    const genuine = await browser.post(action, fields, { origin: publicUrl });
    expect(genuine.status).toBe(302);
    expect(genuine.headers.get('location')).toMatch(new RegExp(`^${publicUrl}/auth_callback\\?`));
  });

  it('redirects the sign-in page requested under another host name to PUBLIC_URL (canonical origin)', async () => {
    const port = new URL(publicUrl).port;
    const other = await fetch(`http://127.0.0.1:${port}/__sandbox-login/oauth/authorize?client_id=x`, { redirect: 'manual' });
    expect(other.status).toBe(308);
    expect(other.headers.get('location')).toBe(`${publicUrl}/__sandbox-login/oauth/authorize?client_id=x`);
    const posted = await fetch(`http://127.0.0.1:${port}/__sandbox-login/oauth/authorize`, { method: 'POST', redirect: 'manual' });
    expect(posted.status).toBe(421);
  });

  it.each([
    '/__sandbox-login/oauth/token',
    '/__sandbox-login/oauth/revoke',
    '/__sandbox-login/v4/profile',
    '/__sandbox-login/__sandbox/instances',
    '/__sandbox-login/',
    '/__sandbox-login/oauth/authorize/extra',
  ])('exposes nothing else of the sandbox on the app: %s is 404', async (path) => {
    const got = await fetch(`${publicUrl}${path}`, { redirect: 'manual' });
    expect(got.status).toBe(404);
    const posted = await fetch(`${publicUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: publicUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code',
    });
    expect([403, 404]).toContain(posted.status);
    expect(await posted.text()).not.toMatch(/access_token|error_description|invalid_grant/);
  });

  it("keeps the consent form's action on the prefix whatever X-Forwarded-Prefix a client sends, and sets no cookie from the sandbox", async () => {
    const browser = new TestBrowser();
    const submitted = await startSignIn(browser, publicUrl, sandboxUrl);
    const consentPage = await browser.get(submitted.headers.get('location')!, { 'x-forwarded-prefix': '/elsewhere' });
    expect(formAction(consentPage.body)).toBe('/__sandbox-login/oauth/authorize');
    expect(consentPage.headers.getSetCookie()).toEqual([]);
  });
});

describe('real mode: no sandbox sign-in route, the authorize URL is the login service’s own', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('sends the browser to LINODE_LOGIN_URL/oauth/authorize', async () => {
    expect(stack.config.linode.authorizeUrl).toBe(`${stack.config.linode.loginUrl}/oauth/authorize`);
    const submitted = await startSignIn(new TestBrowser(), stack.appUrl, stack.sandbox.url);
    const authorize = new URL(submitted.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${stack.sandbox.url}/oauth/authorize`);
  });

  it.each(['GET', 'POST'])('answers 404 to %s /__sandbox-login/oauth/authorize', async (method) => {
    const res = await fetch(`${stack.appUrl}/__sandbox-login/oauth/authorize?client_id=sandbox-client-id`, {
      method,
      redirect: 'manual',
      headers: method === 'POST' ? { origin: stack.appUrl, 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: method === 'POST' ? 'decision=approve' : undefined,
    });
    // Either way nothing of the sandbox answers.
    expect(method === 'GET' ? [404] : [403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('Linode sandbox');
  });

  it('is a journey the one-origin client refuses, since the login service is another origin (the client can fail)', async () => {
    const { exitCode, stderr, report } = await walkJourney(stack.appUrl);
    expect(exitCode).toBe(1);
    expect(stderr).toContain(`refused GET ${stack.sandbox.url}/oauth/authorize`);
    expect(report!.transcript.at(-1)).toMatchObject({ method: 'GET', refused: true });
  });
});

/**
 * Abuse limits on the endpoints that do work or store something (issue 12): a flood from one
 * client IP gets 429 with Retry-After and stores nothing past the limit, while another IP at the
 * same moment is served; page views are never limited. Behind a proxy (TRUST_PROXY), the client
 * IP is the X-Forwarded-For hop the proxy added.
 */
import { formFields, single, TestBrowser } from './support/browser';
import { followToSignIn, requiredUdfValues } from './support/journey';
import { startStack, type Stack } from './support/stack';
import { KEY_VALUE_STORE, type KeyValueStore } from '../src/store/key-value.store';

const SIGN_IN_LIMIT = 3;
const VALIDATE_LIMIT = 5;
const CALLBACK_LIMIT = 2;
const DELETE_LIMIT = 2;
const WINDOW_MS = 600_000;

const FLOODER = '203.0.113.7';
const NEIGHBOUR = '198.51.100.9';

describe('rate limits behind a trusted proxy', () => {
  let stack: Stack;
  let store: KeyValueStore;
  let udfValues: Record<string, string | string[]>;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        TRUST_PROXY: '1',
        RATE_LIMIT_WINDOW_MS: String(WINDOW_MS),
        RATE_LIMIT_SIGN_IN: String(SIGN_IN_LIMIT),
        RATE_LIMIT_VALIDATE: String(VALIDATE_LIMIT),
        RATE_LIMIT_CALLBACK: String(CALLBACK_LIMIT),
        RATE_LIMIT_DELETE: String(DELETE_LIMIT),
      },
    });
    store = stack.app.get<KeyValueStore>(KEY_VALUE_STORE);
    udfValues = await requiredUdfValues(stack);
  });
  afterAll(async () => {
    await stack.close();
  });

  /** A browser whose requests reach the app through the proxy as coming from `ip`. */
  function browserFrom(ip: string): TestBrowser {
    const browser = new TestBrowser();
    const request = browser.request.bind(browser);
    browser.request = (url, init = {}) => request(url, { ...init, headers: { 'x-forwarded-for': ip, ...init.headers } });
    return browser;
  }

  async function signInForm(browser: TestBrowser): Promise<Record<string, string | string[]>> {
    const page = await browser.get(`${stack.appUrl}/`);
    expect(page.status).toBe(200);
    return { ...single(formFields(page.body)), ...udfValues };
  }

  const stored = async () => ({
    drafts: await store.count('draft:'),
    pending: await store.count('pending:'),
    sessions: await store.count('sess:'),
  });

  it('answers a flood of sign-in starts from one IP with 429 and Retry-After, storing nothing past the limit', async () => {
    const browser = browserFrom(FLOODER);
    const form = await signInForm(browser);
    const before = await stored();
    const statuses: number[] = [];
    const retryAfters: (string | null)[] = [];
    const bodies: string[] = [];
    for (let i = 0; i < SIGN_IN_LIMIT + 7; i++) {
      const answer = await followToSignIn(browser, await browser.post(`${stack.appUrl}/`, form, { origin: stack.appUrl }));
      statuses.push(answer.status);
      retryAfters.push(answer.headers.get('retry-after'));
      bodies.push(answer.body);
    }
    expect(statuses).toEqual([...Array(SIGN_IN_LIMIT).fill(302), ...Array(7).fill(429)]);
    const limitedRetryAfters = retryAfters.slice(SIGN_IN_LIMIT).map(Number);
    expect(limitedRetryAfters.every((seconds) => seconds >= 1 && seconds <= WINDOW_MS / 1000)).toBe(true);
    expect(bodies.at(-1)).toMatch(/Too many requests/);
    expect(bodies.at(-1)).toMatch(/try again in \d+ (seconds|minutes)/);
    const after = await stored();
    expect(after.drafts - before.drafts).toBe(SIGN_IN_LIMIT);
    expect(after.pending - before.pending).toBe(SIGN_IN_LIMIT);
    expect(after.sessions - before.sessions).toBeLessThanOrEqual(1);
  });

  it('still serves another IP at the same moment', async () => {
    const browser = browserFrom(NEIGHBOUR);
    const answer = await browser.post(`${stack.appUrl}/`, await signInForm(browser), { origin: stack.appUrl });
    expect(answer.status).toBe(303);
  });

  it('times the refused requests in the HTTP metrics, though no route handled them', async () => {
    const metrics = await (await fetch(`${stack.appUrl}/metrics`)).text();
    const series = 'http_request_duration_seconds_count{method="POST",route="unmatched",status_code="429"} ';
    const refused = metrics.split('\n').find((line) => line.startsWith(series));
    expect(Number(refused?.slice(series.length))).toBeGreaterThanOrEqual(7);
  });

  it('never limits page views, static files or health checks', async () => {
    const browser = browserFrom(FLOODER);
    for (const path of ['/', '/static/css/app.css', '/healthz', '/readyz']) {
      const answer = await browser.get(`${stack.appUrl}${path}`);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    }
  });

  it('tells htmx where to show the message when the limited request came from it', async () => {
    const browser = browserFrom(FLOODER);
    const answer = await browser.post(`${stack.appUrl}/`, await signInForm(browser), { origin: stack.appUrl, 'HX-Request': 'true' });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(answer.headers.get('hx-retarget')).toBe('#flash');
    expect(answer.body).not.toMatch(/<html/i);
    expect(answer.body).toMatch(/try again in/);
  });

  it('limits live form checks on their own, with their own allowance', async () => {
    const browser = browserFrom('192.0.2.50');
    const form = await signInForm(browser);
    const statuses: number[] = [];
    for (let i = 0; i < VALIDATE_LIMIT + 2; i++) {
      statuses.push((await browser.post(`${stack.appUrl}/validate`, form, { origin: stack.appUrl, 'HX-Request': 'true' })).status);
    }
    expect(statuses.slice(0, VALIDATE_LIMIT).every((status) => status !== 429)).toBe(true);
    expect(statuses.slice(VALIDATE_LIMIT)).toEqual([429, 429]);
    // Sign-in starts from this IP have their own count, untouched.
    expect((await browser.post(`${stack.appUrl}/`, form, { origin: stack.appUrl })).status).toBe(303);
  });

  it('limits returns from Linode (the callback) per IP', async () => {
    const browser = browserFrom('192.0.2.60');
    const statuses: number[] = [];
    for (let i = 0; i < CALLBACK_LIMIT + 2; i++) {
      statuses.push((await browser.get(`${stack.appUrl}/auth_callback?code=made-up&state=made-up`)).status);
    }
    expect(statuses.slice(0, CALLBACK_LIMIT).every((status) => status !== 429)).toBe(true);
    expect(statuses.slice(CALLBACK_LIMIT)).toEqual([429, 429]);
  });

  it('limits delete requests per IP', async () => {
    const browser = browserFrom('192.0.2.70');
    const statuses: number[] = [];
    for (let i = 0; i < DELETE_LIMIT + 2; i++) {
      statuses.push((await browser.post(`${stack.appUrl}/deployments/AAAAAAAAAAAAAAAAAAAAAA/delete`, {}, { origin: stack.appUrl })).status);
    }
    expect(statuses.slice(0, DELETE_LIMIT).every((status) => status !== 429)).toBe(true);
    expect(statuses.slice(DELETE_LIMIT)).toEqual([429, 429]);
  });
});

describe('rate limits without a trusted proxy', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { RATE_LIMIT_CALLBACK: '2' } });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('ignores X-Forwarded-For, so a client cannot dodge the limit by making up addresses', async () => {
    const browser = new TestBrowser();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const answer = await browser.get(`${stack.appUrl}/auth_callback?code=x&state=y`, { 'x-forwarded-for': `198.51.100.${i + 1}` });
      statuses.push(answer.status);
    }
    expect(statuses.slice(2)).toEqual([429, 429]);
  });
});

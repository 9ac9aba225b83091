/**
 * The configure page served from the page cache ahead of Nest's router (issue 14) answers as the
 * controller does: same status, headers, body (but for the CSRF token) and cookie, the same log
 * route and metrics; anything unusual still reaches the controller.
 */
import { csrfTokenFor } from '../src/common/csrf';
import { RenderedPageCache } from '../src/configure/rendered-page.cache';
import { HtmxViewInterceptor } from '../src/views/htmx-view';
import { useStack, type Stack } from './support/stack';

/** Headers that differ per answer whoever answers: the date, the request id, the new nonce, the length (token). */
const PER_ANSWER = new Set(['date', 'x-request-id', 'set-cookie', 'content-length', 'keep-alive', 'connection']);

function comparableHeaders(res: Response): Record<string, string> {
  return Object.fromEntries([...res.headers].filter(([name]) => !PER_ANSWER.has(name)));
}

/** Set-Cookie with the value left out: name and attributes. */
const cookieShapes = (res: Response) => res.headers.getSetCookie().map((cookie) => cookie.replace(/=[^;]*/, '=…'));
const csrfTokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** fetch asks for gzip and deflate unless told otherwise; these tests say what they accept. */
const get = (url: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(url, { ...init, headers: { 'accept-encoding': 'identity', ...init.headers } });

/** `http_request_duration_seconds_count` of GET `route` answered 200, from the app's /metrics. */
async function answersCounted(appUrl: string, route: string): Promise<number> {
  const text = await (await fetch(`${appUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('http_request_duration_seconds_count{') &&
        l.includes(`route="${route}"`) &&
        l.includes('method="GET"') &&
        l.includes('status_code="200"'),
    );
  return Number(line?.split(' ').pop() ?? 0);
}

describe('GET / from the page cache', () => {
  let stack: Stack;
  useStack((started) => (stack = started));
  let shows: jest.SpyInstance;

  beforeEach(async () => {
    await get(`${stack.appUrl}/`); // the first view (cache cold: the controller) renders the page into the cache
    // The controller's way to the page (the shortcut reads the cache directly).
    shows = jest.spyOn(stack.app.get(RenderedPageCache), 'html');
  });
  afterEach(() => shows.mockRestore());

  it('answers a first visit without the controller, with the headers, cookie and page the controller gives', async () => {
    const cached = await get(`${stack.appUrl}/`);
    expect(shows).not.toHaveBeenCalled();
    const viaController = await get(`${stack.appUrl}/?via=controller`); // a query string goes the whole way (`/?` alone: some fetch versions drop the `?`)
    expect(shows).toHaveBeenCalledTimes(1);

    expect(cached.status).toBe(200);
    expect(comparableHeaders(cached)).toEqual(comparableHeaders(viaController));
    expect(cookieShapes(cached)).toEqual(cookieShapes(viaController));
    const [cachedHtml, controllerHtml] = [await cached.text(), await viaController.text()];
    expect(cachedHtml.replaceAll(csrfTokenOf(cachedHtml)!, 'T')).toBe(controllerHtml.replaceAll(csrfTokenOf(controllerHtml)!, 'T'));
  });

  it("puts the token of the browser's own nonce in the page, setting no cookie when it has one", async () => {
    const nonce = 'n'.repeat(43);
    const res = await get(`${stack.appUrl}/`, { headers: { cookie: `iol.csrf=${nonce}` } });
    expect(shows).not.toHaveBeenCalled();
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(csrfTokenOf(await res.text())).toBe(csrfTokenFor(stack.config.sessionSecret, nonce));
  });

  it('mints a nonce whose token is the one in the page', async () => {
    const res = await get(`${stack.appUrl}/`);
    const nonce = /^iol\.csrf=([^;]+)/.exec(res.headers.getSetCookie()[0] ?? '')?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenOf(await res.text())).toBe(csrfTokenFor(stack.config.sessionSecret, nonce!));
  });

  it('answers HEAD with the headers the controller gives and no body', async () => {
    const head = await get(`${stack.appUrl}/`, { method: 'HEAD' });
    expect(shows).not.toHaveBeenCalled();
    const viaController = await get(`${stack.appUrl}/?via=controller`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(comparableHeaders(head)).toEqual(comparableHeaders(viaController));
    expect(head.headers.get('content-length')).toBe(viaController.headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  it('compresses for a browser that accepts brotli, as the controller does, but with a length', async () => {
    const cached = await get(`${stack.appUrl}/`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(shows).not.toHaveBeenCalled();
    const viaController = await get(`${stack.appUrl}/?via=controller`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(cached.headers.get('content-encoding')).toBe('br');
    const { 'transfer-encoding': chunked, ...controllerHeaders } = comparableHeaders(viaController);
    expect(chunked).toBe('chunked'); // compression streams it
    expect(comparableHeaders(cached)).toEqual(controllerHeaders);
    expect(Number(cached.headers.get('content-length'))).toBeGreaterThan(0); // compressed in one piece
    const [cachedHtml, controllerHtml] = [await cached.text(), await viaController.text()]; // fetch decodes them
    expect(cachedHtml.replaceAll(csrfTokenOf(cachedHtml)!, 'T')).toBe(controllerHtml.replaceAll(csrfTokenOf(controllerHtml)!, 'T'));
  });

  it('leaves gzip to the controller and the compression middleware', async () => {
    const res = await get(`${stack.appUrl}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(shows).toHaveBeenCalledTimes(1);
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('sends no body to HEAD whatever the encoding asked', async () => {
    const head = await get(`${stack.appUrl}/`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    expect(shows).not.toHaveBeenCalled();
    const viaController = await get(`${stack.appUrl}/?via=controller`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    expect(comparableHeaders(head)).toEqual(comparableHeaders(viaController));
    expect(head.headers.get('content-length')).toBe(viaController.headers.get('content-length'));
  });

  it('leaves a browser with a session cookie to the controller', async () => {
    await get(`${stack.appUrl}/`, { headers: { cookie: 'iol.sid=s%3Asomething.signature' } });
    expect(shows).toHaveBeenCalledTimes(1);
  });

  it('redirects another host to PUBLIC_URL, as for every other page', async () => {
    const res = await fetch(`${stack.appUrl.replace('localhost', '127.0.0.1')}/`, { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`${stack.appUrl}/`);
  });

  it('counts its answers under the route "/" in the metrics', async () => {
    const count = () => answersCounted(stack.appUrl, '/');
    const before = await count();
    await (await get(`${stack.appUrl}/`)).text();
    await (await get(`${stack.appUrl}/`)).text();
    expect(shows).not.toHaveBeenCalled();
    expect(await count()).toBe(before + 2);
  });
});

describe('the price fragment from its cache', () => {
  let stack: Stack;
  useStack((started) => (stack = started));
  let intercepts: jest.SpyInstance;
  const path = '/price-summary?type=g6-nanode-1&region=us-southeast';
  const htmx = { 'hx-request': 'true' };

  beforeEach(() => {
    // The controller's way to the fragment (the shortcut renders into its cache without it).
    intercepts = jest.spyOn(HtmxViewInterceptor.prototype, 'intercept');
  });
  afterEach(() => intercepts.mockRestore());

  it('answers htmx without the controller, with the headers, cookie and fragment the controller gives', async () => {
    const cached = await get(`${stack.appUrl}${path}`, { headers: htmx });
    const again = await get(`${stack.appUrl}${path}`, { headers: htmx });
    expect(intercepts).not.toHaveBeenCalled();
    // A session cookie (even one the store does not know) goes the whole way.
    const viaController = await get(`${stack.appUrl}${path}`, { headers: { ...htmx, cookie: 'iol.sid=s%3Aunknown.signature' } });
    expect(intercepts).toHaveBeenCalledTimes(1);

    expect(cached.status).toBe(200);
    expect(comparableHeaders(cached)).toEqual(comparableHeaders(viaController));
    expect(cached.headers.get('content-length')).toBe(viaController.headers.get('content-length'));
    expect(cookieShapes(cached)).toEqual(cookieShapes(viaController));
    const [first, second, controllers] = [await cached.text(), await again.text(), await viaController.text()];
    expect(first).toBe(controllers);
    expect(second).toBe(controllers);
  });

  it('renders each query of its own', async () => {
    const atlanta = await (await get(`${stack.appUrl}${path}`, { headers: htmx })).text();
    const frankfurt = await (await get(`${stack.appUrl}/price-summary?type=g6-nanode-1&region=eu-central`, { headers: htmx })).text();
    expect(atlanta).toContain('Atlanta');
    expect(frankfurt).not.toBe(atlanta);
  });

  it('leaves the full page (no HX-Request) to the controller', async () => {
    const res = await get(`${stack.appUrl}${path}`);
    expect(intercepts).toHaveBeenCalledTimes(1);
    expect(await res.text()).toContain('<html');
  });

  it('leaves a fragment compression would compress to the controller', async () => {
    const res = await get(`${stack.appUrl}${path}&plans=1`, { headers: { ...htmx, 'accept-encoding': 'br' } });
    expect(intercepts).toHaveBeenCalledTimes(1);
    expect(res.headers.get('content-encoding')).toBe('br');
  });

  it('counts its answers under the route "/price-summary" in the metrics', async () => {
    const count = () => answersCounted(stack.appUrl, '/price-summary');
    const before = await count();
    await (await get(`${stack.appUrl}${path}`, { headers: htmx })).text();
    expect(intercepts).not.toHaveBeenCalled();
    expect(await count()).toBe(before + 1);
  });
});

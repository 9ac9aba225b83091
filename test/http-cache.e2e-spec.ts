/**
 * The app behind a real caching proxy (nginx with `proxy_cache`, as compose.yaml runs it): a second
 * anonymous view of a public page is served from the cache, and nothing that set a cookie or
 * depends on a session is ever stored.
 */
import { TestBrowser, type Page } from './support/browser';
import { approve, consent, submitConfigure } from './support/journey';
import { describeWithNginx, startNginxCache, type RunningNginxCache } from './support/nginx-cache';
import { freePort, startStack, type Stack } from './support/stack';

const cacheStatus = (page: Page | Response) => page.headers.get('x-cache-status');

describeWithNginx('http-cache')('behind a caching proxy (nginx proxy_cache)', () => {
  let stack: Stack;
  let cache: RunningNginxCache;
  /** The stack as the browser sees it: through the cache, at PUBLIC_URL. */
  let viaCache: Stack;

  beforeAll(async () => {
    const cachePort = await freePort();
    const publicUrl = `http://localhost:${cachePort}`;
    stack = await startStack({ env: { PUBLIC_URL: publicUrl }, sandbox: { redirectUri: `${publicUrl}/auth_callback` } });
    cache = await startNginxCache(cachePort, `http://127.0.0.1:${new URL(stack.appUrl).port}`);
    viaCache = { ...stack, appUrl: cache.url };
  });
  afterAll(async () => {
    await cache?.stop();
    await stack?.close();
  });

  it('serves a second anonymous GET / from the cache, the same bytes as the first', async () => {
    const first = await fetch(`${cache.url}/`);
    const firstBody = await first.text();
    expect(first.status).toBe(200);
    expect(['MISS', 'EXPIRED', 'HIT']).toContain(cacheStatus(first));
    const second = await fetch(`${cache.url}/`);
    expect(cacheStatus(second)).toBe('HIT');
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.getSetCookie()).toEqual([]);
  });

  it('serves the cached page to a browser with a session too, and the htmx fragment apart from the page', async () => {
    const browser = new TestBrowser();
    expect((await submitConfigure(browser, viaCache)).status).toBe(302);
    await fetch(`${cache.url}/s/320826`);
    expect(cacheStatus(await browser.get(`${cache.url}/s/320826`))).toBe('HIT');

    const query = '/price-summary?type=g6-nanode-1&region=us-east';
    await fetch(`${cache.url}${query}`, { headers: { 'hx-request': 'true' } });
    const fragment = await fetch(`${cache.url}${query}`, { headers: { 'hx-request': 'true' } });
    expect(cacheStatus(fragment)).toBe('HIT');
    expect(await fragment.text()).not.toContain('<html');
    const page = await fetch(`${cache.url}${query}`);
    expect(await page.text()).toContain('<html');
  });

  it('never stores an answer that set a cookie or depends on a session', async () => {
    const browser = new TestBrowser();
    const invalid = await browser.post(`${cache.url}/`, { type: 'nope' }, { origin: cache.url });
    expect(invalid.status).toBe(400);

    const started = await submitConfigure(browser, viaCache);
    expect(started.headers.getSetCookie().length).toBeGreaterThan(0);
    const callback = await browser.follow(await consent(browser, started, approve));
    expect(callback.status).toBe(303);
    const deployment = callback.headers.get('location')!;
    const paths = [deployment, '/again/AAAAAAAAAAAAAAAAAAAAAA', '/deployments/AAAAAAAAAAAAAAAAAAAAAA'];
    for (const path of paths) {
      for (let view = 0; view < 2; view++)
        expect({ path, status: cacheStatus(await browser.get(`${cache.url}${path}`)) }).not.toEqual({ path, status: 'HIT' });
    }
    expect(cacheStatus(await browser.get(`${cache.url}${deployment}`, { 'hx-request': 'true' }))).not.toBe('HIT');

    const stored = cache.stored();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((entry) => entry.setsCookie)).toEqual([]);
    const storedPaths = stored.map((entry) => new URL(entry.key.replace(/^[a-z]+:\/\/[^/]+/, 'http://cache')).pathname);
    for (const path of storedPaths) expect(path).toMatch(/^\/(?:|price-summary|s\/320826(?:\/price-summary)?)$/);
  });
});

/**
 * The public pages (the configure page, its fragments, the button page and the badge): the same
 * bytes for every visitor, each for its own path, cacheable by any HTTP cache (no cookie, public
 * Cache-Control, ETag and 304). What depends on a session, and every error, is never stored.
 */
import { TestBrowser } from './support/browser';
import { submitConfigure } from './support/journey';
import { useStack, type Stack } from './support/stack';

const formActionOf = (html: string) => /<form id="configure-form"[^>]*\saction="([^"]*)"/.exec(html)?.[1];
const priceSummaryPathOf = (html: string) => /hx-get="([^"?"]*price-summary)/.exec(html)?.[1];

const HTMX = { 'hx-request': 'true' };
const PRICE = 'type=g6-nanode-1&region=us-east';
const PUBLIC_CACHE_CONTROL = /^public, max-age=[1-9]\d*, stale-while-revalidate=[1-9]\d*$/;

/** Public answers: what is asked, and whether the URL answers htmx with a fragment (so varies on HX-Request). */
const PUBLIC: Array<[string, string, Record<string, string>, boolean]> = [
  ['the configure page', '/', {}, true],
  ['a deep link', '/?region=eu-west&type=g6-standard-2', {}, true],
  ['a StackScript’s configure page', '/s/320826', {}, true],
  ['the price summary as a page', `/price-summary?${PRICE}`, {}, true],
  ['the price fragment', `/price-summary?${PRICE}`, HTMX, true],
  ['the plans fragment', `/price-summary?${PRICE}&plans=1`, HTMX, true],
  ['a StackScript’s price fragment', `/s/320826/price-summary?${PRICE}`, HTMX, true],
  ['the button page', '/s/320826/button', {}, true],
  ['the badge', '/badge.svg', {}, false],
];

describe('public pages', () => {
  let stack: Stack;
  // Production, so that Express caches views and public pages are rendered once per model.
  useStack((started) => (stack = started), { env: { NODE_ENV: 'production' } });

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${stack.appUrl}${path}`, { method, headers, redirect: 'manual' });
  const page = async (path: string) => (await get(path)).text();

  it.each([
    ['/s/320826 then /', '/s/320826', '/'],
    ['/ then /s/320826', '/', '/s/320826'],
  ])('answers each path with its own form, whichever was asked first with the same query (%s)', async (_order, first, second) => {
    const query = `?region=eu-west&order=${encodeURIComponent(first)}`;
    await page(`${first}${query}`);
    for (const path of [second, first]) {
      const html = await page(`${path}${query}`);
      const base = path === '/' ? '' : path;
      expect({ path, action: formActionOf(html), priceSummary: priceSummaryPathOf(html) }).toEqual({
        path,
        action: base || '/',
        priceSummary: `${base}/price-summary`,
      });
    }
  });

  describe.each(PUBLIC)('%s', (_name, path, headers, varies) => {
    it('is public: no cookie, Cache-Control public with max-age and stale-while-revalidate, an ETag', async () => {
      const answer = await get(path, headers);
      expect(answer.status).toBe(200);
      expect(answer.headers.getSetCookie()).toEqual([]);
      expect(answer.headers.get('cache-control')).toMatch(PUBLIC_CACHE_CONTROL);
      expect(answer.headers.get('etag')).toMatch(/^(W\/)?"[^"]+"$/);
      const vary = (answer.headers.get('vary') ?? '').toLowerCase().split(/,\s*/);
      expect(vary.includes('hx-request')).toBe(varies);
    });

    it('is the same bytes for every visitor, with or without a session', async () => {
      const signedIn = new TestBrowser();
      expect((await submitConfigure(signedIn, stack)).status).toBe(302);
      const anonymous = await get(path, headers);
      const withSession = await signedIn.get(`${stack.appUrl}${path}`, headers);
      expect(withSession.headers.getSetCookie()).toEqual([]);
      expect(withSession.headers.get('cache-control')).toMatch(PUBLIC_CACHE_CONTROL);
      expect(withSession.headers.get('etag')).toBe(anonymous.headers.get('etag'));
      expect(withSession.body).toBe(await anonymous.text());
    });

    it('answers 304 with no body to If-None-Match with its ETag, for GET and HEAD', async () => {
      const etag = (await get(path, headers)).headers.get('etag')!;
      // As a browser revalidates (fetch would add `no-cache` to a conditional request otherwise).
      const revalidate = { ...headers, 'cache-control': 'max-age=0' };
      for (const method of ['GET', 'HEAD']) {
        const again = await get(path, { ...revalidate, 'if-none-match': etag }, method);
        expect(again.status).toBe(304);
        expect(await again.text()).toBe('');
      }
      expect((await get(path, { ...revalidate, 'if-none-match': '"something-else"' })).status).toBe(200);
    });
  });

  it.each<[string, () => Promise<Response>]>([
    ['a form with errors (POST /, 400)', () => fetch(`${stack.appUrl}/`, { method: 'POST', body: new URLSearchParams({ type: 'nope' }) })],
    ['an unknown StackScript (404)', () => get('/s/999999')],
    ['an unknown StackScript’s button page (404)', () => get('/s/999999/button')],
    ['expired kept choices (404)', () => get('/again/AAAAAAAAAAAAAAAAAAAAAA')],
    ['an unknown deployment (404)', () => get('/deployments/AAAAAAAAAAAAAAAAAAAAAA')],
  ])('never lets a cache store %s', async (_name, ask) => {
    const answer = await ask();
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('counts the configure page under its route "/" in the metrics', async () => {
    const counted = async () => {
      const text = await (await get('/metrics')).text();
      const line = text
        .split('\n')
        .find((l) => l.startsWith('http_request_duration_seconds_count{') && l.includes('route="/"') && l.includes('method="GET"'));
      return Number(line?.split(' ').pop() ?? 0);
    };
    const before = await counted();
    await page('/');
    expect(await counted()).toBe(before + 1);
  });
});

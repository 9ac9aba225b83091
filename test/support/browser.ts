/**
 * A minimal browser for e2e tests: fetch with one cookie jar per host, manual redirects (so each
 * hop can be asserted), and the bench's form reader to read forms out of HTML.
 */
import { formsIn, successfulControls } from '../../bench/lib/html-form';

export interface Page {
  status: number;
  url: string;
  headers: Headers;
  body: string;
}

export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  constructor(private readonly defaultHeaders: Record<string, string> = {}) {}

  cookies(host: string): Map<string, string> {
    let jar = this.jars.get(host);
    if (!jar) this.jars.set(host, (jar = new Map()));
    return jar;
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
  ): Promise<Page> {
    const target = new URL(url);
    const headers: Record<string, string> = { ...this.defaultHeaders, ...init.headers };
    const jar = this.cookies(target.host);
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form)) for (const item of [v].flat()) params.append(k, item);
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(target, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return { status: res.status, url: target.toString(), headers: res.headers, body: await res.text() };
  }

  get(url: string, headers?: Record<string, string>): Promise<Page> {
    return this.request(url, { headers });
  }

  post(url: string, form: Record<string, string | string[]>, headers?: Record<string, string>): Promise<Page> {
    return this.request(url, { method: 'POST', form, headers });
  }

  /** Follows a Location header relative to the page it came from. */
  follow(page: Page, headers?: Record<string, string>): Promise<Page> {
    const location = page.headers.get('location');
    if (!location) throw new Error(`expected a redirect from ${page.url}, got ${page.status}`);
    return this.get(new URL(location, page.url).toString(), headers);
  }
}

/** The successful controls of the `formIndex`-th form in `html`, every value as a list. */
export function formFields(html: string, formIndex = 0): Record<string, string[]> {
  const form = formsIn(html)[formIndex];
  if (!form) throw new Error('no form in page');
  return Object.fromEntries(Object.entries(successfulControls(form.html)).map(([name, value]) => [name, [value].flat()]));
}

/** Flattens single-valued fields for convenience. */
export function single(fields: Record<string, string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

export { eventually } from '../../src/common/testing/eventually';

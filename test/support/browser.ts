/**
 * A minimal browser for e2e tests: fetch with one cookie jar per host, manual redirects (so each
 * hop can be asserted), and helpers to read forms out of HTML.
 */
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

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x3D;|&#61;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  if (!match) return undefined;
  return decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
}

/** The successful controls of the first form in `html` (hidden, text, checked boxes/radios, selected options). */
export function formFields(html: string, formIndex = 0): Record<string, string[]> {
  const forms = html.match(/<form[\s\S]*?<\/form>/gi) ?? [];
  const form = forms[formIndex];
  if (!form) throw new Error('no form in page');
  const fields: Record<string, string[]> = {};
  const add = (name: string | undefined, value: string) => {
    if (!name) return;
    (fields[name] ??= []).push(value);
  };
  for (const tag of form.match(/<input\b[^>]*>/gi) ?? []) {
    const type = (attr(tag, 'type') ?? 'text').toLowerCase();
    if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue;
    if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/i.test(tag)) continue;
    add(attr(tag, 'name'), attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  for (const select of form.match(/<select\b[\s\S]*?<\/select>/gi) ?? []) {
    const name = attr(select.match(/<select\b[^>]*>/i)![0], 'name');
    const options = select.match(/<option\b[^>]*>/gi) ?? [];
    const selected = options.filter((o) => /\sselected\b/i.test(o));
    for (const o of selected.length ? selected : options.slice(0, 1)) add(name, attr(o, 'value') ?? '');
  }
  for (const textarea of form.match(/<textarea\b[\s\S]*?<\/textarea>/gi) ?? []) {
    const open = textarea.match(/<textarea\b[^>]*>/i)![0];
    add(attr(open, 'name'), decodeEntities(textarea.slice(open.length, -'</textarea>'.length)));
  }
  return fields;
}

/** Flattens single-valued fields for convenience. */
export function single(fields: Record<string, string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

export { eventually } from '../../src/common/testing/eventually';

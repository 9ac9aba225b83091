/**
 * Hostile and broken input, generated: whatever arrives — form fields, callback parameters,
 * headers, paths and methods — the app answers with a 2xx, 3xx or 4xx and never shows a stack
 * trace. Form posts mostly come from the app's own origin, so the validation code behind the
 * cross-origin check is what gets exercised; the ones from elsewhere are refused with a 403.
 */
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { formFields, single } from './support/browser';
import { requiredUdfValues } from './support/journey';
import { showsStackTrace } from './support/reliability-journey';
import { RawHttpClient, setCookieValue, type RawRequest, type RawResponse } from './support/reliability-http';
import { startStack, type Stack } from './support/stack';

const SESSION_COOKIE = 'iol.sid';

let stack: Stack;
let client: RawHttpClient;
let canonicalHost: string;
/** Every request sent, with a short description of the ones that failed. */
const sent = { count: 0, byProperty: {} as Record<string, number>, byStatus: {} as Record<string, number> };

/** A browser with a session (started by a valid POST /): its cookie header and the configure form's own values. */
interface Session {
  cookie: string;
  form: Record<string, string | string[]>;
}

async function send(property: string, req: RawRequest): Promise<RawResponse> {
  sent.count += 1;
  sent.byProperty[property] = (sent.byProperty[property] ?? 0) + 1;
  const res = await client.send(req);
  sent.byStatus[res.status] = (sent.byStatus[res.status] ?? 0) + 1;
  return res;
}

/** What every answer must be, whatever was sent. */
function expectComposed(req: RawRequest, res: RawResponse): void {
  const what = `${req.method} ${req.path.slice(0, 120)} → ${res.status}`;
  expect({ what, serverError: res.status >= 500 }).toEqual({ what, serverError: false });
  expect({ what, stackTrace: showsStackTrace(res.body) }).toEqual({ what, stackTrace: false });
}

/** A browser's first view, then its valid form post, which starts a sign-in and with it a session. */
async function newSession(udfValues: Record<string, string | string[]>): Promise<Session & { started: RawResponse }> {
  const page = await send('setup', { method: 'GET', path: '/', headers: { host: canonicalHost } });
  if (page.status !== 200) throw new Error(`GET / answered ${page.status}`);
  const form = { ...single(formFields(page.body)), ...udfValues };
  const submitted = await send('setup', {
    method: 'POST',
    path: '/',
    headers: { host: canonicalHost, origin: stack.appUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody(Object.entries(form).flatMap(([n, v]) => [v].flat().map((item): [string, string] => [n, item]))),
  });
  const cookie = setCookieValue(submitted, SESSION_COOKIE);
  if (!cookie) throw new Error(`POST / answered ${submitted.status} without a session cookie`);
  // POST / sends the browser to the sign-in start, which redirects to Linode with the state.
  const started = await send('setup', {
    method: 'GET',
    path: '/auth/linode',
    headers: { host: canonicalHost, cookie: `${SESSION_COOKIE}=${cookie}` },
  });
  if (started.status !== 302) throw new Error(`GET /auth/linode answered ${started.status}`);
  return { cookie: `${SESSION_COOKIE}=${cookie}`, form, started };
}

/** A session cookie signed with the app's secret (as express-session signs), for any session id. */
function signedSessionCookie(sid: string): string {
  const signature = createHmac('sha256', stack.config.sessionSecret).update(sid).digest('base64').replace(/=+$/, '');
  return `${SESSION_COOKIE}=${encodeURIComponent(`s:${sid}.${signature}`)}`;
}

function formBody(pairs: [string, string][]): string {
  const params = new URLSearchParams();
  for (const [name, value] of pairs) params.append(name, value);
  return params.toString();
}

// --- generators -------------------------------------------------------------------------------

const NASTY = [
  '',
  ' ',
  '\u0000',
  '\u202e',
  '<script>alert(1)</script>',
  '{{constructor.constructor("return process")()}}',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '%00',
  '%',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'g6-nanode-1',
  'us-east',
  'linode/debian12',
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGarbage user@host',
  'ssh-rsa ' + 'A'.repeat(5000),
  '😀'.repeat(100),
  'x'.repeat(4000),
];

const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  // Lone surrogates: not valid UTF-16, sent as the replacement character or raw bytes.
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 4 }),
  fc.constantFrom(...NASTY),
);

/** Bytes an HTTP header value may carry (visible ASCII, space, tab, latin-1). */
const headerChar = fc
  .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }), fc.constant(0x09))
  .map((c) => String.fromCharCode(c));
const headerText = fc.string({ unit: headerChar, maxLength: 60 });

/** Bytes allowed on the request line's target (no spaces or controls). */
const pathChar = fc.oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0xa1, max: 0xff })).map((c) => String.fromCharCode(c));
const pathText = fc.string({ unit: pathChar, maxLength: 30 });

const PATH_PARTS = [
  '',
  'deployments',
  'auth_callback',
  'static',
  'htmx',
  'css',
  'js',
  'htmx.min.js',
  'app.css',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  '%',
  '%ZZ',
  '%E0%A4%A',
  '%00',
  'healthz',
  'readyz',
  'metrics',
  'price-summary',
  'validate',
  '__proto__',
  'AAAAAAAAAAAAAAAAAAAAAA',
];
const randomPath = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...PATH_PARTS), pathText), { minLength: 0, maxLength: 5 }),
    fc.option(pathText, { nil: undefined }),
    fc.boolean(),
  )
  .map(([segments, query, doubleSlash]) => `${doubleSlash ? '/' : ''}/${segments.join('/')}${query === undefined ? '' : `?${query}`}`);

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];

describe('hostile input never breaks the app', () => {
  let udfValues: Record<string, string | string[]>;
  let session: Session;

  beforeAll(async () => {
    stack = await startStack({ sandbox: { bootMs: 300 } });
    const url = new URL(stack.appUrl);
    canonicalHost = url.host;
    client = new RawHttpClient('127.0.0.1', Number(url.port));
    udfValues = await requiredUdfValues(stack);
    session = await newSession(udfValues);
  });

  afterAll(async () => {
    const parts = Object.entries(sent.byProperty)
      .map(([name, n]) => `${name}: ${n}`)
      .join(', ');
    const statuses = Object.entries(sent.byStatus)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    console.log(`Fuzz: ${sent.count} generated requests (${parts}); answers: ${statuses}`);
    client?.close();
    await stack?.close();
  });

  it('answers any configure form (odd, huge, repeated or missing fields) with a page, never a 5xx', async () => {
    const names = Object.keys(session.form);
    const submission = fc.record({
      overrides: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), anyText), anyText), { maxLength: 6 }),
      removed: fc.subarray(names),
      repeated: fc.subarray(names, { maxLength: 4 }),
      fetchSite: fc.constantFrom('same-origin', 'same-origin', 'absent', 'absent', 'none', 'same-site', 'cross-site'),
      origin: fc.constantFrom('own', 'own', 'own', 'none', 'other', 'null'),
      htmx: fc.boolean(),
      encoding: fc.constantFrom('form', 'form', 'form', 'raw', 'json', 'huge', 'many'),
      raw: fc.string({ unit: pathChar, maxLength: 200 }),
    });
    await fc.assert(
      fc.asyncProperty(submission, async (s) => {
        const pairs: [string, string][] = [];
        for (const [name, value] of Object.entries(session.form)) {
          if (s.removed.includes(name)) continue;
          for (const item of [value].flat()) pairs.push([name, item]);
          if (s.repeated.includes(name)) pairs.push([name, [value].flat()[0] ?? '']);
        }
        for (const [name, value] of s.overrides) pairs.push([name, value]);

        let body = formBody(pairs);
        let contentType = 'application/x-www-form-urlencoded';
        if (s.encoding === 'raw') body = s.raw;
        if (s.encoding === 'json') [body, contentType] = [JSON.stringify(Object.fromEntries(pairs)), 'application/json'];
        if (s.encoding === 'huge') body = `${body}&label=${'x'.repeat(70 * 1024)}`;
        if (s.encoding === 'many') body = `${body}&${Array.from({ length: 250 }, (_, i) => `k${i}=v`).join('&')}`;

        const headers: Record<string, string> = { host: canonicalHost, cookie: session.cookie, 'content-type': contentType };
        if (s.origin === 'own') headers.origin = stack.appUrl;
        if (s.origin === 'other') headers.origin = 'https://evil.example';
        if (s.origin === 'null') headers.origin = 'null';
        if (s.fetchSite !== 'absent') headers['sec-fetch-site'] = s.fetchSite;
        if (s.htmx) headers['hx-request'] = 'true';
        const req: RawRequest = { method: 'POST', path: '/', headers, body };
        const res = await send('configure form', req);
        expectComposed(req, res);
        const crossOrigin =
          s.fetchSite === 'absent'
            ? s.origin === 'other' || s.origin === 'null'
            : s.fetchSite === 'same-site' || s.fetchSite === 'cross-site';
        // Body limits answer first (413, 400); a body that parses reaches the check and is refused.
        const refusal = s.encoding === 'form' || s.encoding === 'json' ? res.status === 403 : res.status >= 400;
        if (crossOrigin) expect({ what: req.headers, refused: refusal }).toEqual({ what: req.headers, refused: true });
      }),
      { numRuns: 180 },
    );
  }, 60_000);

  it('answers any price-summary query and inline validation request with a fragment or page, never a 5xx', async () => {
    const names = Object.keys(session.form);
    const fieldName = fc.oneof(fc.constantFrom(...names, 'plans', 'intent'), anyText);
    const pairs = fc.array(fc.tuple(fieldName, anyText), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.boolean(), pairs, fieldName, fc.boolean(), async (priceSummary, fields, field, htmx) => {
        const headers: Record<string, string> = { host: canonicalHost, cookie: session.cookie };
        if (htmx) headers['hx-request'] = 'true';
        const query = formBody(fields);
        const req: RawRequest = priceSummary
          ? { method: 'GET', path: `/price-summary?${query}`, headers }
          : {
              method: 'POST',
              path: '/validate',
              headers: { ...headers, origin: stack.appUrl, 'content-type': 'application/x-www-form-urlencoded' },
              body: formBody([...fields, ['field', field]]),
            };
        expectComposed(req, await send('htmx fragments', req));
      }),
      { numRuns: 120 },
    );
  }, 60_000);

  it('answers any callback parameters (code, state, error, error_description) with a page, never a 5xx', async () => {
    const param = fc.oneof(
      anyText.map((v) => [v]),
      fc.array(anyText, { minLength: 2, maxLength: 3 }),
    );
    const callback = fc.record(
      {
        code: param,
        state: param,
        error: fc.oneof(param, fc.constant(['access_denied']), fc.constant(['server_error'])),
        error_description: param,
        extra: fc.array(fc.tuple(anyText, anyText), { maxLength: 3 }),
        cookie: fc.constantFrom('session', 'session', 'none', 'garbage'),
      },
      { requiredKeys: ['extra', 'cookie'] },
    );
    await fc.assert(
      fc.asyncProperty(callback, async (c) => {
        const query = new URLSearchParams();
        for (const name of ['code', 'state', 'error', 'error_description'] as const) for (const v of c[name] ?? []) query.append(name, v);
        for (const [name, value] of c.extra) query.append(name, value);
        const headers: Record<string, string> = { host: canonicalHost };
        if (c.cookie === 'session') headers.cookie = session.cookie;
        if (c.cookie === 'garbage') headers.cookie = `${SESSION_COOKIE}=s%3Anot-a-session.forged-signature`;
        const req: RawRequest = { method: 'GET', path: `/auth_callback?${query}`, headers };
        const res = await send('callback', req);
        expectComposed(req, res);
        // A state minted elsewhere is refused before any token request: nothing here ever deploys.
        expect(res.status === 303).toBe(false);
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('refuses a genuine state with a forged code as a bad request (4xx), not as Linode failing (5xx)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 64 }),
          fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
        ),
        async (code) => {
          const fresh = await newSession(udfValues);
          const state = new URL(String(fresh.started.headers.location)).searchParams.get('state');
          const req: RawRequest = {
            method: 'GET',
            path: `/auth_callback?${new URLSearchParams({ code, state: state ?? '' })}`,
            headers: { host: canonicalHost, cookie: fresh.cookie },
          };
          const res = await send('forged code', req);
          expectComposed(req, res);
          expect(res.status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 12 },
    );
  }, 60_000);

  it('answers any mix of Host, HX-Request, Origin, Cookie and X-Forwarded-* headers without a 5xx', async () => {
    const port = new URL(stack.appUrl).port;
    const host = fc.oneof(
      fc.constant(canonicalHost),
      fc.constantFrom(
        `127.0.0.1:${port}`,
        `LOCALHOST:${port}`,
        `localhost.:${port}`,
        `localhost:${port}.evil.example`,
        'evil.example',
        `[::1]:${port}`,
        'localhost',
        `localhost:${port}@evil.example`,
        '',
      ),
      headerText,
    );
    const cookie = fc.oneof(
      fc.constant(session.cookie),
      headerText,
      headerText.map((v) => `${SESSION_COOKIE}=${v}`),
      headerText.map((v) => `${SESSION_COOKIE}=s%3A${v}`),
      // Correctly signed, so the store is asked for ids nobody issued.
      fc
        .oneof(
          fc.string({ maxLength: 40 }),
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.constantFrom('*', '__proto__', 'constructor', '../sess', 'a\r\nFLUSHALL'),
        )
        .map(signedSessionCookie),
      fc.constant(`${SESSION_COOKIE}=${'A'.repeat(6000)}`),
      fc.constant(Array.from({ length: 40 }, (_, i) => `c${i}=${i}`).join('; ')),
    );
    const request = fc.record(
      {
        method: fc.constantFrom('GET', 'GET', 'POST', 'HEAD'),
        path: fc.constantFrom(
          '/',
          '/auth_callback',
          '/deployments/AAAAAAAAAAAAAAAAAAAAAA',
          '/price-summary?type=g6-nanode-1&region=us-east',
          '/validate',
          '/static/css/app.css',
        ),
        host,
        hx: fc.oneof(fc.constant('true'), headerText),
        origin: fc.oneof(fc.constant(stack.appUrl), fc.constant('null'), headerText),
        referer: headerText,
        cookie,
        forwardedFor: headerText,
        forwardedHost: headerText,
        forwardedProto: fc.oneof(fc.constantFrom('https', 'http', 'gopher'), headerText),
        accept: fc.oneof(fc.constantFrom('text/html', 'application/json', '*/*'), headerText),
        contentType: fc.oneof(
          fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json', 'text/plain'),
          headerText,
        ),
        body: fc.string({ unit: pathChar, maxLength: 100 }),
      },
      { requiredKeys: ['method', 'path', 'host'] },
    );
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = { host: r.host };
        if (r.hx !== undefined) headers['hx-request'] = r.hx;
        if (r.origin !== undefined) headers.origin = r.origin;
        if (r.referer !== undefined) headers.referer = r.referer;
        if (r.cookie !== undefined) headers.cookie = r.cookie;
        if (r.forwardedFor !== undefined) headers['x-forwarded-for'] = r.forwardedFor;
        if (r.forwardedHost !== undefined) headers['x-forwarded-host'] = r.forwardedHost;
        if (r.forwardedProto !== undefined) headers['x-forwarded-proto'] = r.forwardedProto;
        if (r.accept !== undefined) headers.accept = r.accept;
        const withBody = r.method === 'POST';
        if (withBody && r.contentType !== undefined) headers['content-type'] = r.contentType;
        const req: RawRequest = { method: r.method, path: r.path, headers, body: withBody ? (r.body ?? '') : undefined };
        expectComposed(req, await send('headers', req));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('answers any path with any method without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), randomPath, fc.boolean(), async (method, path, htmx) => {
        const headers: Record<string, string> = { host: canonicalHost, cookie: session.cookie };
        if (htmx) headers['hx-request'] = 'true';
        const req: RawRequest = { method, path, headers, body: method === 'POST' || method === 'PUT' ? '' : undefined };
        expectComposed(req, await send('paths', req));
      }),
      { numRuns: 180 },
    );
  }, 60_000);
});

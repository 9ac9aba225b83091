/**
 * Bad input everywhere (R17): missing, repeated, oversized and mistyped fields, unicode and control
 * characters, 1 MB bodies, unknown routes, wrong methods, JSON, multipart and malformed bodies, odd
 * request targets and headers. Each gets a 4xx answer a person can read (page or fragment) — never
 * a 500, never a stack trace or a server path.
 */
import { TestBrowser } from './support/browser';
import { openConfigure, requiredUdfValues } from './support/journey';
import { isClearPage, rawRequest, rawSocket, STACK_TRACE, type RawAnswer } from './support/security-harness';
import { startStack, type Stack } from './support/stack';

interface Session {
  cookie: string;
  /** A complete, valid configure form (urlencoded). */
  validForm: URLSearchParams;
}

const FORM = 'application/x-www-form-urlencoded';
const MB = 1024 * 1024;

/** What an answer must be: a 4xx page/fragment (optionally a given status), or at least no server error. */
type Expectation = { status?: number; clientError: true } | { clientError: false };
const clientError = (status?: number): Expectation => ({ status, clientError: true });
const notAServerError: Expectation = { clientError: false };

function expectHandled(answer: RawAnswer, expectation: Expectation, html = true): void {
  expect(answer.body).not.toMatch(STACK_TRACE);
  expect(answer.status).toBeLessThan(500);
  expect(answer.status).toBeGreaterThan(0);
  if (!expectation.clientError) return;
  if (expectation.status !== undefined) expect(answer.status).toBe(expectation.status);
  expect(answer.status).toBeGreaterThanOrEqual(400);
  if (html) {
    expect(String(answer.headers['content-type'] ?? '')).toMatch(/^text\/html/);
    expect(isClearPage(answer.body)).toBe(true);
  }
}

describe('bad input everywhere (R17)', () => {
  let stack: Stack;
  let session: Session;
  const port = () => Number(new URL(stack.appUrl).port);
  const host = () => new URL(stack.appUrl).host;

  /** A form post from the site's own page (right Origin, cookie and token), body as given. */
  const postForm = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    rawRequest(port(), {
      method: 'POST',
      path,
      headers: { host: host(), origin: stack.appUrl, cookie: session.cookie, 'content-type': FORM, ...headers },
      body,
    });

  /** The valid form with some fields replaced (`null` removes a field, an array repeats it). */
  function formWith(changes: Record<string, string | string[] | null>): string {
    const form = new URLSearchParams(session.validForm);
    for (const [name, value] of Object.entries(changes)) {
      form.delete(name);
      if (value === null) continue;
      for (const item of [value].flat()) form.append(name, item);
    }
    return form.toString();
  }

  beforeAll(async () => {
    stack = await startStack();
    const browser = new TestBrowser();
    const { fields } = await openConfigure(browser, stack);
    const validForm = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...fields, ...(await requiredUdfValues(stack)) })) {
      for (const item of [value].flat()) validForm.append(name, item);
    }
    session = {
      cookie: [...browser.cookies(new URL(stack.appUrl).host)].map(([k, v]) => `${k}=${v}`).join('; '),
      validForm,
    };
  });
  afterAll(async () => {
    await stack.close();
  });

  it('R17: (control) the untouched form starts the sign-in', async () => {
    const answer = await postForm('/', session.validForm.toString());
    expect(answer.status).toBe(303);
  });

  describe('R17: the configure form (POST /)', () => {
    it.each<[string, () => Record<string, string | string[] | null>, Expectation]>([
      ['an empty form', () => Object.fromEntries([...session.validForm.keys()].map((k) => [k, null])), clientError(400)],
      ['no plan', () => ({ type: null }), clientError(400)],
      ['no region', () => ({ region: null }), clientError(400)],
      ['no image', () => ({ image: null }), clientError(400)],
      ['a required UDF missing', () => ({ udf_APP_DOMAIN: null }), clientError(400)],
      ['the plan twice', () => ({ type: ['g6-nanode-1', 'g6-standard-1'] }), clientError(400)],
      ['the region twice', () => ({ region: ['us-east', 'us-west'] }), clientError(400)],
      ['the label twice', () => ({ label: ['web-one', 'web-two'] }), clientError(400)],
      ['a text UDF twice', () => ({ udf_APP_DOMAIN: ['a.example', 'b.example'] }), clientError(400)],
      ['a single-choice UDF twice', () => ({ udf_WEB_SERVER: ['nginx', 'apache'] }), clientError(400)],
      ['an unknown plan', () => ({ type: 'g9-imaginary-1' }), clientError(400)],
      ['a region that cannot host Linodes', () => ({ region: 'nl-ams' }), clientError(400)],
      ['an image the StackScript does not support', () => ({ image: 'linode/arch' }), clientError(400)],
      ['a choice UDF outside its list', () => ({ udf_WEB_SERVER: 'iis' }), clientError(400)],
      ['a 10 000-character label', () => ({ label: 'a'.repeat(10_000) }), clientError(400)],
      ['a 60 000-character SSH key field', () => ({ authorized_keys: 'ssh-ed25519 ' + 'A'.repeat(60_000) }), clientError(400)],
      ['a 20 000-character UDF value', () => ({ udf_APP_DOMAIN: 'x'.repeat(20_000) }), clientError(400)],
      ['a label in other scripts', () => ({ label: 'ŝervér-名前-сервер' }), clientError(400)],
      ['a label with a right-to-left override', () => ({ label: 'web\u202Egnp.exe' }), clientError(400)],
      ['a label with an emoji', () => ({ label: 'web-🚀-one' }), clientError(400)],
      ['a label with a NUL', () => ({ label: 'web\u0000one' }), clientError(400)],
      ['a UDF value with a NUL', () => ({ udf_APP_DOMAIN: 'a\u0000b.example' }), clientError(400)],
      ['a UDF value with an escape sequence', () => ({ udf_APP_DOMAIN: 'a\u001b[31mred' }), clientError(400)],
      ['a plan id with unicode', () => ({ type: 'g6-nanode-１' }), clientError(400)],
      ['a garbage SSH key', () => ({ authorized_keys: 'not a key at all' }), clientError(400)],
      [
        'a private key pasted as SSH key',
        () => ({ authorized_keys: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----' }),
        clientError(400),
      ],
      ['bracketed field names (type[]=…)', () => ({ type: null, 'type[]': 'g6-nanode-1' }), clientError(400)],
      ['nested field names (type[a]=…)', () => ({ type: null, 'type[a]': 'g6-nanode-1' }), clientError(400)],
      [
        'prototype-polluting names',
        () => ({ type: null, __proto__: 'x', 'constructor[prototype][x]': 'y', hasOwnProperty: 'z', toString: 'w' }),
        clientError(400),
      ],
    ])('R17: %s → a 4xx page', async (_case, changes, expectation) => {
      expectHandled(await postForm('/', formWith(changes())), expectation);
    });

    it.each<[string, () => string]>([
      ['%zz in a value', () => `${formWith({ label: null })}&label=%zz`],
      ['%zz in a field name (otherwise valid form)', () => `${formWith({})}&%zz=1`],
      ['%zz in a free-text UDF (otherwise valid form)', () => formWith({ udf_SITE_TITLE: null }) + '&udf_SITE_TITLE=Hello%zz'],
      ['a truncated UTF-8 sequence', () => `${formWith({ label: null })}&label=%E0%A4%A`],
      ['an invalid UTF-8 byte', () => `${formWith({ label: null })}&label=%FF%FE`],
      ['a lone surrogate', () => `${formWith({ label: null })}&label=%ED%A0%80`],
      ['an ampersand storm', () => `${formWith({ type: null })}${'&'.repeat(5000)}`],
      ['a field without =', () => `${formWith({ type: null })}&type`],
    ])('R17: malformed urlencoding (%s) → a 4xx page, never a 500', async (_case, body) => {
      expectHandled(await postForm('/', body()), clientError());
    });

    it('R17: a 1 MB body is refused with 413 (the body size limit is set)', async () => {
      const answer = await postForm('/', `${session.validForm}&label=${'x'.repeat(MB)}`);
      expectHandled(answer, clientError(413));
      expect(answer.body).toMatch(/Too much data/);
    });

    it('R17: a body just over the 64 kB limit is refused with 413', async () => {
      expectHandled(await postForm('/', `${session.validForm}&authorized_keys=${'A'.repeat(65 * 1024)}`), clientError(413));
    });

    it('R17: more than 200 fields are refused with 413', async () => {
      const extra = Array.from({ length: 300 }, (_, i) => `f${i}=x`).join('&');
      expectHandled(await postForm('/', `${session.validForm}&${extra}`), clientError(413));
    });

    it.each<[string, string, () => string]>([
      ['JSON', 'application/json', () => JSON.stringify(Object.fromEntries(session.validForm))],
      ['a 1 MB JSON document', 'application/json', () => JSON.stringify({ label: 'x'.repeat(MB) })],
      [
        'multipart/form-data',
        'multipart/form-data; boundary=XyZ',
        () =>
          [...session.validForm].map(([k, v]) => `--XyZ\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') +
          '--XyZ--\r\n',
      ],
      [
        'a multipart file upload',
        'multipart/form-data; boundary=XyZ',
        () =>
          `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="x.sh"\r\nContent-Type: application/x-sh\r\n\r\n${'#'.repeat(MB)}\r\n--XyZ--\r\n`,
      ],
      ['text/plain', 'text/plain', () => session.validForm.toString()],
      ['XML', 'application/xml', () => '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'],
      ['urlencoded in an unknown charset', `${FORM}; charset=klingon`, () => session.validForm.toString()],
      ['urlencoded in UTF-16', `${FORM}; charset=utf-16`, () => session.validForm.toString()],
      ['no content type', '', () => session.validForm.toString()],
    ])('R17: a %s body → a 4xx page, never a 500', async (_case, contentType, body) => {
      const headers: Record<string, string> = { 'content-type': contentType };
      const answer = await postForm('/', body(), headers);
      expectHandled(answer, clientError());
      expect(answer.headers.location).toBeUndefined();
    });

    it.each<[string, Record<string, string>, string | Buffer]>([
      ['gzip that is not gzip', { 'content-encoding': 'gzip' }, 'not gzip at all'],
      ['an unknown content encoding', { 'content-encoding': 'zstd-ish' }, 'a=b'],
    ])('R17: %s → a 4xx page', async (_case, headers, body) => {
      expectHandled(await postForm('/', body, headers), clientError());
    });

    it('R17: an htmx post with bad input gets the configure page with messages (400), not a 500', async () => {
      const answer = await postForm('/', formWith({ type: ['a', 'b'], label: '%%%' }), { 'hx-request': 'true' });
      expectHandled(answer, clientError(400));
    });
  });

  describe('R17: inline validation (POST /validate)', () => {
    it.each<[string, string]>([
      ['no field', ''],
      ['an unknown field', 'field=nope&nope=1'],
      ['field named __proto__', 'field=__proto__&__proto__=1'],
      ['field named constructor', 'field=constructor&constructor=1'],
      ['field named hasOwnProperty', 'field=hasOwnProperty&hasOwnProperty=1'],
      ['field repeated', 'field=label&field=type&label=x'],
      ['field as an array name', 'field[]=label&label=x'],
      ['a 60 000-character value', `field=label&label=${'a'.repeat(60_000)}`],
      ['malformed urlencoding', 'field=label&label=%zz%E0%A4%A'],
    ])('R17: %s → answered without a server error', async (_case, body) => {
      const answer = await postForm('/validate', body, { 'hx-request': 'true' });
      expectHandled(answer, notAServerError);
      expect(answer.status === 200 || answer.status === 204 || (answer.status >= 400 && answer.status < 500)).toBe(true);
    });

    it('R17: a 1 MB body to /validate is refused with 413', async () => {
      expectHandled(await postForm('/validate', `field=label&label=${'a'.repeat(MB)}`, { 'hx-request': 'true' }), clientError(413), false);
    });
  });

  describe('R17: routes, methods and request targets', () => {
    const get = (path: string, headers: Record<string, string> = {}) =>
      rawRequest(port(), { path, headers: { host: host(), cookie: session.cookie, ...headers } });

    it.each([
      '/nope',
      '/.env',
      '/index.html',
      '/deployments',
      '/deployments/',
      '/deployments/x',
      '/deployments/%ZZ',
      '/deployments/%00',
      `/deployments/${'A'.repeat(1000)}`,
      '/deployments/AAAAAAAAAAAAAAAAAAAAAA/extra',
      '/auth_callback/extra',
      '/static/',
      '/static/%ZZ',
      '/static/%2e%2e/%2e%2e/package.json',
      '/static/..%2f..%2fpackage.json',
      '/static/css/%00.css',
      '/%00',
      '/%ZZ',
      '/price-summary/x',
    ])('R17: GET %s → a 404-style page, never a 500', async (path) => {
      const answer = await get(path);
      expectHandled(answer, clientError());
      expect(answer.body).not.toMatch(/"name":\s*"install-on-linode"|SESSION_SECRET/);
    });

    it.each([
      '/?region[]=us-east&type[x]=y&image=%zz',
      '/?region=us-east&region=us-west',
      `/?label=${'a'.repeat(5000)}`,
      '/price-summary?type=a&type=b&region=%zz&plans=1',
      '/price-summary?type[]=g6-nanode-1&region[]=us-east',
    ])('R17: GET %s → the page, ignoring what it cannot use, never a 500', async (path) => {
      for (const headers of [{}, { 'hx-request': 'true' }] as Record<string, string>[])
        expectHandled(await get(path, headers), notAServerError);
    });

    it.each([
      '/auth_callback',
      '/auth_callback?code=a&code=b&state=x',
      '/auth_callback?code[]=a&state[]=b',
      '/auth_callback?code=a&state=%zz',
      `/auth_callback?code=${'c'.repeat(10_000)}&state=x`,
      '/auth_callback?error=&state=',
      '/auth_callback?error[]=x&state=y',
      '/auth_callback?error=server_error&error_description=%E0%A4%A',
    ])('R17: GET %s → a clear 4xx page', async (path) => {
      expectHandled(await get(path), clientError());
    });

    it.each<[string, string, Expectation]>([
      ['PUT', '/', clientError()],
      ['DELETE', '/', clientError()],
      ['PATCH', '/', clientError()],
      ['PUT', '/deployments/AAAAAAAAAAAAAAAAAAAAAA', clientError()],
      ['DELETE', '/deployments/AAAAAAAAAAAAAAAAAAAAAA', clientError()],
      ['POST', '/auth_callback', clientError()],
      ['POST', '/price-summary', clientError()],
      ['POST', '/deployments/AAAAAAAAAAAAAAAAAAAAAA', clientError()],
      ['POST', '/healthz', clientError()],
      ['GET', '/validate', clientError()],
      ['TRACE', '/', clientError()],
      // A static file answers a wrong method with a bare 405 (no person posts to a stylesheet).
      ['POST', '/static/css/app.css', notAServerError],
    ])('R17: %s %s (from the site, with its token) → a 4xx page', async (method, path, expectation) => {
      const withBody = ['POST', 'PUT', 'PATCH'].includes(method);
      const answer = await rawRequest(port(), {
        method,
        path,
        headers: {
          host: host(),
          origin: stack.appUrl,
          cookie: session.cookie,
          ...(withBody ? { 'content-type': FORM } : {}),
        },
        body: withBody ? 'a=b' : undefined,
      });
      expectHandled(answer, expectation);
      expect(answer.status).toBeGreaterThanOrEqual(400);
    });

    it.each<[string, string]>([
      ['GET', '*'],
      ['OPTIONS', '*'],
      ['POST', '*'],
      ['GET', '/?%zz'],
      ['GET', '/deployments/%ZZ?x'],
      ['GET', '/static/../../package.json'],
      ['GET', '/static/./../../../etc/passwd'],
    ])('R17: the request target %s %s never gets a 500 or a stack trace', async (method, target) => {
      const answer = await rawSocket(
        port(),
        `${method} ${target} HTTP/1.1\r\nHost: ${host()}\r\nOrigin: ${stack.appUrl}\r\nCookie: ${session.cookie}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      expectHandled(answer, notAServerError);
      expect(answer.body).not.toMatch(/root:x:0|"name": "install-on-linode"/);
    });

    it('R17: an absolute-form request target is handled like its path', async () => {
      const answer = await rawSocket(port(), `GET ${stack.appUrl}/nope HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
      expectHandled(answer, notAServerError);
    });

    it('R17: a 20 kB URL is refused (414/431), never a 500', async () => {
      const answer = await get(`/?q=${'a'.repeat(20_000)}`);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    });
  });

  describe('R17: cookies and headers', () => {
    it.each([
      ['a malformed session cookie', 'iol.sid=%zz'],
      ['a forged session cookie', 'iol.sid=s%3Aforged.c2lnbmF0dXJl'],
      ['an unsigned session cookie', 'iol.sid=plain-session-id'],
      ['the session cookie twice', `${'iol.sid=a'}; iol.sid=b`],
      ['a cookie header of garbage', ';;;=;=;=='],
    ])('R17: %s → a fresh page, never a 500', async (_case, cookie) => {
      const answer = await rawRequest(port(), { path: '/', headers: { host: host(), cookie } });
      expectHandled(answer, notAServerError);
      expect(answer.status).toBe(200);
    });

    it('R17: a 20 kB cookie is refused (431), never a 500', async () => {
      const answer = await rawRequest(port(), { path: '/', headers: { host: host(), cookie: `x=${'a'.repeat(20_000)}` } });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    });

    it.each([
      ['HX-Request: garbage', { 'hx-request': '\u00ff\u00fe' }],
      ['X-Request-Id with a newline-looking value', { 'x-request-id': 'a%0d%0aSet-Cookie:%20x=y' }],
      ['X-Request-Id of 10 kB', { 'x-request-id': 'r'.repeat(10_000) }],
      ['Accept: nonsense', { accept: '*/*;q=foo, text/html;q=-1' }],
      ['Accept-Language: nonsense', { 'accept-language': '????,;;;q=x' }],
    ])('R17: %s → still the page, never a 500', async (_case, headers) => {
      const answer = await rawRequest(port(), { path: '/', headers: { host: host(), cookie: session.cookie, ...headers } });
      expectHandled(answer, notAServerError);
      expect(String(answer.headers['set-cookie'] ?? '')).not.toMatch(/x=y/);
    });
  });
});

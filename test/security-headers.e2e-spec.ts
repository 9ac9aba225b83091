/**
 * Security headers and the HTML they protect (R10), trust proxy as explicit configuration (R14),
 * and no open redirects (R15). Every kind of answer the app gives is asked for: pages, htmx
 * fragments, static files, errors, 404s, redirects.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError } from '../src/config/config.error';
import { loadAppConfig } from '../src/config/load-app-config';
import { eventually, TestBrowser } from './support/browser';
import { deny, consent, followToSignIn, openConfigure, requiredUdfValues, submitConfigure } from './support/journey';
import {
  deploy,
  header,
  rawRequest,
  rawSocket,
  resetSandbox,
  startSecurityStack,
  type RawAnswer,
  type SecurityStack,
} from './support/security-harness';
import { startStack, type Stack } from './support/stack';
import { exitOf } from './support/exit-of';

/** The directives of a Content-Security-Policy header. */
function directives(csp: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

interface Session {
  cookie: string;
  deploymentPath: string;
}

type Probe = (stack: Stack, session: Session) => Promise<RawAnswer>;

const portOf = (stack: Stack) => Number(new URL(stack.appUrl).port);
const hostOf = (stack: Stack) => new URL(stack.appUrl).host;
const form = 'application/x-www-form-urlencoded';

function get(path: string, extra: Record<string, string> = {}, withSession = true): Probe {
  return (stack, session) =>
    rawRequest(portOf(stack), { path, headers: { host: hostOf(stack), ...(withSession ? { cookie: session.cookie } : {}), ...extra } });
}

function post(path: string, body: (session: Session) => string, extra: Record<string, string> = {}): Probe {
  return (stack, session) =>
    rawRequest(portOf(stack), {
      method: 'POST',
      path,
      headers: { host: hostOf(stack), cookie: session.cookie, origin: stack.appUrl, 'content-type': form, ...extra },
      body: body(session),
    });
}

const deploymentPage: Probe = (stack, session) => get(session.deploymentPath)(stack, session);
const deploymentFragment: Probe = (stack, session) => get(session.deploymentPath, { 'hx-request': 'true' })(stack, session);

/** Every kind of answer, by what it is. */
const ANSWERS: Array<[string, Probe]> = [
  ['the configure page', get('/')],
  ['the price summary page', get('/price-summary?type=g6-standard-2&region=us-east')],
  ['the price summary fragment', get('/price-summary?type=g6-standard-2&region=us-east', { 'hx-request': 'true' })],
  ['the inline validation fragment', post('/validate', () => 'field=label&label=--', { 'hx-request': 'true' })],
  ['the configure page with errors (400)', post('/', () => 'type=nope')],
  ['the configure page with errors for htmx (400)', post('/', () => 'type=nope', { 'hx-request': 'true' })],
  ['the deployment page', deploymentPage],
  ['the deployment status fragment', deploymentFragment],
  ['a stylesheet', get('/static/css/app.css')],
  ['our script', get('/static/js/app.js')],
  ['htmx', get('/static/htmx/htmx.min.js')],
  ['a missing static file (404)', get('/static/css/missing.css')],
  ['an unknown page (404)', get('/no-such-page')],
  ['an unknown deployment (404)', get('/deployments/AAAAAAAAAAAAAAAAAAAAAA')],
  ['a refused callback (400)', get('/auth_callback?code=abc&state=forged')],
  ['a cancelled sign-in page', get('/auth_callback?error=access_denied&state=forged')],
  ['a cross-site refusal (403)', post('/', () => 'type=nope', { 'sec-fetch-site': 'cross-site' })],
  ['an oversized body (413)', post('/', () => `label=${'x'.repeat(1024 * 1024)}`)],
  [
    'a malformed body (400)',
    (stack, s) =>
      rawRequest(portOf(stack), {
        method: 'POST',
        path: '/',
        headers: {
          host: hostOf(stack),
          cookie: s.cookie,
          origin: stack.appUrl,
          'content-type': 'application/x-www-form-urlencoded; charset=klingon',
        },
        body: 'a=b',
      }),
  ],
  [
    'a wrong method (404/405)',
    (stack, s) => rawRequest(portOf(stack), { method: 'PUT', path: '/deployments/x', headers: { host: hostOf(stack), cookie: s.cookie } }),
  ],
  ['the badge', get('/badge.svg', {}, false)],
  ['liveness', get('/healthz', {}, false)],
  ['readiness', get('/readyz', {}, false)],
  ['metrics', get('/metrics', {}, false)],
  [
    'the canonical-origin redirect (another Host)',
    (stack) => rawRequest(portOf(stack), { path: '/', headers: { host: `127.0.0.1:${portOf(stack)}` } }),
  ],
  [
    'the refusal of a form post under another Host (421)',
    (stack) =>
      rawRequest(portOf(stack), {
        method: 'POST',
        path: '/',
        headers: { host: `127.0.0.1:${portOf(stack)}`, 'content-type': form },
        body: 'a=b',
      }),
  ],
];

/** Answers that are HTML a browser renders, for the no-inline-code check. */
const HTML_ANSWERS: Array<[string, Probe]> = ANSWERS.filter(
  ([name]) => !/stylesheet|script|htmx$|badge|liveness|readiness|metrics|redirect|421/.test(name),
);

describe('security headers, HTML hygiene, trust proxy, redirects (R10, R14, R15)', () => {
  let stack: Stack;
  let session: Session;

  beforeAll(async () => {
    stack = await startStack();
    const browser = new TestBrowser();
    const deploymentPath = await deploy(browser, stack);
    const cookie = [...browser.cookies(hostOf(stack))].map(([k, v]) => `${k}=${v}`).join('; ');
    session = { cookie, deploymentPath };
  });
  afterAll(async () => {
    await stack.close();
  });

  describe('R10: headers on every answer', () => {
    it.each(ANSWERS)(
      'R10: %s carries a strict CSP, a same-origin-or-stricter Referrer-Policy, nosniff and no HSTS over http',
      async (_name, probe) => {
        const answer = await probe(stack, session);
        const csp = directives(header(answer, 'content-security-policy'));
        expect(csp.size).toBeGreaterThan(0);
        expect(csp.get('default-src')).toEqual(["'self'"]);
        const scriptSrc = csp.get('script-src') ?? csp.get('default-src')!;
        expect(scriptSrc).not.toContain("'unsafe-inline'");
        expect(scriptSrc).not.toContain("'unsafe-eval'");
        expect(scriptSrc).not.toContain('*');
        expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
        expect(csp.get('object-src')).toEqual(["'none'"]);
        expect(csp.get('base-uri')).toEqual(["'none'"]);
        // Either keeps every URL (codes, ids) from other sites; the callback itself is no-referrer (R6).
        expect(['no-referrer', 'same-origin']).toContain(header(answer, 'referrer-policy'));
        expect(header(answer, 'x-content-type-options')).toBe('nosniff');
        expect(header(answer, 'strict-transport-security')).toBeUndefined();
        expect(header(answer, 'x-powered-by')).toBeUndefined();
      },
    );

    it.each(ANSWERS.filter(([name]) => name !== 'the badge'))(
      'R10: %s may be loaded by this origin only (Cross-Origin-Resource-Policy: same-origin)',
      async (_name, probe) => {
        expect(header(await probe(stack, session), 'cross-origin-resource-policy')).toBe('same-origin');
      },
    );

    it('R10: the badge may be embedded by any site (Cross-Origin-Resource-Policy: cross-origin)', async () => {
      expect(header(await get('/badge.svg', {}, false)(stack, session), 'cross-origin-resource-policy')).toBe('cross-origin');
    });

    it.each<[string, Probe, Probe]>([
      ['/', get('/'), get('/', { 'hx-request': 'true' })],
      ['POST /', post('/', () => 'type=nope'), post('/', () => 'type=nope', { 'hx-request': 'true' })],
      [
        '/price-summary',
        get('/price-summary?type=g6-standard-2&region=us-east'),
        get('/price-summary?type=g6-standard-2&region=us-east', { 'hx-request': 'true' }),
      ],
      ['/deployments/:id', deploymentPage, deploymentFragment],
      ['an error (404)', get('/no-such-page'), get('/no-such-page', { 'hx-request': 'true' })],
    ])('R10: %s answers page and fragment alike with Vary: HX-Request', async (_name, asPage, asFragment) => {
      for (const answer of [await asPage(stack, session), await asFragment(stack, session)]) {
        expect((header(answer, 'vary') ?? '').toLowerCase().split(/,\s*/)).toContain('hx-request');
      }
    });

    it.each<[string, Probe]>([
      ['the deployment page (root password, IP)', deploymentPage],
      ['the deployment status fragment (IP)', deploymentFragment],

      ['an error page', get('/auth_callback?code=abc&state=forged')],
    ])('R10: %s is Cache-Control: no-store', async (_name, probe) => {
      expect(header(await probe(stack, session), 'cache-control')).toMatch(/no-store/);
    });
  });

  describe('R10: no inline code or styles in any HTML the app serves', () => {
    function inlineProblems(html: string): string[] {
      const problems: string[] = [];
      for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
        if (/^<script\b/i.test(tag) && !/\ssrc\s*=/i.test(tag)) problems.push(`inline script: ${tag}`);
        if (/\son[a-z]+\s*=/i.test(tag)) problems.push(`event handler attribute: ${tag}`);
        if (/\sstyle\s*=/i.test(tag)) problems.push(`style attribute: ${tag}`);
        if (/\shx-on[:-]/i.test(tag)) problems.push(`hx-on attribute (inline code): ${tag}`);
        if (/=\s*["']?\s*javascript:/i.test(tag)) problems.push(`javascript: URL: ${tag}`);
      }
      if (/<script\b[^>]*>\s*[^<\s]/i.test(html)) problems.push('a script element with inline content');
      if (/<style\b/i.test(html)) problems.push('a <style> element');
      return problems;
    }

    it.each(HTML_ANSWERS)('R10: %s has no inline <script>, on*= handlers, style= attributes or <style>', async (_name, probe) => {
      const answer = await probe(stack, session);
      expect(inlineProblems(answer.body)).toEqual([]);
    });

    it('R10: the first view of a deployment (with its root password), the running status and the cancelled page have none either', async () => {
      await resetSandbox(stack);
      const browser = new TestBrowser();
      const path = await deploy(browser, stack);
      const pages = [await browser.get(`${stack.appUrl}${path}`)];
      pages.push(
        await eventually(async () => {
          const fragment = await browser.get(`${stack.appUrl}${path}`, { 'HX-Request': 'true' });
          return fragment.status === 286 ? fragment : undefined;
        }),
      );
      pages.push(await browser.follow(await consent(browser, await submitConfigure(browser, stack), deny)));
      expect(pages[0].body).toMatch(/data-testid="root-password"/);
      for (const page of pages) expect(inlineProblems(page.body)).toEqual([]);
    });
  });

  describe('R15: no open redirects', () => {
    const PATHS = [
      '/',
      '//evil.example',
      '//evil.example/',
      '///evil.example',
      '/\\evil.example',
      '/\\\\evil.example',
      '/%2F%2Fevil.example',
      '/%2f%2fevil.example',
      '/%5Cevil.example',
      '/%09/evil.example',
      '/%0d%0aLocation:%20http://evil.example',
      '/.//evil.example',
      '/static//evil.example',
      '/static/..//evil.example',
      '/static/css',
      '//static/css',
      '/@evil.example',
      '/?next=//evil.example',
    ];
    const RAW_TARGETS = [
      '//evil.example',
      'https:evil.example',
      'http://evil.example/',
      '\\\\evil.example',
      ' //evil.example',
      '/\tevil',
      '*',
    ];

    /** The origin a browser would end up on after this answer, or null when it is not a redirect. */
    function redirectOrigin(answer: RawAnswer, requestOrigin: string, target: string): string | null {
      const location = header(answer, 'location');
      if (answer.status < 300 || answer.status > 399 || location === undefined) return null;
      // A browser resolves a relative Location against the URL it asked for (a Host that is no valid URL host never gets here from a browser).
      const origin = URL.canParse(requestOrigin) ? requestOrigin : 'http://request-host.invalid';
      const base = target.startsWith('/') && !target.startsWith('//') ? `${origin}${target}` : `${origin}/`;
      return new URL(location, URL.canParse(base) ? base : `${origin}/`).origin;
    }

    it.each(PATHS)('R15: GET %s under a foreign Host is sent only to PUBLIC_URL’s origin', async (path) => {
      for (const host of [
        'evil.example',
        `127.0.0.1:${portOf(stack)}`,
        `${hostOf(stack)}.evil.example`,
        `evil.example:${portOf(stack)}`,
        'localhost',
      ]) {
        const answer = await rawRequest(portOf(stack), { path, headers: { host } });
        const origin = redirectOrigin(answer, `http://${host}`, path);
        expect(answer.status).toBeLessThan(500);
        if (origin !== null) expect(origin).toBe(stack.appUrl);
      }
    });

    it.each(PATHS)('R15: GET %s under the right Host never redirects elsewhere', async (path) => {
      const answer = await rawRequest(portOf(stack), { path, headers: { host: hostOf(stack), 'x-forwarded-host': 'evil.example' } });
      expect(answer.status).toBeLessThan(500);
      const origin = redirectOrigin(answer, stack.appUrl, path);
      if (origin !== null) expect(origin).toBe(stack.appUrl);
    });

    it.each(RAW_TARGETS)('R15: a raw request target %j never yields a redirect elsewhere', async (target) => {
      for (const host of [hostOf(stack), 'evil.example']) {
        // Whether each is answered well is R17's concern (test/security-input); here only where it leads.
        const answer = await rawSocket(portOf(stack), `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
        const origin = redirectOrigin(answer, `http://${host}`, target);
        if (origin !== null) expect(origin).toBe(stack.appUrl);
      }
    });

    it('R15: the only redirects a sign-in produces go to the configured login service and back to the app itself', async () => {
      const browser = new TestBrowser();
      const { fields } = await openConfigure(browser, stack);
      const submitted = await browser.post(
        `${stack.appUrl}/`,
        { ...fields, ...(await requiredUdfValues(stack)) },
        { origin: stack.appUrl },
      );
      expect(submitted.headers.get('location')).toBe('/auth/linode');
      const started = await followToSignIn(browser, submitted);
      expect(new URL(started.headers.get('location')!).origin).toBe(new URL(stack.config.linode.loginUrl).origin);
    });
  });

  describe('R14: trust proxy is explicit configuration, never true', () => {
    it.each(['true', 'TRUE', 'True', ' true '])('R14: TRUST_PROXY=%j is refused with a clear ConfigError', (value) => {
      let error: unknown;
      try {
        loadAppConfig({ TRUST_PROXY: value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toMatch(/^TRUST_PROXY must not be "true"/m);
    });

    it.each<[string | undefined, unknown]>([
      [undefined, false],
      ['false', false],
      ['0', false],
      ['1', 1],
      ['loopback', ['loopback']],
      ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
    ])('R14: TRUST_PROXY=%j gives the explicit setting %j', (value, expected) => {
      expect(loadAppConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
    });

    it('R14: by default the running app trusts no proxy (Express’s trust proxy is false)', () => {
      expect(stack.app.getHttpAdapter().getInstance().get('trust proxy')).toBe(false);
    });

    it('R14: the app does not boot with TRUST_PROXY=true: it exits with the configuration problem and never listens', async () => {
      const root = join(__dirname, '..');
      const { code, stdout, stderr } = await exitOf(
        spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'src', 'main.ts')], {
          cwd: root,
          env: { PATH: process.env.PATH, TRUST_PROXY: 'true', PORT: '1', SANDBOX_PORT: '2', TS_NODE_PROJECT: join(root, 'tsconfig.json') },
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
      expect(code).toBe(1);
      expect(stderr).toMatch(/invalid configuration/);
      expect(stderr).toMatch(/TRUST_PROXY must not be "true"/);
      expect(stdout).not.toMatch(/ready at/);
    }, 20_000);
  });
});

describe('HSTS under an https PUBLIC_URL (R10)', () => {
  let stack: SecurityStack;
  beforeAll(async () => {
    stack = await startSecurityStack({ scheme: 'https', env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await stack.close();
  });

  it.each(['/', '/static/css/app.css', '/no-such-page'])(
    'R10: %s carries Strict-Transport-Security when PUBLIC_URL is https',
    async (path) => {
      const answer = await rawRequest(stack.port, { path, headers: { host: new URL(stack.appUrl).host, 'x-forwarded-proto': 'https' } });
      const hsts = header(answer, 'strict-transport-security') ?? '';
      expect(hsts).toMatch(/max-age=(\d+)/);
      expect(Number(/max-age=(\d+)/.exec(hsts)![1])).toBeGreaterThanOrEqual(15_552_000);
    },
  );
});

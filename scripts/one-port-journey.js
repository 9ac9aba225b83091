#!/usr/bin/env node
/**
 * Walks the sign-in journey of an app running in sandbox mode the way a person's browser would when
 * it can reach only the app's one published port: configure page, form post, the sign-in start, the
 * sandbox's authorize (consent) page, the consent post, the callback, and the deployment page until
 * the server runs.
 *
 * The client refuses every URL whose origin is not the given PUBLIC_URL, so a redirect to the
 * sandbox's own port (127.0.0.1:5001 inside a container) fails the walk instead of being followed.
 *
 * Usage: node scripts/one-port-journey.js PUBLIC_URL [--json] [--timeout-ms=60000]
 *   --json   print the transcript (every request: method, URL, status, Location) as JSON
 * Exit status 0 when the server was reported running, 1 otherwise (with the reason on stderr).
 * No dependencies beyond Node ≥ 20 and the bench's form reader and journey steps (bench/lib; used
 * by scripts/container-smoke.sh on the host, and by the e2e tests).
 */
'use strict';

const { attributesOf, formsIn, successfulControls } = require('../bench/lib/html-form');

const STRONG_PASSWORD = 'Corr3ct-Horse-Battery-Staple-42';

class RefusedOriginError extends Error {}

/** A URL as the transcript shows it: the OAuth code and state are not printed. */
function redacted(url) {
  if (!url) return url;
  const parsed = new URL(url, 'http://relative.invalid');
  for (const name of ['code', 'state']) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, 'redacted');
  return parsed.origin === 'http://relative.invalid' ? parsed.pathname + parsed.search : parsed.href;
}

/** fetch with one cookie jar, manual redirects, and nothing but `origin` allowed. */
class OneOriginClient {
  constructor(origin) {
    this.origin = new URL(origin).origin;
    this.jar = new Map();
    this.transcript = [];
  }

  async request(url, { method = 'GET', form, headers = {} } = {}) {
    const target = new URL(url, this.origin);
    if (target.origin !== this.origin) {
      this.transcript.push({ method, url: redacted(target.href), refused: true });
      throw new RefusedOriginError(`refused ${method} ${redacted(target.href)}: only ${this.origin} is reachable (one published port)`);
    }
    const sent = { ...headers };
    if (this.jar.size) sent.cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    let body;
    if (form) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(form)) for (const item of [value].flat()) params.append(name, item);
      body = params.toString();
      sent['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(target, { method, headers: sent, body, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) this.jar.delete(name);
      else this.jar.set(name, pair.slice(eq + 1).trim());
    }
    const page = { status: res.status, url: target.href, headers: res.headers, body: await res.text() };
    this.transcript.push({ method, url: redacted(target.href), status: page.status, location: redacted(res.headers.get('location')) });
    return page;
  }

  /** A form post as a browser sends it from one of this origin's pages (same-origin Referrer-Policy). */
  post(url, form, headers = {}) {
    return this.request(url, { method: 'POST', form, headers: { origin: this.origin, ...headers } });
  }

  follow(page, headers) {
    const location = page.headers.get('location');
    if (!location) throw new Error(`expected a redirect from ${page.url}, got ${page.status}`);
    return this.request(new URL(location, page.url).href, { headers });
  }
}

/**
 * The first form of a page as a browser would submit it: its action, and its successful controls
 * (bench/lib/html-form.js), with every required control that is still empty filled in as a person would.
 */
function readForm(html) {
  const [form] = formsIn(html);
  if (!form) throw new Error('no form on the page');
  const fields = successfulControls(form.html);
  for (const match of form.html.matchAll(/<(?:input|textarea)\b[^>]*>/gi)) {
    const { name, type, ...rest } = attributesOf(match[0]);
    if (!name || !('required' in rest) || (fields[name] ?? '') !== '') continue;
    fields[name] = type === 'password' || /password/i.test(name) ? STRONG_PASSWORD : 'example-value';
  }
  return { action: form.attributes.action ?? '', fields };
}

function expectStatus(page, wanted, step) {
  const statuses = [wanted].flat();
  if (!statuses.includes(page.status)) throw unexpected(page, step, statuses.join(' or '));
}

function unexpected(page, step, expected) {
  const text = page.body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
  return new Error(`${step}: ${page.url} answered ${page.status}, expected ${expected}: ${text}`);
}

/** The whole journey; resolves to the deployment's URL once it says the server is running. */
async function walk(client, { timeoutMs = 60_000 } = {}) {
  const configure = await client.request('/');
  expectStatus(configure, 200, 'configure page');
  const { fields } = readForm(configure.body);

  const submitted = await client.post('/', fields);
  expectStatus(submitted, 303, 'configure form');
  const signInStart = await client.follow(submitted);
  expectStatus(signInStart, 302, 'sign-in start');

  const consentPage = await client.follow(signInStart);
  expectStatus(consentPage, 200, 'authorize (consent) page');
  const consentForm = readForm(consentPage.body);
  const decided = await client.post(new URL(consentForm.action, consentPage.url).href, { ...consentForm.fields, decision: 'approve' });
  expectStatus(decided, [302, 303], 'consent form');

  const callback = await client.follow(decided);
  expectStatus(callback, [302, 303], 'callback');
  const deploymentUrl = new URL(callback.headers.get('location'), callback.url).href;
  const deployment = await client.request(deploymentUrl);
  expectStatus(deployment, 200, 'deployment page');

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // The htmx poll of the deployment page; 286 tells htmx to stop polling: the deployment settled.
    const status = await client.request(deploymentUrl, { headers: { 'hx-request': 'true' } });
    expectStatus(status, [200, 286], 'deployment status');
    if (status.status === 286) {
      if (!status.body.includes('Your server is running'))
        throw new Error(`deployment settled but is not running: ${status.body.slice(0, 300)}`);
      return deploymentUrl;
    }
    if (Date.now() > deadline) throw new Error(`the server was not running within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main(argv) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flags = new Set(argv.filter((a) => a.startsWith('--')).map((a) => a.split('=')[0]));
  const timeout = argv.find((a) => a.startsWith('--timeout-ms='));
  if (args.length !== 1) {
    process.stderr.write('usage: node scripts/one-port-journey.js PUBLIC_URL [--json] [--timeout-ms=N]\n');
    return 2;
  }
  const client = new OneOriginClient(args[0]);
  const mode = 'plain form posts';
  let failure = null;
  let deploymentUrl = null;
  try {
    deploymentUrl = await walk(client, { timeoutMs: timeout ? Number(timeout.split('=')[1]) : undefined });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  if (flags.has('--json')) {
    process.stdout.write(
      JSON.stringify({ origin: client.origin, mode, ok: failure === null, failure, deploymentUrl, transcript: client.transcript }) + '\n',
    );
  } else if (failure === null) {
    const origins = [...new Set(client.transcript.map((entry) => new URL(entry.url).origin))];
    process.stdout.write(
      `journey (${mode}) reached a running server in ${client.transcript.length} requests, all to ${origins.join(', ')}\n`,
    );
  }
  if (failure !== null) {
    process.stderr.write(`journey (${mode}) FAILED: ${failure}\n`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}

module.exports = { OneOriginClient, readForm, walk };

/**
 * "Your application is ready": after "running", the deployment page follows the new server's
 * application (APP_READY_URL) until it answers. In sandbox mode the sandbox answers for it
 * SANDBOX_SETUP_MS after the server runs; all traffic stays on loopback.
 */
import { eventually, TestBrowser, type Page } from './support/browser';
import { approve, consent, submitConfigure } from './support/journey';
import { startSandboxModeStack } from './support/sandbox-mode-stack';
import { startStack, type Stack } from './support/stack';

const SETUP_MS = 4_000;
const BOOT_MS = 600;

interface SandboxInstance {
  id: number;
  ipv4: string;
}

/** Configure, sign in (the sandbox approves at once), land on the deployment page: its URL. */
async function deploy(browser: TestBrowser, stack: Stack): Promise<string> {
  const authorize = await submitConfigure(browser, stack);
  const approved = await browser.follow(authorize);
  const callback = await browser.follow(approved);
  expect(callback.headers.get('location')).toMatch(/^\/deployments\/[\w-]{22}$/);
  return new URL(callback.headers.get('location')!, stack.appUrl).toString();
}

/** The status fragment, as htmx polls it. */
const poll = (browser: TestBrowser, url: string) => browser.get(url, { 'HX-Request': 'true' });

/** Polls the fragment until `done`, as the page does (but faster). */
function pollUntil(browser: TestBrowser, url: string, done: (fragment: Page) => boolean, timeoutMs = 20_000): Promise<Page> {
  return eventually(() => poll(browser, url), done, { timeoutMs, intervalMs: 100 });
}

async function onlyInstance(stack: Stack): Promise<SandboxInstance> {
  const instances = (await (await fetch(`${stack.sandbox.url}/__sandbox/instances`)).json()) as SandboxInstance[];
  expect(instances).toHaveLength(1);
  return instances[0];
}

const resetSandbox = (stack: Stack) => fetch(`${stack.sandbox.url}/__sandbox/reset`, { method: 'POST' });

describe('the deployment page follows the application until it answers (APP_READY_URL, sandbox mode)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startSandboxModeStack({
      sandbox: { setupMs: SETUP_MS, bootMs: BOOT_MS },
      env: { APP_READY_URL: 'http://{ipv4}/', APP_READY_TIMEOUT_MS: '12000' },
    });
  });
  afterAll(() => stack?.close());
  beforeEach(() => resetSandbox(stack));

  it('shows "running" first, then "Your application is ready" with its link, no sooner than the setup time', async () => {
    const browser = new TestBrowser();
    const started = Date.now();
    const url = await deploy(browser, stack);

    const running = await pollUntil(browser, url, (fragment) => fragment.body.includes('Your server is running'));
    const runningSeenAt = Date.now();
    expect(running.status).toBe(200);
    expect(running.body).toContain('data-setup="probing"');
    expect(running.body).toMatch(/Setting up the application<\/span> <span class="muted">\(\d+ s\)<\/span>/);
    expect(running.body).toContain('hx-get=');
    expect(running.body).not.toContain('application-link');

    const ready = await pollUntil(browser, url, (fragment) => fragment.body.includes('Your application is ready'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(BOOT_MS + SETUP_MS);
    expect(Date.now()).toBeGreaterThan(runningSeenAt);
    const { ipv4 } = await onlyInstance(stack);
    expect(ready.status).toBe(286);
    expect(ready.body).toContain(`<a class="button" href="http://${ipv4}/" data-testid="application-link">Open your application</a>`);
    expect(ready.body).not.toContain('hx-get=');

    const page = await browser.get(url);
    expect(page.body).toContain('This page follows the server until it is running and its application answers.');
    expect(page.body).toContain('Your application is ready');
    expect(page.body).toContain(`href="http://${ipv4}/"`);
    expect(page.body).not.toContain('Refresh the status');
  });

  it('keeps the no-JavaScript page honest too: a refresh link while it sets up, none once it is ready', async () => {
    const browser = new TestBrowser();
    const url = await deploy(browser, stack);
    const settingUp = await eventually(
      () => browser.get(url),
      (page) => page.body.includes('Your server is running'),
      { timeoutMs: 10_000 },
    );
    expect(settingUp.body).toContain('Refresh the status');
    expect(settingUp.body).toMatch(/This page checks\s+<code>http:\/\/[\d.]+\/<\/code>/);
    const ready = await eventually(
      () => browser.get(url),
      (page) => page.body.includes('Your application is ready'),
      { timeoutMs: 15_000 },
    );
    expect(ready.body).not.toContain('Refresh the status');
  });

  it('says plainly that the application has not answered yet when a fault keeps it silent, never "failed"', async () => {
    const fault = await fetch(`${stack.sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: 'GET /__sandbox/instances/*/application', status: 503 }),
    });
    expect(fault.status).toBe(201);
    const browser = new TestBrowser();
    const url = await deploy(browser, stack);
    const quiet = await pollUntil(browser, url, (fragment) => fragment.status === 286, 30_000);
    expect(quiet.body).toContain('data-setup="quiet"');
    expect(quiet.body).toContain('The application has not answered at <code>http://');
    expect(quiet.body).toContain('tail -f /var/log/stackscript.log');
    expect(quiet.body).not.toMatch(/fail/i);
    expect(quiet.body).not.toContain('Your application is ready');
  });
});

describe('the sandbox’s emulated application (GET /__sandbox/instances/:id/application)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startSandboxModeStack({ sandbox: { setupMs: 1_000, bootMs: BOOT_MS } });
  });
  afterAll(() => stack?.close());

  const application = async (id: number | string) => {
    const res = await fetch(`${stack.sandbox.url}/__sandbox/instances/${id}/application`);
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('answers 503 until SANDBOX_SETUP_MS after "running", then 200', async () => {
    await deploy(new TestBrowser(), stack);
    const { id } = await onlyInstance(stack);
    expect(await application(id)).toEqual({ status: 503, body: { answering: false } });
    await eventually(
      () => application(id),
      (answer) => answer.status === 200,
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(await application(id)).toEqual({ status: 200, body: { answering: true } });
  });

  it('answers 503 for an instance that does not exist', async () => {
    expect((await application(1)).status).toBe(503);
    expect((await application('not-a-number')).status).toBe(503);
  });
});

describe('the deployment page with the sandbox’s application never answering (SANDBOX_SETUP_MS=0)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startSandboxModeStack({
      sandbox: { setupMs: 0, bootMs: BOOT_MS },
      env: { APP_READY_URL: 'https://{ipv4}:8443/health', APP_READY_TIMEOUT_MS: '3000' },
    });
  });
  afterAll(() => stack?.close());

  it('reaches the honest "not yet" message after APP_READY_TIMEOUT_MS, and stops polling', async () => {
    const browser = new TestBrowser();
    const url = await deploy(browser, stack);
    const quiet = await pollUntil(browser, url, (fragment) => fragment.status === 286);
    const { ipv4 } = await onlyInstance(stack);
    expect(quiet.body).toContain('Your server is running');
    expect(quiet.body).toContain(
      `The application has not answered at <code>https://${ipv4}:8443/health</code> yet,\n      3 s after the server started`,
    );
    expect(quiet.body).toContain('tail -f /var/log/stackscript.log');
    expect(quiet.body).not.toMatch(/fail/i);
    expect(quiet.body).not.toContain('hx-get=');
  });
});

describe('the deployment page without APP_READY_URL (sandbox mode)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startSandboxModeStack({ sandbox: { setupMs: 0, bootMs: BOOT_MS } });
  });
  afterAll(() => stack?.close());

  it('is as it always was: "Your server is running", the StackScript note, polling stopped at running', async () => {
    const browser = new TestBrowser();
    const url = await deploy(browser, stack);
    const running = await pollUntil(browser, url, (fragment) => fragment.body.includes('Your server is running'));
    expect(running.status).toBe(286);
    expect(running.body).toContain('The server is up. The application’s StackScript now runs on it; this can take a few minutes.');
    expect(running.body).toContain(
      '<li class="step step-pending">\n        <span class="step-label">Setting up the application</span>\n        \n        \n      </li>',
    );
    expect(running.body).not.toContain('data-setup');
    expect(running.body).not.toContain('application-link');
    expect(running.body).not.toContain('hx-get=');
    expect(running.body).toContain('aria-busy="false"');
    expect((await browser.get(url)).body).toContain('This page follows the server until it is running.</p>');
  });
});

describe('APP_READY_URL in real mode, when Linode reports an address the probe refuses (documentation range)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sandbox: { setupMs: 0, bootMs: BOOT_MS }, env: { APP_READY_URL: 'http://{ipv4}/' } });
  });
  afterAll(() => stack?.close());

  it('has no readiness step, so nothing to probe, and shows the page as without APP_READY_URL', async () => {
    const browser = new TestBrowser();
    const approved = await consent(browser, await submitConfigure(browser, stack), approve);
    const callback = await browser.follow(approved);
    const url = new URL(callback.headers.get('location')!, stack.appUrl).toString();
    const running = await pollUntil(browser, url, (fragment) => fragment.body.includes('Your server is running'));
    expect(running.status).toBe(286);
    expect(running.body).not.toContain('data-setup');
    expect(running.body).toContain('The server is up. The application’s StackScript now runs on it');
  });
});

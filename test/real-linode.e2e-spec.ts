/**
 * The whole journey in REAL mode against answers shaped like real recorded Linode answers
 * (test/fixtures/linode-recorded/, recorded by linodego against the live API), served by a small
 * stand-in (test/support/real-linode-server.ts). No sandbox code is loaded: the app is configured
 * with a client id, so it never imports src/sandbox.
 */
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../src/app.setup';
import { loadAppConfig } from '../src/config/load-app-config';
import { eventually, formFields, single, TestBrowser, type Page } from './support/browser';
import { followToSignIn } from './support/journey';
import { RealLinodeServer, realAnswer, type PageBody } from './support/real-linode-server';
import { freePort } from './support/stack';

type Json = Record<string, unknown>;
const STACKSCRIPTS = realAnswer<PageBody>('stackscripts.list.json').data;
/** PostgreSQL Cluster One-Click: required UDFs (one a secret token), images ["linode/ubuntu22.04"]. */
const POSTGRES = STACKSCRIPTS.find((script) => script.id === 1193792)!;
/** Joomla One-Click: its only image, linode/ubuntu20.04, is deprecated in the real image list. */
const JOOMLA = STACKSCRIPTS.find((script) => script.id === 1193815)!;

interface RealModeApp {
  app: NestExpressApplication;
  appUrl: string;
  close(): Promise<void>;
}

async function startApp(fake: RealLinodeServer, env: NodeJS.ProcessEnv = {}): Promise<RealModeApp> {
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const config = loadAppConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: appUrl,
    LINODE_CLIENT_ID: 'a1b2c3d4e5f6a7b8c9d0',
    LINODE_CLIENT_SECRET: 'real-mode-client-secret-value',
    LINODE_LOGIN_URL: fake.url,
    LINODE_API_URL: `${fake.url}/v4`,
    LINODE_STACKSCRIPT_ID: String(fake.stackScript.id),
    SESSION_SECRET: 'e2e-session-secret-0123456789abcdef0123456789',
    LOG_LEVEL: 'silent',
    ...env,
  });
  expect(config.sandbox.enabled).toBe(false);
  const app = await createApp(config);
  await app.listen(port, '127.0.0.1');
  return { app, appUrl, close: () => app.close() };
}

/** GET /, then the form posted back with a value for every required UDF of the PostgreSQL StackScript. */
async function submitConfigure(browser: TestBrowser, appUrl: string): Promise<Page> {
  const page = await browser.get(`${appUrl}/`);
  expect(page.status).toBe(200);
  const fields = single(formFields(page.body));
  return browser.post(
    `${appUrl}/`,
    {
      ...fields,
      udf_token_password: 'Corr3ct-Horse-Battery-Staple-42',
      udf_cluster_name: 'db.example.com',
      udf_sudo_username: 'admin',
    },
    { origin: appUrl },
  );
}

/** Configure → authorize (the stand-in approves at once) → callback. Returns the callback's answer. */
async function signIn(browser: TestBrowser, appUrl: string): Promise<{ authorize: URL; callback: Page }> {
  const submitted = await followToSignIn(browser, await submitConfigure(browser, appUrl));
  expect(submitted.status).toBe(302);
  const authorize = new URL(submitted.headers.get('location')!);
  const approved = await browser.follow(submitted);
  expect(approved.status).toBe(302);
  const callback = await browser.follow(approved);
  return { authorize, callback };
}

async function untilSettled(browser: TestBrowser, url: string): Promise<Page> {
  return eventually(
    async () => {
      const fragment = await browser.get(url, { 'HX-Request': 'true' });
      return fragment.status === 286 ? fragment : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 50 },
  );
}

describe('real mode on real Linode answers', () => {
  let fake: RealLinodeServer;
  let running: RealModeApp;

  afterEach(async () => {
    jest.restoreAllMocks();
    await running?.close();
    await fake?.close();
  });

  async function start(stackScript: Json = POSTGRES, env: NodeJS.ProcessEnv = {}) {
    fake = await RealLinodeServer.start(stackScript);
    running = await startApp(fake, env);
  }

  it('walks configure, authorize, token, create and running to the success page', async () => {
    await start();
    const browser = new TestBrowser();
    const configure = await browser.get(`${running.appUrl}/`);
    expect(configure.body).toContain('PostgreSQL Cluster One-Click');
    expect(configure.body).toContain('Nanode 1GB');
    expect(configure.body).toContain('Melbourne, AU');
    expect(configure.body).toContain('Ubuntu 22.04');
    // A UDF whose name marks a secret is a password input, as in Cloud Manager.
    expect(configure.body).toMatch(
      /<input[^>]*type="password"[^>]*name="udf_token_password"|<input[^>]*name="udf_token_password"[^>]*type="password"/,
    );

    const { authorize, callback } = await signIn(browser, running.appUrl);
    expect(authorize.origin + authorize.pathname).toBe(`${fake.url}/oauth/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(callback.status).toBe(303);
    const deploymentPath = callback.headers.get('location')!;

    const [tokenRequest] = fake.seen('POST', '/oauth/token');
    expect(tokenRequest.form.get('client_secret')).toBe('real-mode-client-secret-value');
    expect(tokenRequest.form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    const [create] = fake.seen('POST', '/v4/linode/instances');
    expect(create.json).toMatchObject({
      stackscript_id: 1193792,
      image: 'linode/ubuntu22.04',
      stackscript_data: { token_password: 'Corr3ct-Horse-Battery-Staple-42', cluster_name: 'db.example.com', sudo_username: 'admin' },
    });

    const page = await browser.get(`${running.appUrl}${deploymentPath}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/data-testid="root-password">[^<]{32,}</);

    const final = await untilSettled(browser, `${running.appUrl}${deploymentPath}`);
    const [instance] = fake.instances.values();
    const ipv4 = (instance.ipv4 as string[])[0];
    expect(final.body).toContain('Your server is running');
    expect(final.body).toContain(`ssh root@${ipv4}`);
    expect(final.body).toContain(ipv4);
    // The token was given back once the server ran.
    await eventually(async () => (fake.revoked.length === 1 ? true : undefined));
  });

  it('follows an instance whose answers lack half their optional fields to running', async () => {
    await start();
    const minimal = (instance: Json, status: string): Json => ({
      id: instance.id,
      label: instance.label,
      status,
      region: instance.region,
      type: instance.type,
      image: instance.image,
      ipv4: instance.ipv4,
    });
    fake.answers.create = (body) => ({ status: 200, body: minimal(fake.recordCreated(body), 'provisioning') });
    fake.answers.instance = (instance, read) => ({ status: 200, body: minimal(instance, read < 1 ? 'provisioning' : 'running') });
    const browser = new TestBrowser();
    const { callback } = await signIn(browser, running.appUrl);
    expect(callback.status).toBe(303);
    const final = await untilSettled(browser, `${running.appUrl}${callback.headers.get('location')!}`);
    expect(final.body).toContain('Your server is running');
    expect(final.body).toMatch(/ssh root@203\.0\.113\.\d+/);
  });

  it('renders the page when one image of the list cannot be read: that image is left out, with one warning and one metric', async () => {
    await start(POSTGRES);
    const warnings: string[] = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    const images = realAnswer<PageBody>('images.list.json');
    const broken = images.data.findIndex((image) => image.id === 'linode/debian12');
    images.data[broken] = { ...images.data[broken], label: null };
    fake.answers.images = () => ({ status: 200, body: images });
    // A fresh app reads the catalog after the answer was changed.
    await running.close();
    running = await startApp(fake);

    const page = await new TestBrowser().get(`${running.appUrl}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Ubuntu 22.04');
    const lines = warnings.filter((line) => line.includes('unreadable item of GET /images'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('linode/debian12');
    const metrics = await new TestBrowser().get(`${running.appUrl}/metrics`);
    expect(metrics.body).toMatch(/linode_api_unreadable_items_total\{endpoint="\/images"\} 1\b/);
  });

  it('reads every page of a catalog that Linode answers in several pages', async () => {
    fake = await RealLinodeServer.start(POSTGRES);
    const regions = realAnswer<PageBody>('regions.list.json');
    fake.answers.regions = () => {
      const request = fake.seen('GET', '/v4/regions').at(-1)!;
      const page = Number(request.query.get('page') ?? '1');
      const data = page === 1 ? regions.data.slice(0, 20) : regions.data.slice(20);
      return { status: 200, body: { data, page, pages: 2, results: regions.results } };
    };
    running = await startApp(fake);
    const page = await new TestBrowser().get(`${running.appUrl}/`);
    expect(page.body).toContain('Melbourne, AU'); // page 1
    expect(page.body).toContain('Newark, NJ'); // page 2 (us-east is the 32nd region)
  });

  it('never says “nothing was created” when Linode accepted the create but its answer cannot be read', async () => {
    await start();
    fake.answers.create = (body) => {
      fake.recordCreated(body);
      return { status: 200, body: '<html>upstream proxy page</html>', contentType: 'text/html' };
    };
    // And the lookup by label does not find it (yet).
    fake.answers.list = () => ({ status: 200, body: { data: [], page: 1, pages: 1, results: 0 } });
    const browser = new TestBrowser();
    const { callback } = await signIn(browser, running.appUrl);
    expect(callback.status).toBe(502);
    expect(callback.body).toContain('Your server may have been created');
    expect(callback.body).toContain('may be billed');
    expect(callback.body).toContain('https://cloud.linode.com/linodes');
    expect(callback.body).not.toMatch(/nothing was created/i);
  }, 20_000);

  it('adopts the instance when a 2xx create answer lacks its id but the lookup by label finds it', async () => {
    await start();
    fake.answers.create = (body) => {
      const { id: _missing, ...rest } = fake.recordCreated(body);
      return { status: 200, body: rest };
    };
    const browser = new TestBrowser();
    const { callback } = await signIn(browser, running.appUrl);
    expect(callback.status).toBe(303);
    const final = await untilSettled(browser, `${running.appUrl}${callback.headers.get('location')!}`);
    expect(final.body).toContain('Your server is running');
    expect(fake.instances.size).toBe(1);
  });

  it('with LINODE_PKCE=off sends no code_challenge and no code_verifier, and still completes', async () => {
    await start(POSTGRES, { LINODE_PKCE: 'off' });
    const browser = new TestBrowser();
    const { authorize, callback } = await signIn(browser, running.appUrl);
    expect(authorize.searchParams.has('code_challenge')).toBe(false);
    expect(authorize.searchParams.has('code_challenge_method')).toBe(false);
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(callback.status).toBe(303);
    const [tokenRequest] = fake.seen('POST', '/oauth/token');
    expect(tokenRequest.form.has('code_verifier')).toBe(false);
    expect(tokenRequest.form.get('code')).toMatch(/^[0-9a-f]{20}$/);
  });

  it('tells the operator about LINODE_PKCE=off when the token endpoint refuses the code_verifier', async () => {
    await start();
    const errors: string[] = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      errors.push(String(message));
    });
    fake.answers.token = () => ({
      status: 400,
      body: { error: 'invalid_request', error_description: 'code_verifier is not supported for confidential clients' },
    });
    const { callback } = await signIn(new TestBrowser(), running.appUrl);
    expect(callback.status).toBe(502);
    expect(callback.body).toContain('Linode did not accept this app’s sign-in');
    expect(callback.body).not.toContain('code_verifier is not supported');
    expect(errors.some((line) => line.includes('LINODE_PKCE=off'))).toBe(true);
    expect(fake.seen('POST', '/v4/linode/instances')).toHaveLength(0);
  });

  it('stops following the server when Linode answers 401 while polling, and says the server keeps booting', async () => {
    await start();
    fake.answers.instance = () => ({ status: 401, body: { errors: [{ reason: 'Invalid OAuth Token' }] } });
    const browser = new TestBrowser();
    const { callback } = await signIn(browser, running.appUrl);
    const url = `${running.appUrl}${callback.headers.get('location')!}`;
    const settled = await untilSettled(browser, url);
    expect(settled.body).toContain('no longer has access to your Linode account');
    expect(settled.body).toContain('keeps booting');
    expect(settled.body).toContain('cloud.linode.com');
    const reads = fake.requests.filter((request) => /^\/v4\/linode\/instances\/\d+$/.test(request.path)).length;
    await browser.get(url, { 'HX-Request': 'true' });
    // Settled: no further reads with the dead token.
    expect(fake.requests.filter((request) => /^\/v4\/linode\/instances\/\d+$/.test(request.path))).toHaveLength(reads);
  });

  it('answers a clear configuration error, never an empty image select, when the StackScript’s images are not offered', async () => {
    await start(JOOMLA);
    const page = await new TestBrowser().get(`${running.appUrl}/`);
    expect(page.status).toBe(503);
    expect(page.body).toContain('This application cannot be deployed right now');
    expect(page.body).toContain('StackScript 1193815');
    expect(page.body).toContain('linode/ubuntu20.04');
    expect(page.body).not.toContain('name="image"');
  });
});

/**
 * Several app instances behind a load balancer, sharing one Redis (REDIS_URL) and one
 * SESSION_SECRET: a sign-in may start on one instance and come back to another, the deployment
 * page and its status polling work from any of them, and an instance restarted in the middle of
 * a sign-in loses nothing. The apps are the built `dist/main.js`, run as separate processes in
 * real mode against a sandbox in this process.
 */
import { eventually, formFields, single, TestBrowser, type Page } from './support/browser';
import { buildIfNeeded, startAppProcess, type AppProcess } from './support/reliability-app-process';
import { SERVED_BY_HEADER, startBalancer, type Balancer } from './support/reliability-balancer';
import { h1Of, headingOf } from './support/reliability-journey';
import { SandboxControl } from './support/reliability-sandbox';
import { describeWithRedis, startRedisServer, type RunningRedis } from './support/redis-server';
import { freePort } from './support/stack';
import { followToSignIn, requiredUdfValuesFrom } from './support/journey';
import { RedisKeyValueStore } from '../src/store/redis.store';
import { startSandbox, type RunningSandbox } from '../src/sandbox/start-sandbox';

const STACKSCRIPT_ID = '320826';

describeWithRedis('reliability-redis')('two app instances sharing Redis behind one public URL', () => {
  let redis: RunningRedis;
  let balancer: Balancer;
  let sandbox: RunningSandbox;
  let control: SandboxControl;
  let store: RedisKeyValueStore;
  let publicUrl: string;
  let udfValues: Record<string, string | string[]>;
  const apps = new Map<string, AppProcess>();

  async function startInstance(name: string, extraEnv: Record<string, string> = {}): Promise<AppProcess> {
    const app = await startAppProcess(name, await freePort(), {
      NODE_ENV: 'production',
      PUBLIC_URL: publicUrl,
      LINODE_CLIENT_ID: sandbox.options.clientId,
      LINODE_CLIENT_SECRET: sandbox.options.clientSecret,
      LINODE_LOGIN_URL: sandbox.url,
      LINODE_API_URL: `${sandbox.url}/v4`,
      LINODE_STACKSCRIPT_ID: STACKSCRIPT_ID,
      SESSION_SECRET: 'redis-e2e-shared-secret-7f3a9c2e5b8d1f4a6c0e',
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
      ...extraEnv,
    });
    apps.set(name, app);
    balancer.setBackend(name, app.port);
    return app;
  }

  /** Sends the next request(s) to this instance. */
  const via = (name: string) => balancer.routeTo(name);
  const servedBy = (page: Page) => page.headers.get(SERVED_BY_HEADER);

  async function startSignIn(browser: TestBrowser): Promise<Page> {
    const configure = await browser.get(`${publicUrl}/`);
    expect(configure.status).toBe(200);
    const form = { ...single(formFields(configure.body)), ...udfValues };
    return followToSignIn(browser, await browser.post(`${publicUrl}/`, form, { origin: publicUrl }));
  }

  async function approveAs(browser: TestBrowser, authorizeRedirect: Page, username: string): Promise<Page> {
    const consentPage = await browser.follow(authorizeRedirect);
    expect(consentPage.status).toBe(200);
    const decision = { ...single(formFields(consentPage.body)), decision: 'approve', username };
    const consented = await browser.post(`${sandbox.url}/oauth/authorize`, decision);
    expect(consented.status).toBe(302);
    return consented;
  }

  /** Polls the status fragment, alternating between instances, until it settles. */
  async function pollUntilSettled(browser: TestBrowser, path: string, instances: string[]): Promise<Page[]> {
    const polls: Page[] = [];
    const deadline = Date.now() + 20_000;
    for (let i = 0; Date.now() < deadline; i++) {
      via(instances[i % instances.length]);
      const fragment = await browser.get(`${publicUrl}${path}`, { 'HX-Request': 'true' });
      polls.push(fragment);
      if (fragment.status !== 200) return polls;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return polls;
  }

  beforeAll(async () => {
    buildIfNeeded();
    redis = await startRedisServer();
    balancer = await startBalancer();
    publicUrl = `http://localhost:${balancer.port}`;
    sandbox = await startSandbox({ port: 0, bootMs: 3_000, redirectUri: `${publicUrl}/auth_callback` });
    control = new SandboxControl(sandbox.url);
    store = await RedisKeyValueStore.connect(redis.url);
    udfValues = await requiredUdfValuesFrom(sandbox.url);
    await Promise.all([startInstance('A'), startInstance('B')]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...apps.values()].map((app) => app.stop()));
    await store?.close();
    await sandbox?.close();
    await balancer?.close();
    await redis?.stop();
  }, 30_000);

  it('completes on instance B a sign-in started on instance A, and serves the deployment from both', async () => {
    const browser = new TestBrowser();
    via('A');
    const submitted = await startSignIn(browser);
    expect({ status: submitted.status, servedBy: servedBy(submitted) }).toEqual({ status: 302, servedBy: 'A' });

    const consented = await approveAs(browser, submitted, 'balanced-user');
    via('B');
    const callback = await browser.follow(consented);
    expect({ status: callback.status, servedBy: servedBy(callback) }).toEqual({ status: 303, servedBy: 'B' });
    const path = callback.headers.get('location')!;

    const onB = await browser.get(`${publicUrl}${path}`);
    expect(onB.status).toBe(200);
    expect(onB.body).toMatch(/data-testid="root-password">[^<]{32,}</);
    via('A');
    const onA = await browser.get(`${publicUrl}${path}`);
    expect({ status: onA.status, servedBy: servedBy(onA), label: h1Of(onA.body) }).toEqual({
      status: 200,
      servedBy: 'A',
      label: h1Of(onB.body),
    });
    // Shown once across instances: the second view, on the other instance, no longer has it.
    expect(onA.body).not.toMatch(/data-testid="root-password"/);

    const polls = await pollUntilSettled(browser, path, ['A', 'B']);
    const last = polls[polls.length - 1];
    expect({ status: last.status, heading: headingOf(last.body) }).toEqual({ status: 286, heading: 'Your server is running' });
    expect(polls.every((poll) => poll.status === 200 || poll.status === 286)).toBe(true);
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect([...new Set(polls.map(servedBy))].sort()).toEqual(['A', 'B']);

    const instances = (await control.instances()).filter((i) => i.username === 'balanced-user');
    expect(instances).toHaveLength(1);
    expect(h1Of(onB.body)).toBe(instances[0].label);
    expect((await control.tokensOnceSettled()).filter((t) => t.username === 'balanced-user' && t.status === 'active')).toEqual([]);
  }, 60_000);

  it('keeps a browser’s session in Redis, so each instance sees the same session', async () => {
    const browser = new TestBrowser();
    const before = await store.count('sess:');
    via('B');
    const onB = await browser.get(`${publicUrl}/`);
    via('A');
    const onA = await browser.get(`${publicUrl}/`);
    // Page views set no cookie and store nothing, on either instance.
    expect(await store.count('sess:')).toBe(before);
    expect([...onA.headers.getSetCookie(), ...onB.headers.getSetCookie()]).toEqual([]);
    expect(onA.headers.get(SERVED_BY_HEADER)).toBe('A');
    // Starting a sign-in creates the one session, in Redis.
    const submitted = await startSignIn(browser);
    expect(submitted.status).toBe(302);
    expect(await store.count('sess:')).toBe(before + 1);
  });

  it('loses nothing when the instance that started a sign-in is killed and restarted before the callback', async () => {
    const browser = new TestBrowser();
    via('A');
    const submitted = await startSignIn(browser);
    expect({ status: submitted.status, servedBy: servedBy(submitted) }).toEqual({ status: 302, servedBy: 'A' });

    await apps.get('A')!.kill();
    await startInstance('A2');

    const consented = await approveAs(browser, submitted, 'restart-user');
    via('A2');
    const callback = await browser.follow(consented);
    expect({
      status: callback.status,
      servedBy: servedBy(callback),
      body: callback.status === 303 ? '' : headingOf(callback.body),
    }).toEqual({
      status: 303,
      servedBy: 'A2',
      body: '',
    });
    const path = callback.headers.get('location')!;
    const page = await browser.get(`${publicUrl}${path}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/data-testid="root-password">[^<]{32,}</);

    const polls = await pollUntilSettled(browser, path, ['B', 'A2']);
    expect(headingOf(polls[polls.length - 1].body)).toBe('Your server is running');
    expect((await control.instances()).filter((i) => i.username === 'restart-user')).toHaveLength(1);
    expect((await control.tokensOnceSettled()).filter((t) => t.username === 'restart-user' && t.status === 'active')).toEqual([]);
  }, 60_000);

  it('revokes the token held by an instance that was SIGKILLed, from another instance, with no browser polling', async () => {
    const ttlMs = 4_000;
    const sweepMs = 500;
    const short = { TOKEN_TTL_MS: String(ttlMs), TOKEN_SWEEP_MS: String(sweepMs) };
    await Promise.all([startInstance('K', short), startInstance('S', short)]);
    const browser = new TestBrowser();
    via('K');
    const submitted = await startSignIn(browser);
    const consented = await approveAs(browser, submitted, 'killed-holder');
    const callback = await browser.follow(consented);
    expect({ status: callback.status, servedBy: servedBy(callback) }).toEqual({ status: 303, servedBy: 'K' });
    const tokensOfUser = async () => (await control.tokens()).filter((t) => t.username === 'killed-holder');
    // The deployment is still booting, so K holds the token (in Redis) to follow it.
    expect((await tokensOfUser()).map((t) => t.status)).toEqual(['active']);
    expect(await store.count('token:')).toBeGreaterThanOrEqual(1);

    await apps.get('K')!.kill(); // SIGKILL: no shutdown hook runs, nothing is revoked on the way out
    // Nobody polls the deployment page. S's sweep must find the token once its time is up.
    const revoked = await eventually(
      async () => {
        const tokens = await tokensOfUser();
        return tokens.every((t) => t.status === 'revoked') ? tokens : undefined;
      },
      { timeoutMs: ttlMs + sweepMs + 5_000, intervalMs: 100 },
    ).catch(async () => tokensOfUser());
    expect(revoked.map((t) => t.status)).toEqual(['revoked']);
    expect(await store.count('token:')).toBe(0);
  }, 60_000);

  it('shares the sign-in limit between instances: a client limited on one is limited on the other', async () => {
    const limited = { RATE_LIMIT_SIGN_IN: '2', TRUST_PROXY: 'loopback' };
    await Promise.all([startInstance('L1', limited), startInstance('L2', limited)]);
    const browser = new TestBrowser();
    const from = { 'x-forwarded-for': '203.0.113.99' };
    const statuses: string[] = [];
    for (const name of ['L1', 'L2', 'L1', 'L2']) {
      via(name);
      const configure = await browser.get(`${publicUrl}/`, from);
      const form = { ...single(formFields(configure.body)), ...udfValues };
      const answer = await browser.post(`${publicUrl}/`, form, { origin: publicUrl, ...from });
      statuses.push(`${servedBy(answer)} ${answer.status}`);
    }
    expect(statuses).toEqual(['L1 303', 'L2 303', 'L1 429', 'L2 429']);
    // Another client, at the same moment, is not limited.
    via('L1');
    const other = { 'x-forwarded-for': '198.51.100.42' };
    const configure = await browser.get(`${publicUrl}/`, other);
    const answer = await browser.post(
      `${publicUrl}/`,
      { ...single(formFields(configure.body)), ...udfValues },
      { origin: publicUrl, ...other },
    );
    expect(answer.status).toBe(303);
  }, 60_000);
});

import { eventually, TestBrowser } from './support/browser';
import { approve, consent, deny, openConfigure, submitConfigure } from './support/journey';
import { startStack, type Stack, useStack } from './support/stack';

interface SandboxToken {
  status: string;
  scopes: string[];
}
interface SandboxInstance {
  label: string;
  status: string;
  ipv4: string[];
}

async function sandboxJson<T>(stack: Stack, path: string): Promise<T> {
  const res = await fetch(`${stack.sandbox.url}${path}`);
  return (await res.json()) as T;
}

function listOf<T>(body: unknown): T[] {
  return Array.isArray(body) ? (body as T[]) : ((body as { data: T[] }).data ?? []);
}

describe('the deploy journey (app + sandbox, real wiring)', () => {
  let stack: Stack;
  useStack((started) => (stack = started));

  it('shows the sandbox’s plans, regions and images on the configure page', async () => {
    const types = listOf<{ id: string; label: string; class: string }>(await sandboxJson(stack, '/v4/linode/types'));
    const regions = listOf<{ id: string; label: string; status: string; site_type: string; capabilities: string[] }>(
      await sandboxJson(stack, '/v4/regions'),
    );
    const script = await sandboxJson<{ images: string[]; label: string }>(stack, '/v4/linode/stackscripts/320826');
    const { page } = await openConfigure(new TestBrowser(), stack);

    const standard = types.find((t) => t.class === 'standard')!;
    expect(page.body).toContain(standard.label);
    const canHost = (r: (typeof regions)[number]) => r.status === 'ok' && r.site_type === 'core' && r.capabilities.includes('Linodes');
    const hostable = regions.filter(canHost);
    for (const region of hostable) expect(page.body).toContain(`value="${region.id}"`);
    const notOffered = regions.filter((r) => !canHost(r));
    expect(notOffered.length).toBeGreaterThan(0);
    for (const region of notOffered) expect(page.body).not.toContain(`value="${region.id}"`);
    for (const image of script.images) expect(page.body).toContain(`value="${image}"`);
  });

  it('serves every first visitor the same bytes, with no per-visitor token and no cookie', async () => {
    const a = await openConfigure(new TestBrowser(), stack);
    const b = await openConfigure(new TestBrowser(), stack);
    expect(a.page.body).toBe(b.page.body);
    expect(a.fields).not.toHaveProperty('_csrf');
    expect(a.page.headers.getSetCookie()).toEqual([]);
  });

  it('walks from the configure page through Linode’s consent to a running server with an IP', async () => {
    const browser = new TestBrowser();
    const submitted = await submitConfigure(browser, stack);
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get('cache-control')).toContain('no-store');

    const authorize = new URL(submitted.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${stack.sandbox.url}/oauth/authorize`);
    const q = authorize.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('sandbox-client-id');
    expect(q.get('redirect_uri')).toBe(`${stack.appUrl}/auth_callback`);
    expect(q.get('scope')).toBe('linodes:read_write');
    expect(q.get('state')!.length).toBeGreaterThanOrEqual(43);
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('code_challenge_method')).toBe('S256');

    const consented = await consent(browser, submitted, approve);
    expect(consented.status).toBe(302);
    const callbackUrl = new URL(consented.headers.get('location')!);
    expect(callbackUrl.pathname).toBe('/auth_callback');
    expect(callbackUrl.searchParams.get('state')).toBe(q.get('state'));

    const callback = await browser.follow(consented);
    expect(callback.status).toBe(303);
    const deploymentPath = callback.headers.get('location')!;
    expect(deploymentPath).toMatch(/^\/deployments\/[A-Za-z0-9_-]{22}$/);

    const page = await browser.get(`${stack.appUrl}${deploymentPath}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    const [instance] = listOf<SandboxInstance>(await sandboxJson(stack, '/__sandbox/instances'));
    expect(instance).toBeDefined();
    expect(page.body).toContain(instance.label);
    expect(page.body).toMatch(/data-testid="root-password">[^<]{32,}</);

    const final = await eventually(async () => {
      const fragment = await browser.get(`${stack.appUrl}${deploymentPath}`, { 'HX-Request': 'true' });
      return fragment.status === 286 ? fragment : undefined;
    });
    expect(final.body).toContain('Your server is running');
    expect(final.body).toMatch(/ssh root@192\.0\.2\.\d{1,3}/);

    const again = await browser.get(`${stack.appUrl}${deploymentPath}`);
    expect(again.body).not.toMatch(/data-testid="root-password"/);
    expect(again.body).toContain('shown once');

    const instances = listOf<SandboxInstance>(await sandboxJson(stack, '/__sandbox/instances'));
    expect(instances).toHaveLength(1);
    expect(instances[0].status).toBe('running');
    const tokens = listOf<SandboxToken>(await sandboxJson(stack, '/__sandbox/tokens'));
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t.status === 'revoked')).toBe(true);
  });

  it('says “you cancelled” when the person denies access on Linode, and deploys nothing', async () => {
    const browser = new TestBrowser();
    const submitted = await submitConfigure(browser, stack);
    const denied = await consent(browser, submitted, deny);
    expect(new URL(denied.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
    const page = await browser.follow(denied);
    expect(page.body).toContain('You cancelled the sign-in');
    expect(listOf(await sandboxJson(stack, '/__sandbox/instances'))).toHaveLength(0);
  });

  it('stops with a clear page and revokes the token when the person trims the Linodes scope', async () => {
    const browser = new TestBrowser();
    const submitted = await submitConfigure(browser, stack);
    // Requested scope is linodes:read_write; unchecking it leaves nothing granted… so request more first.
    const authorize = new URL(submitted.headers.get('location')!);
    authorize.searchParams.set('scope', 'linodes:read_write events:read_only');
    const trimmed = await consent(browser, { ...submitted, headers: new Headers({ location: authorize.toString() }) }, (fields) => ({
      ...fields,
      scopes: 'events:read_only',
      decision: 'approve',
    }));
    expect(trimmed.status).toBe(302);
    const page = await browser.follow(trimmed);
    expect(page.status).toBe(403);
    expect(page.body).toContain('Linode did not grant the access needed');
    expect(listOf(await sandboxJson(stack, '/__sandbox/instances'))).toHaveLength(0);
    const tokens = listOf<SandboxToken>(await sandboxJson(stack, '/__sandbox/tokens'));
    expect(tokens).toHaveLength(1);
    expect(tokens[0].status).toBe('revoked');
  });

  it('refuses a callback whose state was not minted for this browser, without asking for a token', async () => {
    const browser = new TestBrowser();
    const submitted = await submitConfigure(browser, stack);
    const consented = await consent(browser, submitted, approve);
    const callback = new URL(consented.headers.get('location')!);
    callback.searchParams.set('state', 'forged-state-value');
    const page = await browser.get(callback.toString());
    expect(page.status).toBe(400);
    expect(page.body).toContain('This sign-in could not be verified');
    expect(listOf(await sandboxJson(stack, '/__sandbox/tokens'))).toHaveLength(0);
  });

  it('shows the configure page again with a message for an unknown plan (400), without signing in', async () => {
    const browser = new TestBrowser();
    const submitted = await submitConfigure(browser, stack, { type: 'g9-imaginary-1' });
    expect(submitted.status).toBe(400);
    expect(submitted.headers.get('location')).toBeNull();
    expect(submitted.body).toMatch(/plan/i);
    expect(submitted.body).toContain('<form');
  });
});

describe('deleting the server from the deployment page', () => {
  let stack: Stack;
  beforeAll(async () => {
    // A long boot keeps the deployment unsettled, so the page still holds the token.
    stack = await startStack({ sandbox: { bootMs: 60_000 } });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('asks for confirmation, deletes the instance through the API, and gives the token back', async () => {
    const browser = new TestBrowser();
    const submitted = await submitConfigure(browser, stack);
    const callback = await browser.follow(await consent(browser, submitted, approve));
    const deploymentUrl = `${stack.appUrl}${callback.headers.get('location')}`;
    const page = await browser.get(deploymentUrl);
    expect(page.body).toContain('Delete this server…');

    const confirm = await browser.get(`${deploymentUrl}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('It cannot be undone');
    const deleted = await browser.post(`${deploymentUrl}/delete`, {}, { origin: stack.appUrl });
    expect(deleted.status).toBe(303);
    expect(listOf(await sandboxJson(stack, '/__sandbox/instances'))).toHaveLength(0);
    const after = await browser.get(deploymentUrl);
    expect(after.body).toContain('You deleted this server');
    expect(after.body).not.toContain('Delete this server…');
    const again = await browser.get(`${deploymentUrl}/delete`);
    expect(again.status).toBe(200);
    expect(again.body).toContain('has been deleted</h1>');
    expect(again.body).not.toContain('Delete the server</button>');
    const tokens = listOf<SandboxToken>(await sandboxJson(stack, '/__sandbox/tokens'));
    expect(tokens.every((t) => t.status === 'revoked')).toBe(true);
  });

  it('refuses a delete posted from another site', async () => {
    const browser = new TestBrowser();
    const submitted = await submitConfigure(browser, stack);
    const callback = await browser.follow(await consent(browser, submitted, approve));
    const deploymentUrl = `${stack.appUrl}${callback.headers.get('location')}`;
    const refused = await browser.post(`${deploymentUrl}/delete`, {}, { 'sec-fetch-site': 'cross-site' });
    expect(refused.status).toBe(403);
    expect(listOf(await sandboxJson(stack, '/__sandbox/instances')).length).toBeGreaterThan(0);
  });
});

/**
 * Backups as an option: checked on the configure page, priced in its summary, asked of Linode as
 * `backups_enabled: true` (never sent unchecked), and shown on the deployment page.
 */
import type { LinodeInstance, LinodeType } from '../src/sandbox/contract/linode.contract';
import { SandboxInstancesService } from '../src/sandbox/api/instances/sandbox-instances.service';
import { TestBrowser, type Page } from './support/browser';
import { approve, consent, openConfigure, submitConfigure } from './support/journey';
import { useStack, type Stack } from './support/stack';

describe('backups as an option (app + sandbox)', () => {
  let stack: Stack;
  useStack((started) => (stack = started));

  let creates: jest.SpyInstance<LinodeInstance, Parameters<SandboxInstancesService['create']>>;
  beforeEach(() => {
    creates = jest.spyOn(stack.sandbox.app.get(SandboxInstancesService), 'create');
  });
  afterEach(() => creates.mockRestore());

  /** The backups' monthly price, as the app prints it, for a plan in a region of the sandbox's catalog. */
  async function backupsMonthly(typeId: string, regionId: string): Promise<string> {
    const type = (await (await fetch(`${stack.sandbox.url}/v4/linode/types/${typeId}`)).json()) as LinodeType;
    const { backups } = type.addons;
    const monthly = backups.region_prices.find((entry) => entry.id === regionId)?.monthly ?? backups.price.monthly;
    return `$${monthly!.toFixed(2)}`;
  }

  /** Submits the form with `overrides`, consents at Linode, and opens the deployment page. */
  async function deploy(overrides: Record<string, string>): Promise<Page> {
    const browser = new TestBrowser();
    const authorize = await submitConfigure(browser, stack, overrides);
    expect(authorize.status).toBe(302);
    const callback = await browser.follow(await consent(browser, authorize, approve));
    expect(callback.status).toBe(303);
    return browser.follow(callback);
  }

  it('prices the backups for the chosen plan and region in the checkbox and in the summary', async () => {
    const { page, fields } = await openConfigure(new TestBrowser(), stack);
    const price = await backupsMonthly(String(fields.type), String(fields.region));
    expect(page.body).toContain(`Back up this server (+${price}/month)`);
    expect(page.body).not.toMatch(/id="backups-enabled"[^>]* checked/);

    const query = new URLSearchParams({ type: String(fields.type), region: String(fields.region), backups_enabled: 'true' });
    const summary = await new TestBrowser().get(`${stack.appUrl}/price-summary?${query}`, { 'HX-Request': 'true' });
    expect(summary.body).toContain(`<div><dt>Backups</dt><dd>+${price} per month</dd></div>`);
    expect(summary.body).toContain('per month with backups');
  });

  it('asks Linode for backups when they are checked, and the deployment page shows them with their price', async () => {
    const page = await deploy({ backups_enabled: 'true' });
    expect(creates).toHaveBeenCalledTimes(1);
    const [, body] = creates.mock.calls[0];
    expect(body).toMatchObject({ backups_enabled: true });
    const created = creates.mock.results[0].value as LinodeInstance;
    expect(created.backups.enabled).toBe(true);
    const price = await backupsMonthly(created.type!, created.region);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<dt>Backups</dt><dd>On, +${price}/month</dd>`);
  });

  it('keeps the backups checked on "Try again" after Linode refused the create', async () => {
    const fault = { route: 'POST /v4/linode/instances', status: 400, reason: 'Region is at capacity', field: 'region', count: 1 };
    await fetch(`${stack.sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    const browser = new TestBrowser();
    const authorize = await submitConfigure(browser, stack, { backups_enabled: 'true' });
    const refusal = await browser.follow(await consent(browser, authorize, approve));
    const tryAgain = /href="(\/again\/[A-Za-z0-9_-]{22})"/.exec(refusal.body)?.[1];
    expect(tryAgain).toBeDefined();
    const again = await browser.get(`${stack.appUrl}${tryAgain}`);
    expect(again.body).toMatch(/id="backups-enabled"[^>]* checked/);
    expect(again.body).toContain('per month with backups');
  });

  it('never sends backups_enabled when they are not checked', async () => {
    const page = await deploy({});
    const [, body] = creates.mock.calls[0];
    expect(body).not.toHaveProperty('backups_enabled');
    expect((creates.mock.results[0].value as LinodeInstance).backups.enabled).toBe(false);
    expect(page.body).not.toContain('<dt>Backups</dt>');
  });
});

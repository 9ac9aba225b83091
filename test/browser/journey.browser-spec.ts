/**
 * The whole journey in a real browser, against the real app and the sandbox: once with JavaScript
 * (htmx price updates, generated password, live status) and once without (plain form posts,
 * "Update prices", "Refresh the status"). No page may log a console error or violate its
 * Content-Security-Policy; HTTP errors count too, unless a test expects one.
 */
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { startStack, type Stack } from '../support/stack';
import {
  backupsCheckbox,
  choosePlan,
  ed25519PublicKey,
  fillApplicationSettings,
  monthlyPrice,
  navigateBy,
  openContext,
  PLAN,
  PRICED_REGIONS,
  resetSandbox,
  SETTINGS,
  submitAndApprove,
  submitButton,
  submitToConsent,
  summaryPrice,
  summaryShows,
  type WatchedContext,
} from './pages';

jest.setTimeout(30_000);

const RUNNING = 'Your server is running';
const EXPECTED_400 = expect.stringMatching(/: 400 POST http:\/\/localhost:\d+\/$/);

describeWithChromium('the deploy journey in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let tab: WatchedContext;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(async () => {
    await tab.context.close();
    expect(tab.problems.take()).toEqual([]);
  });

  async function expectServerDetails(): Promise<void> {
    const ip = await page.getByTestId('ipv4').textContent();
    expect(ip).toMatch(/^192\.0\.2\.\d{1,3}$/);
    await expect(page.getByTestId('ssh-command').textContent()).resolves.toBe(`ssh root@${ip}`);
    await expect(page.getByTestId('status').textContent()).resolves.toBe('running');
  }

  async function sandboxInstanceCount(): Promise<number> {
    const body = (await (await fetch(`${stack.sandbox.url}/__sandbox/instances`)).json()) as unknown[] | { data: unknown[] };
    return (Array.isArray(body) ? body : body.data).length;
  }

  describe('with JavaScript', () => {
    beforeEach(async () => {
      await resetSandbox(stack);
      tab = await openContext(browser);
      page = tab.page;
    });

    it('re-prices the summary and the plan list in place when the region changes', async () => {
      await page.goto(`${stack.appUrl}/`);
      await choosePlan(page);
      await summaryShows(page, await monthlyPrice(stack, PLAN.id, 'us-east'));
      const jakarta = await monthlyPrice(stack, PLAN.id, PRICED_REGIONS.jakarta);

      const navigations: string[] = [];
      page.on('framenavigated', (frame) => navigations.push(frame.url()));
      await page.getByLabel('Where the server runs').selectOption(PRICED_REGIONS.jakarta);

      await summaryShows(page, jakarta);
      await expect(page.locator('#price-summary').innerText()).resolves.toContain('Jakarta');
      await expect(page.getByRole('radio', { name: new RegExp(`^${PLAN.label}\\b`) }).isChecked()).resolves.toBe(true);
      const planOption = page.locator('label.plan-option', { has: page.locator(`input[value="${PLAN.id}"]`) });
      await expect(planOption.locator('.plan-price strong').textContent()).resolves.toBe(jakarta);
      expect(navigations).toEqual([]);
    });

    it('adds backups to the summary in place when checked, re-priced with the plan and the region', async () => {
      await page.goto(`${stack.appUrl}/`);
      await choosePlan(page);
      await page.getByLabel('Where the server runs').selectOption('us-east');
      await summaryShows(page, await monthlyPrice(stack, PLAN.id, 'us-east'));
      await expect(backupsCheckbox(page).isChecked()).resolves.toBe(false);

      await backupsCheckbox(page).check();
      await summaryShows(page, await monthlyPrice(stack, PLAN.id, 'us-east', 'plan with backups'));
      const backups = await monthlyPrice(stack, PLAN.id, 'us-east', 'backups');
      await expect(page.locator('#price-summary').innerText()).resolves.toContain(`+${backups} per month`);
      await expect(page.locator('#backups-enabled:focus').count()).resolves.toBe(1);

      await page.getByLabel('Where the server runs').selectOption(PRICED_REGIONS.jakarta);
      await summaryShows(page, await monthlyPrice(stack, PLAN.id, PRICED_REGIONS.jakarta, 'plan with backups'));
      const jakartaBackups = await monthlyPrice(stack, PLAN.id, PRICED_REGIONS.jakarta, 'backups');
      await page.getByLabel(`Back up this server (+${jakartaBackups}/month)`).waitFor();
      await expect(backupsCheckbox(page).isChecked()).resolves.toBe(true);

      await backupsCheckbox(page).uncheck();
      await summaryShows(page, await monthlyPrice(stack, PLAN.id, PRICED_REGIONS.jakarta));
      await expect(page.locator('#price-summary').innerText()).resolves.not.toContain('Backups');
    });

    it('generates a database password on request and shows it so it can be copied', async () => {
      await page.goto(`${stack.appUrl}/`);
      const password = page.getByLabel("Password for the application's database user");
      await page.getByRole('button', { name: 'Generate' }).click();
      await expect(password.inputValue()).resolves.toMatch(/^[A-Za-z0-9._-]{24}$/);
      await expect(password.getAttribute('type')).resolves.toBe('text');
      await expect(page.getByRole('button', { name: 'Hide' }).getAttribute('aria-pressed')).resolves.toBe('true');
    });

    it('walks from the configure page through the sandbox consent to a running server, showing the root password once', async () => {
      await page.goto(`${stack.appUrl}/`);
      await choosePlan(page);
      await page.getByLabel('Where the server runs').selectOption(PRICED_REGIONS.jakarta);
      await page.getByLabel(/SSH public keys/).fill(ed25519PublicKey());
      await fillApplicationSettings(page, { generatePassword: true });

      await submitToConsent(page, stack);
      await expect(page.getByRole('checkbox', { name: /linodes:read_write/ }).isChecked()).resolves.toBe(true);
      const landing = await navigateBy(page, () => page.getByRole('button', { name: 'Approve' }).click());
      expect(landing).toMatchObject({ status: 200, url: expect.stringMatching(/\/deployments\/[\w-]+$/) });

      await expect(page.getByTestId('root-password').textContent()).resolves.toMatch(/^\S{32,}$/);
      await expect(page.getByText('Sensitive — shown only this once.').isVisible()).resolves.toBe(true);
      const details = await page.getByRole('region', { name: 'Details' }).innerText();
      expect(details).toContain('Jakarta');
      expect(details).toContain(PLAN.label);
      expect(details).toContain(await monthlyPrice(stack, PLAN.id, PRICED_REGIONS.jakarta));
      expect(details).toContain(SETTINGS.webServer);
      expect(details).toContain(SETTINGS.timeZone);
      expect(details).toContain('1 added for root');
      await expect(page.getByRole('link', { name: 'Refresh the status' }).isVisible()).resolves.toBe(false);

      await page.getByRole('heading', { name: RUNNING }).waitFor({ timeout: 20_000 });
      await expectServerDetails();
      await expect(page.locator('#deployment-status').getAttribute('hx-get')).resolves.toBeNull();

      await page.reload();
      await expect(page.getByTestId('root-password').count()).resolves.toBe(0);
      await expect(page.getByRole('region', { name: 'Root password' }).innerText()).resolves.toContain('shown once');
    });

    // Clicking the button straight after typing in a field that is checked inline sends the check
    // and the form at the same moment; the sign-in must survive that, as most people do it.
    // (When it does not: a 400 "This sign-in could not be verified" at /auth_callback.)
    it('keeps the sign-in when the field typed last is still being checked as the button is clicked', async () => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        await resetSandbox(stack);
        await page.goto(`${stack.appUrl}/`);
        await fillApplicationSettings(page, { generatePassword: true });
        await page.getByLabel(/SSH public keys/).fill(ed25519PublicKey());
        await submitAndApprove(page, stack);
      }
    });

    it('keeps the person on the page with a focused summary of what to fix when required fields are empty', async () => {
      await page.goto(`${stack.appUrl}/`);
      await submitButton(page).click();

      const summary = page.getByRole('alert').filter({ hasText: 'Please fix' });
      await summary.waitFor();
      expect(page.url()).toBe(`${stack.appUrl}/`);
      await expect(summary.getByRole('link', { name: /Domain name the site answers to/ }).count()).resolves.toBe(1);
      await expect(page.locator('#error-summary:focus').count()).resolves.toBe(1);
      await expect(page.getByLabel('Domain name the site answers to').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.title()).resolves.toMatch(/^Error: /);
      expect(tab.problems.take()).toEqual([EXPECTED_400]);
    });

    it('says the sign-in was cancelled when the person denies access, and deploys nothing', async () => {
      await page.goto(`${stack.appUrl}/`);
      await fillApplicationSettings(page, { generatePassword: true });
      await submitToConsent(page, stack);
      const arrival = await navigateBy(page, () => page.getByRole('button', { name: 'Deny' }).click());

      expect(arrival).toMatchObject({ status: 200, url: `${stack.appUrl}/auth_callback`, heading: 'You cancelled the sign-in' });
      await expect(page.title()).resolves.toMatch(/^You cancelled the sign-in/);
      await expect(sandboxInstanceCount()).resolves.toBe(0);
    });
  });

  describe('without JavaScript', () => {
    beforeEach(async () => {
      await resetSandbox(stack);
      tab = await openContext(browser, { javaScriptEnabled: false });
      page = tab.page;
    });

    it('offers "Update prices" instead of live updates, and hides the controls that need JavaScript', async () => {
      await page.goto(`${stack.appUrl}/`);
      await expect(page.getByRole('button', { name: 'Update prices' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: 'Generate' }).isVisible()).resolves.toBe(false);
      await expect(page.getByRole('button', { name: 'Show' }).isVisible()).resolves.toBe(false);
    });

    it('re-prices the summary with the "Update prices" button, keeping what was chosen', async () => {
      await page.goto(`${stack.appUrl}/`);
      await choosePlan(page);
      await page.getByLabel('Domain name the site answers to').fill(SETTINGS.domain);
      await page.getByLabel('Where the server runs').selectOption(PRICED_REGIONS.saoPaulo);
      const saoPaulo = await monthlyPrice(stack, PLAN.id, PRICED_REGIONS.saoPaulo);
      await expect(summaryPrice(page).textContent()).resolves.not.toBe(saoPaulo);

      const arrival = await navigateBy(page, () => page.getByRole('button', { name: 'Update prices' }).click());

      expect(arrival).toMatchObject({ status: 200, url: `${stack.appUrl}/` });
      await expect(summaryPrice(page).textContent()).resolves.toBe(saoPaulo);
      await expect(page.locator('#price-summary').innerText()).resolves.toContain(PLAN.label);
      await expect(page.getByLabel('Where the server runs').inputValue()).resolves.toBe(PRICED_REGIONS.saoPaulo);
      await expect(page.getByRole('radio', { name: new RegExp(`^${PLAN.label}\\b`) }).isChecked()).resolves.toBe(true);
      await expect(page.getByLabel('Domain name the site answers to').inputValue()).resolves.toBe(SETTINGS.domain);
      await expect(page.getByText('Please fix').count()).resolves.toBe(0);
    });

    it('re-prices the backups with "Update the backups price" after the plan changed, keeping them checked', async () => {
      await page.goto(`${stack.appUrl}/`);
      await backupsCheckbox(page).check();
      await choosePlan(page);
      const arrival = await navigateBy(page, () => page.getByRole('button', { name: 'Update the backups price' }).click());

      expect(arrival).toMatchObject({ status: 200, url: `${stack.appUrl}/` });
      const region = await page.getByLabel('Where the server runs').inputValue();
      const backups = await monthlyPrice(stack, PLAN.id, region, 'backups');
      await expect(page.getByLabel(`Back up this server (+${backups}/month)`).isChecked()).resolves.toBe(true);
      await expect(summaryPrice(page).textContent()).resolves.toBe(await monthlyPrice(stack, PLAN.id, region, 'plan with backups'));
    });

    it('never charges a backups price the page did not show: after a plan change it asks again, then deploys', async () => {
      await page.goto(`${stack.appUrl}/`);
      await backupsCheckbox(page).check();
      await choosePlan(page);
      await fillApplicationSettings(page, { generatePassword: false });
      const asked = await navigateBy(page, () => submitButton(page).click());

      expect(asked).toMatchObject({ status: 400, url: `${stack.appUrl}/` });
      const region = await page.getByLabel('Where the server runs').inputValue();
      const backups = await monthlyPrice(stack, PLAN.id, region, 'backups');
      await expect(
        page
          .getByRole('alert')
          .filter({ hasText: `cost ${backups}/month` })
          .isVisible(),
      ).resolves.toBe(true);
      await expect(page.getByLabel(`Back up this server (+${backups}/month)`).isChecked()).resolves.toBe(true);
      expect(tab.problems.take()).toEqual([EXPECTED_400]);

      await page.getByLabel("Password for the application's database user").fill(SETTINGS.typedPassword);
      await submitAndApprove(page, stack);
      await expect(page.getByRole('region', { name: 'Details' }).innerText()).resolves.toContain(`On, +${backups}/month`);
    });

    it('deploys with plain form posts and follows the server with the "Refresh the status" link', async () => {
      await page.goto(`${stack.appUrl}/`);
      await choosePlan(page);
      await fillApplicationSettings(page, { generatePassword: false });
      await submitAndApprove(page, stack);

      await expect(page.getByTestId('root-password').textContent()).resolves.toMatch(/^\S{32,}$/);
      const deadline = Date.now() + 20_000;
      while (!(await page.getByRole('heading', { name: RUNNING }).isVisible())) {
        if (Date.now() > deadline) throw new Error(`the deployment page never said "${RUNNING}"`);
        await page.waitForTimeout(250); // a person does not click "Refresh" in a tight loop either
        const refreshed = await navigateBy(page, () => page.getByRole('link', { name: 'Refresh the status' }).click());
        expect(refreshed.status).toBe(200);
      }
      await expectServerDetails();
      await expect(page.getByRole('link', { name: 'Refresh the status' }).count()).resolves.toBe(0);
    });

    it('shows the page again with a focused summary of what to fix when required fields are empty', async () => {
      await page.goto(`${stack.appUrl}/`);
      const arrival = await navigateBy(page, () => submitButton(page).click());

      expect(arrival).toMatchObject({ status: 400, url: `${stack.appUrl}/` });
      await expect(page.getByRole('alert').filter({ hasText: 'Please fix' }).isVisible()).resolves.toBe(true);
      await expect(page.locator('#error-summary:focus').count()).resolves.toBe(1);
      expect(tab.problems.take()).toEqual([EXPECTED_400]);
    });
  });
});

/**
 * Accessibility in a real browser: axe-core (WCAG 2.0/2.1 A and AA) on every page of the journey,
 * and the whole configure form used with the keyboard alone, with a visible focus at each stop.
 */
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { startStack, type Stack } from '../support/stack';
import { axeViolations, describeViolations } from './axe';
import {
  backupsCheckbox,
  fillApplicationSettings,
  focusStop,
  navigateBy,
  openContext,
  resetSandbox,
  SETTINGS,
  submitAndApprove,
  submitButton,
  submitToConsent,
  type FocusStop,
  type WatchedContext,
} from './pages';

jest.setTimeout(30_000);

async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(describeViolations(await axeViolations(page))).toEqual([]);
}

describeWithChromium('accessibility in Chromium', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  describe('axe-core, WCAG 2.1 A and AA', () => {
    let tab: WatchedContext;
    let page: Page;

    beforeEach(async () => {
      await resetSandbox(stack);
      // bypassCSP only here, for axe; the journey suite checks the real CSP in a normal context.
      tab = await openContext(browser, { bypassCSP: true });
      page = tab.page;
    });
    afterEach(async () => {
      await tab.context.close();
    });

    it('finds no violations on the configure page, with backups unchecked and checked', async () => {
      await page.goto(`${stack.appUrl}/`);
      await expectNoAxeViolations(page);
      await backupsCheckbox(page).check();
      await page.locator('#price-summary', { hasText: 'with backups' }).waitFor();
      await expectNoAxeViolations(page);
    });

    it('finds no violations on the configure page showing what to fix', async () => {
      await page.goto(`${stack.appUrl}/`);
      await submitButton(page).click();
      await page.locator('#error-summary').waitFor();
      await expectNoAxeViolations(page);
    });

    it('finds no violations on the sandbox’s consent page', async () => {
      await page.goto(`${stack.appUrl}/`);
      await fillApplicationSettings(page, { generatePassword: true });
      await submitToConsent(page, stack);
      await expectNoAxeViolations(page);
    });

    it('finds no violations on the deployment page, in progress and once running', async () => {
      await page.goto(`${stack.appUrl}/`);
      await fillApplicationSettings(page, { generatePassword: true });
      await submitAndApprove(page, stack);
      await expectNoAxeViolations(page);
      await page.getByRole('heading', { name: 'Your server is running' }).waitFor({ timeout: 20_000 });
      await expectNoAxeViolations(page);
    });

    it('finds no violations on an error page (sign-in cancelled)', async () => {
      await page.goto(`${stack.appUrl}/`);
      await fillApplicationSettings(page, { generatePassword: true });
      await submitToConsent(page, stack);
      await page.getByRole('button', { name: 'Deny' }).click();
      await page.getByRole('heading', { name: 'You cancelled the sign-in' }).waitFor();
      await expectNoAxeViolations(page);
    });
  });

  describe('with the keyboard alone', () => {
    let tab: WatchedContext;

    beforeEach(async () => {
      await resetSandbox(stack);
      tab = await openContext(browser);
    });
    afterEach(async () => {
      await tab.context.close();
      expect(tab.problems.take()).toEqual([]);
    });

    it('reaches every control of the configure form with a visible focus, and deploys with Enter and Space', async () => {
      const { page } = tab;
      await page.goto(`${stack.appUrl}/`);
      const stops: FocusStop[] = [];
      const typed: Record<string, string> = {
        'udf-APP_DOMAIN': SETTINGS.domain,
        'udf-ADMIN_EMAIL': SETTINGS.email,
        'udf-DB_PASSWORD': SETTINGS.typedPassword,
      };
      let submit: FocusStop | undefined;
      for (let presses = 0; presses < 80 && !submit; presses++) {
        await page.keyboard.press('Tab');
        const stop = await focusStop(page);
        stops.push(stop);
        if (stop.id in typed) await page.keyboard.type(typed[stop.id]);
        if (stop.name === 'type' && stop.type === 'radio') await page.keyboard.press('ArrowDown'); // the next plan
        if (stop.id === 'udf-EXTRA_PACKAGES-0') await page.keyboard.press('Space'); // git
        if (stop.id === 'backups-enabled') {
          await page.keyboard.press('Space');
          // The re-priced option replaces the checkbox: the focus stays on it.
          await page.locator('#price-summary', { hasText: 'with backups' }).waitFor();
          await expect(page.locator('#backups-enabled:focus').count()).resolves.toBe(1);
        }
        if (stop.tag === 'button' && stop.text === 'Sign in with Linode and deploy') submit = stop;
      }

      expect(stops[0].text).toBe('Skip to main content');
      expect(stops.filter((s) => !s.visibleFocus).map((s) => s.description)).toEqual([]);
      const reached = new Set(stops.map((s) => s.id));
      for (const id of [
        'region',
        'image',
        'udf-APP_DOMAIN',
        'udf-ADMIN_EMAIL',
        'udf-DB_PASSWORD',
        'udf-TIMEZONE',
        'authorized-keys',
        'label',
        'backups-enabled',
      ]) {
        expect(reached).toContain(id);
      }
      expect(submit).toBeDefined();
      await expect(page.getByRole('radio', { name: /^Linode 2GB\b/ }).isChecked()).resolves.toBe(true);
      await expect(page.locator('#price-summary').innerText()).resolves.toContain('Linode 2GB');

      const consent = await navigateBy(page, () => page.keyboard.press('Enter'));
      expect(consent).toMatchObject({ status: 200, url: `${stack.sandbox.url}/oauth/authorize` });
      let approve: FocusStop | undefined;
      for (let presses = 0; presses < 20 && !approve; presses++) {
        await page.keyboard.press('Tab');
        const stop = await focusStop(page);
        expect(`${stop.description} visible=${stop.visibleFocus}`).toMatch(/visible=true$/);
        if (stop.tag === 'button' && stop.text === 'Approve') approve = stop;
      }
      expect(approve).toBeDefined();
      const landing = await navigateBy(page, () => page.keyboard.press('Space'));
      expect(landing).toMatchObject({ status: 200, url: expect.stringMatching(/\/deployments\/[\w-]+$/) });
      const details = await page.getByRole('region', { name: 'Details' }).innerText();
      expect(details).toContain('Linode 2GB');
      expect(details).toContain('git');
      expect(details).toMatch(/Backups\s+On, \+\$\d+\.\d\d\/month/);
    });
  });
});

/**
 * Full-page screenshots of every step, for a person to look at. They go to test-output/screenshots
 * on every run; with UPDATE_SCREENSHOTS=1 they replace the README's copies in docs/screenshots
 * (ports, labels and passwords differ per run, so rewriting those each time would only add noise): the configure page on a desktop and a phone, the sandbox's consent page,
 * the deployment page in progress and running, and an error page. Each test also checks what a
 * screenshot cannot prove by itself: the right page, the right width, nothing wider than a phone.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { startStack, type Stack } from '../support/stack';
import {
  backupsCheckbox,
  choosePlan,
  DESKTOP,
  fillApplicationSettings,
  monthlyPrice,
  openContext,
  PHONE,
  PLAN,
  PRICED_REGIONS,
  resetSandbox,
  submitAndApprove,
  submitButton,
  submitToConsent,
  summaryShows,
  type WatchedContext,
} from './pages';

jest.setTimeout(30_000);

const SCREENSHOTS = join(__dirname, '..', '..', process.env.UPDATE_SCREENSHOTS === '1' ? 'docs' : 'test-output', 'screenshots');

/** Saves a full-page PNG and returns its pixel width (from the IHDR chunk). */
async function capture(page: Page, name: string): Promise<number> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return png.readUInt32BE(16);
}

/** Content wider than the viewport means sideways scrolling on a phone (WCAG 1.4.10 Reflow). */
function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth');
}

describeWithChromium('screenshots in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let tab: WatchedContext;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // A slower boot than the other suites, so that "in progress" is on screen long enough to capture.
    [stack, browser] = await Promise.all([startStack({ sandbox: { bootMs: 3000 } }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  beforeEach(async () => {
    await resetSandbox(stack);
  });
  afterEach(async () => {
    await tab.context.close();
    expect(tab.problems.take()).toEqual([]);
  });

  it('captures the configure page on a desktop, priced with backups for a region with its own prices', async () => {
    tab = await openContext(browser, { viewport: DESKTOP });
    const { page } = tab;
    await page.goto(`${stack.appUrl}/`);
    await choosePlan(page);
    await page.getByLabel('Where the server runs').selectOption(PRICED_REGIONS.jakarta);
    await summaryShows(page, await monthlyPrice(stack, PLAN.id, PRICED_REGIONS.jakarta));
    await backupsCheckbox(page).check();
    await summaryShows(page, await monthlyPrice(stack, PLAN.id, PRICED_REGIONS.jakarta, 'plan with backups'));
    expect(await capture(page, 'configure-desktop')).toBe(DESKTOP.width);
  });

  it('captures the configure page on a phone, without sideways scrolling', async () => {
    tab = await openContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    const { page } = tab;
    await page.goto(`${stack.appUrl}/`);
    await expect(overflowsSideways(page)).resolves.toBe(false);
    expect(await capture(page, 'configure-phone')).toBe(PHONE.width);
  });

  it('captures the configure page showing what to fix', async () => {
    tab = await openContext(browser, { viewport: DESKTOP });
    const { page } = tab;
    await page.goto(`${stack.appUrl}/`);
    await submitButton(page).click();
    await page.locator('#error-summary').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    expect(await capture(page, 'configure-errors')).toBe(DESKTOP.width);
    expect(tab.problems.take()).toEqual([expect.stringMatching(/: 400 POST /)]);
  });

  it('captures the sandbox’s consent page', async () => {
    tab = await openContext(browser, { viewport: DESKTOP });
    const { page } = tab;
    await page.goto(`${stack.appUrl}/`);
    await fillApplicationSettings(page, { generatePassword: true });
    await submitToConsent(page, stack);
    await page.getByRole('button', { name: 'Approve' }).waitFor();
    expect(await capture(page, 'consent')).toBe(DESKTOP.width);
  });

  it('captures the deployment page while the server comes up and once it is running', async () => {
    tab = await openContext(browser, { viewport: DESKTOP });
    const { page } = tab;
    await page.goto(`${stack.appUrl}/`);
    await fillApplicationSettings(page, { generatePassword: true });
    await submitAndApprove(page, stack);
    await expect(page.getByTestId('status').textContent()).resolves.not.toBe('running');
    expect(await capture(page, 'deployment-in-progress')).toBe(DESKTOP.width);

    await page.getByRole('heading', { name: 'Your server is running' }).waitFor({ timeout: 20_000 });
    expect(await capture(page, 'deployment-running')).toBe(DESKTOP.width);
  });

  it('captures the deployment page on a phone, without sideways scrolling', async () => {
    tab = await openContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    const { page } = tab;
    await page.goto(`${stack.appUrl}/`);
    await fillApplicationSettings(page, { generatePassword: true });
    await submitAndApprove(page, stack);
    await expect(overflowsSideways(page)).resolves.toBe(false);
    expect(await capture(page, 'deployment-phone')).toBe(PHONE.width);
  });

  it('captures an error page (the person cancelled the sign-in)', async () => {
    tab = await openContext(browser, { viewport: DESKTOP });
    const { page } = tab;
    await page.goto(`${stack.appUrl}/`);
    await fillApplicationSettings(page, { generatePassword: true });
    await submitToConsent(page, stack);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByRole('heading', { name: 'You cancelled the sign-in' }).waitFor();
    expect(await capture(page, 'error-cancelled')).toBe(DESKTOP.width);
  });
});

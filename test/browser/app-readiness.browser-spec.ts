/**
 * The deployment page following the application after "running" (APP_READY_URL), in Chromium, in
 * sandbox mode: axe on each state (setting up, ready, not answered yet), the "Open your
 * application" link reached with the keyboard, and the same journey without JavaScript.
 */
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { startSandboxModeStack } from '../support/sandbox-mode-stack';
import type { Stack } from '../support/stack';
import { axeViolations, describeViolations } from './axe';
import { fillApplicationSettings, focusStop, navigateBy, openContext, resetSandbox, submitButton, type WatchedContext } from './pages';

jest.setTimeout(40_000);

const READY = 'Your application is ready';

async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(describeViolations(await axeViolations(page))).toEqual([]);
}

/** Configure and submit; the sandbox approves at once, so the browser lands on the deployment page. */
async function deploy(page: Page, stack: Stack, { generatePassword }: { generatePassword: boolean }): Promise<void> {
  await page.goto(`${stack.appUrl}/`);
  await fillApplicationSettings(page, { generatePassword });
  const landing = await navigateBy(page, () => submitButton(page).click());
  expect(landing).toMatchObject({ status: 200, url: expect.stringMatching(new RegExp(`^${stack.appUrl}/deployments/[\\w-]+$`)) });
}

async function serverAddress(stack: Stack): Promise<string> {
  const [instance] = (await (await fetch(`${stack.sandbox.url}/__sandbox/instances`)).json()) as { ipv4: string }[];
  return instance.ipv4;
}

describeWithChromium('the application’s readiness on the deployment page, in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let tab: WatchedContext;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([
      startSandboxModeStack({
        sandbox: { bootMs: 600, setupMs: 1_500 },
        env: { APP_READY_URL: 'http://{ipv4}/', APP_READY_TIMEOUT_MS: '8000' },
      }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  beforeEach(() => resetSandbox(stack));
  afterEach(async () => {
    await tab.context.close();
    expect(tab.problems.take()).toEqual([]);
  });

  it('finds no axe violations while the application is set up and once it is ready', async () => {
    tab = await openContext(browser, { bypassCSP: true });
    const { page } = tab;
    await deploy(page, stack, { generatePassword: true });
    await page.getByText('Setting up the application (').waitFor({ timeout: 15_000 });
    await expectNoAxeViolations(page);
    await page.getByRole('heading', { name: READY }).waitFor({ timeout: 15_000 });
    await expectNoAxeViolations(page);
  });

  it('reaches "Open your application" with the keyboard, with a visible focus, linking to the server', async () => {
    tab = await openContext(browser);
    const { page } = tab;
    await deploy(page, stack, { generatePassword: true });
    await page.getByRole('heading', { name: READY }).waitFor({ timeout: 15_000 });
    const link = page.getByRole('link', { name: 'Open your application' });
    await expect(link.getAttribute('href')).resolves.toBe(`http://${await serverAddress(stack)}/`);

    await page.locator('body').focus();
    let reached = null;
    for (let presses = 0; presses < 30 && !reached; presses++) {
      await page.keyboard.press('Tab');
      const stop = await focusStop(page);
      if (stop.text === 'Open your application') reached = stop;
    }
    expect(reached).toMatchObject({ tag: 'a', visibleFocus: true });
  });

  it('finds no axe violations when the application has not answered in time', async () => {
    const fault = await fetch(`${stack.sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: 'GET /__sandbox/instances/*/application', hang: true }),
    });
    expect(fault.status).toBe(201);
    tab = await openContext(browser, { bypassCSP: true });
    const { page } = tab;
    await deploy(page, stack, { generatePassword: true });
    await page.getByTestId('application-quiet').waitFor({ timeout: 25_000 });
    await expect(page.getByTestId('application-quiet').innerText()).resolves.toContain('tail -f /var/log/stackscript.log');
    await expectNoAxeViolations(page);
  });

  it('without JavaScript, follows the application with "Refresh the status" until it is ready', async () => {
    tab = await openContext(browser, { javaScriptEnabled: false });
    const { page } = tab;
    await deploy(page, stack, { generatePassword: false });
    const deadline = Date.now() + 20_000;
    while (!(await page.getByRole('heading', { name: READY }).isVisible())) {
      if (Date.now() > deadline) throw new Error(`the deployment page never said "${READY}"`);
      await page.waitForTimeout(500);
      const refreshed = await navigateBy(page, () => page.getByRole('link', { name: 'Refresh the status' }).click());
      expect(refreshed.status).toBe(200);
    }
    await expect(page.getByRole('link', { name: 'Open your application' }).getAttribute('href')).resolves.toBe(
      `http://${await serverAddress(stack)}/`,
    );
    await expect(page.getByRole('link', { name: 'Refresh the status' }).count()).resolves.toBe(0);
  });
});

/**
 * Issue 16 in a real browser: the built app in sandbox mode (`node dist/main.js`, HOST=0.0.0.0, as
 * the container runs it), and a Chromium that can reach nothing but PUBLIC_URL — every request to
 * another origin (the sandbox's own port included) is aborted by `context.route`, as a person's
 * browser outside the container would fail to reach it. The journey must still end at a running
 * server, with JavaScript and without, and no page may log an error or violate its CSP.
 */
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { buildIfNeeded, startAppProcess, type AppProcess } from '../support/reliability-app-process';
import { freePort } from '../support/stack';
import { fillApplicationSettings, navigateBy, openContext, submitButton, type WatchedContext } from './pages';

jest.setTimeout(60_000);

const RUNNING = 'Your server is running';

describeWithChromium('sandbox mode in Chromium that reaches only the published port', () => {
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let publicUrl: string;
  let tab: WatchedContext;
  let page: Page;
  let blocked: string[];

  beforeAll(async () => {
    buildIfNeeded();
    const port = await freePort();
    publicUrl = `http://localhost:${port}`;
    [app, browser] = await Promise.all([
      startAppProcess(
        'one-port-browser',
        port,
        {
          HOST: '0.0.0.0',
          PUBLIC_URL: publicUrl,
          SANDBOX_PORT: String(await freePort()),
          SANDBOX_BOOT_MS: '400',
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
        },
        60_000,
      ),
      launchChromium(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(javaScriptEnabled: boolean): Promise<void> {
    tab = await openContext(browser!, { javaScriptEnabled });
    page = tab.page;
    blocked = [];
    await tab.context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === publicUrl) return route.continue();
      blocked.push(url);
      return route.abort('addressunreachable');
    });
  }

  afterEach(async () => {
    await tab.context.close();
    expect(blocked).toEqual([]);
    expect(tab.problems.take()).toEqual([]);
  });

  async function signInAndApprove(): Promise<void> {
    await page.goto(`${publicUrl}/`);
    await fillApplicationSettings(page, { generatePassword: false });
    const consent = await navigateBy(page, () => submitButton(page).click());
    expect(consent).toMatchObject({ status: 200, url: `${publicUrl}/__sandbox-login/oauth/authorize` });
    await expect(page.getByText('Linode sandbox — not the real Linode').isVisible()).resolves.toBe(true);
    const landing = await navigateBy(page, () => page.getByRole('button', { name: 'Approve' }).click());
    expect(landing).toMatchObject({ status: 200, url: expect.stringMatching(new RegExp(`^${publicUrl}/deployments/[\\w-]+$`)) });
  }

  it('deploys with JavaScript (htmx), through the sandbox consent page on PUBLIC_URL, to a running server', async () => {
    await open(true);
    await signInAndApprove();
    await page.getByRole('heading', { name: RUNNING }).waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('status').textContent()).resolves.toBe('running');
  });

  it('deploys without JavaScript (plain form posts and redirects) to a running server', async () => {
    await open(false);
    await signInAndApprove();
    const deadline = Date.now() + 20_000;
    while (!(await page.getByRole('heading', { name: RUNNING }).isVisible())) {
      if (Date.now() > deadline) throw new Error(`the deployment page never said "${RUNNING}"`);
      await page.waitForTimeout(250);
      await navigateBy(page, () => page.getByRole('link', { name: 'Refresh the status' }).click());
    }
    await expect(page.getByTestId('status').textContent()).resolves.toBe('running');
  });
});

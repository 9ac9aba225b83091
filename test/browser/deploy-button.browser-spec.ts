/**
 * The pages issue 15 added, in Chromium: the gallery of StackScripts, the "Deploy on Linode"
 * button page, and the configure page that brings back choices Linode refused. Each passes axe
 * (WCAG 2.1 A/AA), works with the keyboard alone (visible focus at every stop), and without JavaScript.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { startStack, type Stack } from '../support/stack';
import { axeViolations, describeViolations } from './axe';
import {
  fillApplicationSettings,
  focusStop,
  type FocusStop,
  navigateBy,
  openContext,
  resetSandbox,
  SETTINGS,
  submitButton,
  type WatchedContext,
} from './pages';

jest.setTimeout(30_000);

const DEMO = 320826;
const HELLO = 320827;

/** Tabs through the page until `done` says stop (or 40 presses); every stop must show its focus. */
async function tabUntil(page: Page, done: (stop: FocusStop) => boolean): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    const stop = await focusStop(page);
    stops.push(stop);
    if (done(stop)) break;
  }
  expect(stops.filter((stop) => !stop.visibleFocus).map((stop) => stop.description)).toEqual([]);
  return stops;
}

/** Another site on its own loopback port: one page that embeds the badge, as an author's README or homepage would. */
async function embeddingSite(badgeUrl: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>An app's homepage</title><a href="#"><img alt="Deploy on Linode" src="${badgeUrl}"></a>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

async function injectRefusal(stack: Stack): Promise<void> {
  const res = await fetch(`${stack.sandbox.url}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ route: 'POST /v4/linode/instances', status: 400, reason: 'Region is at capacity', field: 'region', count: 1 }),
  });
  if (!res.ok) throw new Error(`fault answered ${res.status}`);
}

/** On the demo StackScript's page: fill it in, pick London, sign in, approve; Linode refuses; "Try again". */
async function reachKeptChoices(page: Page, stack: Stack, generatePassword: boolean): Promise<void> {
  await injectRefusal(stack);
  await page.goto(`${stack.appUrl}/s/${DEMO}`);
  await page.getByLabel('Where the server runs').selectOption('eu-west');
  await fillApplicationSettings(page, { generatePassword });
  await navigateBy(page, () => submitButton(page).click());
  const refusal = await navigateBy(page, () => page.getByRole('button', { name: 'Approve' }).click());
  expect(refusal).toMatchObject({ status: 400, heading: 'Linode could not create the server with these choices' });
  const again = await navigateBy(page, () => page.getByRole('link', { name: 'Try again' }).click());
  expect(again).toMatchObject({ status: 400, url: expect.stringMatching(/\/again\/[\w-]{22}$/) });
}

async function expectChoicesKept(page: Page): Promise<void> {
  await expect(page.getByLabel('Where the server runs').inputValue()).resolves.toBe('eu-west');
  await expect(page.getByLabel('Domain name the site answers to').inputValue()).resolves.toBe(SETTINGS.domain);
  await expect(page.getByLabel('Server time zone').inputValue()).resolves.toBe(SETTINGS.timeZone);
  await expect(page.getByLabel("Password for the application's database user").inputValue()).resolves.toBe('');
  await expect(page.locator('#region-error').innerText()).resolves.toContain('Region is at capacity');
  await expect(page.getByLabel('Where the server runs').getAttribute('aria-invalid')).resolves.toBe('true');
}

describeWithChromium('the gallery, the button page and kept choices in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let tab: WatchedContext;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ env: { LINODE_STACKSCRIPT_IDS: `${DEMO},${HELLO}` } }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  beforeEach(() => resetSandbox(stack));
  afterEach(async () => {
    await tab.context.close();
  });

  describe('axe-core, WCAG 2.1 A and AA', () => {
    beforeEach(async () => {
      tab = await openContext(browser, { bypassCSP: true });
    });
    const expectNoViolations = async () => expect(describeViolations(await axeViolations(tab.page))).toEqual([]);

    it('finds no violations on the gallery', async () => {
      await tab.page.goto(`${stack.appUrl}/`);
      await tab.page.getByRole('heading', { name: 'Choose an application' }).waitFor();
      await expectNoViolations();
    });

    it('finds no violations on the button page', async () => {
      await tab.page.goto(`${stack.appUrl}/s/${HELLO}/button`);
      await expectNoViolations();
    });

    it('finds no violations on a configure page with its script shown', async () => {
      await tab.page.goto(`${stack.appUrl}/s/${DEMO}`);
      await tab.page.getByText('View the script').click();
      await tab.page.locator('.script-source').waitFor();
      await expectNoViolations();
    });

    it('finds no violations on the page that brings refused choices back', async () => {
      await reachKeptChoices(tab.page, stack, true);
      await expectNoViolations();
    });
  });

  describe('with the keyboard alone', () => {
    beforeEach(async () => {
      tab = await openContext(browser);
    });

    it('goes from the gallery to an application’s page with Tab and Enter', async () => {
      await tab.page.goto(`${stack.appUrl}/`);
      const stops = await tabUntil(tab.page, (stop) => stop.href === `/s/${HELLO}`);
      expect(stops.at(-1)?.href).toBe(`/s/${HELLO}`);
      const arrival = await navigateBy(tab.page, () => tab.page.keyboard.press('Enter'));
      expect(arrival).toMatchObject({ status: 200, url: `${stack.appUrl}/s/${HELLO}` });
      expect(tab.problems.take()).toEqual([]);
    });

    it('reaches both snippets and the preview on the button page, with a visible focus', async () => {
      await tab.page.goto(`${stack.appUrl}/s/${DEMO}/button`);
      const stops = await tabUntil(tab.page, (stop) => stop.id === 'snippet-html');
      const ids = stops.map((stop) => stop.id);
      expect(ids).toEqual(expect.arrayContaining(['snippet-markdown', 'snippet-html']));
      expect(stops.some((stop) => stop.href === `${stack.appUrl}/s/${DEMO}`)).toBe(true);
      expect(tab.problems.take()).toEqual([]);
    });

    it('moves from the error summary of kept choices to the field Linode named', async () => {
      await reachKeptChoices(tab.page, stack, true);
      const stops = await tabUntil(tab.page, (stop) => stop.href === '#region');
      expect(stops.at(-1)?.href).toBe('#region');
      await tab.page.keyboard.press('Enter');
      await expect(focusStop(tab.page)).resolves.toMatchObject({ id: 'region', visibleFocus: true });
    });
  });

  describe('on another site', () => {
    beforeEach(async () => {
      tab = await openContext(browser);
    });

    it('shows the badge embedded in a page served from another origin', async () => {
      const site = await embeddingSite(`${stack.appUrl}/badge.svg`);
      try {
        expect(new URL(site.url).origin).not.toBe(new URL(stack.appUrl).origin);
        await tab.page.goto(site.url);
        await tab.page.waitForFunction("document.querySelector('img').complete");
        await expect(tab.page.evaluate<number>("document.querySelector('img').naturalWidth")).resolves.toBeGreaterThan(0);
      } finally {
        site.server.close();
      }
    });
  });

  describe('without JavaScript', () => {
    beforeEach(async () => {
      tab = await openContext(browser, { javaScriptEnabled: false });
    });

    it('shows the gallery and the button page and follows their links', async () => {
      await tab.page.goto(`${stack.appUrl}/`);
      const toButton = await navigateBy(tab.page, () => tab.page.getByRole('link', { name: 'Configure and deploy' }).first().click());
      expect(toButton).toMatchObject({ status: 200, url: `${stack.appUrl}/s/${DEMO}` });
      const buttonPage = await navigateBy(tab.page, () => tab.page.getByRole('link', { name: /Deploy on Linode” button/ }).click());
      expect(buttonPage).toMatchObject({ status: 200, url: `${stack.appUrl}/s/${DEMO}/button` });
      await expect(tab.page.getByLabel('Markdown (GitHub, GitLab, …)').inputValue()).resolves.toContain('/badge.svg');
      await expect(
        tab.page.getByRole('img', { name: 'Deploy on Linode' }).evaluate((img: HTMLElement & { naturalWidth: number }) => img.naturalWidth),
      ).resolves.toBeGreaterThan(0);
    });

    it('brings refused choices back and deploys once the password is typed again', async () => {
      await reachKeptChoices(tab.page, stack, false);
      await expectChoicesKept(tab.page);
      await tab.page.getByLabel('Where the server runs').selectOption('us-east');
      await tab.page.getByLabel("Password for the application's database user").fill(SETTINGS.typedPassword);
      await navigateBy(tab.page, () => submitButton(tab.page).click());
      const landing = await navigateBy(tab.page, () => tab.page.getByRole('button', { name: 'Approve' }).click());
      expect(landing).toMatchObject({ status: 200, url: expect.stringMatching(/\/deployments\/[\w-]+$/) });
    });
  });
});

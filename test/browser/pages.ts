/**
 * What the browser suites share: how a person fills in the configure page, what the sandbox says
 * a plan costs, a valid SSH key, and following a click to the next page. Controls are found by
 * their labels and roles, as a person (or a screen reader) finds them; ids only for read-outs.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Browser, BrowserContext, BrowserContextOptions, Page, Response } from 'playwright-core';
import { PageProblems } from '../support/chromium';
import type { Stack } from '../support/stack';

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A plan and two regions with their own region_prices in the sandbox's seed. */
export const PLAN = { id: 'g6-standard-2', label: 'Linode 4GB' };
export const PRICED_REGIONS = { jakarta: 'id-cgk', saoPaulo: 'br-gru' } as const;

export interface WatchedContext {
  context: BrowserContext;
  problems: PageProblems;
  page: Page;
}

export async function openContext(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedContext> {
  const context = await browser.newContext({ viewport: DESKTOP, ...options });
  context.setDefaultTimeout(10_000);
  const problems = await PageProblems.watch(context);
  const page = await context.newPage();
  return { context, problems, page };
}

interface SandboxPrices {
  price: { monthly: number };
  region_prices: { id: string; monthly: number }[];
}

type SandboxType = SandboxPrices & { addons: { backups: SandboxPrices } };

/** What the sandbox quotes for a plan in a region: the plan alone, its backups, or both, formatted as the app shows them. */
export async function monthlyPrice(
  stack: Stack,
  typeId: string,
  regionId: string,
  priced: 'plan' | 'backups' | 'plan with backups' = 'plan',
): Promise<string> {
  const res = await fetch(`${stack.sandbox.url}/v4/linode/types/${typeId}`);
  const type = (await res.json()) as SandboxType;
  const inRegion = (prices: SandboxPrices) => prices.region_prices.find((p) => p.id === regionId)?.monthly ?? prices.price.monthly;
  const plan = priced === 'backups' ? 0 : inRegion(type);
  const backups = priced === 'plan' ? 0 : inRegion(type.addons.backups);
  return `$${(plan + backups).toFixed(2)}`;
}

export const backupsCheckbox = (page: Page) => page.getByRole('checkbox', { name: /^Back up this server/ });

/** A well-formed `ssh-ed25519 AAAA… comment` line (the app checks the key's wire format). */
export function ed25519PublicKey(comment = 'browser-test'): string {
  const spki = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
  const raw = spki.subarray(spki.length - 32);
  const wire = (bytes: Buffer) => {
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(bytes.length, 0);
    return Buffer.concat([prefix, bytes]);
  };
  const blob = Buffer.concat([wire(Buffer.from('ssh-ed25519')), wire(raw)]);
  return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
}

export const SETTINGS = {
  domain: 'app.example.com',
  email: 'admin@example.com',
  typedPassword: 'Corr3ct-Horse-Battery-Staple-42',
  webServer: 'caddy',
  timeZone: 'Asia/Tokyo',
  extraPackage: 'git',
};

/**
 * Fills the StackScript's fields: the required text and password, and a choice of each kind
 * (radio, select, checkbox). With JavaScript the password comes from the "Generate" button.
 */
export async function fillApplicationSettings(page: Page, { generatePassword }: { generatePassword: boolean }): Promise<void> {
  await page.getByLabel('Domain name the site answers to').fill(SETTINGS.domain);
  await page.getByLabel('Administrator email address').fill(SETTINGS.email);
  if (generatePassword) await page.getByRole('button', { name: 'Generate' }).click();
  else await page.getByLabel("Password for the application's database user").fill(SETTINGS.typedPassword);
  await page.getByRole('group', { name: 'Web server' }).getByLabel(SETTINGS.webServer).check();
  await page.getByLabel('Server time zone').selectOption(SETTINGS.timeZone);
  await page
    .getByRole('group', { name: /Extra packages to install/ })
    .getByLabel(SETTINGS.extraPackage, { exact: true })
    .check();
}

export function choosePlan(page: Page, label = PLAN.label): Promise<void> {
  return page.getByRole('radio', { name: new RegExp(`^${label}\\b`) }).check();
}

export const submitButton = (page: Page) => page.getByRole('button', { name: 'Sign in with Linode and deploy' });

/** The monthly price in the summary box, e.g. `$28.80`. */
export const summaryPrice = (page: Page) => page.locator('#price-summary .price-monthly');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits (with the context's timeout) until the summary shows exactly `price`. */
export function summaryShows(page: Page, price: string): Promise<void> {
  return page.locator('#price-summary .price-monthly', { hasText: new RegExp(`^${escapeRegExp(price)}$`) }).waitFor();
}

/** Where a navigation ended: the document's status, its address (without query) and its first heading. */
export interface Arrival {
  status: number;
  url: string;
  heading: string;
}

/**
 * Runs `action` (a click that leaves the page) and waits for the next document to load. Failing
 * answers are not errors here: the caller compares the arrival, and a mismatch shows the heading.
 */
export async function navigateBy(page: Page, action: () => Promise<void>): Promise<Arrival> {
  let status = 0;
  const onResponse = (response: Response) => {
    const redirect = response.status() >= 300 && response.status() < 400;
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame() && !redirect) status = response.status();
  };
  page.on('response', onResponse);
  try {
    const committed = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
    await action();
    await committed;
    await page.waitForLoadState('domcontentloaded');
  } finally {
    page.off('response', onResponse);
  }
  const url = new URL(page.url());
  const heading =
    (await page
      .locator('h1')
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => null)) ?? '';
  return { status, url: url.origin + url.pathname, heading: heading.trim().replace(/\s+/g, ' ') };
}

/** Submits the filled-in configure page and arrives at the sandbox's consent page. */
export async function submitToConsent(page: Page, stack: Stack): Promise<void> {
  const consent = await navigateBy(page, () => submitButton(page).click());
  expect(consent).toMatchObject({ status: 200, url: `${stack.sandbox.url}/oauth/authorize` });
}

/** From the filled-in configure page: submit, approve at the sandbox, arrive at the deployment page. */
export async function submitAndApprove(page: Page, stack: Stack): Promise<void> {
  await submitToConsent(page, stack);
  const landing = await navigateBy(page, () => page.getByRole('button', { name: 'Approve' }).click());
  expect(landing).toMatchObject({ status: 200, url: expect.stringMatching(new RegExp(`^${stack.appUrl}/deployments/[\\w-]+$`)) });
}

export async function resetSandbox(stack: Stack): Promise<void> {
  const res = await fetch(`${stack.sandbox.url}/__sandbox/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`sandbox reset answered ${res.status}`);
}

// The page's globals, as far as focusStop uses them (the project compiles without the DOM lib).
interface InPageElement {
  tagName: string;
  id: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
}
declare const document: { activeElement: InPageElement | null; body: InPageElement };
declare function getComputedStyle(element: InPageElement): { outlineStyle: string; outlineWidth: string; boxShadow: string };

/** Where the keyboard focus is. */
export interface FocusStop {
  description: string;
  tag: string;
  id: string;
  name: string | null;
  type: string | null;
  text: string;
  href: string | null;
  visibleFocus: boolean;
}

/** What has the focus, and whether a sighted keyboard user can see where it is. */
export function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) {
      return { description: 'body', tag: 'body', id: '', name: null, type: null, text: '', href: null, visibleFocus: false };
    }
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    const box = element.getBoundingClientRect();
    const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return {
      description: `${element.tagName.toLowerCase()}#${element.id || '-'}[name=${element.getAttribute('name') ?? '-'}] "${text}"`,
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: element.getAttribute('name'),
      type: element.getAttribute('type'),
      text,
      href: element.getAttribute('href'),
      visibleFocus: (outline || shadow) && box.width > 1 && box.height > 1,
    };
  });
}

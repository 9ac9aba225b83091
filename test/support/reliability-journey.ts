/**
 * One person's whole deploy journey over HTTP, for the reliability suites: it never throws on an
 * unexpected answer, it stops where the person would stop (an error page) and says where that was,
 * so a test can assert that every path ends in a clear page.
 */
import { formFields, single, type Page, type TestBrowser } from './browser';
import { followToSignIn } from './journey';

export type JourneyEnd =
  /** GET / did not show the configure page. */
  | 'configure'
  /** POST / did not send the browser to Linode. */
  | 'submit'
  /** Linode's consent did not send the browser back to the app. */
  | 'consent'
  /** The callback did not redirect to a deployment. */
  | 'callback'
  /** The deployment page did not open. */
  | 'deployment'
  /** The status fragment answered with an error. */
  | 'polling'
  /** The status stopped changing (htmx 286). */
  | 'settled'
  /** Still not settled at the deadline. */
  | 'unsettled';

export interface JourneyOptions {
  /** Values for the StackScript's required fields (see `requiredUdfValues`). */
  udfValues: Record<string, string | string[]>;
  /** Username typed on Linode's consent page: one sandbox account per username. */
  username?: string;
  pollIntervalMs?: number;
  settleTimeoutMs?: number;
  /** Which app origin each step goes to (a load balancer's choice); default: `appUrl`. */
  originFor?: (step: 'configure' | 'submit' | 'callback' | 'deployment' | 'poll', index: number) => string;
  /** Sees every status fragment while polling (e.g. to lift a fault after a few). */
  onPoll?: (fragment: Page, index: number) => Promise<void> | void;
}

export interface JourneyOutcome {
  end: JourneyEnd;
  /** What the person saw last: an error page, or the settled status fragment. */
  final: Page;
  /** The configure page as first shown (null when it did not open). */
  configurePage: Page | null;
  deploymentPath: string | null;
  rootPassword: string | null;
  polls: Page[];
  durationMs: number;
}

/** Configure → POST / → Linode consent (approve) → callback → deployment page → poll until settled. */
export async function runJourney(browser: TestBrowser, appUrl: string, options: JourneyOptions): Promise<JourneyOutcome> {
  const started = performance.now();
  const origin = options.originFor ?? (() => appUrl);
  const polls: Page[] = [];
  let configurePage: Page | null = null;
  let deploymentPath: string | null = null;
  let rootPassword: string | null = null;
  const done = (end: JourneyEnd, final: Page): JourneyOutcome => ({
    end,
    final,
    configurePage,
    deploymentPath,
    rootPassword,
    polls,
    durationMs: performance.now() - started,
  });

  const configure = await browser.get(`${origin('configure', 0)}/`);
  if (configure.status !== 200) return done('configure', configure);
  configurePage = configure;

  const form = { ...single(formFields(configure.body)), ...options.udfValues };
  // The browser's Origin is the public one, whichever instance answers.
  const submitted = await followToSignIn(browser, await browser.post(`${origin('submit', 0)}/`, form, { origin: appUrl }));
  if (submitted.status !== 302) return done('submit', submitted);

  const consentPage = await browser.follow(submitted);
  if (consentPage.status !== 200) return done('consent', consentPage);
  const decision = {
    ...single(formFields(consentPage.body)),
    decision: 'approve',
    ...(options.username ? { username: options.username } : {}),
  };
  const consented = await browser.post(new URL('/oauth/authorize', consentPage.url).toString(), decision);
  if (consented.status !== 302) return done('consent', consented);

  const callbackUrl = new URL(consented.headers.get('location')!);
  const callback = await browser.get(`${origin('callback', 0)}${callbackUrl.pathname}${callbackUrl.search}`);
  if (callback.status !== 303) return done('callback', callback);
  deploymentPath = callback.headers.get('location');

  const page = await browser.get(`${origin('deployment', 0)}${deploymentPath}`);
  if (page.status !== 200) return done('deployment', page);
  rootPassword = /data-testid="root-password">([^<]+)</.exec(page.body)?.[1] ?? null;

  const deadline = Date.now() + (options.settleTimeoutMs ?? 15_000);
  for (let index = 0; ; index++) {
    const fragment = await browser.get(`${origin('poll', index)}${deploymentPath}`, { 'HX-Request': 'true' });
    polls.push(fragment);
    if (fragment.status === 286) return done('settled', fragment);
    if (fragment.status !== 200) return done('polling', fragment);
    await options.onPoll?.(fragment, index);
    if (Date.now() > deadline) return done('unsettled', fragment);
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 100));
  }
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The page's h1 (on a deployment page: the server's label), or null. */
export function h1Of(body: string): string | null {
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(body);
  return h1 ? textOf(h1[1]) : null;
}

/** The heading a person reads first: the status headline of a deployment, else the page's h1. */
export function headingOf(body: string): string {
  const status = /class="status-headline"[^>]*>([\s\S]*?)<\/h2>/i.exec(body);
  if (status) return textOf(status[1]);
  const h1 = h1Of(body);
  if (h1 !== null) return h1;
  const title = /<title>([\s\S]*?)<\/title>/i.exec(body);
  return title ? textOf(title[1]) : '(no heading)';
}

/** The first paragraph after the heading: the sentence that tells the person what happened. */
export function messageOf(body: string): string {
  const afterHeading = body
    .split(/<\/h1>|<\/h2>/i)
    .slice(1)
    .join(' ');
  const paragraph = /<p\b[^>]*>([\s\S]*?)<\/p>/i.exec(afterHeading || body);
  return paragraph ? textOf(paragraph[1]) : '';
}

const STACK_TRACE_SIGNS: RegExp[] = [
  /\bat\s+(?:async\s+)?[\w$.<>[\]]+\s+\([^)]*:\d+:\d+\)/, // "at fn (file.js:1:2)"
  /\bat\s+\/[^\s]+:\d+:\d+/, // "at /abs/path.js:1:2"
  /(?:&nbsp;|\s)at\s+[\w$.<>]+\s+\(/, // Express's default HTML error page
  /node_modules\//,
  /\/(?:src|dist)\/[\w/.-]+\.(?:ts|js):\d+/,
  /\b(?:TypeError|ReferenceError|SyntaxError|RangeError|UnhandledPromiseRejection)\b/,
];

/** Whether a response body shows internals a person should never see. */
export function showsStackTrace(body: string): boolean {
  return STACK_TRACE_SIGNS.some((sign) => sign.test(body));
}

/** Problems that stop `page` from being a clear page a person can act on (empty when fine). */
export function clearPageProblems(page: Page): string[] {
  const problems: string[] = [];
  if (page.status === 500) problems.push(`status ${page.status}`);
  if (!/text\/html/.test(page.headers.get('content-type') ?? '')) problems.push(`content-type ${page.headers.get('content-type')}`);
  if (showsStackTrace(page.body)) problems.push('shows a stack trace');
  if (headingOf(page.body) === '(no heading)') problems.push('has no heading');
  if (messageOf(page.body).length < 20) problems.push('has no sentence saying what happened');
  return problems;
}

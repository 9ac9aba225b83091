/**
 * Chromium for the browser suites: Debian's own build at /usr/bin/chromium, driven by
 * playwright-core (which ships no browser). Without it the suites fail in CI and are skipped,
 * loudly, on a developer's machine.
 */
import { accessSync, constants, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const MISSING = `Chromium not found at ${CHROMIUM_PATH} — install it with: apt-get install chromium`;

// Quiet, offline, reproducible: no GPU, no QUIC, no background traffic to Google.
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumInstalled(): boolean {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A fresh browser (playwright gives each launch its own temporary user-data-dir). */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled()) throw new Error(MISSING);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}

/**
 * One line per Jest run, not one per suite: each suite file has its own module registry, so the
 * "said it already" mark is a file named after the Jest process (a worker's parent, or Jest itself).
 */
function announceSkipOnce(): void {
  const jestPid = process.connected ? process.ppid : process.pid; // a worker talks to Jest over IPC
  try {
    writeFileSync(join(tmpdir(), `install-on-linode-chromium-skip-${jestPid}`), '', { flag: 'wx' });
  } catch {
    return;
  }
  process.stderr.write(`\n*** SKIPPED browser suites: ${MISSING} ***\n\n`);
}

/**
 * `describe` for a suite that needs Chromium. Missing Chromium fails the suite in CI
 * (`CI=true`) and skips it elsewhere with one loud line on stderr.
 */
export function describeWithChromium(name: string, suite: () => void): void {
  if (chromiumInstalled()) {
    describe(name, suite);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      beforeAll(() => {
        throw new Error(`Browser suites need Chromium in CI. ${MISSING}`);
      });
      suite();
    });
    return;
  }
  announceSkipOnce();
  describe.skip(name, suite);
}

export interface PageProblem {
  url: string;
  kind: 'console error' | 'page error' | 'CSP violation' | 'HTTP error';
  text: string;
}

/**
 * Collects what a person would never see but a page must not do: console errors, uncaught
 * exceptions and Content-Security-Policy violations (reported by the page's own
 * `securitypolicyviolation` event when JavaScript runs, and by Chromium's console either way).
 */
export class PageProblems {
  private readonly problems: PageProblem[] = [];

  private constructor() {}

  static async watch(context: BrowserContext): Promise<PageProblems> {
    const watcher = new PageProblems();
    // A CDP binding and an init script are not subject to the page's CSP, so they see everything.
    await context.exposeBinding('__reportCspViolation', ({ page }, violation: { directive: string; blocked: string; source: string }) => {
      watcher.problems.push({
        url: page.url(),
        kind: 'CSP violation',
        text: `${violation.directive} blocked ${violation.blocked || '(inline)'} at ${violation.source || '(unknown)'}`,
      });
    });
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCspViolation?.({ directive: event.effectiveDirective, blocked: event.blockedURI, source: event.sourceFile + ':' + event.lineNumber });
    });`);
    for (const page of context.pages()) watcher.attach(page);
    context.on('page', (page) => watcher.attach(page));
    return watcher;
  }

  private attach(page: Page): void {
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return;
      // Chromium's own line for a 4xx/5xx answer: recorded with its method and URL from the response instead.
      if (/^Failed to load resource: the server responded with a status of \d+/.test(message.text())) return;
      const kind = /Content Security Policy/i.test(message.text()) ? 'CSP violation' : 'console error';
      this.problems.push({ url: page.url(), kind, text: message.text() });
    });
    page.on('pageerror', (error) => this.problems.push({ url: page.url(), kind: 'page error', text: error.message }));
    page.on('response', (response) => {
      if (response.status() < 400) return;
      const request = response.request();
      this.problems.push({ url: page.url(), kind: 'HTTP error', text: `${response.status()} ${request.method()} ${request.url()}` });
    });
  }

  /**
   * Everything collected since the last call, as readable lines (empty when the pages behaved).
   * An expected error answer (a 400 for a form with mistakes) shows up as `HTTP error … 400 POST <url>`.
   */
  take(): string[] {
    return this.problems.splice(0).map((p) => `${p.kind} on ${p.url}: ${p.text}`);
  }
}

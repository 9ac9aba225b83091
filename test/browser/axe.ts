/**
 * axe-core in the page under test, limited to WCAG 2.0/2.1 A and AA, with violations printed so
 * that a failure says which rule, which element and how to fix it.
 */
import { readFileSync } from 'node:fs';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

/**
 * Runs axe on the page as it is now. Evaluated through the DevTools protocol, so the page's CSP
 * does not stop it; the caller's context uses `bypassCSP` only so that axe's own checks may run.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate<boolean>("typeof window.axe === 'object'");
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const options = { runOnly: { type: 'tag', values: WCAG_AA }, resultTypes: ['violations'] };
  const results = await page.evaluate<AxeResults>(`axe.run(document, ${JSON.stringify(options)})`);
  return results.violations.map((violation: Result) => ({
    id: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(' '),
      html: node.html,
      summary: (node.failureSummary ?? '').replace(/\s*\n\s*/g, '; '),
    })),
  }));
}

/** One readable block per violation (compared against `[]`, so a failure shows them all). */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map((v) =>
    [`${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`, ...v.nodes.map((n) => `  at ${n.target}: ${n.html}\n    ${n.summary}`)].join('\n'),
  );
}

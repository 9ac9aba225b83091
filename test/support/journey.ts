import { formFields, single, TestBrowser, type Page } from './browser';
import type { Stack } from './stack';

interface SandboxUdf {
  name: string;
  label: string;
  default?: string | null;
  oneof?: string;
  manyof?: string;
}

/** A valid value for every UDF without a default, chosen from the StackScript as the sandbox serves it. */
export async function requiredUdfValues(stack: Stack): Promise<Record<string, string | string[]>> {
  return requiredUdfValuesFrom(stack.sandbox.url);
}

/** The same, from a sandbox at `sandboxUrl` (for tests that start the app as separate processes). */
export async function requiredUdfValuesFrom(sandboxUrl: string): Promise<Record<string, string | string[]>> {
  const res = await fetch(`${sandboxUrl}/v4/linode/stackscripts/320826`);
  const script = (await res.json()) as { user_defined_fields: SandboxUdf[] };
  const values: Record<string, string | string[]> = {};
  for (const udf of script.user_defined_fields) {
    if (udf.default !== undefined && udf.default !== null) continue;
    const name = `udf_${udf.name}`;
    if (udf.oneof) values[name] = udf.oneof.split(',')[0];
    else if (udf.manyof) values[name] = [udf.manyof.split(',')[0]];
    else if (/password/i.test(udf.name)) values[name] = 'Corr3ct-Horse-Battery-Staple-42';
    else values[name] = 'example-value';
  }
  return values;
}

/** GET / and the form's current values. */
export async function openConfigure(
  browser: TestBrowser,
  stack: Stack,
): Promise<{ page: Page; fields: Record<string, string | string[]> }> {
  const page = await browser.get(`${stack.appUrl}/`);
  if (page.status !== 200) throw new Error(`configure page answered ${page.status}`);
  return { page, fields: single(formFields(page.body)) };
}

/**
 * Submits the configure form as the browser would (with its Origin). A valid one is followed
 * (303) to the sign-in start, whose answer is returned: a 302 to Linode's authorize URL.
 */
export async function submitConfigure(
  browser: TestBrowser,
  stack: Stack,
  overrides: Record<string, string | string[]> = {},
): Promise<Page> {
  const { fields } = await openConfigure(browser, stack);
  const form = { ...fields, ...(await requiredUdfValues(stack)), ...overrides };
  return followToSignIn(browser, await browser.post(`${stack.appUrl}/`, form, { origin: stack.appUrl }));
}

/** The configure form's answer, followed to the sign-in start when it is the 303 there. */
export async function followToSignIn(browser: TestBrowser, submitted: Page, headers?: Record<string, string>): Promise<Page> {
  if (submitted.status !== 303 || submitted.headers.get('location') !== '/auth/linode') return submitted;
  return browser.follow(submitted, headers);
}

/** From the authorize redirect: the consent page, then the decision posted back. */
export async function consent(
  browser: TestBrowser,
  authorizeRedirect: Page,
  decide: (fields: Record<string, string | string[]>) => Record<string, string | string[]>,
): Promise<Page> {
  const consentPage = await browser.follow(authorizeRedirect);
  if (consentPage.status !== 200) throw new Error(`consent page answered ${consentPage.status}: ${consentPage.body.slice(0, 200)}`);
  const fields = single(formFields(consentPage.body));
  const action = new URL('/oauth/authorize', consentPage.url).toString();
  return browser.post(action, decide(fields));
}

export const approve = (fields: Record<string, string | string[]>) => ({ ...fields, decision: 'approve' });
export const deny = (fields: Record<string, string | string[]>) => ({ ...fields, decision: 'deny' });

/**
 * Output escaping (R11): hostile text reaches the app from its own configuration (APP_NAME), from
 * Linode's data (StackScript label, description, UDF labels, examples, defaults and choices; plan,
 * region and image labels; API error reasons), from the form (label, SSH keys, UDF values), from
 * query strings and from the OAuth callback (`error`, `error_description`). Everywhere it must be
 * shown as text: escaped, never markup, never an attribute or an event handler.
 */
import type { StackScript, UserDefinedField } from '../src/sandbox/contract/linode.contract';
import { SandboxCatalog } from '../src/sandbox/api/catalog/sandbox-catalog';
import { SandboxStackScriptsService } from '../src/sandbox/api/stackscripts/sandbox-stackscripts.service';
import { TestBrowser, type Page } from './support/browser';
import { requiredUdfValues, submitConfigure } from './support/journey';
import { addFault, deploy, resetSandbox, signInUntilCallback, startSecurityStack, type SecurityStack } from './support/security-harness';

const APP_NAME = `"><script>alert('app')</script>`;
const PAYLOADS = {
  stackScriptLabel: `Demo </title><script>alert("ss-label")</script>`,
  stackScriptDescription: `<iframe src="javascript:alert('ss-desc')"></iframe>`,
  udfLabel: `<img src=x onerror=alert("udf-label")>`,
  udfExample: `"><script>alert("udf-example")</script>`,
  udfDefault: `" autofocus onfocus="alert('udf-default')`,
  udfChoice: `"><svg onload=alert('choice')>`,
  udfManyChoice: `<script>alert("manyof")</script>`,
  udfHeader: `</h3><script>alert("header")</script>`,
  typeLabel: `<script>alert("type")</script>`,
  regionLabel: `<b onmouseover=alert("region")>`,
  imageLabel: `'><script>alert("image")</script>`,
} as const;

/** What Handlebars makes of a text: the only form in which a payload may appear in a page. */
function escaped(text: string): string {
  const map: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#x27;',
    '`': '&#x60;',
    '=': '&#x3D;',
  };
  return text.replace(/[&<>"'`=]/g, (c) => map[c]);
}

/** Markup a payload could have smuggled in: any script but the two the layout loads, any handler, frame or svg. */
function injected(html: string): string[] {
  // The layout's two scripts, under their content-hashed URLs.
  const layoutScript = /^<script src="\/assets\/[A-Za-z0-9_-]{12}\/(htmx\/htmx\.min|js\/app)\.js" defer>$/;
  const problems: string[] = [];
  for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    if (/^<script\b/i.test(tag) && !layoutScript.test(tag)) problems.push(tag);
    if (/^<(iframe|svg|img|b|object|embed)\b/i.test(tag)) problems.push(tag);
    if (/\s(on[a-z]+|formaction|srcdoc)\s*=/i.test(tag)) problems.push(tag);
    if (/javascript:/i.test(tag)) problems.push(tag);
  }
  return problems;
}

function expectInert(page: Pick<Page, 'body'>, shown: string[] = []): void {
  expect(injected(page.body)).toEqual([]);
  for (const payload of shown) {
    expect(page.body).not.toContain(payload);
    expect(page.body).toContain(escaped(payload));
  }
}

function withHostileData(sandbox: SecurityStack['sandbox']): void {
  const catalog = sandbox.app.get<SandboxCatalog, { -readonly [K in keyof SandboxCatalog]: SandboxCatalog[K] }>(SandboxCatalog);
  const hostileUdfs: UserDefinedField[] = [
    { name: 'XSS_HEADER', label: PAYLOADS.udfHeader, header: 'yes', default: 'yes' },
    { name: 'XSS_TEXT', label: PAYLOADS.udfLabel, example: PAYLOADS.udfExample, default: PAYLOADS.udfDefault },
    { name: 'XSS_CHOICE', label: 'Pick one', oneof: `safe,${PAYLOADS.udfChoice}`, default: 'safe' },
    { name: 'XSS_MANY', label: 'Pick some', manyof: `plain,${PAYLOADS.udfManyChoice}`, default: 'plain' },
  ];
  // UDFs are derived from the script's tags, which cannot hold these payloads: the answers are
  // rewritten on their way out instead.
  const hostile = (script: StackScript): StackScript =>
    script.id === 320826
      ? {
          ...script,
          label: PAYLOADS.stackScriptLabel,
          description: PAYLOADS.stackScriptDescription,
          user_defined_fields: [...script.user_defined_fields, ...hostileUdfs],
        }
      : script;
  const stackScripts = sandbox.app.get(SandboxStackScriptsService);
  const plainGet = stackScripts.get.bind(stackScripts);
  stackScripts.get = (viewer, id) => hostile(plainGet(viewer, id));
  const plainStackScript = catalog.stackScript.bind(catalog);
  catalog.stackScript = (id, viewer) => {
    const script = plainStackScript(id, viewer);
    return script && hostile(script);
  };
  catalog.types = catalog.types.map((type) => ({ ...type, label: `${type.label} ${PAYLOADS.typeLabel}` }));
  catalog.regions = catalog.regions.map((region) => ({ ...region, label: `${region.label} ${PAYLOADS.regionLabel}` }));
  catalog.publicImages = catalog.publicImages.map((image) => ({ ...image, label: `${image.label} ${PAYLOADS.imageLabel}` }));
}

describe('output escaping (R11)', () => {
  let stack: SecurityStack;
  let configure: Page;

  beforeAll(async () => {
    stack = await startSecurityStack({ env: { APP_NAME }, prepareSandbox: withHostileData });
    configure = await new TestBrowser().get(`${stack.appUrl}/`);
  });
  afterAll(async () => {
    await stack.close();
  });
  beforeEach(async () => {
    await resetSandbox(stack);
  });

  it('R11: (control) the hostile data really is on the configure page', () => {
    expect(configure.status).toBe(200);
    expect(configure.body).toContain('XSS_TEXT');
    expect(configure.body).toContain(escaped(PAYLOADS.udfLabel));
  });

  it('R11: APP_NAME with markup is shown escaped in the title and header of every page', async () => {
    expectInert(configure, [APP_NAME]);
    expect(configure.body).toMatch(new RegExp(`<title>[^<]*${escaped(APP_NAME).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expectInert(await new TestBrowser().get(`${stack.appUrl}/no-such-page`), [APP_NAME]);
  });

  it.each(Object.keys(PAYLOADS) as Array<keyof typeof PAYLOADS>)('R11: Linode data (%s) is shown escaped on the configure page', (key) => {
    expectInert(configure, [PAYLOADS[key]]);
  });

  it('R11: a hostile UDF default pre-filled into value="" cannot break out of the attribute', () => {
    const input = /<input[^>]*name="udf_XSS_TEXT"[^>]*>/.exec(configure.body)?.[0];
    expect(input).toBeDefined();
    expect(input).toContain(`value="${escaped(PAYLOADS.udfDefault)}"`);
    // Outside the (escaped) value nothing of the payload remains: no extra attribute was opened.
    expect(input!.replace(/\svalue="[^"]*"/, '')).not.toMatch(/autofocus|onfocus/);
  });

  it.each([
    ['label', `"><script>alert("label")</script>`],
    ['authorized_keys', `</textarea><script>alert("keys")</script>`],
    ['udf_APP_DOMAIN', `"><img src=x onerror=alert("domain")>`],
    ['udf_XSS_TEXT', `' onmouseover='alert("udf")`],
    ['udf_XSS_CHOICE', `"><script>alert("not a choice")</script>`],
  ])('R11: a form value in %s sent back after a failed submit is escaped', async (name, payload) => {
    const page = await submitConfigure(new TestBrowser(), stack, { label: '-invalid-', [name]: payload });
    expect(page.status).toBe(400);
    expect(injected(page.body)).toEqual([]);
    expect(page.body).not.toContain(payload);
  });

  it('R11: inline validation answers with escaped text only', async () => {
    const browser = new TestBrowser();
    const payload = `<script>alert("inline")</script>`;
    for (const field of ['label', 'authorized_keys', 'udf_APP_DOMAIN', payload]) {
      const answer = await browser.post(
        `${stack.appUrl}/validate`,
        { field, [field]: payload },
        { origin: stack.appUrl, 'hx-request': 'true' },
      );
      expect(answer.status).toBeLessThan(500);
      expect(answer.body).not.toContain(payload);
      expect(injected(answer.body)).toEqual([]);
    }
  });

  it.each([
    '/?region=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&type=%3Cb%3E&image=%27%3E%3Cimg%20src=x%20onerror=alert(1)%3E',
    '/price-summary?type=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&region=%3Cimg%20src=x%3E&plans=1',
  ])('R11: query values in %s are never reflected as markup', async (path) => {
    for (const headers of [{}, { 'HX-Request': 'true' }] as Record<string, string>[]) {
      const page = await new TestBrowser().get(`${stack.appUrl}${path}`, headers);
      expect(page.status).toBeLessThan(500);
      expect(injected(page.body)).toEqual([]);
      expect(page.body).not.toContain('<script>alert(1)');
    }
  });

  it('R11: error and error_description on the callback are shown escaped (with this browser’s state and with a forged one)', async () => {
    const error = `<script>alert("error")</script>`;
    const description = `<img src=x onerror=alert("description")>`;
    const browser = new TestBrowser();
    const submitted = await submitConfigure(browser, stack);
    const state = new URL(submitted.headers.get('location')!).searchParams.get('state')!;
    for (const s of [state, 'forged-state']) {
      const url = new URL(`${stack.appUrl}/auth_callback`);
      url.searchParams.set('error', error);
      url.searchParams.set('error_description', description);
      url.searchParams.set('state', s);
      const page = await browser.get(url.toString());
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.status).toBeLessThan(600);
      expect(page.body).not.toContain(error);
      expect(page.body).not.toContain(description);
      expect(injected(page.body)).toEqual([]);
    }
  });

  it('R11: a Linode API error reason with markup is shown escaped on the failure page', async () => {
    const reason = `<script>alert("linode-reason")</script>`;
    await addFault(stack, { route: 'POST /v4/linode/instances', status: 400, reason });
    const browser = new TestBrowser();
    const { callback } = await signInUntilCallback(browser, stack);
    const page = await browser.get(callback.toString());
    expect(page.status).toBe(400);
    expectInert(page, [reason]);
  });

  it('R11: the deployment page and its status fragment show hostile option values and Linode labels escaped', async () => {
    const domain = `"><script>alert("deployed")</script>`;
    const browser = new TestBrowser();
    const udfs = await requiredUdfValues(stack);
    const path = await deploy(browser, stack, {
      ...udfs,
      udf_APP_DOMAIN: domain,
      udf_XSS_CHOICE: PAYLOADS.udfChoice,
      udf_XSS_MANY: PAYLOADS.udfManyChoice,
    });
    const page = await browser.get(`${stack.appUrl}${path}`);
    expect(page.status).toBe(200);
    expectInert(page, [domain, PAYLOADS.udfChoice, PAYLOADS.typeLabel, PAYLOADS.regionLabel, PAYLOADS.imageLabel, APP_NAME]);
    const fragment = await browser.get(`${stack.appUrl}${path}`, { 'HX-Request': 'true' });
    expect(injected(fragment.body)).toEqual([]);
  });
});

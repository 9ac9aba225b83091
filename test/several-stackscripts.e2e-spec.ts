/**
 * One install, several StackScripts (LINODE_STACKSCRIPT_IDS): a gallery on `/`, a configure page
 * per allowed StackScript under `/s/:id` with its own UDFs and deep links, a 404 page for any
 * other id, and a deployment from the second StackScript that creates its instance with that id.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { eventually, formFields, single, TestBrowser } from './support/browser';
import { approve, consent, followToSignIn, requiredUdfValues } from './support/journey';
import { useStack, type Stack } from './support/stack';

const SECOND_APP = [
  '#!/bin/bash',
  '# label: Guestbook',
  '# description: A small guestbook.',
  '# images: linode/debian12, linode/ubuntu24.04',
  '# <UDF name="GREETING" label="Greeting shown on the page" default="hello">',
  '# <UDF name="THEME" label="Colour theme" oneOf="light,dark" default="light">',
  '# <UDF name="API_TOKEN" label="Guestbook API token">',
  'echo "$GREETING" > /root/greeting.txt',
  '',
].join('\n');

interface ControlInstance {
  label: string;
  stackscript_id: number | null;
}

const dir = mkdtempSync(join(tmpdir(), 'several-stackscripts-'));
const file = join(dir, 'guestbook.sh');
writeFileSync(file, SECOND_APP);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an install offering several StackScripts', () => {
  let stack: Stack;
  let secondId: number;
  useStack(
    (started) => {
      stack = started;
      secondId = started.sandbox.stackScripts[0].id;
    },
    {
      sandbox: { stackScriptFiles: [file] },
      envFrom: (sandbox) => ({ LINODE_STACKSCRIPT_IDS: `320826,${sandbox.stackScripts[0].id}` }),
    },
  );

  it('shows a gallery of the allowed StackScripts on /, each linking to its page, with author and deployments', async () => {
    const page = await new TestBrowser().get(`${stack.appUrl}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Choose an application');
    expect(page.body).toContain('href="/s/320826"');
    expect(page.body).toContain(`href="/s/${secondId}"`);
    expect(page.body).toContain('Guestbook');
    expect(page.body).toMatch(/<dt>Author<\/dt>/);
    expect(page.body).toMatch(/<meta name="description" content="Deploy [^"]*Guestbook/);
  });

  it('renders each StackScript’s own UDFs on /s/:id, its facts, and its script escaped in a disclosure', async () => {
    const browser = new TestBrowser();
    const first = await browser.get(`${stack.appUrl}/s/320826`);
    const second = await browser.get(`${stack.appUrl}/s/${secondId}`);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toContain('Greeting shown on the page');
    expect(first.body).not.toContain('Greeting shown on the page');
    expect(Object.keys(formFields(second.body)).filter((name) => name.startsWith('udf_'))).toEqual(
      expect.arrayContaining(['udf_GREETING', 'udf_THEME', 'udf_API_TOKEN']),
    );
    // The form, its live checks and its price updates stay on this StackScript.
    expect(second.body).toContain(`action="/s/${secondId}"`);
    expect(second.body).toContain(`hx-post="/s/${secondId}/validate"`);
    expect(second.body).toContain(`hx-get="/s/${secondId}/price-summary"`);
    expect(second.body).toContain('<summary>View the script</summary>');
    expect(second.body).toContain('echo &quot;$GREETING&quot; &gt; /root/greeting.txt');
    expect(second.body).toMatch(/<dt>Deployments<\/dt><dd>\d/);
  });

  it('preselects listed choices from a deep link, UDF choices included, but never free text or a secret', async () => {
    const page = await new TestBrowser().get(
      `${stack.appUrl}/s/${secondId}?region=eu-west&image=linode/ubuntu24.04&udf_GREETING=Welcome&udf_THEME=dark&udf_API_TOKEN=leaked`,
    );
    const fields = single(formFields(page.body));
    expect(fields).toMatchObject({ region: 'eu-west', image: 'linode/ubuntu24.04', udf_GREETING: 'hello', udf_THEME: 'dark' });
    expect(page.body).not.toContain('Welcome');
    expect(page.body).not.toContain('leaked');
  });

  it('answers a 404 page for a StackScript that is not allowed, or not an id', async () => {
    const browser = new TestBrowser();
    for (const path of ['/s/320827', '/s/999999', '/s/abc', '/s/0320826', '/s/1e3', '/s/320827/price-summary']) {
      const page = await browser.get(`${stack.appUrl}${path}`);
      expect({ path, status: page.status }).toEqual({ path, status: 404 });
      expect(page.body).toContain('This application is not offered here');
    }
    const sandboxInstances = (await (await fetch(`${stack.sandbox.url}/__sandbox/instances`)).json()) as unknown[];
    expect(sandboxInstances).toHaveLength(0);
  });

  it('deploys the second StackScript: the instance is created with its id, label and options', async () => {
    const browser = new TestBrowser();
    const page = await browser.get(`${stack.appUrl}/s/${secondId}`);
    const fields = { ...single(formFields(page.body)), udf_GREETING: 'Bonjour', udf_API_TOKEN: 'tok-0123456789' };
    const submitted = await followToSignIn(browser, await browser.post(`${stack.appUrl}/s/${secondId}`, fields, { origin: stack.appUrl }));
    expect(submitted.status).toBe(302);
    const callback = await browser.follow(await consent(browser, submitted, approve));
    expect(callback.status).toBe(303);
    const deploymentPath = callback.headers.get('location')!;

    const instances = (await (await fetch(`${stack.sandbox.url}/__sandbox/instances`)).json()) as ControlInstance[];
    expect(instances).toHaveLength(1);
    expect(instances[0].stackscript_id).toBe(secondId);
    expect(instances[0].label).toMatch(/^guestbook-[0-9a-f]{6}$/);

    const deployment = await browser.get(`${stack.appUrl}${deploymentPath}`);
    expect(deployment.body).toContain(`Guestbook <span class="muted">(StackScript #${secondId})</span>`);
    expect(deployment.body).toContain('Bonjour');
    expect(deployment.body).not.toContain('tok-0123456789');
    await eventually(async () => {
      const fragment = await browser.get(`${stack.appUrl}${deploymentPath}`, { 'HX-Request': 'true' });
      return fragment.status === 286 ? fragment : undefined;
    });
  });

  it('still deploys the default StackScript through POST /', async () => {
    const browser = new TestBrowser();
    const page = await browser.get(`${stack.appUrl}/s/320826`);
    const fields = { ...single(formFields(page.body)), ...(await requiredUdfValues(stack)) };
    const submitted = await followToSignIn(browser, await browser.post(`${stack.appUrl}/`, fields, { origin: stack.appUrl }));
    expect(submitted.status).toBe(302);
    const callback = await browser.follow(await consent(browser, submitted, approve));
    expect(callback.status).toBe(303);
    const instances = (await (await fetch(`${stack.sandbox.url}/__sandbox/instances`)).json()) as ControlInstance[];
    expect(instances.map((instance) => instance.stackscript_id)).toEqual([320826]);
  });

  it('serves /badge.svg: well-formed SVG with a title, announced as one image', async () => {
    const res = await fetch(`${stack.appUrl}/badge.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expect(XMLValidator.validate(svg)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(svg) as {
      svg: { title: { '#text': string }; '@_role': string; '@_xmlns': string };
    };
    expect(parsed.svg['@_xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(parsed.svg['@_role']).toBe('img');
    expect(parsed.svg.title['#text']).toBe('Deploy on Linode');
  });

  it('gives app authors a button page per StackScript with copy-ready Markdown and HTML and a live preview', async () => {
    const page = await new TestBrowser().get(`${stack.appUrl}/s/${secondId}/button`);
    expect(page.status).toBe(200);
    const deployUrl = `${stack.appUrl}/s/${secondId}`;
    expect(page.body).toContain(`[![Deploy on Linode](${stack.appUrl}/badge.svg)](${deployUrl})`);
    expect(page.body).toContain(`&lt;a href&#x3D;&quot;${deployUrl}&quot;&gt;&lt;img src&#x3D;&quot;${stack.appUrl}/badge.svg&quot;`);
    expect(page.body).toContain(`<a href="${deployUrl}"><img src="/badge.svg" alt="Deploy on Linode"`);
    expect((await new TestBrowser().get(`${stack.appUrl}/s/320827/button`)).status).toBe(404);
    // Each configure page points its author to the button page.
    expect((await new TestBrowser().get(deployUrl)).body).toContain(`href="/s/${secondId}/button"`);
  });

  it('links static files under content-hashed URLs cached for a year, immutable', async () => {
    const page = await new TestBrowser().get(`${stack.appUrl}/s/${secondId}`);
    const urls = [...page.body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
    expect(urls).toHaveLength(3);
    for (const url of urls) {
      const res = await fetch(`${stack.appUrl}${url}`);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const css = urls.find((url) => url.endsWith('/css/app.css'))!;
    const stale = css.replace(/\/assets\/[^/]+\//, '/assets/AAAAAAAAAAAA/');
    expect((await fetch(`${stack.appUrl}${stale}`)).status).toBe(404);
  });
});

/**
 * What a deploy link can set, and where secrets go. A link may pick the region and a UDF's listed
 * choices, never free text (an SSH key, an email) and never a secret. Secrets are found by name or
 * by label, rendered as password inputs, and never shown again: not on the deployment page, not at
 * "Try again", not in the logs.
 */
import fs from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formFields, single, TestBrowser, type Page } from './support/browser';
import { approve, consent } from './support/journey';
import { addFault } from './support/security-harness';
import { useStack, type Stack } from './support/stack';

const LINK_TEST_APP = [
  '#!/bin/bash',
  '# label: Link test app',
  '# images: linode/debian12, linode/ubuntu24.04',
  '# <UDF name="pubkey" label="The SSH public key that will be used to access the Linode">',
  '# <UDF name="admin_email" label="Admin email address">',
  '# <UDF name="db_pass" label="Database password">',
  '# <UDF name="ADMIN_PW" label="Administrator">',
  '# <UDF name="flavour" label="Flavour" oneof="vanilla,chocolate,lemon" default="vanilla">',
  'echo ok',
  '',
].join('\n');

const ATTACKER_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAttackerKeyAttackerKeyAttackerKey0001 attacker@evil';
const DB_PASS = 'Victim-DbPass-123!';
const ADMIN_PW = 'Victim-AdminPw-456!';

/**
 * Everything the app writes while it runs — pino's lines (to fd 1, synchronous or not), Nest's
 * console logger and console.* — captured for the whole suite.
 */
function captureOutput(): { text(): string; stop(): void } {
  const chunks: string[] = [];
  const keep = (chunk: unknown) =>
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
  const size = (buffer: unknown) => (typeof buffer === 'string' ? Buffer.byteLength(buffer) : Buffer.isBuffer(buffer) ? buffer.length : 0);
  const spies = [
    jest.spyOn(fs, 'writeSync').mockImplementation((fd: number, buffer: unknown) => {
      if (fd !== 1 && fd !== 2) throw new Error(`unexpected writeSync to fd ${fd}`);
      keep(buffer);
      return size(buffer);
    }),
    jest.spyOn(fs, 'write').mockImplementation((fd: number, buffer: unknown, ...rest: unknown[]) => {
      if (fd !== 1 && fd !== 2) throw new Error(`unexpected write to fd ${fd}`);
      keep(buffer);
      const done = rest[rest.length - 1];
      if (typeof done === 'function') process.nextTick(done, null, size(buffer));
    }),
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (keep(chunk), true)),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (keep(chunk), true)),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void keep(`${args.map(String).join(' ')}\n`)),
    ),
  ];
  return { text: () => chunks.join(''), stop: () => spies.forEach((spy) => spy.mockRestore()) };
}

const dir = mkdtempSync(join(tmpdir(), 'deep-link-secrets-'));
const file = join(dir, 'link-test.sh');
writeFileSync(file, LINK_TEST_APP);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const output = captureOutput();
afterAll(() => output.stop());

describe('deep links and secret options', () => {
  let stack: Stack;
  useStack((started) => (stack = started), {
    sandbox: { stackScriptFiles: [file] },
    env: { LOG_LEVEL: 'debug' },
    envFrom: (sandbox) => ({ LINODE_STACKSCRIPT_ID: String(sandbox.stackScripts[0].id) }),
  });

  /** The configure form, filled with every option, posted, and followed to Linode's consent and back. */
  async function signIn(browser: TestBrowser): Promise<Page> {
    const page = await browser.get(`${stack.appUrl}/`);
    const form = {
      ...single(formFields(page.body)),
      udf_pubkey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOwnerKeyOwnerKeyOwnerKeyOwnerKeyOwn0002 me@laptop',
      udf_admin_email: 'me@example.com',
      udf_db_pass: DB_PASS,
      udf_ADMIN_PW: ADMIN_PW,
      udf_flavour: 'lemon',
    };
    let answer = await browser.post(`${stack.appUrl}/`, form, { origin: stack.appUrl });
    // The app may hop through its own sign-in start before sending the browser to Linode.
    while ([302, 303].includes(answer.status) && new URL(answer.headers.get('location')!, answer.url).origin === stack.appUrl) {
      answer = await browser.follow(answer);
    }
    expect(answer.status).toBe(302);
    return browser.follow(await consent(browser, answer, approve));
  }

  it('a link that sets every option fills only the listed choice and the region', async () => {
    const link = new URLSearchParams({
      region: 'eu-west',
      udf_pubkey: ATTACKER_KEY,
      udf_admin_email: 'attacker@evil.example',
      udf_db_pass: 'Link-DbPass-789',
      udf_ADMIN_PW: 'Link-AdminPw-012',
      udf_flavour: 'chocolate',
    });
    const page = await new TestBrowser().get(`${stack.appUrl}/?${link.toString()}`);
    expect(page.status).toBe(200);
    expect(single(formFields(page.body))).toMatchObject({
      region: 'eu-west',
      udf_flavour: 'chocolate',
      udf_pubkey: '',
      udf_admin_email: '',
      udf_db_pass: '',
      udf_ADMIN_PW: '',
    });
    for (const planted of ['AttackerKey', 'attacker@evil.example', 'Link-DbPass-789', 'Link-AdminPw-012']) {
      expect(page.body).not.toContain(planted);
    }
  });

  it('renders a secret found by its label (db_pass, "Database password") or its name (ADMIN_PW) as a password input', async () => {
    const page = await new TestBrowser().get(`${stack.appUrl}/`);
    for (const id of ['udf-db_pass', 'udf-ADMIN_PW']) {
      expect(page.body).toMatch(new RegExp(`<input type="password" id="${id}"[^>]*autocomplete="new-password"`));
      expect(page.body).toContain(`data-password-generate="${id}"`);
      expect(page.body).toContain(`data-password-toggle="${id}"`);
    }
    expect(page.body).toMatch(/<input type="text" id="udf-pubkey"/);
    expect(page.body).toMatch(/<input type="text" id="udf-admin_email"/);
  });

  it('never shows the secrets on the deployment page', async () => {
    const browser = new TestBrowser();
    const callback = await signIn(browser);
    expect(callback.status).toBe(303);
    const deployment = await browser.get(new URL(callback.headers.get('location')!, callback.url).toString());
    expect(deployment.status).toBe(200);
    expect(deployment.body).toContain('me@example.com');
    expect(deployment.body).toContain('lemon');
    expect(deployment.body).not.toContain(DB_PASS);
    expect(deployment.body).not.toContain(ADMIN_PW);
    expect(deployment.body).not.toContain('Database password');
  });

  it('never keeps the secrets for "Try again" after Linode refuses the create', async () => {
    await addFault(stack, { route: 'POST /v4/linode/instances', status: 400, reason: 'Region is at capacity', field: 'region', count: 1 });
    const browser = new TestBrowser();
    const refusal = await signIn(browser);
    expect(refusal.status).toBe(400);
    const href = /href="(\/again\/[A-Za-z0-9_-]{22})"/.exec(refusal.body)?.[1];
    expect(href).toBeDefined();
    const again = await browser.get(`${stack.appUrl}${href}`);
    expect(again.status).toBe(400);
    expect(single(formFields(again.body))).toMatchObject({
      udf_admin_email: 'me@example.com',
      udf_db_pass: '',
      udf_ADMIN_PW: '',
      udf_flavour: 'lemon',
    });
    for (const body of [refusal.body, again.body]) {
      expect(body).not.toContain(DB_PASS);
      expect(body).not.toContain(ADMIN_PW);
    }
    expect(again.body).toMatch(/id="udf-db_pass-error"[^>]*>Enter this password again/);
  });

  it('never writes the secrets to the logs', () => {
    const logs = output.text();
    expect(logs).toContain('POST'); // (control) requests were logged
    expect(logs).not.toContain(DB_PASS);
    expect(logs).not.toContain(ADMIN_PW);
  });
});

/**
 * A developer's own StackScript, end to end with the built programs: `npm run sandbox` with
 * `SANDBOX_STACKSCRIPTS=./my-app.sh` prints the new StackScript's id, and the app, given
 * `LINODE_STACKSCRIPT_ID=<that id>`, deploys it through the whole journey. In sandbox mode the
 * app refuses to start with an id the sandbox does not have.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../src/app.setup';
import { loadAppConfig } from '../src/config/load-app-config';
import { eventually, formFields, single, TestBrowser } from './support/browser';
import { approve, consent, followToSignIn } from './support/journey';
import { buildIfNeeded } from './support/reliability-app-process';
import { freePort } from './support/stack';

const ROOT = join(__dirname, '..');
const MY_APP = [
  '#!/bin/bash',
  '# label: My own app',
  '# images: linode/debian12, linode/ubuntu24.04',
  '# <UDF name="GREETING" label="Greeting shown on the page" default="hello">',
  'echo "$GREETING" > /root/greeting.txt',
  '',
].join('\n');

interface Program {
  child: ChildProcess;
  output(): string;
}

/** A built program (`node dist/…`) with only the given environment. */
function run(script: string, env: Record<string, string>): Program {
  const child = spawn(process.execPath, [join(ROOT, 'dist', script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return { child, output: () => output };
}

function exitOf(program: Program): Promise<number | null> {
  if (program.child.exitCode !== null) return Promise.resolve(program.child.exitCode);
  return new Promise((resolve) => program.child.once('exit', (code) => resolve(code)));
}

async function stop(program: Program | undefined): Promise<void> {
  if (!program || program.child.exitCode !== null) return;
  program.child.kill('SIGTERM');
  await exitOf(program);
}

let dir: string;

beforeAll(() => {
  buildIfNeeded();
  dir = mkdtempSync(join(tmpdir(), 'own-stackscript-'));
  writeFileSync(join(dir, 'my-app.sh'), MY_APP);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run sandbox with SANDBOX_STACKSCRIPTS, and the app deploying that StackScript', () => {
  let sandbox: Program | undefined;
  let app: NestExpressApplication | undefined;

  afterAll(async () => {
    await app?.close();
    await stop(sandbox);
  });

  it('prints the new id, and the app walks the journey to a running server with it', async () => {
    const appPort = await freePort();
    const sandboxPort = await freePort();
    const appUrl = `http://localhost:${appPort}`;
    sandbox = run('sandbox/main.js', {
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_STACKSCRIPTS: join(dir, 'my-app.sh'),
      SANDBOX_REDIRECT_URI: `${appUrl}/auth_callback`,
      SANDBOX_BOOT_MS: '400',
    });
    const line = await eventually(
      async () => /registered StackScript (\d+): "My own app" from .*my-app\.sh/.exec(sandbox!.output()) ?? undefined,
      {
        timeoutMs: 20_000,
      },
    ).catch(() => {
      throw new Error(`the sandbox did not print a registered StackScript:\n${sandbox!.output()}`);
    });
    const id = line[1];
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;

    const config = loadAppConfig({
      NODE_ENV: 'test',
      PORT: String(appPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: appUrl,
      LINODE_CLIENT_ID: 'sandbox-client-id',
      LINODE_CLIENT_SECRET: 'sandbox-client-secret',
      LINODE_LOGIN_URL: sandboxUrl,
      LINODE_API_URL: `${sandboxUrl}/v4`,
      LINODE_STACKSCRIPT_ID: id,
      SESSION_SECRET: 'e2e-session-secret-0123456789abcdef0123456789',
      LOG_LEVEL: 'silent',
    });
    app = await createApp(config);
    await app.listen(appPort, '127.0.0.1');

    const browser = new TestBrowser();
    const configure = await browser.get(`${appUrl}/`);
    expect(configure.status).toBe(200);
    expect(configure.body).toContain('My own app');
    expect(configure.body).toContain('Greeting shown on the page');
    const fields = single(formFields(configure.body));
    expect(fields.image).toBe('linode/debian12');
    const submitted = await followToSignIn(browser, await browser.post(`${appUrl}/`, fields, { origin: appUrl }));
    expect(submitted.status).toBe(302);

    const consented = await consent(browser, submitted, approve);
    const callback = await browser.follow(consented);
    expect(callback.status).toBe(303);
    const deploymentPath = callback.headers.get('location')!;
    const final = await eventually(async () => {
      const fragment = await browser.get(`${appUrl}${deploymentPath}`, { 'HX-Request': 'true' });
      return fragment.status === 286 ? fragment : undefined;
    });
    expect(final.body).toContain('Your server is running');

    const instances = (await (await fetch(`${sandboxUrl}/__sandbox/instances`)).json()) as Array<{ image: string }>;
    expect(instances).toHaveLength(1);
    expect(instances[0].image).toBe('linode/debian12');
  }, 60_000);
});

describe('sandbox mode (npm start without LINODE_CLIENT_ID)', () => {
  it('refuses to start with a LINODE_STACKSCRIPT_ID the sandbox does not have, saying so', async () => {
    const program = run('main.js', {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      SANDBOX_PORT: String(await freePort()),
      LINODE_STACKSCRIPT_ID: '999999',
      LOG_LEVEL: 'silent',
    });
    try {
      expect(await exitOf(program)).toBe(1);
      expect(program.output()).toContain('LINODE_STACKSCRIPT_ID=999999 is not a public StackScript of the sandbox');
    } finally {
      await stop(program);
    }
  }, 30_000);

  it('starts with a StackScript registered from SANDBOX_STACKSCRIPTS', async () => {
    const port = await freePort();
    const program = run('main.js', {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://localhost:${port}`,
      SANDBOX_PORT: String(await freePort()),
      SANDBOX_STACKSCRIPTS: join(dir, 'my-app.sh'),
      LINODE_STACKSCRIPT_ID: '1200001',
      LOG_LEVEL: 'silent',
    });
    try {
      await eventually(async () => (program.output().includes('install-on-linode is ready at') ? true : undefined), {
        timeoutMs: 20_000,
      }).catch(() => {
        throw new Error(`the app did not start:\n${program.output()}`);
      });
      expect(program.output()).toContain('Sandbox: registered StackScript 1200001 "My own app"');
      const page = await new TestBrowser().get(`http://localhost:${port}/`);
      expect(page.body).toContain('My own app');
    } finally {
      await stop(program);
    }
  }, 30_000);
});

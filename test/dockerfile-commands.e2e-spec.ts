/**
 * Runs the commands the Dockerfile runs, outside a container (no Docker engine here): the build
 * stage's build command in a copy of the build context, then the runtime stage's CMD with its ENV,
 * and checks the result answers /healthz and serves the configure page (sandbox mode, no config).
 * scripts/container-smoke.sh builds the real image; this keeps the commands honest on every test run.
 *
 * Two steps are not re-run here, on purpose: `npm ci` (the README's own test command runs it on a
 * clean clone) and `npm prune --omit=dev` (it would delete the dev dependencies this very test
 * runner uses); node_modules is linked from the checkout instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from './support/browser';
import { envPairs, parseDockerfile } from './support/dockerfile';
import { freePort } from './support/stack';

const repoRoot = resolve(__dirname, '..');
const stages = parseDockerfile(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'));
const build = stages[0];
const runtime = stages[stages.length - 1];

/** The shell commands of the build stage's RUN instructions, split on `&&`. */
const buildCommands = build.instructions
  .filter((i) => i.keyword === 'RUN')
  .flatMap((i) => i.args.split('&&').map((c) => c.trim()))
  .filter(Boolean);
const skipped = (command: string) => /^npm (ci|prune)\b/.test(command);

/** The files the build context sends (the .dockerignore allow-list), without unit specs. */
const CONTEXT = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'src', 'views', 'public'];

describe('the Dockerfile’s build and start commands', () => {
  let workdir: string;
  let app: ChildProcess | undefined;
  let output = '';

  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), 'iol-docker-'));
    for (const entry of CONTEXT) {
      cpSync(join(repoRoot, entry), join(workdir, entry), { recursive: true, filter: (src) => !src.endsWith('.spec.ts') });
    }
    symlinkSync(join(repoRoot, 'node_modules'), join(workdir, 'node_modules'), 'dir');
  });

  afterAll(() => {
    if (app && app.exitCode === null) app.kill('SIGKILL');
    rmSync(workdir, { recursive: true, force: true });
  });

  it('has the commands this test knows how to run', () => {
    expect(buildCommands).toEqual(expect.arrayContaining(['npm ci --no-audit --no-fund', 'npm run build']));
    const cmd = runtime.instructions.find((i) => i.keyword === 'CMD')!;
    expect(JSON.parse(cmd.args)).toEqual(['node', '--max-semi-space-size=16', '--no-allocation-site-pretenuring', 'dist/main.js']);
  });

  it('builds with the build stage’s command', () => {
    for (const command of buildCommands.filter((c) => !skipped(c))) {
      const result = spawnSync('sh', ['-c', command], { cwd: workdir, encoding: 'utf8', timeout: 180_000 });
      expect({ command, status: result.status, stderr: result.stderr.slice(-2000) }).toMatchObject({ command, status: 0 });
    }
    expect(() => readFileSync(join(workdir, 'dist', 'main.js'))).not.toThrow();
  }, 200_000);

  it('starts with the runtime stage’s CMD and ENV, answers /healthz and serves the configure page, and stops cleanly', async () => {
    const env = Object.assign({}, ...runtime.instructions.filter((i) => i.keyword === 'ENV').map((i) => envPairs(i.args))) as Record<
      string,
      string
    >;
    expect(env).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', PORT: '5000' });
    const port = await freePort();
    const sandboxPort = await freePort();
    const [command, ...args] = JSON.parse(runtime.instructions.find((i) => i.keyword === 'CMD')!.args) as string[];
    app = spawn(command === 'node' ? process.execPath : command, args, {
      cwd: workdir,
      // Loopback only in tests; everything else exactly as the image sets it.
      env: {
        PATH: process.env.PATH,
        ...env,
        HOST: '127.0.0.1',
        PORT: String(port),
        SANDBOX_PORT: String(sandboxPort),
        PUBLIC_URL: `http://localhost:${port}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout!.on('data', (chunk) => (output += chunk));
    app.stderr!.on('data', (chunk) => (output += chunk));

    const health = await eventually(
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        return res?.status === 200 ? res : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(health.status).toBe(200);
    const page = await fetch(`http://localhost:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form');
    expect(output).toContain('no real Linode account is used');

    const exited = new Promise<number | null>((resolveExit) => app!.once('exit', (code) => resolveExit(code)));
    app.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});

/**
 * `npm start`'s launcher (scripts/start.js): reads `.env` from the working directory when there is
 * one, lets variables already in the environment win, and starts the built app.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfNeeded } from './support/reliability-app-process';
import { freePort } from './support/stack';

const LAUNCHER = join(__dirname, '..', 'scripts', 'start.js');

/** Starts the launcher in `cwd` and resolves with its output once the app says it is ready. */
function startUntilReady(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER], { cwd, env: { PATH: process.env.PATH, ...env }, stdio: 'pipe' });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready in time:\n${output}`));
    }, 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is ready at')) {
        clearTimeout(timer);
        child.once('exit', () => resolve(output));
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!output.includes('is ready at')) reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

describe('npm start (scripts/start.js)', () => {
  let dir: string;

  beforeAll(() => buildIfNeeded());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads .env from the working directory, and the environment wins over it', async () => {
    const port = await freePort();
    const sandboxPort = await freePort();
    writeFileSync(join(dir, '.env'), `APP_NAME=from-dotenv\nLOG_LEVEL=silent\nPORT=${port}\nPUBLIC_URL=http://localhost:1\n`);
    const output = await startUntilReady(dir, {
      PUBLIC_URL: `http://localhost:${port}`,
      SANDBOX_PORT: String(sandboxPort),
    });
    expect(output).toContain(`install-on-linode is ready at http://localhost:${port}`);
    expect(output).toContain('app "from-dotenv"');
  });

  it('starts without a .env file', async () => {
    const port = await freePort();
    const output = await startUntilReady(dir, {
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      SANDBOX_PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
    });
    expect(output).toContain('app "my-application"');
  });
});

/**
 * The built app (`node dist/main.js`, or the same app without its catalog load at start-up) as a
 * separate process, as production runs it: started with an explicit environment, ready once it
 * says so, stopped gracefully or killed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Builds dist/ when it is missing or older than src/ (what `npm start` does). */
export function buildIfNeeded(): void {
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-needed.js')], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `npm start's build failed, so dist/main.js cannot be tested:\n${String(stdout ?? '')}${String(stderr ?? '')}`.slice(0, 8000),
    );
  }
}

export interface AppProcess {
  name: string;
  port: number;
  /** What the process printed (last 8 KB), for failure messages. */
  output(): string;
  /** SIGTERM: the app drains and exits; resolves with its exit code (null when a signal ended it). */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash, nothing runs on the way out. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The production entry point. */
export const MAIN_SCRIPT = join(ROOT, 'dist', 'main.js');
/** The same app without the catalog load at start-up, for tests that need a cold catalog. */
export const WITHOUT_CATALOG_WARM_UP = join(__dirname, 'reliability-app-without-warm-up.js');

export async function startAppProcess(
  name: string,
  port: number,
  env: Record<string, string>,
  timeoutMs = 30_000,
  script = MAIN_SCRIPT,
  nodeArgs: readonly string[] = [],
): Promise<AppProcess> {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    // Only what is given: nothing of the test runner's environment leaks into the app's config.
    // Loopback unless a test asks for the container's all-interfaces address explicitly.
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: env.HOST ?? '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`app ${name} was not ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      if (!output.includes('install-on-linode is ready at')) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`app ${name} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });

  return {
    name,
    port,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

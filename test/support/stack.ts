import type { NestExpressApplication } from '@nestjs/platform-express';
import { createServer } from 'node:net';
import { createApp } from '../../src/app.setup';
import type { AppConfig } from '../../src/config/app-config';
import { loadAppConfig } from '../../src/config/load-app-config';
import type { SandboxOptions } from '../../src/sandbox/sandbox.options';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox';

/**
 * A port for a server a test starts later (when its number must be known first, e.g. for
 * PUBLIC_URL). Not from the kernel's ephemeral range (where `listen(0)` and every outgoing
 * connection draw from, so another test could take it before we listen), but from a block of
 * 20000–31999 of this Jest worker's own, checked to be free now.
 */
const PORT_BLOCK = 500;
// Each test file loads this module afresh, but fetch's connection pool lives as long as the worker:
// starting every file at offset 0 would give the next file the port of the previous file's app,
// and fetch could reuse a kept-alive socket that app closed ("other side closed"). Start each file
// somewhere else in the block.
let nextOffset = Math.floor(Math.random() * (PORT_BLOCK - 50));
export async function freePort(): Promise<number> {
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const base = 20_000 + ((worker - 1) % 24) * PORT_BLOCK + ((process.pid * 7) % 50);
  for (let tries = 0; tries < PORT_BLOCK; tries++) {
    const port = base + (nextOffset++ % (PORT_BLOCK - 50));
    if (await canListen(port)) return port;
  }
  throw new Error('no free port in this worker’s block');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Every per-IP limit off (0). */
export const NO_RATE_LIMITS = { RATE_LIMIT_SIGN_IN: '0', RATE_LIMIT_VALIDATE: '0', RATE_LIMIT_CALLBACK: '0', RATE_LIMIT_DELETE: '0' };

/**
 * The app's environment in a stack: real mode against `sandbox`, public at `appUrl`
 * (`http://localhost:<port>`). Also for suites that start the built app as a process of its own.
 */
export function stackAppEnv(appUrl: string, sandbox: RunningSandbox): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: new URL(appUrl).port,
    HOST: '127.0.0.1',
    PUBLIC_URL: appUrl,
    LINODE_CLIENT_ID: sandbox.options.clientId,
    LINODE_CLIENT_SECRET: sandbox.options.clientSecret,
    LINODE_LOGIN_URL: sandbox.url,
    LINODE_API_URL: `${sandbox.url}/v4`,
    LINODE_STACKSCRIPT_ID: '320826',
    SESSION_SECRET: 'e2e-session-secret-0123456789abcdef0123456789',
    LOG_LEVEL: 'silent',
    // These suites run many sign-ins from 127.0.0.1; the abuse limits have their own suite
    // (security-rate-limit.e2e-spec.ts), which sets them low.
    ...NO_RATE_LIMITS,
  };
}

export interface Stack {
  app: NestExpressApplication;
  config: AppConfig;
  sandbox: RunningSandbox;
  /** The app's public origin, e.g. http://localhost:40123 */
  appUrl: string;
  close(): Promise<void>;
}

/**
 * The real app wiring against a real sandbox, both on free loopback ports. The app runs in *real*
 * mode (client id/secret and URLs pointed at the sandbox), so it has no sandbox-only code path.
 */
export async function startStack(
  options: {
    sandbox?: Partial<SandboxOptions>;
    env?: NodeJS.ProcessEnv;
    /** More environment once the sandbox runs (e.g. the ids of the StackScripts it registered). */
    envFrom?: (sandbox: RunningSandbox) => NodeJS.ProcessEnv;
  } = {},
): Promise<Stack> {
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const sandbox = await startSandbox({ port: 0, bootMs: 600, redirectUri: `${appUrl}/auth_callback`, ...options.sandbox });
  const config = loadAppConfig({ ...stackAppEnv(appUrl, sandbox), ...options.env, ...options.envFrom?.(sandbox) });
  return serveStack(config, sandbox, port, appUrl);
}

/** The app with this config listening on loopback beside its sandbox; closing stops both. */
export async function serveStack(config: AppConfig, sandbox: RunningSandbox, port: number, appUrl: string): Promise<Stack> {
  const app = await createApp(config);
  await app.listen(port, '127.0.0.1');
  return {
    app,
    config,
    sandbox,
    appUrl,
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}

/**
 * The e2e stack fixture: one stack for the describe block it is called in, started before its
 * tests and closed after them, with the sandbox reset before each test. `use` receives it.
 */
export function useStack(use: (stack: Stack) => void, options: Parameters<typeof startStack>[0] = {}): void {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
    use(stack);
  });
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(async () => {
    if (stack) await fetch(`${stack.sandbox.url}/__sandbox/reset`, { method: 'POST' });
  });
}

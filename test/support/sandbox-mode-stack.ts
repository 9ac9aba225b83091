import { loadAppConfig } from '../../src/config/load-app-config';
import type { SandboxOptions } from '../../src/sandbox/sandbox.options';
import { startSandbox } from '../../src/sandbox/start-sandbox';
import { freePort, NO_RATE_LIMITS, serveStack, type Stack } from './stack';

/**
 * The app in sandbox mode (no LINODE_CLIENT_ID), as `npm start` runs it: the sandbox on
 * SANDBOX_PORT, sign-in through the app's own origin. Its consent page approves at once.
 */
export async function startSandboxModeStack(options: { sandbox?: Partial<SandboxOptions>; env?: NodeJS.ProcessEnv } = {}): Promise<Stack> {
  const port = await freePort();
  const sandboxPort = await freePort();
  const appUrl = `http://localhost:${port}`;
  const sandbox = await startSandbox({
    port: sandboxPort,
    bootMs: 600,
    autoApprove: 'sandbox-user',
    redirectUri: `${appUrl}/auth_callback`,
    ...options.sandbox,
  });
  const config = loadAppConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: appUrl,
    SANDBOX_PORT: String(sandboxPort),
    LOG_LEVEL: 'silent',
    ...NO_RATE_LIMITS,
    ...options.env,
  });
  return serveStack(config, sandbox, port, appUrl);
}

import type { NestExpressApplication } from '@nestjs/platform-express';
import { createServer } from 'node:net';
import { createApp } from '../../src/app.setup';
import type { AppConfig } from '../../src/config/app-config';
import { loadAppConfig } from '../../src/config/load-app-config';
import type { SandboxOptions } from '../../src/sandbox/sandbox.options';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
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
  options: { sandbox?: Partial<SandboxOptions>; env?: NodeJS.ProcessEnv } = {},
): Promise<Stack> {
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const sandbox = await startSandbox({ port: 0, bootMs: 600, redirectUri: `${appUrl}/auth_callback`, ...options.sandbox });
  const config = loadAppConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: appUrl,
    LINODE_CLIENT_ID: sandbox.options.clientId,
    LINODE_CLIENT_SECRET: sandbox.options.clientSecret,
    LINODE_LOGIN_URL: sandbox.url,
    LINODE_API_URL: `${sandbox.url}/v4`,
    LINODE_STACKSCRIPT_ID: '320826',
    SESSION_SECRET: 'e2e-session-secret-0123456789abcdef0123456789',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
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

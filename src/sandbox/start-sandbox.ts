import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { SandboxModule } from './sandbox.module';
import { SANDBOX_DEFAULTS, SandboxOptions } from './sandbox.options';

export interface RunningSandbox {
  /** Origin, e.g. `http://127.0.0.1:5001`: the login service is here, the API under `/v4`. */
  url: string;
  options: SandboxOptions;
  app: NestExpressApplication;
  close(): Promise<void>;
}

/** Starts the sandbox on its own HTTP server (its own origin, like login.linode.com). */
export async function startSandbox(overrides: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const options: SandboxOptions = { ...SANDBOX_DEFAULTS, ...overrides };
  const app = await NestFactory.create<NestExpressApplication>(SandboxModule.forRoot(options), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.set('etag', false);
  app.useBodyParser('json', { limit: '256kb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
  app.enableShutdownHooks();
  await app.listen(options.port, options.host);
  const address = app.getHttpServer().address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    options: { ...options, port: address.port },
    app,
    close: () => app.close(),
  };
}

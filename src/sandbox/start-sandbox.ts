import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { StackScript } from './contract/linode.contract';
import { withoutBetaAlias } from './api/http/api-path';
import { registerStackScriptFiles, type RegisteredStackScript } from './api/stackscripts/register-stackscript-files';
import { SandboxStackScriptsService } from './api/stackscripts/sandbox-stackscripts.service';
import { SandboxModule } from './sandbox.module';
import { SANDBOX_DEFAULTS, SandboxOptions } from './sandbox.options';

export interface RunningSandbox {
  /** Origin, e.g. `http://127.0.0.1:5001`: the login service is here, the API under `/v4`. */
  url: string;
  options: SandboxOptions;
  app: NestExpressApplication;
  /** StackScripts registered from `stackScriptFiles`, in order. */
  stackScripts: RegisteredStackScript[];
  /** A public StackScript (one anyone may deploy), or undefined. */
  publicStackScript(id: number): StackScript | undefined;
  close(): Promise<void>;
}

/** Rewritten before routing, so routes and errors treat `/v4beta` and `/v4` alike. */
function v4betaAlias(req: Request, _res: Response, next: NextFunction): void {
  req.url = withoutBetaAlias(req.url);
  next();
}

/**
 * A body the parsers could not read (malformed JSON, an unknown charset, too large) sent to the
 * login service is answered with OAuth's error JSON, like its other errors (the API's error filter
 * answers such bodies in Linode's envelope). Never a stack trace.
 */
function answerUnreadableBodies(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
  // The API's own error filter already answers these in Linode's envelope.
  if (!req.path.startsWith('/oauth/')) return next(error);
  const reason = status === 413 ? 'Request body too large' : 'The request body could not be read';
  res.status(400).json({ error: 'invalid_request', error_description: reason });
}

/** Starts the sandbox on its own HTTP server (its own origin, like login.linode.com). */
export async function startSandbox(overrides: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const options: SandboxOptions = { ...SANDBOX_DEFAULTS, ...overrides };
  const app = await NestFactory.create<NestExpressApplication>(SandboxModule.forRoot(options), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.use(v4betaAlias);
  app.set('etag', false);
  app.useBodyParser('json', { limit: '256kb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
  app.use(answerUnreadableBodies);
  const stackScripts = app.get(SandboxStackScriptsService);
  let registered: RegisteredStackScript[];
  try {
    registered = registerStackScriptFiles(stackScripts, options.stackScriptFiles);
  } catch (error) {
    await app.close();
    throw error;
  }
  await app.listen(options.port, options.host);
  const address = app.getHttpServer().address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    options: { ...options, port: address.port },
    app,
    stackScripts: registered,
    publicStackScript: (id) => stackScripts.list(null).find((stackScript) => stackScript.id === id),
    close: () => app.close(),
  };
}

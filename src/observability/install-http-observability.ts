import type { INestApplication, Type } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HttpRequestMetrics } from './http-request.metrics';
import { RequestLogger } from './request-logger';

type Handler = (req: Request, res: Response, next: NextFunction) => void;

/**
 * Mounts request logging and timing ahead of everything else (whichever of `LoggingModule` and
 * `MetricsModule` the app imports). Call it before any other `app.use`: Nest mounts module
 * middleware only at `init()`, after whatever `app.use` added before, so requests answered by
 * that earlier middleware (canonical-origin redirects, static files, CSRF refusals, oversized
 * bodies) would otherwise go unlogged and untimed. The modules' own mounts then see the request
 * already handled and step aside.
 */
export function installHttpObservability(app: INestApplication): void {
  for (const type of [RequestLogger, HttpRequestMetrics] as Type<{ handle: Handler }>[]) {
    const provider = find(app, type);
    if (provider) app.use(provider.handle);
  }
}

function find<T>(app: INestApplication, type: Type<T>): T | undefined {
  try {
    return app.get(type, { strict: false });
  } catch {
    return undefined; // that module is not imported
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
// nestjs-pino reads the logger of the request being handled from here; binding it early gives
// every log line written while handling a request (middleware included) that request's id.
import { type Store, storage } from 'nestjs-pino/storage';
import { loggableUrl } from './log-redaction';
import { requestIdFor } from './request-id';
import { ROOT_LOGGER } from './root-logger';
import { routeLabel } from './route-label';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Probes and scrapes arrive every few seconds: logged only when they fail. */
const QUIET_WHEN_OK = new Set(['/healthz', '/readyz', '/metrics']);
const MAX_USER_AGENT = 256;

const LOGGED = Symbol('request logged');
type MarkedRequest = Request & { [LOGGED]?: true };

/**
 * What nestjs-pino's `PinoLogger` reads for lines written during a request: a child logger bound
 * to the request id, made only when a line is written (most requests write none but their own).
 */
class RequestLogStore implements Store {
  private child: Logger | undefined;
  responseLogger: undefined;

  constructor(
    private readonly root: Logger,
    private readonly requestId: string,
  ) {}

  get logger(): Logger {
    return (this.child ??= this.root.child({ requestId: this.requestId }));
  }

  /** `PinoLogger.assign` narrows the request's logger further. */
  set logger(logger: Logger) {
    this.child = logger;
  }
}

/**
 * One JSON line per request when its response finishes (or the client goes away): request id,
 * method, loggable URL, templated route, status and duration. The request id is echoed in
 * `X-Request-Id`. Request headers are not logged at all, bodies neither.
 *
 * Written by hand rather than with pino-http (issue 14): pino-http made two child loggers per
 * request (their bindings censored and serialized up front) for a line written once at the end,
 * ~12 % of a page view's CPU. The line has the same fields, in the same order, through the same
 * root logger (and so the same censoring and `err` serializer).
 */
@Injectable()
export class RequestLogger {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  /** Express middleware; runs once per request however many times it is mounted. */
  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    const marked = req as MarkedRequest;
    if (marked[LOGGED]) return next();
    marked[LOGGED] = true;
    const startedAt = Date.now();
    const requestId = requestIdFor(req.headers['x-request-id']);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    let logged = false;
    const onDone = (): void => {
      if (logged) return;
      logged = true;
      res.removeListener('close', onDone);
      res.removeListener('finish', onDone);
      this.logRequest(req, res, requestId, Date.now() - startedAt);
    };
    res.on('close', onDone);
    res.on('finish', onDone);
    storage.run(new RequestLogStore(this.root, requestId), next);
  };

  private logRequest(req: Request, res: Response, requestId: string, durationMs: number): void {
    const level = res.statusCode >= 500 ? 'error' : res.statusCode < 400 && QUIET_WHEN_OK.has(pathOf(req)) ? 'silent' : 'info';
    if (level === 'silent' || !this.root.isLevelEnabled(level)) return;
    const request = {
      method: req.method,
      url: loggableUrl(req.originalUrl ?? req.url),
      remoteAddress: req.ip ?? req.socket?.remoteAddress,
      userAgent: req.headers['user-agent']?.slice(0, MAX_USER_AGENT),
    };
    const response = { statusCode: res.headersSent ? res.statusCode : null };
    const route = routeLabel(req);
    const error = (res as Response & { err?: unknown }).err;
    if (error !== undefined || res.statusCode >= 500) {
      // Only a real error (set by a handler) is worth a stack; a bare 5xx is just logged as failed.
      this.root[level](
        { requestId, req: request, res: response, durationMs, route, ...(error !== undefined ? { err: error } : {}) },
        'request failed',
      );
      return;
    }
    this.root.info(
      { requestId, req: request, res: response, durationMs, route },
      res.writableEnded ? 'request completed' : 'request aborted',
    );
  }
}

/** The path as requested; `req.path` is relative to wherever a middleware happens to be mounted. */
function pathOf(req: Request): string {
  const url = req.originalUrl ?? req.url;
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : url.slice(0, queryStart);
}

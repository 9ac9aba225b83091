import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
// nestjs-pino keeps the per-request logger here; binding it early gives every log line written
// while handling a request (middleware included) that request's id.
import { Store, storage } from 'nestjs-pino/storage';
import { censoredErr } from './log-censor';
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
 * One JSON line per request when its response finishes (or the client goes away): request id,
 * method, loggable URL, templated route, status and duration. The request id is echoed in
 * `X-Request-Id`. Request headers are not logged at all, bodies neither.
 */
@Injectable()
export class RequestLogger {
  private readonly httpLogger: HttpLogger<Request, Response>;

  constructor(@Inject(ROOT_LOGGER) root: Logger) {
    this.httpLogger = pinoHttp<Request, Response>({
      logger: root,
      genReqId: (req, res) => {
        const id = requestIdFor(req.headers['x-request-id']);
        res.setHeader(REQUEST_ID_HEADER, id);
        return id;
      },
      // Log lines written while handling a request carry just its id; the request itself is on the final line.
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
      wrapSerializers: false,
      serializers: {
        req: (req: Request) => ({
          method: req.method,
          url: loggableUrl(req.originalUrl ?? req.url),
          remoteAddress: req.ip ?? req.socket?.remoteAddress,
          userAgent: req.headers['user-agent']?.slice(0, MAX_USER_AGENT),
        }),
        res: (res: Response) => ({ statusCode: res.headersSent ? res.statusCode : null }),
        err: censoredErr,
      },
      customLogLevel: (req, res, error) => {
        if (error || res.statusCode >= 500) return 'error';
        if (res.statusCode < 400 && QUIET_WHEN_OK.has(pathOf(req))) return 'silent';
        return 'info';
      },
      customSuccessMessage: (_req, res) => (res.writableEnded ? 'request completed' : 'request aborted'),
      customSuccessObject: (req, _res, fields: object) => ({ ...fields, route: routeLabel(req) }),
      customErrorMessage: () => 'request failed',
      customErrorObject: (req, res, _error, fields: Record<string, unknown>) => {
        // pino-http invents an Error for any 5xx; only a real one (set by a handler) is worth a stack.
        const { err, ...rest } = fields;
        return { ...rest, route: routeLabel(req), ...(res.err ? { err } : {}) };
      },
    });
  }

  /** Express middleware; runs once per request however many times it is mounted. */
  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    const marked = req as MarkedRequest;
    if (marked[LOGGED]) return next();
    marked[LOGGED] = true;
    this.httpLogger(req, res);
    storage.run(new Store(req.log), next);
  };
}

/** The path as requested; `req.path` is relative to wherever a middleware happens to be mounted. */
function pathOf(req: Request): string {
  const url = req.originalUrl ?? req.url;
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : url.slice(0, queryStart);
}

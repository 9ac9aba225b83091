import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { PARAMS_PROVIDER_TOKEN, type Params } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { pinoHttp, type Options } from 'pino-http';
import { build as prettyStream } from 'pino-pretty';
import type { AppConfig, NodeEnv } from '../config/app-config';
import { assignRequestId } from './request-id';
import { routeLabel } from './route-label';

/** Names whose values never reach a log: OAuth codes and states, tokens, secrets, passwords, credential headers. */
const SECRET_NAMES = [
  'code',
  'state',
  'access_token',
  'refresh_token',
  'client_secret',
  'code_verifier',
  'password',
  'root_pass',
  'token',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'codeVerifier',
  'rootPass',
  'sessionSecret',
  'authorization',
  'cookie',
  '["set-cookie"]',
];

/** Where a request's or an error's data sits in a logged object (the serializers below keep no headers). */
const SECRET_HOLDERS = ['err', 'body', 'query', 'headers', 'credentials'];

/**
 * Each name at the top of a logged object and inside its holders. No `*.name`: pino walks a
 * wildcard on every line, at several times the line's own cost; a named holder costs only when logged.
 */
const REDACTED_PATHS = SECRET_NAMES.flatMap((name) => [
  name,
  ...SECRET_HOLDERS.map((holder) => (name.startsWith('[') ? `${holder}${name}` : `${holder}.${name}`)),
]);

/** Probes and scrapes arrive every few seconds: logged only when they fail. */
const QUIET_WHEN_OK = new Set(['/healthz', '/readyz', '/metrics']);

type ExpressRequest = IncomingMessage & { originalUrl?: string; route?: unknown };

/** A URL's path: a query string can carry anything a link or a form put there (a deploy link's options, the OAuth code). */
function pathOf(url: string): string {
  return url.split('?', 1)[0];
}

function levelFor(req: ExpressRequest, res: ServerResponse, error: Error | undefined): pino.LevelWithSilent {
  if (error !== undefined || res.statusCode >= 500) return 'error';
  if (res.statusCode < 400 && QUIET_WHEN_OK.has(pathOf(req.originalUrl ?? req.url ?? ''))) return 'silent';
  return 'info';
}

/** Readable lines for a person at a terminal outside production; JSON for collectors, pipes and containers. */
export function wantsPrettyLogs(nodeEnv: NodeEnv, stdoutIsTty: boolean): boolean {
  return stdoutIsTty && nodeEnv !== 'production';
}

/** Writes to stdout are asynchronous, so a full pipe never stops the event loop; pino flushes them on exit. */
export function stdoutDestination(nodeEnv: NodeEnv): DestinationStream {
  if (!wantsPrettyLogs(nodeEnv, process.stdout.isTTY === true)) return pino.destination({ dest: 1, sync: false });
  return prettyStream({
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,name,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    singleLine: true,
  });
}

/** nestjs-pino's settings, with the pino-http options that `requestLogger` mounts. */
interface RequestLogParams extends Params {
  pinoHttp: Options;
  useExisting: true;
}

/**
 * nestjs-pino's settings: one JSON line per request (request id, method, path, templated route,
 * status, duration), lines written while handling it tagged with its id, secrets redacted.
 * `useExisting`: LoggerModule binds the `req.log` of `requestLogger`, which runs ahead of every
 * Express middleware, instead of starting its own pino-http behind them.
 */
export function loggerParams(config: Pick<AppConfig, 'logLevel' | 'nodeEnv'>, destination?: DestinationStream): RequestLogParams {
  return {
    useExisting: true,
    pinoHttp: {
      name: 'install-on-linode',
      level: config.logLevel,
      stream: destination ?? stdoutDestination(config.nodeEnv),
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: REDACTED_PATHS,
      genReqId: assignRequestId,
      // Not quietReqLogger: it makes each request's logger a child of a child, which pino makes slowly.
      customAttributeKeys: { responseTime: 'durationMs' },
      // Ours read the two fields they keep straight from Node's objects, without pino's full copies first.
      wrapSerializers: false,
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, url: pathOf(req.url ?? '') }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: levelFor,
      customSuccessObject: (req, _res, fields: object) => ({ ...fields, route: routeLabel(req) }),
      customErrorObject: (req, _res, _error, fields: object) => ({ ...fields, route: routeLabel(req) }),
    },
  };
}

/** pino-http with LoggerModule's own options: mount it first, so every request is logged. */
export function requestLogger(app: INestApplication): RequestHandler {
  return pinoHttp(app.get<RequestLogParams>(PARAMS_PROVIDER_TOKEN).pinoHttp);
}

import pino, { type DestinationStream, type Logger } from 'pino';
import { build as prettyStream } from 'pino-pretty';
import type { LogLevel, NodeEnv } from '../config/app-config';
import { censoredErr, censorLogObject, censorSecrets } from './log-censor';

/** Injection token for the process's root pino logger (every request logger is a child of it). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Human-readable lines for a person at a terminal (stdout is a TTY, NODE_ENV is not production);
 * JSON for everything else: log collectors, pipes, files, containers.
 */
export function wantsPrettyLogs(nodeEnv: NodeEnv, stdoutIsTty: boolean): boolean {
  return stdoutIsTty && nodeEnv !== 'production';
}

/** The stream behind pretty logs: one short line per entry, synchronous like the JSON one. */
export function prettyDestination(): DestinationStream {
  return prettyStream({
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,name,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    singleLine: true,
  });
}

/**
 * One JSON object per line on stdout (or `destination`, for tests). Secret-named fields are
 * redacted wherever a logged object carries them.
 *
 * Asynchronous writes (issue 14): stdout is a non-blocking pipe under Docker, systemd or a
 * parent process, and a synchronous pino destination answers a full pipe (EAGAIN) by sleeping
 * 100 ms with the whole event loop stopped — that was the page's latency tail. Lines written
 * while a write is in flight are batched into the next one. Nothing is lost at `process.exit`:
 * pino flushes its own destinations synchronously on exit.
 */
export function createRootLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      name: 'install-on-linode',
      level,
      // Secret-named fields at any depth up to four, on every line and every child's bindings
      // (see censorSecrets for why not pino's `redact`).
      serializers: { err: censoredErr },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: censorLogObject, bindings: censorSecrets },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

import pino, { type DestinationStream, type Logger } from 'pino';
import { build as prettyStream } from 'pino-pretty';
import type { LogLevel, NodeEnv } from '../config/app-config';
import { REDACTED, redactionPaths } from './log-redaction';

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
 * One JSON object per line on stdout (or `destination`, for tests). Synchronous writes: a line
 * logged just before `process.exit` is not lost. Secret-named fields are redacted wherever a
 * logged object carries them.
 */
export function createRootLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      name: 'install-on-linode',
      level,
      redact: { paths: redactionPaths(), censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';
import { REDACTED, redactionPaths } from './log-redaction';

/** Injection token for the process's root pino logger (every request logger is a child of it). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

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

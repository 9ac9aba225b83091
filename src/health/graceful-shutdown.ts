import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface GracefulShutdownOptions {
  drainTimeoutMs?: number;
  /** For the shutdown hooks (store, timers). */
  closeTimeoutMs?: number;
  signals?: NodeJS.Signals[];
  exit?: (code: number) => void;
}

const IDLE_SWEEP_MS = 100;

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight finish (bounded), close
 * the app, exit 0 (1 when closing failed); a second signal exits at once. Nest's own
 * `enableShutdownHooks()` has no drain deadline, ignores a second signal and destroys modules first.
 */
export function installGracefulShutdown(
  app: INestApplication,
  logger: LoggerService,
  {
    drainTimeoutMs = 10_000,
    closeTimeoutMs = 5_000,
    signals = ['SIGTERM', 'SIGINT'],
    exit = (code: number) => process.exit(code),
  }: GracefulShutdownOptions = {},
) {
  let running: Promise<void> | null = null;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (running) {
      logger.warn(`${signal} received again while shutting down: exiting now`);
      exit(1);
      return;
    }
    void shutdown(signal);
  };

  const dispose = (): void => {
    for (const signal of signals) process.removeListener(signal, onSignal);
  };

  /** What a signal does; resolves once the app is closed and `exit` called. */
  const shutdown = (reason: string): Promise<void> => {
    running ??= (async () => {
      logger.log(`${reason}: shutting down; requests in flight have ${drainTimeoutMs} ms to finish`);
      const drained = await stopServing(app.getHttpServer() as Server, drainTimeoutMs);
      if (!drained) logger.warn(`requests still running after ${drainTimeoutMs} ms were cut off`);
      let code = 0;
      try {
        // Unreferenced: the deadline never keeps the process alive.
        const closed = await Promise.race([app.close().then(() => true), sleep(closeTimeoutMs, false, { ref: false })]);
        if (!closed) throw new Error(`the app did not close within ${closeTimeoutMs} ms`);
        logger.log('shut down cleanly');
      } catch (error) {
        logger.error(`shutting down failed: ${error instanceof Error ? error.message : String(error)}`);
        code = 1;
      }
      dispose();
      exit(code);
    })();
    return running;
  };

  for (const signal of signals) process.on(signal, onSignal);
  return { shutdown, dispose };
}

/** Closes the listener and each connection once idle (keep-alive ones would hold the server open); false when some were cut off. */
function stopServing(server: Server, timeoutMs: number): Promise<boolean> {
  if (!server.listening) return Promise.resolve(true);
  return new Promise((resolve) => {
    let drained = true;
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => {
      drained = false;
      server.closeAllConnections();
    }, timeoutMs);
    sweep.unref();
    deadline.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve(drained);
    });
    server.closeIdleConnections();
  });
}

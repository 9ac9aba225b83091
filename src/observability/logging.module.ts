import { DynamicModule, Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { RequestLogger } from './request-logger';
import { createRootLogger, prettyDestination, ROOT_LOGGER, wantsPrettyLogs } from './root-logger';

export interface LoggingOptions {
  /** Where the JSON lines go; stdout when absent. Tests pass a stream they can read. */
  destination?: DestinationStream;
}

/**
 * Structured JSON logs: Nest's own logger routed through pino (after
 * `app.useLogger(app.get(Logger))`), and one line per HTTP request from `RequestLogger`.
 * `logLevel: 'silent'` turns both off.
 */
@Module({})
export class LoggingModule implements NestModule {
  constructor(@Inject(RequestLogger) private readonly requestLogger: RequestLogger) {}

  static forRoot(config: Pick<AppConfig, 'logLevel'> & Partial<Pick<AppConfig, 'nodeEnv'>>, options: LoggingOptions = {}): DynamicModule {
    const pretty = !options.destination && wantsPrettyLogs(config.nodeEnv ?? 'production', process.stdout.isTTY === true);
    const root: PinoLogger = createRootLogger(config.logLevel, options.destination ?? (pretty ? prettyDestination() : undefined));
    return {
      module: LoggingModule,
      imports: [
        // `useExisting`: no second pino-http of nestjs-pino's own. `forRoutes: []`: nor its
        // middleware that binds the request's logger for PinoLogger — RequestLogger already does
        // (from the first middleware on), and a second AsyncLocalStorage context per request was
        // pure cost (issue 14).
        LoggerModule.forRoot({ pinoHttp: { logger: root }, useExisting: true, forRoutes: [] }),
      ],
      providers: [{ provide: ROOT_LOGGER, useValue: root }, RequestLogger],
      exports: [ROOT_LOGGER, RequestLogger, LoggerModule],
    };
  }

  /**
   * Covers every request that reaches Nest's middleware. Requests answered earlier, by middleware
   * that `app.use` installed before `init()`, are covered only when `installHttpObservability`
   * mounts the same handler first; it runs once per request either way.
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.requestLogger.handle).forRoutes('*');
  }
}

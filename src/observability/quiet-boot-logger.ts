import { Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** Nest's start-up chatter: one line per module, controller and route (30+ before "ready"). */
const BOOT_CONTEXTS = new Set<unknown>(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** nestjs-pino's logger with Nest's start-up lines at debug: LOG_LEVEL=debug still shows every route mapped. */
@Injectable()
export class QuietBootLogger extends Logger {
  override log(message: unknown, ...rest: unknown[]): void {
    // The context comes last.
    if (BOOT_CONTEXTS.has(rest.at(-1))) this.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}

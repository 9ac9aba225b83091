import { HttpStatus, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, NextFunction, Request } from 'express';
import { rateLimit, type AugmentedRequest } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { AppConfig } from '../config/app-config';
import { UserFacingError } from '../common/user-facing.error';
import type { KeyValueStore } from '../store/key-value.store';
import type { RedisKeyValueStore } from '../store/redis.store';

/** By shape: redis.store is loaded only when REDIS_URL is set. */
function isRedis(store: KeyValueStore): store is RedisKeyValueStore {
  return 'sendCommand' in store;
}

interface LimitedRoute {
  name: Exclude<keyof AppConfig['rateLimits'], 'windowMs'>;
  method: 'GET' | 'POST';
  /** One endpoint, for the default StackScript and any other: one budget for them all. */
  paths: string[];
  /** What the person was doing, for the 429 page. */
  doing: string;
}

/** The endpoints that do work or store something. Page views, static files and health are never limited. */
const LIMITED_ROUTES: readonly LimitedRoute[] = [
  { name: 'signIn', method: 'POST', paths: ['/', '/s/:stackScriptId'], doing: 'started many sign-ins' },
  { name: 'validate', method: 'POST', paths: ['/validate', '/s/:stackScriptId/validate'], doing: 'sent many form checks' },
  { name: 'callback', method: 'GET', paths: ['/auth_callback'], doing: 'come back from Linode many times' },
  { name: 'delete', method: 'POST', paths: ['/deployments/:id/delete'], doing: 'asked to delete many times' },
];

function describe(problem: unknown): string {
  return problem instanceof Error ? problem.message : String(problem);
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * Per-client-IP limits (req.ip: TRUST_PROXY decides which hop is the client), before sessions and
 * body parsing, so a limited request stores nothing but its counter (in Redis with REDIS_URL). It
 * gets 429, `Retry-After` and a page saying when to try again.
 */
export function installRateLimits(app: NestExpressApplication, config: AppConfig, store: KeyValueStore): void {
  const logger = new Logger('RateLimit');
  const { windowMs } = config.rateLimits;
  // Registered now, on the Express app: ahead of the Nest routes, which are added at listen().
  const express: Express = app.getHttpAdapter().getInstance();
  for (const route of LIMITED_ROUTES) {
    const limit = config.rateLimits[route.name];
    if (limit === 0) continue;
    const limiter = rateLimit({
      windowMs,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // Redis (shared by every instance) when REDIS_URL is set, else the library's in-process store.
      store: isRedis(store)
        ? new RedisStore({ prefix: `rl:${route.name}:`, sendCommand: (...args: string[]) => store.sendCommand(args) as never })
        : undefined,
      // A store outage must not lock every person out: let requests through, readiness reports it.
      passOnStoreError: true,
      // main.ts already explains a missing TRUST_PROXY; the library's own warnings would go to the console.
      validate: { xForwardedForHeader: false, trustProxy: false },
      logger: { error: (error: unknown) => logger.error(describe(error)), warn: (warning: unknown) => logger.warn(describe(warning)) },
      // The app's error handler renders it, as every middleware's error.
      handler: (req: Request, _res: unknown, next: NextFunction) => {
        const { resetTime } = (req as AugmentedRequest).rateLimit;
        const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
        logger.warn(`${route.method} ${route.paths[0]} limited for a client (${limit} per ${Math.round(windowMs / 1000)} s)`);
        next(
          new UserFacingError({
            status: HttpStatus.TOO_MANY_REQUESTS,
            title: 'Too many requests',
            message: `You have ${route.doing} in a short time, so further requests from your address are paused for about ${waitText(seconds)}.`,
            retryAfterSeconds: seconds,
          }),
        );
      },
    });
    express[route.method === 'GET' ? 'get' : 'post'](route.paths, limiter);
  }
}

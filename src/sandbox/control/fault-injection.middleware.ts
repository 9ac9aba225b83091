import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { routedPath } from '../api/http/api-path';
import { SANDBOX_OPTIONS, SandboxOptions } from '../sandbox.options';
import { FaultInjector, FaultOutcome } from './fault-injector';
import { HeldRequests } from './held-requests';

/** The emulated application of an instance stands for a server on the internet, not for the control plane. */
const APPLICATION_ROUTE = /^\/__sandbox\/instances\/[^/]+\/application$/;

/**
 * Runs before every sandbox route except the control plane (but for the emulated application): adds
 * the configured latency (`latencyMs` option, like the internet between the app and Linode) and applies injected faults,
 * answering with Linode's error envelope, or hanging. A fault's route matches the path as routed
 * (`/v4beta` as `/v4`, `%2F` as `/`), whichever form the client sent.
 */
@Injectable()
export class FaultInjectionMiddleware implements NestMiddleware {
  constructor(
    @Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions,
    private readonly faults: FaultInjector,
    private readonly held: HeldRequests,
  ) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const path = routedPath(request.originalUrl);
    if ((path === '/__sandbox' || path.startsWith('/__sandbox/')) && !APPLICATION_ROUTE.test(path)) return next();
    const decision = this.faults.decide(request.method, path);
    const delay = this.options.latencyMs + decision.latencyMs;
    const proceed = () => this.apply(decision.outcome, response, next);
    if (delay > 0) this.held.delay(delay, response, proceed);
    else proceed();
  }

  private apply(outcome: FaultOutcome | null, response: Response, next: NextFunction): void {
    if (outcome === null) return next();
    if (outcome.kind === 'hang') return this.held.hang(response);
    if (outcome.retryAfter !== null) response.setHeader('Retry-After', String(outcome.retryAfter));
    const error = outcome.field === null ? { reason: outcome.reason } : { reason: outcome.reason, field: outcome.field };
    response.status(outcome.status).json({ errors: [error] });
  }
}

/**
 * The one place that sends HTTP requests to Linode, through cockatiel: retries with jittered backoff
 * (or Linode's `Retry-After`), one circuit breaker per upstream, a timeout per attempt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNativeError } from 'node:util/types';
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  DelegateBackoff,
  ExponentialBackoff,
  TimeoutStrategy,
  circuitBreaker,
  fullJitterGenerator,
  handleResultType,
  handleType,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  type Policy,
  type RetryPolicy,
} from 'cockatiel';
import { z } from 'zod/v4';
import { LinodeUnavailableError, type LinodeAnswer, type LinodeUnavailableKind } from './linode-api.error';

export interface LinodeCallInfo {
  method: string;
  /** Templated path, e.g. `/linode/instances/:id`, so metrics stay low-cardinality. */
  endpoint: string;
  status: number | 'error';
  durationMs: number;
}

const DEFAULT_SETTINGS = {
  /** Attempts after the first one. */
  retries: 2,
  initialDelayMs: 200,
  maxDelayMs: 2_000,
  /** A longer `Retry-After` is not waited for: the answer goes to the caller at once. */
  maxRetryAfterMs: 10_000,
  /** Consecutive failures (timeouts, network errors, 5xx) that open the circuit. */
  breakerThreshold: 5,
  halfOpenAfterMs: 15_000,
};

export interface LinodeHttpOptions {
  /** Per attempt, covering the response body too. */
  timeoutMs?: number;
  resilience?: Partial<typeof DEFAULT_SETTINGS>;
  /** Called after every attempt that reached the network (metrics); what it throws is ignored. */
  onCall?: (info: LinodeCallInfo) => void;
}

/**
 * - `transient`: retried on timeouts, network errors, 408, 429 and 5xx.
 * - `rate-limited`: retried only on 429, when Linode certainly did not act on the request (a
 *   create or delete repeated after a lost answer could charge twice or report a false 404).
 */
export type RetryMode = 'transient' | 'rate-limited';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Below the base URL, without the query string: shown in errors, so never a secret. */
  path: string;
  /** Templated path for metrics, e.g. `/linode/instances/:id`. */
  endpoint: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  retry?: RetryMode;
  timeoutMs?: number;
}

export class HttpResponse implements LinodeAnswer {
  constructor(
    readonly status: number,
    readonly contentType: string | null,
    readonly text: string,
    readonly retryAfterSeconds: number | null,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }
}

export class LinodeHttp {
  private readonly baseUrl: string;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retries: Record<RetryMode, RetryPolicy>;

  constructor(
    private readonly service: string,
    baseUrl: string,
    private readonly options: LinodeHttpOptions,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    const settings = { ...DEFAULT_SETTINGS, ...options.resilience };
    this.breaker = circuitBreaker(
      handleType(LinodeUnavailableError).orResultType(HttpResponse, (response) => response.status >= 500),
      { halfOpenAfter: settings.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.breakerThreshold) },
    );
    const canWait = (response: HttpResponse) =>
      response.retryAfterSeconds === null || response.retryAfterSeconds * 1000 <= settings.maxRetryAfterMs;
    const backoff = retryAfterOr(
      new ExponentialBackoff({ generator: fullJitterGenerator, initialDelay: settings.initialDelayMs, maxDelay: settings.maxDelayMs }),
    );
    const retryWhen = (policy: Policy) => retry(policy, { maxAttempts: settings.retries, backoff });
    this.retries = {
      transient: retryWhen(handleType(LinodeUnavailableError).orResultType(HttpResponse, (r) => isTransient(r.status) && canWait(r))),
      'rate-limited': retryWhen(handleResultType(HttpResponse, (r) => r.status === 429 && canWait(r))),
    };
  }

  /** Sends the request, retrying as its mode allows (`transient` by default). Throws only `LinodeUnavailableError`. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? 10_000;
    const policy = wrap(this.retries[request.retry ?? 'transient'], this.breaker, timeout(timeoutMs, TimeoutStrategy.Cooperative));
    try {
      return await policy.execute(({ signal }) => this.attempt(request, timeoutMs, signal));
    } catch (error) {
      if (!(error instanceof BrokenCircuitError)) throw error;
      throw this.unavailable(request, 'circuit_open', 'was not sent: Linode failed repeatedly, waiting before trying again');
    }
  }

  private async attempt(request: HttpRequest, timeoutMs: number, signal: AbortSignal): Promise<HttpResponse> {
    const started = performance.now();
    const search = request.query ? `?${new URLSearchParams(request.query)}` : '';
    try {
      const response = await fetch(`${this.baseUrl}${request.path}${search}`, {
        method: request.method,
        headers: { Accept: 'application/json', 'User-Agent': USER_AGENT, ...request.headers },
        body: request.body,
        signal,
        // Never follow a redirect with a bearer token; Linode's API does not redirect.
        redirect: 'manual',
      });
      const text = await response.text();
      this.report(request, response.status, started);
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      return new HttpResponse(response.status, response.headers.get('content-type'), text, retryAfter);
    } catch (error) {
      this.report(request, 'error', started);
      if (signal.aborted) throw this.unavailable(request, 'timeout', `timed out after ${timeoutMs} ms`);
      throw this.unavailable(request, 'network', `failed: ${describeNetworkError(error)}`);
    }
  }

  private report(request: HttpRequest, status: number | 'error', started: number): void {
    try {
      this.options.onCall?.({ method: request.method, endpoint: request.endpoint, status, durationMs: performance.now() - started });
    } catch {
      // Metrics must never break a call to Linode.
    }
  }

  private unavailable({ method, path }: HttpRequest, kind: LinodeUnavailableKind, detail: string) {
    return new LinodeUnavailableError({ service: this.service, kind, method, path, detail });
  }
}

function isTransient(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Waits as long as Linode's `Retry-After` says when it sent one, else as `fallback` says. */
function retryAfterOr(fallback: IBackoffFactory<unknown>) {
  return new DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<unknown>>((context, previous) => {
    const next = (previous ?? fallback).next(context);
    const answer = 'value' in context.result ? context.result.value : null;
    const retryAfterSeconds = answer instanceof HttpResponse ? answer.retryAfterSeconds : null;
    return { delay: retryAfterSeconds === null ? next.duration : retryAfterSeconds * 1000, state: next };
  });
}

// undici reports "fetch failed" with the useful part (ECONNREFUSED …) in `cause.code`. Its errors
// come from another realm, so they are read by shape rather than with instanceof.
const undiciFailure = z.object({ cause: z.object({ code: z.string() }) });

function describeNetworkError(error: unknown): string {
  const undici = undiciFailure.safeParse(error);
  if (undici.success) return undici.data.cause.code;
  return isNativeError(error) ? error.message : 'network error';
}

/** `Retry-After` in whole seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  // HTTP dates have a weekday and month name; Date.parse alone would read e.g. "-5" as a year.
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

const packageJsonReader = z.object({ name: z.string(), version: z.string(), homepage: z.string() });
// src/linode/ and dist/linode/ are both two levels below the package root.
const { name, version, homepage } = packageJsonReader.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')));

/** Lets Linode tell who is calling. */
export const USER_AGENT = `${name}/${version} (+${homepage})`;

/**
 * The one place that sends HTTP requests to Linode: a timeout on every attempt, retries with
 * exponential backoff and full jitter where a retry is safe, `Retry-After` honoured up to a cap,
 * and a circuit breaker so that a failing Linode answers at once instead of tying up every request.
 * It knows nothing of Linode's payloads: clients build requests and read responses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LinodeUnavailableError, LinodeUnavailableKind } from './linode-api.error';

export interface LinodeCallInfo {
  method: string;
  /** Templated path, e.g. `/linode/instances/:id`, so metrics stay low-cardinality. */
  endpoint: string;
  status: number | 'error';
  durationMs: number;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error goes to the caller at once. */
  maxRetryAfterMs: number;
}

export interface BreakerPolicy {
  /** Consecutive failures (timeouts, network errors, 5xx) that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial request is let through. */
  cooldownMs: number;
}

export interface LinodeHttpOptions {
  /** Per attempt, covering the response body too. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerPolicy>;
  /** Called after every attempt that reached the network (metrics). Must not throw; errors are ignored. */
  onCall?: (info: LinodeCallInfo) => void;
  /** Tests shorten waits with these. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  userAgent?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 2_000,
  maxRetryAfterMs: 10_000,
};
export const DEFAULT_BREAKER_POLICY: BreakerPolicy = { failureThreshold: 5, cooldownMs: 15_000 };

/**
 * - `idempotent`: retried on timeouts, network errors, 408, 429 and 5xx (GET).
 * - `rate-limited-only`: retried only on 429, when the request was certainly not accepted
 *   (`POST /linode/instances`: a retry after a timeout or 5xx could create a second instance;
 *   OAuth token requests: the code or refresh token may already be consumed).
 * - `never`: sent once.
 */
export type RetryMode = 'idempotent' | 'rate-limited-only' | 'never';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** The path shown in errors: no query string, no secrets. */
  path: string;
  endpoint: string;
  headers: Record<string, string>;
  body?: string;
  retry: RetryMode;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  retryAfterSeconds: number | null;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class LinodeHttp {
  private readonly retry: RetryPolicy;
  private readonly breaker: CircuitBreaker;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(
    private readonly service: string,
    private readonly options: LinodeHttpOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.sleep = options.sleep ?? sleepFor;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => performance.now());
    this.breaker = new CircuitBreaker({ ...DEFAULT_BREAKER_POLICY, ...options.breaker }, this.now);
  }

  get userAgent(): string {
    return this.options.userAgent ?? USER_AGENT;
  }

  get circuitState(): CircuitState {
    return this.breaker.state;
  }

  /** Sends the request, retrying as its mode allows. Throws only `LinodeUnavailableError`. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      const isLast = attempt >= this.retry.maxAttempts;
      if (!this.breaker.tryAcquire()) {
        const detail = 'was not sent: Linode failed repeatedly, waiting before trying again';
        throw this.unavailable(request, 'circuit_open', detail);
      }
      let response: HttpResponse;
      try {
        response = await this.attempt(request);
      } catch (error) {
        this.breaker.recordFailure();
        if (isLast || request.retry !== 'idempotent') throw error;
        await this.sleep(this.backoff(attempt));
        continue;
      }
      if (response.status >= 500) this.breaker.recordFailure();
      else this.breaker.recordSuccess();

      if (isLast || !isRetryableStatus(request.retry, response.status)) return response;
      const retryAfterMs = response.retryAfterSeconds === null ? null : response.retryAfterSeconds * 1000;
      if (retryAfterMs !== null && retryAfterMs > this.retry.maxRetryAfterMs) return response;
      await this.sleep(retryAfterMs ?? this.backoff(attempt));
    }
  }

  /** Full jitter: a random wait up to base·2^(attempt-1), capped. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(this.random() * ceiling);
  }

  private async attempt(request: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);
    const started = this.now();
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal,
        // Never follow a redirect with a bearer token; Linode's API does not redirect.
        redirect: 'manual',
      });
      const text = await response.text();
      this.report(request, response.status, started);
      return {
        status: response.status,
        headers: response.headers,
        text,
        retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
      };
    } catch (error) {
      this.report(request, 'error', started);
      if (signal.aborted) {
        throw this.unavailable(request, 'timeout', `timed out after ${timeoutMs} ms`);
      }
      throw this.unavailable(request, 'network', `failed: ${describeNetworkError(error)}`);
    }
  }

  private report(request: HttpRequest, status: number | 'error', started: number): void {
    if (!this.options.onCall) return;
    try {
      this.options.onCall({
        method: request.method,
        endpoint: request.endpoint,
        status,
        durationMs: this.now() - started,
      });
    } catch {
      // Metrics must never break a call to Linode.
    }
  }

  private unavailable(request: HttpRequest, kind: LinodeUnavailableKind, detail: string) {
    const { method, path } = request;
    return new LinodeUnavailableError({ service: this.service, kind, method, path, detail });
  }
}

function isRetryableStatus(mode: RetryMode, status: number): boolean {
  if (mode === 'never') return false;
  if (status === 429) return true;
  return mode === 'idempotent' && (status === 408 || status >= 500);
}

function describeNetworkError(error: unknown): string {
  // undici reports "fetch failed" with the useful part (ECONNREFUSED …) in `cause`.
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  for (const candidate of [cause, error]) {
    if (typeof candidate !== 'object' || candidate === null) continue;
    if ('code' in candidate && typeof candidate.code === 'string') return candidate.code;
    if ('message' in candidate && typeof candidate.message === 'string') return candidate.message;
  }
  return 'network error';
}

/** `Retry-After` in whole seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // HTTP dates have a weekday and month name; Date.parse alone would accept e.g. "-5" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Consecutive-failure circuit breaker. Open: every request fails at once. After the cooldown one
 * trial request goes through (half-open); its success closes the circuit, its failure reopens it.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly policy: BreakerPolicy,
    private readonly now: () => number,
  ) {}

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.policy.cooldownMs ? 'half-open' : 'open';
  }

  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  recordFailure(): void {
    this.failures++;
    if (this.trialInFlight || this.failures >= this.policy.failureThreshold) this.openedAt = this.now();
    this.trialInFlight = false;
  }
}

function readPackageInfo(): { name: string; version: string; url: string | null } {
  const fallback = { name: 'install-on-linode', version: '0.0.0', url: null };
  try {
    // src/linode/ and dist/linode/ are both two levels below the package root.
    const pkg: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    if (typeof pkg !== 'object' || pkg === null) return fallback;
    const field = (name: string) => {
      const value: unknown = (pkg as Record<string, unknown>)[name];
      return typeof value === 'string' ? value : undefined;
    };
    const repository: unknown = (pkg as Record<string, unknown>).repository;
    const repositoryUrl =
      typeof repository === 'object' && repository !== null && 'url' in repository && typeof repository.url === 'string'
        ? repository.url.replace(/^git\+/, '').replace(/\.git$/, '')
        : typeof repository === 'string'
          ? repository
          : undefined;
    return {
      name: field('name') ?? fallback.name,
      version: field('version') ?? fallback.version,
      url: field('homepage') ?? repositoryUrl ?? null,
    };
  } catch {
    return fallback;
  }
}

function userAgentFrom(info: { name: string; version: string; url: string | null }): string {
  return `${info.name}/${info.version}${info.url ? ` (+${info.url})` : ''}`;
}

/** `install-on-linode/<version> (+<homepage>)`: lets Linode tell who is calling. */
export const USER_AGENT = userAgentFrom(readPackageInfo());

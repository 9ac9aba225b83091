import { Injectable } from '@nestjs/common';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends (ms since epoch). */
  resetAt: number;
}

/** A fixed window per key: `limit` requests, then refusals until the window that began with the first one ends. */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  hit(key: string, now = Date.now()): RateLimitDecision {
    let window = this.windows.get(key);
    if (!window || now >= window.startedAt + this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    const allowed = window.count < this.limit;
    if (allowed) window.count += 1;
    return { allowed, limit: this.limit, remaining: this.limit - window.count, resetAt: window.startedAt + this.windowMs };
  }

  reset(): void {
    this.windows.clear();
  }
}

/** Linode's dedicated limit on `POST /linode/instances`: 10 requests per 30 seconds, per token. */
@Injectable()
export class CreateInstanceRateLimiter extends FixedWindowRateLimiter {
  constructor() {
    super(10, 30_000);
  }
}

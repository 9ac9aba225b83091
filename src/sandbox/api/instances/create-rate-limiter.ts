import { Injectable } from '@nestjs/common';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends (ms since epoch). */
  resetAt: number;
}

/**
 * A fixed window per key: `limit` requests, then refusals until the window that began with the
 * first one ends. Windows that have ended are forgotten, so one key per token does not add up.
 */
export class FixedWindowRateLimiter {
  /** In the order their windows started (a new window moves its key to the end). */
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  get size(): number {
    return this.windows.size;
  }

  hit(key: string, now = Date.now()): RateLimitDecision {
    this.forgetEnded(now);
    let window = this.windows.get(key);
    if (!window || now >= window.startedAt + this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.delete(key);
      this.windows.set(key, window);
    }
    const allowed = window.count < this.limit;
    if (allowed) window.count += 1;
    return { allowed, limit: this.limit, remaining: this.limit - window.count, resetAt: window.startedAt + this.windowMs };
  }

  reset(): void {
    this.windows.clear();
  }

  private forgetEnded(now: number): void {
    for (const [key, window] of this.windows) {
      if (now < window.startedAt + this.windowMs) break;
      this.windows.delete(key);
    }
  }
}

/** Linode's dedicated limit on `POST /linode/instances`: 10 requests per 30 seconds, per token. */
@Injectable()
export class CreateInstanceRateLimiter extends FixedWindowRateLimiter {
  constructor() {
    super(10, 30_000);
  }
}

import { FixedWindowRateLimiter } from './create-rate-limiter';

describe('FixedWindowRateLimiter', () => {
  const T0 = 1_700_000_000_000;

  it('allows the limit within a window and counts down what remains', () => {
    const limiter = new FixedWindowRateLimiter(3, 30_000);
    expect([1, 2, 3].map(() => limiter.hit('a', T0).remaining)).toEqual([2, 1, 0]);
  });

  it('refuses beyond the limit until the window ends', () => {
    const limiter = new FixedWindowRateLimiter(2, 30_000);
    limiter.hit('a', T0);
    limiter.hit('a', T0 + 1000);
    expect(limiter.hit('a', T0 + 29_999)).toEqual({ allowed: false, limit: 2, remaining: 0, resetAt: T0 + 30_000 });
    expect(limiter.hit('a', T0 + 30_000).allowed).toBe(true);
  });

  it('keeps separate windows per key', () => {
    const limiter = new FixedWindowRateLimiter(1, 30_000);
    expect(limiter.hit('a', T0).allowed).toBe(true);
    expect(limiter.hit('b', T0).allowed).toBe(true);
    expect(limiter.hit('a', T0).allowed).toBe(false);
  });

  it('forgets every window on reset', () => {
    const limiter = new FixedWindowRateLimiter(1, 30_000);
    limiter.hit('a', T0);
    limiter.reset();
    expect(limiter.hit('a', T0).allowed).toBe(true);
  });

  it('forgets windows that have ended, so one key per token does not add up', () => {
    const limiter = new FixedWindowRateLimiter(10, 30_000);
    for (let i = 0; i < 1_000; i += 1) limiter.hit(`token-${i}`, T0 + i * 1_000);
    expect(limiter.size).toBeLessThanOrEqual(30);
    expect(limiter.hit('token-999', T0 + 999_000).remaining).toBe(8);
  });
});

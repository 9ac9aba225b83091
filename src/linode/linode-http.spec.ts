import { CircuitBreaker, parseRetryAfter, USER_AGENT } from './linode-http';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('30', now)).toBe(30);
  });

  it('reads an HTTP date as seconds from now, rounded up', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:09 GMT', now - 500)).toBe(10);
  });

  it('reads a date in the past as zero', () => {
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  });

  it('returns null when the header is absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});

describe('CircuitBreaker', () => {
  let now: number;
  let breaker: CircuitBreaker;

  beforeEach(() => {
    now = 0;
    breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 100 }, () => now);
  });

  const fail = (times: number) => {
    for (let i = 0; i < times; i++) {
      breaker.tryAcquire();
      breaker.recordFailure();
    }
  };

  it('stays closed below the threshold', () => {
    fail(2);
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens after the threshold of consecutive failures and refuses requests', () => {
    fail(3);
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('counts only consecutive failures', () => {
    fail(2);
    breaker.recordSuccess();
    fail(2);
    expect(breaker.state).toBe('closed');
  });

  it('lets exactly one trial through once the cooldown is over', () => {
    fail(3);
    now = 100;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('closes when the trial succeeds', () => {
    fail(3);
    now = 100;
    breaker.tryAcquire();
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
  });

  it('reopens for a whole cooldown when the trial fails', () => {
    fail(3);
    now = 100;
    breaker.tryAcquire();
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    now = 199;
    expect(breaker.state).toBe('open');
    now = 200;
    expect(breaker.state).toBe('half-open');
  });
});

describe('USER_AGENT', () => {
  it('names the app and its version from package.json', () => {
    expect(USER_AGENT).toMatch(/^install-on-linode\/\d+\.\d+\.\d+( \(\+https?:\/\/\S+\))?$/);
  });
});

import { parseRetryAfter, USER_AGENT } from './linode-http';

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

describe('USER_AGENT', () => {
  it('names the app, its version and its homepage from package.json', () => {
    expect(USER_AGENT).toMatch(/^install-on-linode\/\d+\.\d+\.\d+ \(\+https:\/\/\S+\)$/);
  });
});

import { isRedirectUriUnder, withQueryParameters } from './redirect-uri';

const REGISTERED = 'http://localhost:5000/auth_callback';

describe('isRedirectUriUnder', () => {
  it.each([
    ['the registered URI itself', REGISTERED],
    ['the registered URI with a query (like Cloud Manager’s ?returnTo=)', `${REGISTERED}?returnTo=%2Fdeployments`],
    ['a sub-path of the registered path', `${REGISTERED}/step-two`],
    ['an empty query', `${REGISTERED}?`],
    ['the same URI with an upper-case scheme and host', 'HTTP://LOCALHOST:5000/auth_callback'],
  ])('accepts %s', (_name, requested) => {
    expect(isRedirectUriUnder(requested, REGISTERED)).toBe(true);
  });

  it.each([
    ['another host', 'http://evil.example/auth_callback'],
    ['a bare other host', 'https://evil'],
    ['another scheme', 'https://localhost:5000/auth_callback'],
    ['another port', 'http://localhost:5001/auth_callback'],
    ['no port (80)', 'http://localhost/auth_callback'],
    ['a host that merely starts with the registered one', 'http://localhost:5000.evil.com/auth_callback'],
    ['credentials that move the host', 'http://localhost:5000@evil.com/auth_callback'],
    ['credentials on the right host', 'http://user@localhost:5000/auth_callback'],
    ['a path that merely starts with the registered one', 'http://localhost:5000/auth_callbackx'],
    ['a dot-dot escape from the registered path', 'http://localhost:5000/auth_callback/../x'],
    ['a dot-dot that resolves back to the registered path', 'http://localhost:5000/auth_callback/../auth_callback'],
    ['a single-dot segment', 'http://localhost:5000/auth_callback/./x'],
    ['a percent-encoded dot-dot', 'http://localhost:5000/auth_callback/%2e%2e/x'],
    ['an encoded slash', 'http://localhost:5000/auth_callback/..%2Fx'],
    ['a backslash', 'http://localhost:5000/auth_callback\\..\\x'],
    ['a fragment', `${REGISTERED}#frag`],
    ['an empty fragment', `${REGISTERED}#`],
    ['a relative URI', '/auth_callback'],
    ['a scheme-relative URI', '//localhost:5000/auth_callback'],
    ['a javascript: URI', 'javascript:alert(1)'],
    ['whitespace that a parser would strip', ` ${REGISTERED}`],
    ['a tab inside', 'http://localhost:5000/auth_\tcallback'],
    ['the origin only', 'http://localhost:5000'],
    ['an empty string', ''],
  ])('rejects %s', (_name, requested) => {
    expect(isRedirectUriUnder(requested, REGISTERED)).toBe(false);
  });

  it('treats a registered path with a trailing slash as a directory', () => {
    expect(isRedirectUriUnder('http://localhost:5000/cb/x', 'http://localhost:5000/cb/')).toBe(true);
    expect(isRedirectUriUnder('http://localhost:5000/cbx', 'http://localhost:5000/cb/')).toBe(false);
  });
});

describe('withQueryParameters', () => {
  it('starts a query when the URI has none', () => {
    expect(withQueryParameters(REGISTERED, { code: 'abc' })).toBe(`${REGISTERED}?code=abc`);
  });

  it('appends with & to an existing query and keeps that query as written', () => {
    expect(withQueryParameters(`${REGISTERED}?returnTo=%2F`, { state: 's', code: 'abc' })).toBe(
      `${REGISTERED}?returnTo=%2F&state=s&code=abc`,
    );
  });

  it('does not double the ? of an empty query', () => {
    expect(withQueryParameters(`${REGISTERED}?`, { code: 'abc' })).toBe(`${REGISTERED}?code=abc`);
  });

  it('encodes values and leaves out null ones', () => {
    expect(withQueryParameters(REGISTERED, { state: 'a b&c=d', code: null })).toBe(`${REGISTERED}?state=a+b%26c%3Dd`);
  });
});

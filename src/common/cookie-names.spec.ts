import { sessionCookieName } from './cookie-names';

describe('sessionCookieName', () => {
  it('prefixes the session cookie with __Host- under https', () => {
    expect(sessionCookieName(true)).toBe('__Host-iol.sid');
  });

  it('keeps the plain name over http, where browsers would refuse a __Host- cookie', () => {
    expect(sessionCookieName(false)).toBe('iol.sid');
  });
});

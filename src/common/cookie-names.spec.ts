import { cookieNames } from './cookie-names';

describe('cookieNames', () => {
  it('prefixes both cookies with __Host- under https', () => {
    expect(cookieNames(true)).toEqual({ session: '__Host-iol.sid', csrf: '__Host-iol.csrf' });
  });

  it('keeps the plain names over http, where browsers would refuse a __Host- cookie', () => {
    expect(cookieNames(false)).toEqual({ session: 'iol.sid', csrf: 'iol.csrf' });
  });
});

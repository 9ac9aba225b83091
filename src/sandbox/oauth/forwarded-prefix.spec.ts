import { createMock } from '@golevelup/ts-jest';
import type { Request } from 'express';
import { forwardedPrefix } from './forwarded-prefix';

const withHeader = (value: string | string[] | undefined) => createMock<Request>({ headers: { 'x-forwarded-prefix': value } });

describe('forwardedPrefix', () => {
  it('is empty without the header, as on login.linode.com', () => {
    expect(forwardedPrefix(withHeader(undefined))).toBe('');
  });

  it.each(['/__sandbox-login', '/a/b_c/D-9'])('takes the plain path %s', (prefix) => {
    expect(forwardedPrefix(withHeader(prefix))).toBe(prefix);
  });

  it.each([
    ['a protocol-relative URL', '//evil.example'],
    ['an absolute URL', 'https://evil.example'],
    ['a quote breaking out of the attribute', '/x" onfocus="alert(1)'],
    ['a trailing slash', '/__sandbox-login/'],
    ['a relative path', '__sandbox-login'],
    ['a dot segment', '/a/../b'],
    ['a query', '/a?b'],
    ['an empty value', ''],
    ['too many segments', '/a/b/c/d/e'],
  ])('ignores %s', (_case, prefix) => {
    expect(forwardedPrefix(withHeader(prefix))).toBe('');
  });

  it('ignores a repeated header', () => {
    expect(forwardedPrefix(withHeader(['/a', '/b']))).toBe('');
  });
});

import { routedPath, withoutBetaAlias } from './api-path';

describe('withoutBetaAlias', () => {
  it.each([
    ['/v4beta/regions', '/v4/regions'],
    ['/v4beta?page=2', '/v4?page=2'],
    ['/v4beta', '/v4'],
    ['/v4/regions', '/v4/regions'],
    ['/v4betas/regions', '/v4betas/regions'],
    ['/oauth/token', '/oauth/token'],
  ])('reads %s as %s', (url, expected) => expect(withoutBetaAlias(url)).toBe(expected));
});

describe('routedPath', () => {
  it.each([
    ['/v4/images/linode%2Fdebian12', '/v4/images/linode/debian12'],
    ['/v4beta/images/linode%2fdebian12?x=1', '/v4/images/linode/debian12'],
    ['/v4beta/linode/instances', '/v4/linode/instances'],
    ['/oauth/authorize?scope=a%2Fb', '/oauth/authorize'],
  ])('reads %s as %s', (url, expected) => expect(routedPath(url)).toBe(expected));
});

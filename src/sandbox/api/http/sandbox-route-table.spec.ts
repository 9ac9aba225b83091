import { routePattern } from './sandbox-route-table';
import { isEnvelopePath } from './sandbox-error.filter';

describe('routePattern', () => {
  it('matches a controller path joined with a handler path, parameters as one segment', () => {
    const pattern = routePattern('v4/linode/instances', ':linodeId');
    expect(pattern.test('/v4/linode/instances/123')).toBe(true);
    expect(pattern.test('/v4/linode/instances/123/')).toBe(true);
    expect(pattern.test('/v4/linode/instances')).toBe(false);
    expect(pattern.test('/v4/linode/instances/123/disks')).toBe(false);
  });

  it('matches the controller path alone for an empty handler path', () => {
    expect(routePattern('/v4/regions', '').test('/v4/regions')).toBe(true);
  });

  it('escapes dots and other regex characters', () => {
    expect(routePattern('v4', 'a.b').test('/v4/axb')).toBe(false);
  });
});

describe('isEnvelopePath', () => {
  it.each(['/v4', '/v4/regions', '/__sandbox/faults'])('answers %s with the Linode envelope', (path) => {
    expect(isEnvelopePath(path)).toBe(true);
  });

  it.each(['/', '/oauth/token', '/v4beta/regions', '/__sandboxes'])('leaves %s to its own module', (path) => {
    expect(isEnvelopePath(path)).toBe(false);
  });
});

import { faultInputSchema, routeMatcher } from './fault.schema';

describe('faultInputSchema', () => {
  it('fills in rate 1, no latency and no hang', () => {
    expect(faultInputSchema.parse({ route: 'GET /v4/regions', status: 500 })).toEqual({
      route: 'GET /v4/regions',
      status: 500,
      rate: 1,
      latencyMs: 0,
      hang: false,
    });
  });

  it.each([
    { route: '*', latencyMs: 100 },
    { route: '* /oauth/*', hang: true },
    { route: 'POST /v4/linode/instances', status: 429, retryAfter: 30, count: 2, rate: 0.25 },
    { route: 'DELETE /v4/linode/instances/*', status: 503, retryAfter: 5, reason: 'Maintenance' },
  ])('accepts %j', (fault) => {
    expect(faultInputSchema.safeParse(fault).success).toBe(true);
  });

  it.each([
    [{ status: 500 }, 'route'],
    [{ route: 'get /v4/regions', status: 500 }, 'route'],
    [{ route: 'GET v4/regions', status: 500 }, 'route'],
    [{ route: '*', status: 600 }, 'status'],
    [{ route: '*', status: 500, rate: -0.1 }, 'rate'],
    [{ route: '*', latencyMs: 600_001 }, 'latencyMs'],
    [{ route: '*', status: 500, count: 1.5 }, 'count'],
    [{ route: '*' }, 'status'],
    [{ route: '*', status: 500, hang: true }, 'hang'],
    [{ route: '*', latencyMs: 5, reason: 'x' }, 'reason'],
    [{ route: '*', status: 500, retryAfter: 1 }, 'retryAfter'],
  ])('refuses %j, naming %s', (fault, field) => {
    const result = faultInputSchema.safeParse(fault);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });

  it('refuses unknown keys', () => {
    expect(faultInputSchema.safeParse({ route: '*', status: 500, probability: 1 }).success).toBe(false);
  });
});

describe('routeMatcher', () => {
  it('matches everything with *', () => {
    expect(routeMatcher('*')('PATCH', '/anything')).toBe(true);
  });

  it('matches method and exact path, with or without a trailing slash', () => {
    const matches = routeMatcher('GET /v4/regions');
    expect(matches('GET', '/v4/regions')).toBe(true);
    expect(matches('get', '/v4/regions/')).toBe(true);
    expect(matches('POST', '/v4/regions')).toBe(false);
    expect(matches('GET', '/v4/regions/us-east')).toBe(false);
  });

  it('lets * stand for any method and for any part of the path', () => {
    const matches = routeMatcher('* /v4/linode/instances/*');
    expect(matches('DELETE', '/v4/linode/instances/123')).toBe(true);
    expect(matches('GET', '/v4/linode/instances/123/disks')).toBe(true);
    expect(matches('GET', '/v4/linode/instances')).toBe(false);
  });

  it('treats dots in the path literally', () => {
    expect(routeMatcher('GET /a.b')('GET', '/axb')).toBe(false);
  });
});

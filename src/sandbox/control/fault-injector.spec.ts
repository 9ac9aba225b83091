import { FaultInjector } from './fault-injector';
import { faultInputSchema } from './fault.schema';

function injector(random = 0): FaultInjector {
  const faults = new FaultInjector();
  faults.random = () => random;
  return faults;
}

const fault = (input: Record<string, unknown>) => faultInputSchema.parse(input);

describe('FaultInjector', () => {
  it('lets a request through when no fault matches', () => {
    const faults = injector();
    faults.add(fault({ route: 'GET /v4/regions', status: 500 }));
    expect(faults.decide('GET', '/v4/linode/types')).toEqual({ latencyMs: 0, outcome: null });
  });

  it('answers with the status and a Linode reason', () => {
    const faults = injector();
    faults.add(fault({ route: 'GET /v4/regions', status: 503 }));
    expect(faults.decide('GET', '/v4/regions').outcome).toEqual({
      kind: 'respond',
      status: 503,
      reason: 'Service unavailable',
      field: null,
      retryAfter: null,
    });
  });

  it('names the field a refusal is about, as Linode does', () => {
    const faults = injector();
    faults.add(fault({ route: 'POST /v4/linode/instances', status: 400, reason: 'Region is at capacity', field: 'region' }));
    expect(faults.decide('POST', '/v4/linode/instances').outcome).toMatchObject({
      status: 400,
      reason: 'Region is at capacity',
      field: 'region',
    });
  });

  it('fires only when the random draw is below the rate', () => {
    const below = injector(0.2);
    below.add(fault({ route: '*', status: 500, rate: 0.3 }));
    expect(below.decide('GET', '/x').outcome).not.toBeNull();
    const above = injector(0.3);
    above.add(fault({ route: '*', status: 500, rate: 0.3 }));
    expect(above.decide('GET', '/x').outcome).toBeNull();
  });

  it('counts down and removes a fault after count firings', () => {
    const faults = injector();
    faults.add(fault({ route: '*', status: 500, count: 2 }));
    faults.decide('GET', '/x');
    expect(faults.list()[0]).toMatchObject({ remaining: 1, fired: 1 });
    faults.decide('GET', '/x');
    expect(faults.list()).toEqual([]);
    expect(faults.decide('GET', '/x').outcome).toBeNull();
  });

  it('adds the latency of every fired fault and lets the first status decide', () => {
    const faults = injector();
    faults.add(fault({ route: '*', latencyMs: 100 }));
    faults.add(fault({ route: '*', status: 502, latencyMs: 50 }));
    faults.add(fault({ route: '*', status: 500 }));
    const decision = faults.decide('GET', '/x');
    expect(decision.latencyMs).toBe(150);
    expect(decision.outcome).toMatchObject({ status: 502 });
  });

  it('hangs when a hang fault fires', () => {
    const faults = injector();
    faults.add(fault({ route: '*', hang: true }));
    expect(faults.decide('GET', '/x').outcome).toEqual({ kind: 'hang' });
  });

  it('gives an injected 429 a Retry-After of 1 second unless told otherwise', () => {
    const faults = injector();
    expect(faults.add(fault({ route: '*', status: 429 })).retryAfter).toBe(1);
    expect(faults.add(fault({ route: '*', status: 429, retryAfter: 20 })).retryAfter).toBe(20);
  });

  it('removes one fault by id and clears all', () => {
    const faults = injector();
    const first = faults.add(fault({ route: '*', status: 500 }));
    faults.add(fault({ route: '*', status: 502 }));
    expect(faults.remove(first.id)).toBe(true);
    expect(faults.remove(first.id)).toBe(false);
    expect(faults.clear()).toBe(1);
    expect(faults.list()).toEqual([]);
  });
});

import { CREATE_BODY, instancesWorld } from './sandbox-instances.test-helper';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
const TTL = 10_000;

describe('SandboxInstanceExpiry', () => {
  it('deletes a Linode once it is older than the TTL, and not before', () => {
    const { service, expiry } = instancesWorld({ instanceTtlMs: TTL });
    const linode = service.create('alice', CREATE_BODY, T0);
    expect(expiry.sweep(T0 + TTL - 1)).toBe(0);
    expect(service.get('alice', linode.id, T0 + TTL - 1).id).toBe(linode.id);
    expect(expiry.sweep(T0 + TTL)).toBe(1);
    expect(() => service.get('alice', linode.id, T0 + TTL)).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('records linode_delete at the moment the Linode expired, and keeps its earlier events', () => {
    const { service, events, expiry } = instancesWorld({ instanceTtlMs: TTL, bootMs: 1_000 });
    const linode = service.create('alice', CREATE_BODY, T0);
    expiry.sweep(T0 + 5 * TTL);
    expect(service.list('alice', T0 + 5 * TTL)).toEqual([]);
    const listed = events.forAccount('alice', T0 + 5 * TTL);
    expect(listed.map((event) => [event.action, event.entity?.id, event.created])).toEqual([
      ['linode_delete', linode.id, '2024-05-01T12:00:10'],
      ['linode_boot', linode.id, '2024-05-01T12:00:00'],
      ['linode_create', linode.id, '2024-05-01T12:00:00'],
    ]);
  });

  it('fails the boot of a Linode that expires while still booting', () => {
    const { service, events, expiry } = instancesWorld({ instanceTtlMs: 1_000, bootMs: 4_000 });
    service.create('alice', CREATE_BODY, T0);
    expiry.sweep(T0 + 10_000);
    expect(events.forAccount('alice', T0 + 10_000).find((event) => event.action === 'linode_create')).toMatchObject({ status: 'failed' });
  });

  it('gives the expired Linode’s address back to the pool', () => {
    const { service, addresses, expiry } = instancesWorld({ instanceTtlMs: TTL });
    const linodes = Array.from({ length: 3 }, (_, i) => service.create(`user-${i}`, CREATE_BODY, T0));
    expiry.sweep(T0 + TTL);
    const recycled = Array.from({ length: addresses.capacity }, () => addresses.allocate()?.ipv4);
    expect(recycled.filter(Boolean)).toHaveLength(addresses.capacity);
    expect(recycled.slice(-3)).toEqual(linodes.map((linode) => linode.ipv4[0]));
  });

  it('expires only the Linodes whose time is up, oldest first', () => {
    const { service, expiry } = instancesWorld({ instanceTtlMs: TTL });
    const old = service.create('alice', CREATE_BODY, T0);
    const young = service.create('alice', CREATE_BODY, T0 + 5_000);
    expect(expiry.sweep(T0 + TTL)).toBe(1);
    expect(service.list('alice', T0 + TTL).map((linode) => linode.id)).toEqual([young.id]);
    expect(old.id).toBeLessThan(young.id);
  });

  it('never expires anything with a TTL of 0', () => {
    const { service, expiry } = instancesWorld({ instanceTtlMs: 0 });
    service.create('alice', CREATE_BODY, T0);
    expect(expiry.enabled).toBe(false);
    expect(expiry.sweep(T0 + 365 * 86_400_000)).toBe(0);
    expect(service.list('alice', T0 + 365 * 86_400_000)).toHaveLength(1);
  });

  it('keeps a thousand create-and-expire cycles running on a pool of a few hundred addresses', () => {
    const { service, addresses, store, expiry } = instancesWorld({ instanceTtlMs: TTL, maxInstancesPerAccount: 1 });
    const seen = new Set<string>();
    for (let i = 0; i < 1_000; i += 1) {
      expiry.sweep(T0 + i * TTL);
      const linode = service.create('alice', CREATE_BODY, T0 + i * TTL);
      seen.add(linode.ipv4[0]);
    }
    expect(store.all()).toHaveLength(1);
    expect(seen.size).toBe(addresses.capacity);
  });
});

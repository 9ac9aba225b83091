import { SandboxAddressPool } from './address-pool';

const ipv4Of = (pool: SandboxAddressPool) => pool.allocate()!.ipv4;

describe('SandboxAddressPool', () => {
  it('hands out distinct IPv4 addresses from 192.0.2.0/24 first, and IPv6 /128s from 2001:db8::/32', () => {
    const pool = new SandboxAddressPool();
    const first = pool.allocate()!;
    const second = pool.allocate()!;
    expect(first.ipv4).toBe('192.0.2.1');
    expect(second.ipv4).toBe('192.0.2.2');
    expect(first.ipv6).toMatch(/^2001:db8::[0-9a-f:]+\/128$/);
    expect(second.ipv6).not.toBe(first.ipv6);
  });

  it('continues into 198.51.100.0/24 and 203.0.113.0/24, never .0 or .255', () => {
    const pool = new SandboxAddressPool();
    const all = Array.from({ length: pool.capacity }, () => ipv4Of(pool));
    expect(pool.capacity).toBe(3 * 254);
    expect(new Set(all).size).toBe(all.length);
    expect(all[254]).toBe('198.51.100.1');
    expect(all[508]).toBe('203.0.113.1');
    expect(all.at(-1)).toBe('203.0.113.254');
    expect(all.filter((ip) => /\.(0|255)$/.test(ip))).toEqual([]);
  });

  it('recycles the least recently used address first, not the one just released', () => {
    const pool = new SandboxAddressPool();
    const all = Array.from({ length: pool.capacity }, () => ipv4Of(pool));
    pool.release(all[10]);
    pool.release(all[3]);
    expect(ipv4Of(pool)).toBe(all[10]);
    expect(ipv4Of(pool)).toBe(all[3]);
  });

  it('gives a released address back only after every never-used one', () => {
    const pool = new SandboxAddressPool();
    const first = ipv4Of(pool);
    pool.release(first);
    const next = Array.from({ length: pool.capacity - 1 }, () => ipv4Of(pool));
    expect(next).not.toContain(first);
    expect(ipv4Of(pool)).toBe(first);
  });

  it('runs out when every address is live, and has one again after a release', () => {
    const pool = new SandboxAddressPool();
    const all = Array.from({ length: pool.capacity }, () => ipv4Of(pool));
    expect(pool.allocate()).toBeNull();
    pool.release(all[100]);
    expect(ipv4Of(pool)).toBe(all[100]);
  });

  it('never hands out a reserved address', () => {
    const pool = new SandboxAddressPool(['203.0.113.10', '192.0.2.1']);
    const all = Array.from({ length: pool.capacity }, () => ipv4Of(pool));
    expect(pool.capacity).toBe(3 * 254 - 2);
    expect(all).not.toContain('203.0.113.10');
    expect(all[0]).toBe('192.0.2.2');
  });

  it('ignores the release of an address it does not own or that is already free', () => {
    const pool = new SandboxAddressPool(['192.0.2.5']);
    pool.release('10.0.0.1');
    pool.release('192.0.2.5');
    pool.release('192.0.2.1');
    const all = Array.from({ length: pool.capacity }, () => ipv4Of(pool));
    expect(all).not.toContain('10.0.0.1');
    expect(all).not.toContain('192.0.2.5');
    expect(new Set(all).size).toBe(all.length);
    expect(pool.allocate()).toBeNull();
  });

  it('frees every address on reset, in the first order', () => {
    const pool = new SandboxAddressPool();
    pool.allocate();
    pool.allocate();
    pool.reset();
    expect(ipv4Of(pool)).toBe('192.0.2.1');
  });
});

import { SandboxAddressPool } from './address-pool';

describe('SandboxAddressPool', () => {
  it('hands out distinct IPv4 addresses from 192.0.2.0/24 and IPv6 /128s from 2001:db8::/32', () => {
    const pool = new SandboxAddressPool();
    const first = pool.allocate()!;
    const second = pool.allocate()!;
    expect(first.ipv4).toBe('192.0.2.1');
    expect(second.ipv4).toBe('192.0.2.2');
    expect(first.ipv6).toMatch(/^2001:db8::[0-9a-f:]+\/128$/);
    expect(second.ipv6).not.toBe(first.ipv6);
  });

  it('reuses a released IPv4 address', () => {
    const pool = new SandboxAddressPool();
    pool.allocate();
    pool.allocate();
    pool.release('192.0.2.1');
    expect(pool.allocate()!.ipv4).toBe('192.0.2.1');
  });

  it('runs out after 254 live addresses', () => {
    const pool = new SandboxAddressPool();
    const all = Array.from({ length: 254 }, () => pool.allocate()!.ipv4);
    expect(new Set(all).size).toBe(254);
    expect(pool.allocate()).toBeNull();
  });

  it('frees every address on reset', () => {
    const pool = new SandboxAddressPool();
    pool.allocate();
    pool.reset();
    expect(pool.allocate()!.ipv4).toBe('192.0.2.1');
  });
});

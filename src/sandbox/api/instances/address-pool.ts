import { Injectable } from '@nestjs/common';

/** The three IPv4 documentation ranges (RFC 5737): addresses that can never reach a real host. */
export const DOCUMENTATION_RANGES = ['192.0.2', '198.51.100', '203.0.113'] as const;

/** Every usable host address of the documentation ranges, in range order (.1–.254 of each /24). */
function documentationAddresses(): string[] {
  return DOCUMENTATION_RANGES.flatMap((prefix) => Array.from({ length: 254 }, (_, i) => `${prefix}.${i + 1}`));
}

/**
 * Public addresses for sandbox Linodes. IPv4 from the documentation ranges, unique among live
 * Linodes; a released address goes to the back of the queue, so addresses are recycled least
 * recently used first (a new Linode rarely gets the address a deleted one had a moment ago, as
 * on Linode). Addresses the catalogue already uses (its regions' resolvers) are never handed out.
 * IPv6 is a SLAAC-style /128 from 2001:db8::/32, never reused.
 */
@Injectable()
export class SandboxAddressPool {
  /** Free addresses, least recently used first (a Set keeps insertion order). */
  private free = new Set<string>();
  private readonly usable: ReadonlySet<string>;
  private ipv6Counter = 0;

  constructor(reserved: Iterable<string> = []) {
    const taken = new Set(reserved);
    this.usable = new Set(documentationAddresses().filter((address) => !taken.has(address)));
    this.reset();
  }

  /** How many Linodes can hold an address at once. */
  get capacity(): number {
    return this.usable.size;
  }

  /** The least recently used free IPv4 and a fresh IPv6, or null when every IPv4 is taken. */
  allocate(): { ipv4: string; ipv6: string } | null {
    const next = this.free.values().next();
    if (next.done) return null;
    this.free.delete(next.value);
    this.ipv6Counter += 1;
    const low = this.ipv6Counter & 0xffffff;
    const ipv6 = `2001:db8::f03c:95ff:fe${(low >> 16).toString(16).padStart(2, '0')}:${(low & 0xffff).toString(16)}/128`;
    return { ipv4: next.value, ipv6 };
  }

  release(ipv4: string): void {
    if (this.usable.has(ipv4)) this.free.add(ipv4);
  }

  /** Every address free again, in the first order. */
  reset(): void {
    this.free = new Set(this.usable);
  }
}

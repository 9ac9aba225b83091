import { Injectable } from '@nestjs/common';

/**
 * Public addresses for sandbox Linodes, from the documentation ranges so they can never reach a
 * real host: IPv4 from 192.0.2.0/24 (TEST-NET-1, unique among live Linodes, reused after delete)
 * and a SLAAC-style IPv6 /128 from 2001:db8::/32 (never reused).
 */
@Injectable()
export class SandboxAddressPool {
  private readonly inUse = new Set<number>();
  private ipv6Counter = 0;

  /** The lowest free IPv4 and a fresh IPv6, or null when all 254 IPv4 addresses are taken. */
  allocate(): { ipv4: string; ipv6: string } | null {
    let host = 1;
    while (host <= 254 && this.inUse.has(host)) host += 1;
    if (host > 254) return null;
    this.inUse.add(host);
    this.ipv6Counter += 1;
    const low = this.ipv6Counter & 0xffffff;
    const ipv6 = `2001:db8::f03c:95ff:fe${(low >> 16).toString(16).padStart(2, '0')}:${(low & 0xffff).toString(16)}/128`;
    return { ipv4: `192.0.2.${host}`, ipv6 };
  }

  release(ipv4: string): void {
    const match = /^192\.0\.2\.(\d+)$/.exec(ipv4);
    if (match) this.inUse.delete(Number(match[1]));
  }

  reset(): void {
    this.inUse.clear();
  }
}

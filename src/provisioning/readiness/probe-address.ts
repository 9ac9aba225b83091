import { BlockList, isIPv4 } from 'node:net';

/** IANA's special-purpose IPv4 ranges (RFC 6890 and successors): none is a server on the internet. */
const NOT_PUBLIC_UNICAST: ReadonlyArray<[network: string, prefix: number]> = [
  ['0.0.0.0', 8], // "this network", the unspecified address
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

const refused = new BlockList();
for (const [network, prefix] of NOT_PUBLIC_UNICAST) refused.addSubnet(network, prefix, 'ipv4');

/**
 * Whether the readiness probe may send a request to this address: only a public unicast IPv4 in
 * canonical dotted-decimal form (`isIPv4` refuses octal, hex, decimal, short and IPv6 spellings).
 */
export function isProbeAddress(address: string): boolean {
  return isIPv4(address) && !refused.check(address, 'ipv4');
}

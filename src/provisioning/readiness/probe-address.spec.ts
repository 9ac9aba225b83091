import { isProbeAddress } from './probe-address';

describe('isProbeAddress', () => {
  it.each([
    ['a public address', '8.8.8.8'],
    ['the first public address', '1.0.0.0'],
    ['the last public unicast address', '223.255.255.255'],
    ['just below 10/8', '9.255.255.255'],
    ['just below CGNAT', '100.63.255.255'],
    ['just above CGNAT', '100.128.0.0'],
    ['just below 172.16/12', '172.15.255.255'],
    ['just above 172.16/12', '172.32.0.0'],
    ['just below 192.0.0/24', '191.255.255.255'],
    ['between 192.0.0/24 and 192.0.2/24', '192.0.1.1'],
    ['just above 192.0.2/24', '192.0.3.0'],
    ['just below benchmarking', '198.17.255.255'],
    ['just above benchmarking', '198.20.0.0'],
    ['a Linode address', '172.105.10.20'],
  ])('accepts %s (%s)', (_case, address) => {
    expect(isProbeAddress(address)).toBe(true);
  });

  it.each([
    ['unspecified', '0.0.0.0', '0.255.255.255'],
    ['private 10/8', '10.0.0.0', '10.255.255.255'],
    ['CGNAT 100.64/10', '100.64.0.0', '100.127.255.255'],
    ['loopback 127/8', '127.0.0.0', '127.255.255.255'],
    ['link-local 169.254/16', '169.254.0.0', '169.254.255.255'],
    ['private 172.16/12', '172.16.0.0', '172.31.255.255'],
    ['IETF protocol assignments 192.0.0/24', '192.0.0.0', '192.0.0.255'],
    ['documentation 192.0.2/24', '192.0.2.0', '192.0.2.255'],
    ['6to4 relay anycast 192.88.99/24', '192.88.99.0', '192.88.99.255'],
    ['private 192.168/16', '192.168.0.0', '192.168.255.255'],
    ['benchmarking 198.18/15', '198.18.0.0', '198.19.255.255'],
    ['documentation 198.51.100/24', '198.51.100.0', '198.51.100.255'],
    ['documentation 203.0.113/24', '203.0.113.0', '203.0.113.255'],
    ['multicast 224/4', '224.0.0.0', '239.255.255.255'],
    ['reserved 240/4', '240.0.0.0', '255.255.255.254'],
  ])('refuses %s, first and last address (%s, %s)', (_case, first, last) => {
    expect(isProbeAddress(first)).toBe(false);
    expect(isProbeAddress(last)).toBe(false);
  });

  it('refuses the broadcast address', () => {
    expect(isProbeAddress('255.255.255.255')).toBe(false);
  });

  it.each([
    ['decimal', '2130706433'],
    ['decimal of a public address', '134744072'],
    ['octal', '0177.0.0.1'],
    ['a leading zero', '08.8.8.8'],
    ['octal of a public address', '010.8.8.8'],
    ['hex', '0x7f.0.0.1'],
    ['hex of a public address', '0x08080808'],
    ['short', '127.1'],
    ['short public', '8.8.2056'],
    ['IPv4-mapped IPv6', '::ffff:8.8.8.8'],
    ['IPv4-mapped IPv6 of loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped IPv6 in hex', '::ffff:808:808'],
    ['IPv4-compatible IPv6', '::8.8.8.8'],
    ['bracketed', '[8.8.8.8]'],
    ['with a port', '8.8.8.8:80'],
    ['with spaces', ' 8.8.8.8 '],
    ['a trailing dot', '8.8.8.8.'],
    ['an octet above 255', '8.8.8.256'],
    ['full-width digits', '８.8.8.8'],
    ['a host name', 'example.com'],
    ['localhost', 'localhost'],
    ['empty', ''],
  ])('refuses a %s spelling (%s)', (_case, address) => {
    expect(isProbeAddress(address)).toBe(false);
  });
});

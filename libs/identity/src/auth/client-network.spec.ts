import { UNKNOWN_NETWORK, clientNetwork } from './client-network';

describe('clientNetwork', () => {
  it('keeps an IPv4 address whole', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('10.0.0.1')).not.toBe(clientNetwork('10.0.0.2'));
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 address it carries, dotted or in hex', () => {
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::FFFF:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(clientNetwork('0:0:0:0:0:ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by their /64 prefix, whatever the spelling', () => {
    const network = '2001:db8:1:2::/64';
    for (const address of [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0DB8:0001:0002:0000:0000:0000:0009',
      '2001:db8:1:2:3:4:1.2.3.4',
      '2001:db8:1:2::7%eth0',
    ]) {
      expect(clientNetwork(address)).toBe(network);
    }
    expect(clientNetwork('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('does not mistake an address that merely ends like a mapped one for IPv4', () => {
    expect(clientNetwork('1::ffff:cb00:7107')).toBe('1:0:0:0::/64');
  });

  it('puts anything that is not an IP address under one key, never under the text it was given', () => {
    for (const junk of [undefined, '', 'unknown', 'example.com', '999.1.1.1', '1.2.3', 'a'.repeat(500), '::ffff:1.2.3.4.5']) {
      expect(clientNetwork(junk)).toBe(UNKNOWN_NETWORK);
    }
  });
});

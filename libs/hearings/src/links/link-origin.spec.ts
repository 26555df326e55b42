import { USER_AGENT_MAX_LENGTH, describeUserAgent, linkOrigin } from './link-origin';

describe('linkOrigin', () => {
  it('keeps a plain IPv4 or IPv6 address', () => {
    expect(linkOrigin({ address: '203.0.113.7', userAgent: 'UA' })).toEqual({ address: '203.0.113.7', userAgent: 'UA' });
    expect(linkOrigin({ address: '2001:db8::7' }).address).toBe('2001:db8::7');
  });

  it('writes an IPv4 address seen on an IPv6 socket as the IPv4 address', () => {
    expect(linkOrigin({ address: '::ffff:198.51.100.20' }).address).toBe('198.51.100.20');
  });

  it('drops an IPv6 zone, which says nothing about the client', () => {
    expect(linkOrigin({ address: 'fe80::1%eth0' }).address).toBe('fe80::1');
  });

  it.each([undefined, null, '', 'unknown', 'not-an-address<script>', '203.0.113.7, 10.0.0.1', '999.1.1.1'])(
    'keeps no address for %p',
    (address) => {
      expect(linkOrigin({ address }).address).toBeNull();
    },
  );

  it('bounds the user agent, strips control characters and blanks, and keeps none when empty', () => {
    const long = linkOrigin({ userAgent: `X${'y'.repeat(500)}` }).userAgent;
    expect(long).toHaveLength(USER_AGENT_MAX_LENGTH);
    expect(linkOrigin({ userAgent: '  Firefox\u0000\u0007\n/1  ' }).userAgent).toBe('Firefox/1');
    expect(linkOrigin({ userAgent: '   ' }).userAgent).toBeNull();
    expect(linkOrigin({ userAgent: undefined }).userAgent).toBeNull();
    expect(linkOrigin({ userAgent: ['a', 'b'] as unknown as string }).userAgent).toBeNull();
  });
});

describe('describeUserAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36',
      'Chrome',
      'Android',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari',
      'iOS',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
      'Chrome',
      'iOS',
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15',
      'Firefox',
      'iPadOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge',
      'Windows',
    ],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox', 'Windows'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      'Safari',
      'macOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
      'Samsung Internet',
      'Android',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0',
      'Opera',
      'Linux',
    ],
    [
      'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome',
      'ChromeOS',
    ],
  ])('reads %s', (userAgent, browser, system) => {
    expect(describeUserAgent(userAgent)).toEqual({ browser, system });
  });

  it('says nothing it cannot read', () => {
    expect(describeUserAgent(null)).toEqual({ browser: null, system: null });
    expect(describeUserAgent('curl/8.5.0')).toEqual({ browser: null, system: null });
    expect(describeUserAgent('Xyyyy')).toEqual({ browser: null, system: null });
  });
});

import { createSocket } from 'node:dgram';
import { FFMPEG_PORT_RANGE, reserveUdpPortPair, waitUntilUdpBound } from './udp-ports';

describe('UDP ports for ffmpeg', () => {
  it('reserves an even RTP port and the next for RTCP, in the range, never twice while held', async () => {
    const pairs = await Promise.all(Array.from({ length: 20 }, () => reserveUdpPortPair('127.0.0.1')));
    for (const pair of pairs) {
      expect(pair.rtp % 2).toBe(0);
      expect(pair.rtcp).toBe(pair.rtp + 1);
      expect(pair.rtp).toBeGreaterThanOrEqual(FFMPEG_PORT_RANGE.min);
      expect(pair.rtcp).toBeLessThanOrEqual(FFMPEG_PORT_RANGE.max);
    }
    expect(new Set(pairs.map((p) => p.rtp)).size).toBe(pairs.length);
    for (const pair of pairs) {
      pair.release();
      pair.release();
    }
  });

  it('skips ports another socket holds', async () => {
    const range = { min: 63000, max: 63003 };
    const squatter = createSocket('udp4');
    await new Promise<void>((resolve) => squatter.bind(63000, '127.0.0.1', resolve));
    try {
      const pair = await reserveUdpPortPair('127.0.0.1', range);
      expect(pair.rtp).toBe(63002);
      pair.release();
    } finally {
      squatter.close();
    }
  });

  it('sees when a socket is bound to a port, and gives up on one that stays free', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    try {
      expect(await waitUntilUdpBound(socket.address().port, 1000)).toBe(true);
    } finally {
      socket.close();
    }
    const free = await reserveUdpPortPair('127.0.0.1');
    expect(await waitUntilUdpBound(free.rtp, 100)).toBe(false);
    free.release();
  });
});

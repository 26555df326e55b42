import { readFileSync, readdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import { RedisServer, listening, ownRedis } from './redis-server';

/** The redis-server processes serving the port (a redis-server names itself "redis-server 127.0.0.1:<port>"). */
function redisServersOn(port: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes('redis-server') && cmdline.includes(`127.0.0.1:${port}`)) pids.push(Number(entry));
    } catch {
      // Gone in the meantime.
    }
  }
  return pids;
}

async function ping(url: string): Promise<{ pong: string; keys: number }> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    return { pong: await client.ping(), keys: await client.dbsize() };
  } finally {
    client.disconnect();
  }
}

describe('ownRedis', () => {
  it('starts an empty redis-server of its own on a free loopback port, and stop() kills it', async () => {
    const sut = await ownRedis();
    const port = Number(new URL(sut.url).port);
    try {
      expect(sut.own).toBe(true);
      expect(sut.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+\/0$/);
      expect(port).not.toBe(6379);
      expect(await ping(sut.url)).toEqual({ pong: 'PONG', keys: 0 });
      expect(redisServersOn(port)).toHaveLength(1);
    } finally {
      await sut.stop();
    }
    expect(redisServersOn(port)).toEqual([]);
    expect(await listening(port)).toBe(false);
    // A second stop() is harmless.
    await sut.stop();
  });

  it('takes an empty URL for none', async () => {
    const sut = await ownRedis('');
    try {
      expect(sut.own).toBe(true);
      expect((await ping(sut.url)).pong).toBe('PONG');
    } finally {
      await sut.stop();
    }
  });

  it('uses a URL the operator names as it is, and starts nothing', async () => {
    const start = jest.spyOn(RedisServer, 'start');
    try {
      const sut = await ownRedis('redis://10.0.0.5:6379/3');
      expect(sut).toMatchObject({ url: 'redis://10.0.0.5:6379/3', own: false });
      await sut.stop();
      expect(start).not.toHaveBeenCalled();
    } finally {
      start.mockRestore();
    }
  });
});

describe('RedisServer', () => {
  it('comes back empty on the same port after a kill', async () => {
    const sut = await RedisServer.start();
    try {
      const client = new Redis(sut.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      await client.connect();
      await client.set('k', 'v');
      client.disconnect();
      await sut.kill();
      expect(sut.running).toBe(false);
      expect(await listening(sut.port)).toBe(false);
      await sut.restart();
      expect(await ping(sut.url)).toEqual({ pong: 'PONG', keys: 0 });
    } finally {
      await sut.kill();
    }
    expect(redisServersOn(sut.port)).toEqual([]);
  });
});

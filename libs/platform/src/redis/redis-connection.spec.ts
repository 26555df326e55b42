import { loadConfig } from '../config/app-config';
import { bullQueueOptions } from './redis-bounded';
import { sentinelOptions } from './redis-connection';

const SENTINELS = { REDIS_SENTINELS: 'sentinel-0:26379, sentinel-1:26379,[::1]:26380', REDIS_SENTINEL_NAME: 'mymaster' };

describe('Redis through Sentinel: configuration', () => {
  it('connects straight to REDIS_URL when no Sentinel is configured', () => {
    const sut = loadConfig({});
    expect(sut.redis.sentinel).toBeUndefined();
    expect(bullQueueOptions(sut)).toMatchObject({ url: 'redis://127.0.0.1:6379', prefix: 'ejustice' });
  });

  it('reads the Sentinel list and the master name', () => {
    const sut = loadConfig(SENTINELS);
    expect(sut.redis.sentinel).toEqual({
      sentinels: [
        { host: 'sentinel-0', port: 26379 },
        { host: 'sentinel-1', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'mymaster',
    });
  });

  it('keeps the database number, the credentials and TLS of REDIS_URL, not its address', () => {
    const sut = loadConfig({ ...SENTINELS, REDIS_URL: 'rediss://app:s%40cret@ignored.example:6380/4' });
    expect(sentinelOptions(sut.redis)).toEqual({
      sentinels: [
        { host: 'sentinel-0', port: 26379 },
        { host: 'sentinel-1', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'mymaster',
      db: 4,
      username: 'app',
      password: 's@cret',
      tls: {},
      enableTLSForSentinelMode: true,
    });
  });

  it('gives the Sentinels their own password, apart from the master’s', () => {
    const sut = loadConfig({ ...SENTINELS, REDIS_URL: 'redis://:master-pw@x/1', REDIS_SENTINEL_PASSWORD: 'sentinel pw' });
    expect(sut.redis.sentinel?.password).toBe('sentinel pw');
    expect(sentinelOptions(sut.redis)).toMatchObject({ password: 'master-pw', sentinelPassword: 'sentinel pw' });
    expect(sentinelOptions(loadConfig(SENTINELS).redis)).not.toHaveProperty('sentinelPassword');
  });

  it('wants a Sentinel password only with Sentinels', () => {
    expect(() => loadConfig({ REDIS_SENTINEL_PASSWORD: 'pw' })).toThrow(/REDIS_SENTINEL_PASSWORD is set but REDIS_SENTINELS is not/);
  });

  it('gives Bull the Sentinels instead of a URL, with its short reconnection delays', () => {
    const sut = bullQueueOptions(loadConfig({ ...SENTINELS, REDIS_URL: 'redis://:pw@x/2' }));
    expect(sut.url).toBeUndefined();
    expect(sut.redis).toMatchObject({ name: 'mymaster', db: 2, password: 'pw', sentinels: expect.any(Array) });
    const retry = (sut.redis as { retryStrategy: (times: number) => number }).retryStrategy;
    expect(retry(50)).toBe(1_000);
  });

  it('wants both variables or neither', () => {
    expect(() => loadConfig({ REDIS_SENTINELS: 'sentinel-0:26379' })).toThrow(/REDIS_SENTINEL_NAME must name the master/);
    expect(() => loadConfig({ REDIS_SENTINEL_NAME: 'mymaster' })).toThrow(/REDIS_SENTINELS must list the Sentinels/);
  });

  it('refuses entries that are not host:port, naming them', () => {
    expect(() => loadConfig({ ...SENTINELS, REDIS_SENTINELS: 'sentinel-0:26379,sentinel-1,redis://s:1,s:70000' })).toThrow(
      /REDIS_SENTINELS must list host:port pairs such as sentinel-0:26379, but has "sentinel-1", "redis:\/\/s:1", "s:70000"/,
    );
    expect(() => loadConfig({ ...SENTINELS, REDIS_SENTINELS: ' , ' })).toThrow(/REDIS_SENTINELS must list at least one host:port/);
  });

  it('refuses a master name with spaces or odd characters', () => {
    expect(() => loadConfig({ ...SENTINELS, REDIS_SENTINEL_NAME: 'my master' })).toThrow(/REDIS_SENTINEL_NAME must be letters, digits/);
  });
});

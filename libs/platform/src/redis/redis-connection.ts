import { Redis, type RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/app-config';

/**
 * How every connection the apps open to Redis is made: straight to REDIS_URL, or, when Sentinels
 * are configured, to whichever server the Sentinels name as the master of REDIS_SENTINEL_NAME
 * (ioredis asks them, and asks again after a failover). Shared clients, their duplicates (a
 * subscriber) and Bull's three connections per queue all come from here, so no connection can be
 * left pointing at a master that has since been demoted.
 */
export function createRedisClient(redis: AppConfig['redis'], options: RedisOptions = {}): Redis {
  return redis.sentinel ? new Redis({ ...sentinelOptions(redis), ...options }) : new Redis(redis.url, options);
}

/**
 * The ioredis options of Sentinel mode. From REDIS_URL only what is not the master's address:
 * the database number, the user and password, and TLS (`rediss:`), which then applies to the
 * master found through the Sentinels. The Sentinels' own password is REDIS_SENTINEL_PASSWORD.
 */
export function sentinelOptions(redis: AppConfig['redis']): RedisOptions {
  if (!redis.sentinel) throw new Error('sentinelOptions() needs a configuration with Sentinels.');
  const url = new URL(redis.url);
  const db = Number(url.pathname.replace(/^\//, '') || '0');
  const tls = url.protocol === 'rediss:';
  return {
    sentinels: redis.sentinel.sentinels.map(({ host, port }) => ({ host, port })),
    name: redis.sentinel.name,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(tls ? { tls: {}, enableTLSForSentinelMode: true } : {}),
    ...(redis.sentinel.password !== undefined ? { sentinelPassword: redis.sentinel.password } : {}),
  };
}

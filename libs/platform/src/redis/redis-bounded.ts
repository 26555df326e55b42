import type { Redis } from 'ioredis';
import type { Job, QueueOptions } from 'bull';
import type { AppConfig } from '../config/app-config';
import { sentinelOptions } from './redis-connection';

/** Redis did not answer in time, or the client is not connected: the caller decides what that means for its request. */
export class RedisUnavailableError extends Error {
  constructor(reason: string) {
    super(`Redis is unavailable: ${reason}`);
    this.name = 'RedisUnavailableError';
  }
}

/** How long a request waits for one Redis command: Redis answers in a millisecond when it answers at all. */
export const REDIS_REQUEST_TIMEOUT_MS = 1_000;

/**
 * Runs a Redis command on behalf of an HTTP request, within a bound. While the client is not
 * connected it fails at once: ioredis would otherwise hold the command in its offline queue until
 * Redis comes back or several reconnections have failed (seconds, or for ever), and the request
 * would hang with it. A command sent on a connection that dies meanwhile is given up after
 * `timeoutMs`; it may still run once Redis is back, so `command` must be harmless if it does.
 */
export async function withinRedisBound<T>(
  redis: Redis,
  command: (r: Redis) => Promise<T>,
  timeoutMs = REDIS_REQUEST_TIMEOUT_MS,
): Promise<T> {
  if (redis.status !== 'ready') throw new RedisUnavailableError(`the client is ${redis.status}`);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisUnavailableError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    return await Promise.race([command(redis), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Gives a job that failed its last attempt one more (Bull keeps a failed job under its id, so
 * adding the job again under that id does nothing). True when this call retried it; false when
 * the job had not failed, or another caller (a second worker's sweep) retried it first, which
 * Bull refuses as a retry of a job no longer failed. Any other error is thrown.
 */
export async function retryFailedJob(job: Job): Promise<boolean> {
  if (!(await job.isFailed())) return false;
  try {
    await job.retry();
    return true;
  } catch (error) {
    if (!(await job.isFailed().catch(() => true))) return false;
    throw error;
  }
}

/**
 * The Bull options of every app (one Redis, one prefix). Bull's own reconnection backs off
 * exponentially up to 20 s, and a worker whose fetch of the next job failed waits 5 s before the
 * next try, so after an outage the queues came back up to 25 s after Redis did; short, capped
 * delays bring them back within a second or two.
 */
export function bullQueueOptions(config: AppConfig): QueueOptions & { url?: string } {
  const retryStrategy = (times: number) => Math.min(100 * times, 1_000);
  const common = { prefix: 'ejustice', settings: { retryProcessDelay: 1_000 } };
  // Through Sentinel, Bull's client, subscriber and blocking client each find the master the same way.
  if (config.redis.sentinel) return { ...common, redis: { ...sentinelOptions(config.redis), retryStrategy } };
  return { ...common, url: config.redis.url, redis: { retryStrategy } };
}

import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS } from '@ejustice/platform';
import { IdentityErrors } from '../domain/identity-errors';

/**
 * Caps sign-in attempts per client address (fixed one-minute window in Redis). This slows down
 * password spraying across many accounts, which the per-account lock-out alone cannot stop.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async consume(clientAddress: string): Promise<void> {
    const key = `ratelimit:login:${clientAddress}`;
    const [[, count], [, ttl]] = (await this.redis.multi().incr(key).pttl(key).exec()) as [[null, number], [null, number]];
    if (ttl < 0) await this.redis.pexpire(key, 60_000);
    if (count > this.config.auth.loginRateLimitPerMinute) {
      throw IdentityErrors.rateLimited(ttl > 0 ? ttl / 1000 : 60);
    }
  }
}

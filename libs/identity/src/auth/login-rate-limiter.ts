import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS, withinRedisBound } from '@ejustice/platform';
import { IdentityErrors } from '../domain/identity-errors';

/** How long a client is asked to wait when the limit cannot be counted. */
const UNAVAILABLE_RETRY_SECONDS = 15;

/**
 * Caps sign-in attempts per client network (fixed one-minute window in Redis): an IPv4 address
 * or an IPv6 /64, see clientNetwork. This slows down password spraying across many accounts,
 * which the per-account lock-out alone cannot stop.
 * While Redis is down the limit cannot be counted, and sign-in fails closed, at once, with a 503
 * that says so: a spraying window for as long as Redis is away would cost more than a short wait
 * for people signing in (those already signed in carry on; their tokens do not need Redis).
 */
@Injectable()
export class LoginRateLimiter {
  private readonly logger = new Logger(LoginRateLimiter.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async consume(clientNetwork: string): Promise<void> {
    let attempts: { count: number; ttl: number };
    try {
      attempts = await this.count(`ratelimit:login:${clientNetwork}`);
    } catch (error) {
      this.logger.warn(
        `consume() cannot count attempts; sign-in refused [error:${error instanceof Error ? error.message : String(error)}]`,
      );
      throw IdentityErrors.signInUnavailable(UNAVAILABLE_RETRY_SECONDS);
    }
    if (attempts.count > this.config.auth.loginRateLimitPerMinute) {
      throw IdentityErrors.rateLimited(attempts.ttl > 0 ? attempts.ttl / 1000 : 60);
    }
  }

  /** Counts this attempt in the network's window; each command bounded, never queued while Redis is away. */
  private async count(key: string): Promise<{ count: number; ttl: number }> {
    const [[, count], [, ttl]] = (await withinRedisBound(this.redis, (r) => r.multi().incr(key).pttl(key).exec())) as [
      [null, number],
      [null, number],
    ];
    if (ttl < 0) await withinRedisBound(this.redis, (r) => r.pexpire(key, 60_000));
    return { count, ttl };
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS, withinRedisBound } from '@ejustice/platform';
import { CertificationErrors } from '../domain/certification-errors';

/**
 * Caps public verification requests per client network (a fixed one-minute window in Redis, as
 * sign-in does): the register answers anyone, and a code is only 80 bits, so nobody may walk it.
 * While Redis is down the limit cannot be counted and verification fails closed, with a 503.
 */
@Injectable()
export class VerificationRateLimiter {
  private readonly logger = new Logger(VerificationRateLimiter.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async consume(clientNetwork: string): Promise<void> {
    const key = `ratelimit:certification-verify:${clientNetwork}`;
    let count: number;
    let ttl: number;
    try {
      const [[, c], [, t]] = (await withinRedisBound(this.redis, (r) => r.multi().incr(key).pttl(key).exec())) as [
        [null, number],
        [null, number],
      ];
      count = c;
      ttl = t;
      if (ttl < 0) await withinRedisBound(this.redis, (r) => r.pexpire(key, 60_000));
    } catch (error) {
      this.logger.warn(`consume() cannot count; verification refused [error:${error instanceof Error ? error.message : String(error)}]`);
      throw CertificationErrors.verifyUnavailable();
    }
    if (count > this.config.certification.verifyRateLimitPerMinute)
      throw CertificationErrors.rateLimited(ttl > 0 ? Math.ceil(ttl / 1000) : 60);
  }
}

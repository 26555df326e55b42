import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, AuditLog, Clock, userActor } from '@ejustice/platform';
import { IdentityErrors } from '../domain/identity-errors';
import { LoginThrottle } from '../entities/login-throttle.entity';
import { User } from '../entities/user.entity';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';

export interface AuthenticateUserCommand {
  readonly email: string;
  readonly password: string;
  readonly clientAddress: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function emailKey(email: string): string {
  return createHash('sha256').update(normaliseEmail(email)).digest('hex');
}

/**
 * Checks an e-mail address and password. A run of failures locks the address for a while,
 * whether or not an account has it, and every failure answers with the same error, so neither
 * the message, the status nor the lock-out tells an attacker which accounts exist.
 */
@Injectable()
export class AuthenticateUser {
  private readonly logger = new Logger(AuthenticateUser.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly rateLimiter: LoginRateLimiter,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(cmd: AuthenticateUserCommand): Promise<User> {
    await this.rateLimiter.consume(cmd.clientAddress);
    const key = emailKey(cmd.email);
    const outcome = await this.db.transaction(async (m) => {
      const now = this.clock.now();
      // Serialise attempts on one address so concurrent guesses cannot slip past the limit.
      await m.query(`INSERT INTO login_throttles (email_key, failures) VALUES ($1, 0) ON CONFLICT (email_key) DO NOTHING`, [key]);
      const throttle = await m
        .getRepository(LoginThrottle)
        .findOneOrFail({ where: { emailKey: key }, lock: { mode: 'pessimistic_write' } });
      if (throttle.lockedUntil && throttle.lockedUntil > now) {
        return { kind: 'locked' as const, retryAfter: (throttle.lockedUntil.getTime() - now.getTime()) / 1000 };
      }
      const user = await m
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .leftJoinAndSelect('u.roleGrants', 'g')
        .where('u.email = :email', { email: normaliseEmail(cmd.email) })
        .getOne();
      const usable = user && user.disabledAt === null ? user : undefined;
      const ok = await this.hasher.verify(usable?.passwordHash, cmd.password);
      if (ok && usable) {
        await m.delete(LoginThrottle, { emailKey: key });
        return { kind: 'ok' as const, user: usable };
      }
      return this.recordFailure(m, throttle, user, now);
    });
    if (outcome.kind === 'ok') return outcome.user;
    if (outcome.kind === 'locked') throw IdentityErrors.accountLocked(outcome.retryAfter);
    throw IdentityErrors.invalidCredentials();
  }

  private async recordFailure(m: EntityManager, throttle: LoginThrottle, user: User | null, now: Date) {
    const failures = throttle.failures + 1;
    const lock = failures >= this.config.auth.loginMaxFailures;
    await m.update(
      LoginThrottle,
      { emailKey: throttle.emailKey },
      {
        failures: lock ? 0 : failures,
        lastFailureAt: now,
        lockedUntil: lock ? new Date(now.getTime() + this.config.auth.loginLockSeconds * 1000) : throttle.lockedUntil,
      },
    );
    if (lock) {
      this.logger.warn(`authenticate() locked an address after repeated failures [failures:${failures}]`);
      if (user) {
        await this.audit.record(m, {
          action: 'auth.account_locked',
          actor: userActor(user.id),
          subject: { type: 'user', id: user.id },
          courtId: user.courtId,
          data: { failures, lockSeconds: this.config.auth.loginLockSeconds },
        });
      }
    }
    return { kind: 'invalid' as const };
  }
}

import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, AuditLog, Clock, userActor } from '@ejustice/platform';
import { IdentityErrors } from '../domain/identity-errors';
import { LoginThrottle } from '../entities/login-throttle.entity';
import { User } from '../entities/user.entity';
import { clientNetwork } from './client-network';
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
 * The lock holds on the client network the failures came from (an IPv4 address, an IPv6 /64),
 * not everywhere: otherwise anyone who knows a judge's e-mail address could keep her out of her
 * account from anywhere. Guessing from many networks is slowed by the per-network rate limit.
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
    const network = clientNetwork(cmd.clientAddress);
    await this.rateLimiter.consume(network);
    const key = { emailKey: emailKey(cmd.email), clientNetwork: network };
    const outcome = await this.db.transaction(async (m) => {
      const now = this.clock.now();
      // Serialise attempts on one address from one network so concurrent guesses cannot slip past
      // the limit. The no-op update locks an existing row at once, so neither another attempt's
      // success nor the worker's purge can delete it before it is read; one deleted meanwhile is
      // inserted anew.
      await m.query(
        `INSERT INTO login_throttles (email_key, client_network, failures) VALUES ($1, $2, 0)
           ON CONFLICT (email_key, client_network) DO UPDATE SET failures = login_throttles.failures`,
        [key.emailKey, key.clientNetwork],
      );
      const throttle = await m.getRepository(LoginThrottle).findOneOrFail({ where: key, lock: { mode: 'pessimistic_write' } });
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
        // Only this network's failures are forgiven: a lock on another network stays.
        await m.delete(LoginThrottle, key);
        return { kind: 'ok' as const, user: usable };
      }
      return this.recordFailure(m, throttle, user, now);
    });
    if (outcome.kind === 'ok') return outcome.user;
    if (outcome.kind === 'locked') throw IdentityErrors.accountLocked(outcome.retryAfter);
    throw IdentityErrors.invalidCredentials();
  }

  private async recordFailure(m: EntityManager, throttle: LoginThrottle, user: User | null, now: Date) {
    // Failures further apart than the lock time are not a run: the count starts afresh (so the
    // worker's purge of rows long past, maintenance.processor.ts, changes no outcome).
    const lockMs = this.config.auth.loginLockSeconds * 1000;
    const inRun = throttle.lastFailureAt !== null && now.getTime() - throttle.lastFailureAt.getTime() < lockMs;
    const failures = (inRun ? throttle.failures : 0) + 1;
    const lock = failures >= this.config.auth.loginMaxFailures;
    await m.update(
      LoginThrottle,
      { emailKey: throttle.emailKey, clientNetwork: throttle.clientNetwork },
      {
        failures: lock ? 0 : failures,
        lastFailureAt: now,
        lockedUntil: lock ? new Date(now.getTime() + lockMs) : throttle.lockedUntil,
      },
    );
    if (lock) {
      this.logger.warn(
        `authenticate() locked an address on one network after repeated failures [failures:${failures}] [network:${throttle.clientNetwork}]`,
      );
      if (user) {
        await this.audit.record(m, {
          action: 'auth.account_locked',
          actor: userActor(user.id),
          subject: { type: 'user', id: user.id },
          courtId: user.courtId,
          data: { failures, lockSeconds: this.config.auth.loginLockSeconds, clientNetwork: throttle.clientNetwork },
        });
      }
    }
    return { kind: 'invalid' as const };
  }
}

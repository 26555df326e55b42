import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, AuditLog, Clock, userActor } from '@ejustice/platform';
import { IdentityErrors } from '../domain/identity-errors';
import type { UserPrincipal } from '../domain/principal';
import { RefreshToken } from '../entities/refresh-token.entity';
import { Session } from '../entities/session.entity';
import { User } from '../entities/user.entity';
import { generateOpaqueToken, hashToken, isWellFormedToken } from '../tokens/opaque-token';
import { TokenService } from '../tokens/token.service';

export interface SessionTokens {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly user: User;
}

/**
 * Sessions with short-lived access tokens and rotating refresh tokens. Each refresh spends the
 * presented token and issues the next; presenting a spent token again means it was copied, so
 * the whole session is revoked (both the thief's and the owner's copies stop working).
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a session for a user whose credentials were just checked. */
  async start(user: User, clientAddress: string): Promise<SessionTokens> {
    return this.db.transaction(async (m) => {
      const now = this.clock.now();
      const session = await m.save(
        m.create(Session, {
          userId: user.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + this.config.auth.refreshTokenTtlSeconds * 1000),
          revokedAt: null,
          revokedReason: null,
        }),
      );
      const refreshToken = await this.issueRefreshToken(m, session, now);
      await this.audit.record(m, {
        action: 'auth.signed_in',
        actor: userActor(user.id),
        subject: { type: 'session', id: session.id },
        courtId: user.courtId,
        data: { clientAddress },
      });
      return this.tokensFor(user, session, refreshToken);
    });
  }

  async refresh(presented: string): Promise<SessionTokens> {
    if (!isWellFormedToken(presented)) throw IdentityErrors.invalidRefreshToken();
    const result = await this.db.transaction(async (m) => {
      const now = this.clock.now();
      const row = await m
        .getRepository(RefreshToken)
        .findOne({ where: { tokenHash: hashToken(presented) }, lock: { mode: 'pessimistic_write' } });
      if (!row) return { error: IdentityErrors.invalidRefreshToken() };
      const session = await m.getRepository(Session).findOne({ where: { id: row.sessionId }, lock: { mode: 'pessimistic_write' } });
      if (!session || !session.isLive(now)) return { error: IdentityErrors.sessionEnded() };
      if (row.usedAt !== null) {
        await this.revoke(m, session, 'refresh_token_reuse', now);
        return { error: IdentityErrors.sessionEnded() };
      }
      if (row.expiresAt <= now) return { error: IdentityErrors.sessionEnded() };
      await m.update(RefreshToken, { id: row.id }, { usedAt: now });
      const user = await this.loadUser(m, session.userId);
      if (!user || user.disabledAt !== null) {
        await this.revoke(m, session, 'account_disabled', now);
        return { error: IdentityErrors.sessionEnded() };
      }
      const refreshToken = await this.issueRefreshToken(m, session, now);
      return { tokens: this.tokensFor(user, session, refreshToken) };
    });
    // Errors are returned, not thrown, so that a revocation for token reuse is committed.
    if ('error' in result) throw result.error;
    return result.tokens;
  }

  /** Logs out: the session ends, its refresh token dies and its access tokens stop working now. */
  async end(principal: UserPrincipal): Promise<void> {
    await this.db.transaction(async (m) => {
      const session = await m
        .getRepository(Session)
        .findOne({ where: { id: principal.sessionId, revokedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (session) await this.revoke(m, session, 'logout', this.clock.now());
    });
  }

  /** Whether an access token's session is still live: checked on every authenticated request. */
  async isLive(sessionId: string): Promise<boolean> {
    const session = await this.db.getRepository(Session).findOne({ where: { id: sessionId } });
    return session !== null && session.isLive(this.clock.now());
  }

  private async revoke(m: EntityManager, session: Session, reason: Session['revokedReason'] & string, now: Date): Promise<void> {
    await m.update(Session, { id: session.id }, { revokedAt: now, revokedReason: reason });
    await m.update(RefreshToken, { sessionId: session.id, usedAt: IsNull() }, { usedAt: now });
    const user = await m.getRepository(User).findOne({ where: { id: session.userId } });
    await this.audit.record(m, {
      action: reason === 'logout' ? 'auth.signed_out' : 'auth.session_revoked',
      actor: reason === 'logout' ? userActor(session.userId) : { type: 'system', id: null },
      subject: { type: 'session', id: session.id },
      courtId: user?.courtId ?? null,
      data: { reason },
    });
  }

  private async issueRefreshToken(m: EntityManager, session: Session, now: Date): Promise<string> {
    const token = generateOpaqueToken();
    await m.insert(RefreshToken, {
      sessionId: session.id,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: session.expiresAt,
      usedAt: null,
    });
    return token;
  }

  private loadUser(m: EntityManager, userId: string): Promise<User | null> {
    return m.getRepository(User).findOne({ where: { id: userId }, relations: { roleGrants: true } });
  }

  private tokensFor(user: User, session: Session, refreshToken: string): SessionTokens {
    const access = this.tokens.signAccessToken({ userId: user.id, courtId: user.courtId, roles: user.roles, sessionId: session.id });
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, user };
  }
}

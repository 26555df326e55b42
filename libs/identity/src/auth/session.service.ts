import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, AuditLog, Clock, userActor } from '@ejustice/platform';
import { IdentityErrors } from '../domain/identity-errors';
import type { UserPrincipal } from '../domain/principal';
import { isRole } from '@ejustice/vocabulary/role';
import { RefreshToken } from '../entities/refresh-token.entity';
import { Session, type SessionRevocationReason } from '../entities/session.entity';
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

  /**
   * The principal an access token stands for, as the account stands now: checked on every
   * authenticated request. The session must still be live and the account enabled, and the roles
   * and court are the account's, not the token's, so a role withdrawn a moment ago no longer
   * counts. One round trip: session, account and role grants in one query.
   */
  async currentPrincipal(claimed: UserPrincipal): Promise<UserPrincipal> {
    const rows: { revoked_at: Date | null; expires_at: Date; court_id: string; disabled_at: Date | null; roles: string[] }[] =
      await this.db.query(
        `SELECT s.revoked_at, s.expires_at, u.court_id, u.disabled_at,
                coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
           FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN user_roles r ON r.user_id = u.id
          WHERE s.id = $1 AND s.user_id = $2
          GROUP BY s.id, u.id`,
        [claimed.sessionId, claimed.userId],
      );
    if (rows.length === 0) throw IdentityErrors.sessionEnded();
    const row = rows[0];
    // Disabling also ends the sessions; saying why is more use to the person than "session ended".
    if (row.disabled_at !== null) throw IdentityErrors.accountDisabled();
    if (row.revoked_at !== null || row.expires_at <= this.clock.now()) throw IdentityErrors.sessionEnded();
    return { ...claimed, courtId: row.court_id, roles: row.roles.filter(isRole) };
  }

  /**
   * Ends every live session of an account in the caller's transaction (the account was disabled):
   * their refresh tokens die and their access tokens stop working at the next request. Returns
   * the ended sessions' ids, for the caller's audit event.
   */
  async endAllFor(m: EntityManager, userId: string, reason: SessionRevocationReason, now: Date): Promise<string[]> {
    const ended = await m
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: now, revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL AND expires_at > :now', { userId, now })
      .returning('id')
      .execute();
    const ids = (ended.raw as { id: string }[]).map((r) => r.id);
    if (ids.length > 0) await m.update(RefreshToken, { sessionId: In(ids), usedAt: IsNull() }, { usedAt: now });
    return ids;
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

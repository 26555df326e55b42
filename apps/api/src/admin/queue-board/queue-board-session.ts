import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import { IdentityErrors, SessionService, TokenService, type UserPrincipal, assertPlatformOperator, jwtKeyOf } from '@ejustice/identity';

/** Where the queue board is served; its cookie is sent to this path only. */
export const QUEUE_BOARD_PATH = '/api/admin/queues';
export const QUEUE_BOARD_COOKIE = 'ejustice_queue_board';
/** The board's cookie outlives an access token (the board polls for as long as it is open), never the session. */
const QUEUE_BOARD_TTL_SECONDS = 3600;
const AUDIENCE = 'ejustice-queue-board';

interface QueueBoardClaims {
  typ: 'queue-board';
  sub: string;
  sid: string;
  court: string;
}

/**
 * Who may look at the queue board. The board is a page of its own with its own requests, which a
 * browser cannot give the web app's bearer token (it lives in the app's memory): an administrator
 * signed in to the app asks for a board session, a short token of its own audience in an HttpOnly,
 * SameSite=Strict session cookie scoped to the board's path, which opens the board and nothing
 * else. Every board request, by cookie or by bearer token, is checked against the session as it
 * is now: signing out, a disabled account or a withdrawn admin role shut the board at once. The
 * queues carry every court's jobs: only the platform's operators see them (isPlatformOperator).
 */
@Injectable()
export class QueueBoardSessions {
  private readonly jwt = new JwtService({});
  private readonly key: Buffer | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {
    this.key = jwtKeyOf(config);
  }

  /** The cookie that opens the board for this administrator's session. */
  issue(principal: UserPrincipal): {
    name: string;
    value: string;
    options: { path: string; httpOnly: true; sameSite: 'strict'; secure: boolean };
  } {
    const claims: QueueBoardClaims = { typ: 'queue-board', sub: principal.userId, sid: principal.sessionId, court: principal.courtId };
    const value = this.jwt.sign(claims, {
      secret: this.key,
      expiresIn: QUEUE_BOARD_TTL_SECONDS,
      issuer: 'ejustice',
      audience: AUDIENCE,
      algorithm: 'HS256',
    });
    // No Max-Age: court computers are shared, so it dies with the browser session at the latest.
    const secure = new URL(this.config.http.publicUrl).protocol === 'https:';
    return { name: QUEUE_BOARD_COOKIE, value, options: { path: QUEUE_BOARD_PATH, httpOnly: true, sameSite: 'strict', secure } };
  }

  /** The administrator behind a board request, or the DomainError to answer it with (401, 403). */
  async authorize(req: Request): Promise<UserPrincipal> {
    const claimed = this.fromBearer(req) ?? this.fromCookie(req);
    if (!claimed) throw IdentityErrors.unauthenticated();
    const principal = await this.sessions.currentPrincipal(claimed);
    assertPlatformOperator(principal, this.config.operators.courtId);
    return principal;
  }

  private fromBearer(req: Request): UserPrincipal | undefined {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    return bearer === undefined ? undefined : this.tokens.verifyAccessToken(bearer);
  }

  private fromCookie(req: Request): UserPrincipal | undefined {
    const raw = cookieValue(req.headers.cookie, QUEUE_BOARD_COOKIE);
    if (raw === undefined) return undefined;
    try {
      const c = this.jwt.verify<QueueBoardClaims>(raw, {
        secret: this.key,
        issuer: 'ejustice',
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (c.typ !== 'queue-board' || typeof c.sub !== 'string' || typeof c.sid !== 'string') return undefined;
      // Roles are read from the database on every request (currentPrincipal), never from the cookie.
      return { kind: 'user', userId: c.sub, sessionId: c.sid, courtId: c.court, roles: [] };
    } catch {
      return undefined;
    }
  }
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

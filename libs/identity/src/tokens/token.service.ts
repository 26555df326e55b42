import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import { isHearingRole, type HearingRole } from '@ejustice/vocabulary/hearing-role';
import { isRole, type Role } from '@ejustice/vocabulary/role';
import type { ParticipantPrincipal, UserPrincipal } from '../domain/principal';

interface AccessClaims {
  typ: 'access';
  sub: string;
  sid: string;
  court: string;
  roles: Role[];
}

interface HearingClaims {
  typ: 'hearing';
  sub: string;
  hid: string;
  role: HearingRole;
  lnk: string;
}

const ISSUER = 'ejustice';

/**
 * The HMAC key of access and hearing tokens, made once. Given the secret as a string (or Buffer),
 * jsonwebtoken 9 tries it as a PEM key on every sign and verify, and builds and throws an error
 * before taking it as a secret: a fifth of a millisecond of the api's main thread per request under
 * load (the filing benchmark's profile). A KeyObject, typed as the Buffer that the types of
 * @nestjs/jwt and passport-jwt name: both hand it to jsonwebtoken unchanged. Undefined where
 * loadConfig left JWT_SECRET out (a production process that declared it signs no tokens).
 */
export function jwtKeyOf(config: AppConfig): Buffer | undefined {
  const secret = config.auth.jwtSecret;
  return secret === undefined ? undefined : (createSecretKey(Buffer.from(secret, 'utf8')) as unknown as Buffer);
}

/**
 * The principal an access token's verified claims name, or undefined when they are not an access
 * token's (a hearing token, a missing or unknown role): the claim rules, in one place for every
 * check of an access token.
 */
export function accessPrincipalOf(claims: unknown): UserPrincipal | undefined {
  const c = claims as Partial<AccessClaims> | null;
  if (
    typeof c !== 'object' ||
    c === null ||
    c.typ !== 'access' ||
    typeof c.sub !== 'string' ||
    typeof c.sid !== 'string' ||
    typeof c.court !== 'string' ||
    !Array.isArray(c.roles) ||
    !c.roles.every(isRole)
  )
    return undefined;
  return { kind: 'user', userId: c.sub, sessionId: c.sid, courtId: c.court, roles: c.roles };
}

/**
 * Signs and checks the platform's JWTs. Access tokens and hearing-session tokens carry a `typ`
 * and a distinct audience, so one can never be passed off as the other.
 */
@Injectable()
export class TokenService {
  private readonly key: Buffer | undefined;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = jwtKeyOf(config);
  }

  signAccessToken(p: Omit<UserPrincipal, 'kind'>): { token: string; expiresAt: Date } {
    const claims: AccessClaims = { typ: 'access', sub: p.userId, sid: p.sessionId, court: p.courtId, roles: [...p.roles] };
    const ttl = this.config.auth.accessTokenTtlSeconds;
    const token = this.jwt.sign(claims, {
      secret: this.key,
      expiresIn: ttl,
      issuer: ISSUER,
      audience: 'ejustice-api',
      algorithm: 'HS256',
    });
    return { token, expiresAt: new Date(Date.now() + ttl * 1000) };
  }

  /** Returns the principal, or undefined for any token that is not a valid, unexpired access token. */
  verifyAccessToken(token: string): UserPrincipal | undefined {
    try {
      return accessPrincipalOf(
        this.jwt.verify<AccessClaims>(token, {
          secret: this.key,
          issuer: ISSUER,
          audience: 'ejustice-api',
          algorithms: ['HS256'],
        }),
      );
    } catch {
      return undefined;
    }
  }

  signHearingToken(
    p: Omit<ParticipantPrincipal, 'kind'>,
    ttlSeconds = this.config.auth.hearingSessionTtlSeconds,
  ): { token: string; expiresAt: Date } {
    const claims: HearingClaims = { typ: 'hearing', sub: p.participantId, hid: p.hearingId, role: p.hearingRole, lnk: p.linkId };
    const token = this.jwt.sign(claims, {
      secret: this.key,
      expiresIn: ttlSeconds,
      issuer: ISSUER,
      audience: 'ejustice-hearing',
      algorithm: 'HS256',
    });
    return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }

  verifyHearingToken(token: string): ParticipantPrincipal | undefined {
    try {
      const c = this.jwt.verify<HearingClaims>(token, {
        secret: this.key,
        issuer: ISSUER,
        audience: 'ejustice-hearing',
        algorithms: ['HS256'],
      });
      if (c.typ !== 'hearing' || typeof c.sub !== 'string' || typeof c.hid !== 'string' || !isHearingRole(c.role)) return undefined;
      return { kind: 'participant', participantId: c.sub, hearingId: c.hid, hearingRole: c.role, linkId: c.lnk };
    } catch {
      return undefined;
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import { type HearingRole, isHearingRole } from '../domain/hearing-role';
import type { SignallingErrorCode } from '../signalling/signalling-messages';
import { isUuid } from '../signalling/signalling-messages';

/** What a join ticket says: who joins which hearing on which media node, and how they were let in. */
export interface JoinTicketClaims {
  readonly participantId: string;
  readonly hearingId: string;
  readonly hearingRole: HearingRole;
  readonly nodeId: string;
  /** The one-time link whose session this ticket comes from; null for account holders. */
  readonly linkId: string | null;
  /** The account, for account holders. */
  readonly userId: string | null;
}

interface WireClaims {
  typ: 'media-join';
  sub: string;
  hid: string;
  role: HearingRole;
  node: string;
  lnk: string | null;
  uid: string | null;
}

const ISSUER = 'ejustice';
/** A distinct audience: neither an access token nor a hearing-session token can pass for a ticket. */
const AUDIENCE = 'ejustice-media';

export type TicketCheck =
  { readonly ok: true; readonly claims: JoinTicketClaims } | { readonly ok: false; readonly code: SignallingErrorCode };

/**
 * Join tickets: short-lived JWTs the api issues for one connection to one media node, and the
 * media node checks at the socket handshake. Signed with the platform's secret (api and media
 * nodes share it).
 */
@Injectable()
export class JoinTickets {
  private readonly jwt = new JwtService({});

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  sign(claims: JoinTicketClaims, ttlSeconds = this.config.media.ticketTtlSeconds): { ticket: string; expiresAt: Date } {
    const wire: WireClaims = {
      typ: 'media-join',
      sub: claims.participantId,
      hid: claims.hearingId,
      role: claims.hearingRole,
      node: claims.nodeId,
      lnk: claims.linkId,
      uid: claims.userId,
    };
    const ticket = this.jwt.sign(wire, {
      secret: this.config.auth.jwtSecret,
      expiresIn: ttlSeconds,
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithm: 'HS256',
    });
    return { ticket, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }

  verify(ticket: unknown): TicketCheck {
    if (typeof ticket !== 'string' || ticket.length === 0) return { ok: false, code: 'auth.ticket_missing' };
    let c: WireClaims;
    try {
      c = this.jwt.verify<WireClaims>(ticket, {
        secret: this.config.auth.jwtSecret,
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
    } catch (error) {
      return { ok: false, code: (error as { name?: string }).name === 'TokenExpiredError' ? 'auth.ticket_expired' : 'auth.ticket_invalid' };
    }
    const wellFormed =
      c.typ === 'media-join' &&
      isUuid(c.sub) &&
      isUuid(c.hid) &&
      isHearingRole(c.role) &&
      typeof c.node === 'string' &&
      (c.lnk === null || isUuid(c.lnk)) &&
      (c.uid === null || isUuid(c.uid));
    if (!wellFormed) return { ok: false, code: 'auth.ticket_invalid' };
    return {
      ok: true,
      claims: { participantId: c.sub, hearingId: c.hid, hearingRole: c.role, nodeId: c.node, linkId: c.lnk, userId: c.uid },
    };
  }
}

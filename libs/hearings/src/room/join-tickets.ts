import { type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig, ConfigError } from '@ejustice/platform';
import { type HearingRole, isHearingRole } from '@ejustice/vocabulary/hearing-role';
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
/**
 * ECDSA on P-256: the api signs with the private key, media nodes check with the public key.
 * (EdDSA would do as well, but the installed jsonwebtoken, 9.0, does not support it.)
 */
const ALGORITHM = 'ES256';

export type TicketCheck =
  { readonly ok: true; readonly claims: JoinTicketClaims } | { readonly ok: false; readonly code: SignallingErrorCode };

/**
 * Join tickets: short-lived JWTs the api issues for one connection to one media node, and the
 * media node checks at the socket handshake. Signed with a key pair of their own, not with the
 * secret of access tokens: a media node faces the internet and holds only the public key, so
 * one broken into can neither make tickets nor api tokens.
 */
@Injectable()
export class JoinTickets {
  private readonly privateKey: KeyObject | undefined;
  private readonly publicKey: KeyObject | undefined;
  /** Its own instance holding only the ticket keys (a module secret would take precedence over them). */
  private readonly jwt: JwtService;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { ticketPrivateKey, ticketPublicKey } = config.media;
    this.privateKey = ticketPrivateKey === undefined ? undefined : createPrivateKey(ticketPrivateKey);
    this.publicKey = ticketPublicKey === undefined ? undefined : createPublicKey(ticketPublicKey);
    this.jwt = new JwtService({ privateKey: this.privateKey, publicKey: this.publicKey });
  }

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
    if (!this.privateKey) {
      // loadConfig requires the key of a process that declares it signs tickets (the api).
      throw new ConfigError(['MEDIA_TICKET_PRIVATE_KEY must be set for this process to issue join tickets.']);
    }
    const ticket = this.jwt.sign(wire, {
      expiresIn: ttlSeconds,
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithm: ALGORITHM,
    });
    return { ticket, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }

  verify(ticket: unknown): TicketCheck {
    if (!this.publicKey) {
      throw new ConfigError(['MEDIA_TICKET_PUBLIC_KEY must be set for this process to check join tickets.']);
    }
    if (typeof ticket !== 'string' || ticket.length === 0) return { ok: false, code: 'auth.ticket_missing' };
    let c: WireClaims;
    try {
      // Only ES256: a token made with an HMAC secret (an access token, or one forged with the
      // public key taken for a secret) is refused before its signature is even looked at.
      c = this.jwt.verify<WireClaims>(ticket, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: [ALGORITHM],
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

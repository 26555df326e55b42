import type { HearingRole } from '@ejustice/vocabulary/hearing-role';

/*
 * The REST contract of a participant's hearing links, declared once for the api and the web
 * (type-only: the browser imports nothing else from here).
 */

/** POST /api/hearings/:id/participants/:participantId/links (judges and clerks). */
export interface IssueLinkRequest {
  /** Hours until the link expires (the platform's default when absent). */
  readonly ttlHours?: number;
}

/** The answer of issuing a link: the only time its token is ever shown. */
export interface IssuedHearingLinkView {
  readonly linkId: string;
  /** Shown once, to the clerk who sends it; only its hash is stored. */
  readonly token: string;
  /** The page that opens the hearing with the token: what the participant is sent. */
  readonly url: string;
  readonly expiresAt: string;
}

/** POST /api/hearing-links/exchange (public): spends the one-time link. */
export interface ExchangeLinkRequest {
  readonly token: string;
}

/**
 * The answer of the exchange: a hearing-session token for the join ticket of this one hearing,
 * with the hearing and the participant as the link's holder may read them (names they may not
 * know masked).
 */
export interface HearingSessionGrant {
  readonly sessionToken: string;
  readonly expiresAt: string;
  /** `courtTimeZone`: the court's IANA zone, in which the page states the hearing's time (the holder has no account to say it). */
  readonly hearing: { readonly id: string; readonly title: string; readonly scheduledStart: string; readonly courtTimeZone: string };
  readonly participant: { readonly id: string; readonly hearingRole: HearingRole; readonly displayName: string };
}

/** Why a link stopped working before it expired. */
export const LINK_REVOKE_CAUSES = ['revoked', 'replaced'] as const;
export type LinkRevokeCause = (typeof LINK_REVOKE_CAUSES)[number];

/**
 * Where a link stands now. `unused`: it still opens the hearing once. `used`: exchanged, its
 * session is honoured until the link is revoked. `expired`: never used, and now it cannot be.
 * `revoked` and `replaced`: ended by the court, session and all.
 */
export type HearingLinkStatus = 'unused' | 'used' | 'expired' | 'revoked' | 'replaced';

export interface LinkPersonView {
  readonly userId: string;
  readonly displayName: string;
}

/** One link as the court reads it. The token is never shown again after issue, nor its hash. */
export interface HearingLinkView {
  readonly id: string;
  readonly status: HearingLinkStatus;
  /** Whether revoking it still cuts someone off (unused and not expired, or used). */
  readonly revocable: boolean;
  readonly issuedAt: string;
  /** Null only when the issuing account is no longer known. */
  readonly issuedBy: LinkPersonView | null;
  readonly expiresAt: string;
  /**
   * When and from where it was exchanged: the client address and User-Agent as the api saw them
   * (null when absent or not an address), and the browser and system read from the User-Agent.
   */
  readonly used: {
    readonly at: string;
    readonly address: string | null;
    readonly userAgent: string | null;
    readonly browser: string | null;
    readonly system: string | null;
  } | null;
  /** How it ended: `by` is the judge or clerk who revoked it or issued the newer link. */
  readonly revoked: {
    readonly at: string;
    readonly cause: LinkRevokeCause;
    readonly by: LinkPersonView | null;
    /** The newer link that replaced it. */
    readonly replacedBy: string | null;
  } | null;
}

/** GET /api/hearings/:id/participants/:participantId/links */
export interface ParticipantLinksView {
  readonly participantId: string;
  /**
   * Whether this participant joins by link at all. The bench and account holders join through
   * their own signed-in session and are never issued one.
   */
  readonly joinsByLink: boolean;
  /** Newest first. */
  readonly links: readonly HearingLinkView[];
}

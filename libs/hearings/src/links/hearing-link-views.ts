/*
 * The REST contract of a participant's hearing links, declared once for the api and the web
 * (type-only: the browser imports nothing else from here).
 */

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

/*
 * Notices from the api to the media nodes, over Redis pub/sub (live coordination only). A notice
 * names a hearing and nothing else: the node re-reads the record (PostgreSQL) itself.
 */

/**
 * A hearing's special-measures orders changed: a live room re-reads them and applies them without
 * anyone rejoining. A notice lost in transit is caught up by the room's periodic re-read.
 */
export const ORDER_NOTICE_CHANNEL = 'ejustice:hearing-orders';

/**
 * Who may be connected to a hearing changed (a link revoked, or replaced by a new one; an account
 * disabled, or a role withdrawn from it): the node holding it re-checks every live connection of
 * the hearing against the record, as at the handshake, and ends those no longer honoured.
 */
export const ACCESS_NOTICE_CHANNEL = 'ejustice:hearing-access';

/**
 * A seat was added to the hearing or withdrawn from it outside the room: a live room re-reads who
 * is seated, lists the new one and drops the withdrawn one for everyone who may see them. A notice
 * lost in transit is caught up by the room's periodic re-read.
 */
export const SEAT_NOTICE_CHANNEL = 'ejustice:hearing-seats';

export interface HearingNotice {
  readonly hearingId: string;
}

export function encodeHearingNotice(notice: HearingNotice): string {
  return JSON.stringify({ hearingId: notice.hearingId });
}

/** The notice, or null for anything that is not one (a stray publisher must not crash a node). */
export function decodeHearingNotice(message: string): HearingNotice | null {
  try {
    const value: unknown = JSON.parse(message);
    if (typeof value === 'object' && value !== null && typeof (value as { hearingId?: unknown }).hearingId === 'string') {
      return { hearingId: (value as { hearingId: string }).hearingId };
    }
  } catch {
    // not JSON: ignored below
  }
  return null;
}

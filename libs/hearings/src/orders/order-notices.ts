/**
 * The api tells the media nodes that a hearing's special-measures orders changed, so a live room
 * re-reads them (from PostgreSQL, the record) and applies them without anyone rejoining.
 * Redis pub/sub: live coordination only. A notice lost in transit is caught up by the room's
 * periodic re-read; the notice carries no order content, only which hearing to re-read.
 */
export const ORDER_NOTICE_CHANNEL = 'ejustice:hearing-orders';

/**
 * The api tells the media nodes that who may be connected to a hearing changed (a link revoked
 * or replaced, a participant removed): the node holding it re-checks every live connection of
 * the hearing against the record and ends those no longer honoured. Same payload.
 */
export const ACCESS_NOTICE_CHANNEL = 'ejustice:hearing-access';

export interface OrderNotice {
  readonly hearingId: string;
}

export function encodeOrderNotice(notice: OrderNotice): string {
  return JSON.stringify({ hearingId: notice.hearingId });
}

/** The notice, or null for anything that is not one (a stray publisher must not crash a node). */
export function decodeOrderNotice(message: string): OrderNotice | null {
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

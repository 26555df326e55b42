import type { HearingStatus } from '@ejustice/hearings/domain/hearing-status';
import { isMediaKind, type MediaKind, type MediaVariant } from './media-kind';
import { roleMayProduce } from './media-production';
import type { PolicySnapshot } from './policy-snapshot';
import { concealingOrder } from './identity-disclosure';
import { indexSnapshot, roomOf, sameRoom, type PolicyIndex, type Room } from './snapshot-check';

/**
 * Why a consumer may not exist, as a stable code for the media node's logs and the audit trail.
 * Not for clients: "separate_rooms" would tell the room that someone is in consultation with
 * whom. New special measures add codes; callers must treat unknown codes as a plain denial.
 */
export type DenyReason =
  | 'invalid_snapshot'
  | 'unknown_kind'
  | 'unknown_viewer'
  | 'unknown_source'
  | 'own_media'
  | 'viewer_in_doubt'
  | 'source_in_doubt'
  | 'viewer_not_live'
  | 'source_not_live'
  | 'source_may_not_produce'
  | 'separate_rooms'
  | 'hearing_not_in_session'
  | 'withheld_by_order';

/** Where the allowed media flows: the courtroom or a private consultation room. */
export type GrantReason = 'main_room' | 'consultation';

export type MediaDecision =
  | {
      readonly allowed: true;
      /** The only variant that may be consumed; never fall back to another. */
      readonly variant: MediaVariant;
      readonly reason: GrantReason;
      /** Orders that shaped the decision (e.g. made it `anonymised`), for the audit trail. */
      readonly orderIds: readonly string[];
    }
  | {
      readonly allowed: false;
      readonly reason: DenyReason;
      readonly orderIds: readonly string[];
    };

/**
 * Whether `viewerId` may receive `kind` from `sourceId`, and which variant. The media node asks
 * before creating every consumer; desiredConsumers applies the same function to the whole room.
 */
export function decideMedia(snapshot: PolicySnapshot, viewerId: string, sourceId: string, kind: MediaKind): MediaDecision {
  return decideIndexed(indexSnapshot(snapshot), viewerId, sourceId, kind);
}

export function decideIndexed(index: PolicyIndex, viewerId: string, sourceId: string, kind: MediaKind): MediaDecision {
  if (index.broken) return deny('invalid_snapshot');
  if (!isMediaKind(kind)) return deny('unknown_kind');
  const viewer = index.participants.get(viewerId);
  if (!viewer) return deny('unknown_viewer');
  const source = index.participants.get(sourceId);
  if (!source) return deny('unknown_source');
  // Self-view is the client's local preview; a server loop-back would only add delay.
  if (viewer.id === source.id) return deny('own_media');
  if (index.doubtful.has(viewer.id)) return deny('viewer_in_doubt');
  if (index.doubtful.has(source.id)) return deny('source_in_doubt');

  const viewerRoom = roomOf(index, viewer);
  if (!viewerRoom) return deny('viewer_not_live');
  const sourceRoom = roomOf(index, source);
  if (!sourceRoom) return deny('source_not_live');
  // A second lock behind mayProduce: a screen from someone who may not share one is never shown,
  // even if a producer slipped through.
  if (!roleMayProduce(source.role, kind)) return deny('source_may_not_produce');
  // Consultation rooms are privileged and sealed both ways: the courtroom does not hear counsel
  // take instructions, and the client does not follow the courtroom meanwhile.
  if (!sameRoom(viewerRoom, sourceRoom)) return deny('separate_rooms');
  if (!inSession(index.snapshot.status, viewerRoom)) return deny('hearing_not_in_session');

  const order = concealingOrder(index, viewer, source);
  if (order) {
    // A screen share cannot be anonymised without destroying it (a blurred document is no
    // exhibit), and it may show names, files and windows: it is withheld instead.
    if (kind === 'screen') return deny('withheld_by_order', [order.id]);
    return grant('anonymised', viewerRoom, [order.id]);
  }
  return grant('raw', viewerRoom, []);
}

/**
 * The courtroom carries media only while the court sits (`open`). A consultation room also
 * carries it during a recess — that is when counsel take instructions — but not before the
 * sitting opens nor after it is adjourned or closed: then the platform is no longer the court's
 * premises and a private room left running there would be no one's responsibility.
 */
function inSession(status: HearingStatus, room: Room): boolean {
  if (room.kind === 'main') return status === 'open';
  return status === 'open' || status === 'in_recess';
}

function grant(variant: MediaVariant, room: Room, orderIds: readonly string[]): MediaDecision {
  return {
    allowed: true,
    variant,
    reason: room.kind === 'main' ? 'main_room' : 'consultation',
    orderIds,
  };
}

function deny(reason: DenyReason, orderIds: readonly string[] = []): MediaDecision {
  return { allowed: false, reason, orderIds };
}

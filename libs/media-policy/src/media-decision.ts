import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import { isMediaKind, type MediaKind, type MediaVariant } from './media-kind';
import { roleMayProduce } from './media-production';
import type { PolicyParticipant, PolicySnapshot } from './policy-snapshot';
import { concealingOrder } from './identity-disclosure';
import { indexSnapshot, roomOf, sameRoom, type PolicyIndex, type Room } from './snapshot-check';
import type { SpecialMeasure } from './special-measure';
import { isBench, screenBetween, waitingTogether } from './special-measure-relations';

/**
 * Why a consumer may not exist, as a stable code for the media node's logs and the audit trail.
 * Not for clients: "separate_rooms" would tell the room that someone is in consultation with
 * whom, "screened" whom a witness is screened from. New special measures add codes; callers must
 * treat unknown codes as a plain denial.
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
  /** Evidence in private: the public gallery receives nothing while the order is in force. */
  | 'sitting_in_private'
  /** A supporter is heard and seen by the bench and their witness only. */
  | 'supporter_private'
  /** Audio only: the witness's picture goes to the bench alone. */
  | 'audio_only'
  /** A screen stands between the viewer and the source: no picture crosses it. */
  | 'screened'
  /** Anonymity: a screen share cannot be anonymised, so it is withheld from the unentitled. */
  | 'withheld_by_order'
  /** An interpreter speaking into a language channel is heard by that channel's listeners only. */
  | 'other_channel';

/**
 * Where the allowed media flows: the courtroom, a private consultation room, or the waiting room
 * (only between a waiting witness and her supporter).
 */
export type GrantReason = 'main_room' | 'consultation' | 'waiting_room';

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

/** Where a viewer and a source meet, if anywhere: a room, or the waiting room under a supporter order. */
type Place = Room | { readonly kind: 'waiting_room'; readonly orderId: string };

/**
 * The waiting room exists from the moment the hearing is scheduled until it is adjourned or
 * closed — the statuses in which a waiting participant may already produce (media-production).
 * A witness and her supporter may talk there before the sitting opens: that is when she needs it.
 */
const WAITING_ROOM_STATUSES: readonly HearingStatus[] = ['scheduled', 'open', 'in_recess'];

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

  const place = meetingPlace(index, viewer, source, kind);
  if (typeof place === 'string') return deny(place);

  const withheld = withheldByOrder(index, viewer, source, kind);
  if (withheld) return deny(withheld.reason, [withheld.order.id]);
  // Interpretation comes after the rooms and the orders: it only ever narrows who hears.
  if (!onViewersChannel(viewer, source, kind)) return deny('other_channel');

  const shaping = place.kind === 'waiting_room' ? [place.orderId] : [];
  const order = concealingOrder(index, viewer, source);
  if (order) {
    // A screen share cannot be anonymised without destroying it (a blurred document is no
    // exhibit), and it may show names, files and windows: it is withheld instead.
    if (kind === 'screen') return deny('withheld_by_order', [order.id]);
    return grant('anonymised', place, [...shaping, order.id]);
  }
  return grant('raw', place, shaping);
}

/**
 * Where viewer and source are together, or why they are not. The rooms come first: no order can
 * let media into a room it may not enter.
 */
function meetingPlace(index: PolicyIndex, viewer: PolicyParticipant, source: PolicyParticipant, kind: MediaKind): Place | DenyReason {
  const waiting = waitingTogether(index, viewer, source);
  if (waiting) {
    // The waiting room carries voices and faces between a witness and her supporter, nothing
    // else: a document is put before the court, in the courtroom.
    if (kind === 'screen') return 'viewer_not_live';
    if (!roleMayProduce(source.role, kind)) return 'source_may_not_produce';
    if (!WAITING_ROOM_STATUSES.includes(index.snapshot.status)) return 'hearing_not_in_session';
    return { kind: 'waiting_room', orderId: waiting.id };
  }

  const viewerRoom = roomOf(index, viewer);
  if (!viewerRoom) return 'viewer_not_live';
  const sourceRoom = roomOf(index, source);
  if (!sourceRoom) return 'source_not_live';
  // A second lock behind mayProduce: a screen from someone who may not share one is never shown,
  // even if a producer slipped through.
  if (!roleMayProduce(source.role, kind)) return 'source_may_not_produce';
  // Consultation rooms are privileged and sealed both ways: the courtroom does not hear counsel
  // take instructions, and the client does not follow the courtroom meanwhile.
  if (!sameRoom(viewerRoom, sourceRoom)) return 'separate_rooms';
  if (!inSession(index.snapshot.status, viewerRoom)) return 'hearing_not_in_session';
  return viewerRoom;
}

/**
 * The special-measures orders that keep this media from this viewer, in every room (courtroom,
 * consultation, waiting room) alike. None of them ever applies to the judge: the bench is never
 * screened, never denied a supporter or an audio-only witness, and the gallery rule is for the
 * gallery (snapshot-check refuses orders that would put the bench behind a screen).
 */
function withheldByOrder(
  index: PolicyIndex,
  viewer: PolicyParticipant,
  source: PolicyParticipant,
  kind: MediaKind,
): { readonly reason: DenyReason; readonly order: SpecialMeasure } | undefined {
  // Evidence in private: the court has excluded the public; the gallery stays connected (it
  // will be readmitted) but receives nothing, from anyone, until the order is lifted.
  if (index.evidenceInPrivate && viewer.role === 'observer') {
    return { reason: 'sitting_in_private', order: index.evidenceInPrivate };
  }
  // A supporter is not a witness and has no right of audience: the judge must see and hear who
  // is beside the witness, and she hears them; nobody else does (their face may say who she is).
  const supporting = index.supporters.get(source.id);
  if (supporting && !isBench(viewer) && viewer.id !== supporting.participantId) {
    return { reason: 'supporter_private', order: supporting };
  }
  // Audio only: the court hears the witness; only the bench sees her (the clerk still through
  // the anonymised picture, unless an anonymity order discloses her to them: see below).
  const audioOnly = index.audioOnly.get(source.id);
  if (audioOnly && kind === 'video' && !isBench(viewer)) return { reason: 'audio_only', order: audioOnly };
  // A screen hides faces, not words: both sides still hear each other, as behind a physical
  // screen in court, and documents shared on screen are still shown.
  const screen = kind === 'video' ? screenBetween(index, viewer, source) : undefined;
  if (screen) return { reason: 'screened', order: screen };
  return undefined;
}

/**
 * Whether the viewer is tuned to what the source says. An interpreter working simultaneously
 * speaks into their language channel, over the floor: their voice reaches only those who chose
 * that channel, never the floor (the court would hear two languages at once). Their picture, and
 * their voice when they interpret consecutively (on the floor, in turn), reach everyone as usual.
 */
function onViewersChannel(viewer: PolicyParticipant, source: PolicyParticipant, kind: MediaKind): boolean {
  if (kind !== 'audio' || !source.interpreting || source.interpreting.toFloor) return true;
  return (viewer.listening ?? null) === source.interpreting.channel;
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

function grant(variant: MediaVariant, place: Place, orderIds: readonly string[]): MediaDecision {
  return {
    allowed: true,
    variant,
    reason: place.kind === 'main' ? 'main_room' : place.kind,
    orderIds,
  };
}

function deny(reason: DenyReason, orderIds: readonly string[] = []): MediaDecision {
  return { allowed: false, reason, orderIds };
}

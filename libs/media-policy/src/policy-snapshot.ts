import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import type { SpecialMeasure } from './special-measure';

/**
 * One participant as the policy sees them: plain data copied from the live room, never an entity.
 * The real display name travels in here and leaves only through `nameFor` / `visibleParticipants`,
 * which decide who may see it.
 */
export interface PolicyParticipant {
  readonly id: string;
  readonly role: HearingRole;
  readonly state: ParticipantState;
  /** The real name. A protected witness's pseudonym lives on their anonymity order, not here. */
  readonly displayName: string;
  /**
   * The one consultation they are in: required when `state` is `in_consultation`, forbidden when
   * `admitted` (a participant is in court or in a consultation, never both). Ignored otherwise.
   */
  readonly consultationId?: string | null;
  /** The participant's own microphone is paused. A producer pause, not a policy matter. */
  readonly muted?: boolean;
  /** The participant asks the bench for the floor. */
  readonly handRaised?: boolean;
  /** The bench stopped their camera and has not allowed it again. */
  readonly cameraHeld?: boolean;
  /** The party of the case this participant is (a defendant, a victim), if any. */
  readonly partyId?: string | null;
  /** For counsel: the parties they act for. Counsel consult only their own clients. */
  readonly clientPartyIds?: readonly string[];
  /**
   * The interpretation channel (a language) this participant listens to; null or absent: the
   * floor. Only a channel's listeners receive what its interpreter says into it.
   */
  readonly listening?: string | null;
  /** For an interpreter with an assignment: their channel, and whether they speak on the floor. */
  readonly interpreting?: Interpreting;
}

/**
 * An interpreter's output. Simultaneous (`toFloor` false): their voice goes into `channel` only,
 * over the floor the channel's listeners still hear lowered. Consecutive (`toFloor` true): they
 * speak on the floor, in turn with the speaker, and everyone hears them.
 */
export interface Interpreting {
  readonly channel: string;
  readonly toFloor: boolean;
}

/**
 * A private consultation room (counsel with their client, or the bench in conference).
 * Membership is stated twice on purpose — here and by each member's `consultationId` — and the
 * two must agree: privileged conversation is only routed when both records say the same thing.
 */
export interface Consultation {
  readonly id: string;
  /** The participant who opened it; must hold a role that may open one. */
  readonly openedBy: string;
  readonly memberIds: readonly string[];
}

/** Everything the policy needs to know about one hearing at one instant. */
export interface PolicySnapshot {
  readonly hearingId: string;
  readonly status: HearingStatus;
  readonly participants: readonly PolicyParticipant[];
  readonly consultations: readonly Consultation[];
  /** Special-measures orders in force for this hearing; empty when none were made. */
  readonly orders: readonly SpecialMeasure[];
}

/**
 * States in which a participant is inside the hearing (main room or a consultation room) and so
 * may send and receive hearing media. Every other state is outside: invited, waiting,
 * disconnected and removed people neither see nor are seen.
 */
export const LIVE_STATES: readonly ParticipantState[] = ['admitted', 'in_consultation'];

export function isLive(state: ParticipantState): boolean {
  return LIVE_STATES.includes(state);
}

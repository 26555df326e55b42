import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import { isMediaKind, type MediaKind } from './media-kind';
import type { PolicySnapshot } from './policy-snapshot';
import { RECEIVE_ONLY_ROLES, SCREEN_SHARING_ROLES } from './role-permissions';
import { indexSnapshot, type PolicyIndex } from './snapshot-check';

export type ProduceDenyReason =
  | 'invalid_snapshot'
  | 'unknown_kind'
  | 'unknown_participant'
  | 'participant_in_doubt'
  | 'not_present'
  | 'role_may_not_produce'
  | 'sitting_ended';

export type ProduceDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: ProduceDenyReason };

/**
 * States in which a participant may send media to the server. Waiting participants may: their
 * camera and microphone are already flowing when the judge admits them, so testimony starts at
 * once rather than after a renegotiation. That is safe because producing is not showing:
 * nobody consumes anything from outside the room (see decideMedia).
 */
const PRODUCING_STATES: readonly ParticipantState[] = ['waiting', 'admitted', 'in_consultation'];

/**
 * Hearing statuses in which producers may exist. Before opening and during a recess they wait,
 * unconsumed, for the room to sit again. Once adjourned or closed the sitting is over and the
 * media node should hold nobody's camera.
 */
const PRODUCING_STATUSES: readonly HearingStatus[] = ['scheduled', 'open', 'in_recess'];

/** Whether `participantId` may send `kind` to the media node now. Asked before every produce. */
export function mayProduce(snapshot: PolicySnapshot, participantId: string, kind: MediaKind): ProduceDecision {
  return produceIndexed(indexSnapshot(snapshot), participantId, kind);
}

export function produceIndexed(index: PolicyIndex, participantId: string, kind: MediaKind): ProduceDecision {
  const snapshot = index.snapshot;
  if (index.broken) return deny('invalid_snapshot');
  if (!isMediaKind(kind)) return deny('unknown_kind');
  const participant = index.participants.get(participantId);
  if (!participant) return deny('unknown_participant');
  if (index.doubtful.has(participantId)) return deny('participant_in_doubt');
  if (!PRODUCING_STATES.includes(participant.state)) return deny('not_present');
  if (!roleMayProduce(participant.role, kind)) return deny('role_may_not_produce');
  if (!PRODUCING_STATUSES.includes(snapshot.status)) return deny('sitting_ended');
  return { allowed: true };
}

/** The role part of the rule, also checked on the consuming side as a second lock. */
export function roleMayProduce(role: HearingRole, kind: MediaKind): boolean {
  if (RECEIVE_ONLY_ROLES.includes(role)) return false;
  return kind === 'screen' ? SCREEN_SHARING_ROLES.includes(role) : true;
}

function deny(reason: ProduceDenyReason): ProduceDecision {
  return { allowed: false, reason };
}

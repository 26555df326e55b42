import type { PolicyParticipant, PolicySnapshot } from '@ejustice/media-policy/policy-snapshot';
import type { SpecialMeasure } from '@ejustice/media-policy/special-measure';
import { interpretingOf } from './interpretation';
import type { RoomState } from './room-state';

/*
 * The bridge from the live room to the media policy's input. Type-only imports: the policy is a
 * pure library above this one (it reads hearings' vocabularies), so nothing here runs its code;
 * the media node and the api call the policy with what this builds.
 */

/**
 * The media policy's view of the room at this instant. Everything the policy rules on comes from
 * here: roles, states, consultations (both records of membership), mute and hands, the
 * interpretation channels (who listens to which, who interprets into which and how), and the
 * special-measures orders in force (read from the record into the room state).
 */
export function buildPolicySnapshot(state: RoomState, orders: readonly SpecialMeasure[] = state.orders): PolicySnapshot {
  return {
    hearingId: state.hearingId,
    status: state.status,
    participants: state.participants.map((p): PolicyParticipant => ({
      id: p.id,
      role: p.role,
      state: p.state,
      displayName: p.displayName,
      consultationId: p.state === 'in_consultation' ? p.consultationId : null,
      muted: p.muted,
      handRaised: p.handRaised,
      cameraHeld: p.cameraHeldByBench,
      partyId: p.partyId,
      clientPartyIds: p.clientPartyIds,
      listening: p.listening,
      interpreting: interpretingOf(state, p),
    })),
    consultations: state.consultations.map((c) => ({ id: c.id, openedBy: c.openedBy, memberIds: [...c.memberIds] })),
    orders,
  };
}

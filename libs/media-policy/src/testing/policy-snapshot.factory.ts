import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import type { Consultation, PolicyParticipant, PolicySnapshot } from '../policy-snapshot';
import type {
  AnonymityOrder,
  AudioOnlyOrder,
  EvidenceInPrivateOrder,
  RemoteWitnessRoomOrder,
  ScreenOrder,
  SpecialMeasure,
  SupporterOrder,
} from '../special-measure';

/**
 * A sitting criminal court: one participant per role, all admitted, the hearing open. The
 * defendant and the victim are parties; each counsel acts for one party (the prosecutor for the
 * prosecution, which is not in the room); the witness is nobody's client.
 */
export const COURT = {
  judge: 'judge',
  clerk: 'clerk',
  prosecutor: 'prosecutor',
  defenceCounsel: 'defence-counsel',
  victimCounsel: 'victim-counsel',
  defendant: 'defendant',
  witness: 'witness',
  victim: 'victim',
  interpreter: 'interpreter',
  supporter: 'supporter',
  observer: 'observer',
} as const;

export const PARTY = { prosecution: 'party-prosecution', defendant: 'party-defendant', victim: 'party-victim' } as const;

const CAST: readonly [string, HearingRole, string, Partial<PolicyParticipant>][] = [
  [COURT.judge, 'judge', 'Judge Amina Haddad', {}],
  [COURT.clerk, 'clerk', 'Youssef Benali', {}],
  [COURT.prosecutor, 'prosecutor', 'Claire Dubois', { clientPartyIds: [PARTY.prosecution] }],
  [COURT.defenceCounsel, 'defence_counsel', 'Omar Tazi', { clientPartyIds: [PARTY.defendant] }],
  [COURT.victimCounsel, 'victim_counsel', 'Leila Mansour', { clientPartyIds: [PARTY.victim] }],
  [COURT.defendant, 'defendant', 'Karim Alaoui', { partyId: PARTY.defendant }],
  [COURT.witness, 'witness', 'Nadia Real-Name', {}],
  [COURT.victim, 'victim', 'Sara Idrissi', { partyId: PARTY.victim }],
  [COURT.interpreter, 'interpreter', 'Jean Martin', {}],
  [COURT.supporter, 'supporter', 'Fatima Real-Name', {}],
  [COURT.observer, 'observer', 'Member of the public', {}],
];

export function newParticipant(id: string, role: HearingRole, overrides: Partial<PolicyParticipant> = {}): PolicyParticipant {
  return { id, role, state: 'admitted', displayName: `Name of ${id}`, ...overrides };
}

export function newCourtroom(overrides: Partial<PolicySnapshot> = {}): PolicySnapshot {
  return {
    hearingId: 'hearing-1',
    status: 'open',
    participants: CAST.map(([id, role, displayName, extra]) => newParticipant(id, role, { displayName, ...extra })),
    consultations: [],
    orders: [],
    ...overrides,
  };
}

export function displayNameOf(snapshot: PolicySnapshot, id: string): string {
  const participant = snapshot.participants.find((candidate) => candidate.id === id);
  if (!participant) throw new Error(`no participant ${id}`);
  return participant.displayName;
}

export function withParticipant(snapshot: PolicySnapshot, id: string, changes: Partial<PolicyParticipant>): PolicySnapshot {
  if (!snapshot.participants.some((participant) => participant.id === id)) throw new Error(`no participant ${id}`);
  return {
    ...snapshot,
    participants: snapshot.participants.map((participant) => (participant.id === id ? { ...participant, ...changes } : participant)),
  };
}

export function withState(snapshot: PolicySnapshot, id: string, state: ParticipantState): PolicySnapshot {
  return withParticipant(snapshot, id, { state });
}

/** Opens a consultation and moves its members into it, keeping both records in agreement. */
export function withConsultation(snapshot: PolicySnapshot, consultation: Consultation): PolicySnapshot {
  let next: PolicySnapshot = { ...snapshot, consultations: [...snapshot.consultations, consultation] };
  for (const memberId of consultation.memberIds) {
    next = withParticipant(next, memberId, { state: 'in_consultation', consultationId: consultation.id });
  }
  return next;
}

export function withOrder(snapshot: PolicySnapshot, order: SpecialMeasure): PolicySnapshot {
  return { ...snapshot, orders: [...snapshot.orders, order] };
}

export function withAnonymity(
  snapshot: PolicySnapshot,
  participantId: string,
  extra: Partial<Omit<AnonymityOrder, 'kind' | 'participantId'>> = {},
): PolicySnapshot {
  const order: AnonymityOrder = {
    kind: 'anonymity',
    id: `order-anonymity-${participantId}`,
    participantId,
    pseudonym: 'Witness A',
    ...extra,
  };
  return withOrder(snapshot, order);
}

/** Screens `participantId` (by default from the defendant's role). */
export function withScreen(
  snapshot: PolicySnapshot,
  participantId: string,
  extra: Partial<Omit<ScreenOrder, 'kind' | 'participantId'>> = {},
): PolicySnapshot {
  const order: ScreenOrder = {
    kind: 'screen',
    id: `order-screen-${participantId}`,
    participantId,
    fromRoles: ['defendant'],
    fromParticipantIds: [],
    ...extra,
  };
  return withOrder(snapshot, order);
}

export function withAudioOnly(snapshot: PolicySnapshot, participantId: string): PolicySnapshot {
  const order: AudioOnlyOrder = { kind: 'audio_only', id: `order-audio-only-${participantId}`, participantId };
  return withOrder(snapshot, order);
}

/** Seats `supporterId` beside the witness `participantId`. */
export function withSupporter(
  snapshot: PolicySnapshot,
  participantId: string,
  supporterId: string,
  capacity: SupporterOrder['capacity'] = 'supporter',
): PolicySnapshot {
  const order: SupporterOrder = { kind: 'supporter', id: `order-supporter-${supporterId}`, participantId, supporterId, capacity };
  return withOrder(snapshot, order);
}

export function withEvidenceInPrivate(snapshot: PolicySnapshot, id = 'order-in-private'): PolicySnapshot {
  const order: EvidenceInPrivateOrder = { kind: 'evidence_in_private', id };
  return withOrder(snapshot, order);
}

export function withRemoteRoom(snapshot: PolicySnapshot, participantId: string, location: string): PolicySnapshot {
  const order: RemoteWitnessRoomOrder = { kind: 'remote_witness_room', id: `order-remote-${participantId}`, participantId, location };
  return withOrder(snapshot, order);
}

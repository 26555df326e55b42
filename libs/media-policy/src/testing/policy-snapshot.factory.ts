import type { HearingRole } from '@ejustice/hearings/domain/hearing-role';
import type { ParticipantState } from '@ejustice/hearings/domain/participant-state';
import type { Consultation, PolicyParticipant, PolicySnapshot } from '../policy-snapshot';
import type { AnonymityOrder } from '../special-measure';

/** A sitting criminal court: one participant per role, all admitted, the hearing open. */
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

const CAST: readonly [string, HearingRole, string][] = [
  [COURT.judge, 'judge', 'Judge Amina Haddad'],
  [COURT.clerk, 'clerk', 'Youssef Benali'],
  [COURT.prosecutor, 'prosecutor', 'Claire Dubois'],
  [COURT.defenceCounsel, 'defence_counsel', 'Omar Tazi'],
  [COURT.victimCounsel, 'victim_counsel', 'Leila Mansour'],
  [COURT.defendant, 'defendant', 'Karim Alaoui'],
  [COURT.witness, 'witness', 'Nadia Real-Name'],
  [COURT.victim, 'victim', 'Sara Idrissi'],
  [COURT.interpreter, 'interpreter', 'Jean Martin'],
  [COURT.supporter, 'supporter', 'Fatima Real-Name'],
  [COURT.observer, 'observer', 'Member of the public'],
];

export function newParticipant(id: string, role: HearingRole, overrides: Partial<PolicyParticipant> = {}): PolicyParticipant {
  return { id, role, state: 'admitted', displayName: `Name of ${id}`, ...overrides };
}

export function newCourtroom(overrides: Partial<PolicySnapshot> = {}): PolicySnapshot {
  return {
    hearingId: 'hearing-1',
    status: 'open',
    participants: CAST.map(([id, role, displayName]) => newParticipant(id, role, { displayName })),
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
  return { ...snapshot, orders: [...snapshot.orders, order] };
}

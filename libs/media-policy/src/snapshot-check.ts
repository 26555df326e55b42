import { HEARING_ROLES } from '@ejustice/hearings/domain/hearing-role';
import { HEARING_STATUSES } from '@ejustice/hearings/domain/hearing-status';
import { PARTICIPANT_STATES } from '@ejustice/hearings/domain/participant-state';
import { LIVE_STATES, type Consultation, type PolicyParticipant, type PolicySnapshot } from './policy-snapshot';
import { CONSULTATION_OPENING_ROLES } from './role-permissions';
import type { AnonymityOrder, SpecialMeasure } from './special-measure';

/**
 * Why a snapshot cannot be trusted, as a stable code for logs and alerts.
 * Hearing-wide problems switch off all media and all disclosure for the hearing; participant
 * problems switch off that participant only (see `SnapshotProblem.scope`).
 */
export type SnapshotProblemCode =
  | 'malformed_snapshot'
  | 'unknown_status'
  | 'malformed_participant'
  | 'duplicate_participant'
  | 'unknown_role'
  | 'unknown_state'
  | 'malformed_consultation'
  | 'duplicate_consultation'
  | 'consultation_opener_invalid'
  | 'consultation_member_unknown'
  | 'consultation_missing'
  | 'consultation_unknown'
  | 'consultation_membership_mismatch'
  | 'stray_consultation_membership'
  | 'unknown_order_kind'
  | 'order_malformed'
  | 'order_subject_unknown'
  | 'conflicting_orders';

export interface SnapshotProblem {
  readonly code: SnapshotProblemCode;
  /**
   * `hearing`: nothing about this hearing can be trusted (an order we cannot read, two people
   * with one id): no media flows and nobody learns about anybody.
   * `participant`: only the whereabouts of `participantId` (or of the live members of
   * `consultationId`) are in doubt: they neither send nor receive, and only the bench sees them
   * in the list.
   */
  readonly scope: 'hearing' | 'participant';
  readonly participantId?: string;
  readonly consultationId?: string;
  readonly orderId?: string;
  /** For logs. Carries ids only: never a name or a pseudonym. */
  readonly message: string;
}

/** Where a live participant is: the courtroom itself or one private consultation room. */
export type Room = { readonly kind: 'main' } | { readonly kind: 'consultation'; readonly consultationId: string };

/** A snapshot checked once and indexed for the rules. Internal to this library. */
export interface PolicyIndex {
  readonly snapshot: PolicySnapshot;
  readonly problems: readonly SnapshotProblem[];
  /** A hearing-wide problem was found: every rule denies. */
  readonly broken: boolean;
  readonly participants: ReadonlyMap<string, PolicyParticipant>;
  /** Participants whose own records contradict each other: every rule denies them media. */
  readonly doubtful: ReadonlySet<string>;
  /** Anonymity orders by protected participant. */
  readonly anonymity: ReadonlyMap<string, AnonymityOrder>;
}

/**
 * Lists every reason not to trust `snapshot`; empty when it is sound. The media node should log
 * these (they are bugs upstream) — the rules already fail closed on them.
 */
export function checkSnapshot(snapshot: PolicySnapshot): readonly SnapshotProblem[] {
  return indexSnapshot(snapshot).problems;
}

export function indexSnapshot(snapshot: PolicySnapshot): PolicyIndex {
  const problems: SnapshotProblem[] = [];
  const participants = new Map<string, PolicyParticipant>();
  const doubtful = new Set<string>();
  const anonymity = new Map<string, AnonymityOrder>();
  const index = (): PolicyIndex => ({
    snapshot,
    problems,
    broken: problems.some((problem) => problem.scope === 'hearing'),
    participants,
    doubtful,
    anonymity,
  });

  if (
    !isObject(snapshot) ||
    !Array.isArray(snapshot.participants) ||
    !Array.isArray(snapshot.consultations) ||
    !Array.isArray(snapshot.orders)
  ) {
    problems.push(hearingProblem('malformed_snapshot', 'snapshot lacks participants, consultations or orders'));
    return index();
  }
  if (!(HEARING_STATUSES as readonly unknown[]).includes(snapshot.status)) {
    problems.push(hearingProblem('unknown_status', `hearing status ${String(snapshot.status)} is unknown`));
  }

  indexParticipants(snapshot.participants, participants, doubtful, problems);
  const consultations = indexConsultations(snapshot.consultations, participants, doubtful, problems);
  checkMembership(participants, consultations, doubtful, problems);
  indexOrders(snapshot.orders, participants, anonymity, problems);
  return index();
}

/** The room a participant is in, or null when they are outside the hearing or in doubt. */
export function roomOf(index: PolicyIndex, participant: PolicyParticipant): Room | null {
  if (index.broken || index.doubtful.has(participant.id)) return null;
  switch (participant.state) {
    case 'admitted':
      return { kind: 'main' };
    case 'in_consultation':
      // checkMembership has proved consultationId names an existing consultation listing them.
      return { kind: 'consultation', consultationId: participant.consultationId as string };
    case 'invited':
    case 'waiting':
    case 'disconnected':
    case 'removed':
      return null;
    default:
      return unreachable(participant.state);
  }
}

export function sameRoom(a: Room, b: Room): boolean {
  if (a.kind === 'main' || b.kind === 'main') return a.kind === b.kind;
  return a.consultationId === b.consultationId;
}

/** Compile-time exhaustiveness. Unknown states are marked doubtful first, so this never runs. */
export function unreachable(value: never): never {
  throw new TypeError(`unreachable: ${String(value)}`);
}

function indexParticipants(
  list: readonly PolicyParticipant[],
  participants: Map<string, PolicyParticipant>,
  doubtful: Set<string>,
  problems: SnapshotProblem[],
): void {
  const duplicates = new Set<string>();
  for (const participant of list) {
    if (!isObject(participant) || !isNonEmptyString(participant.id)) {
      problems.push(hearingProblem('malformed_participant', 'a participant has no id'));
      continue;
    }
    if (participants.has(participant.id)) {
      duplicates.add(participant.id);
      continue;
    }
    participants.set(participant.id, participant);
    if (!(HEARING_ROLES as readonly unknown[]).includes(participant.role)) {
      doubt(participant.id, 'unknown_role', `participant ${participant.id} has an unknown hearing role`);
    }
    if (!(PARTICIPANT_STATES as readonly unknown[]).includes(participant.state)) {
      doubt(participant.id, 'unknown_state', `participant ${participant.id} has an unknown state`);
    }
    if (typeof participant.displayName !== 'string') {
      doubt(participant.id, 'malformed_participant', `participant ${participant.id} has no display name`);
    }
  }
  // Two records under one id: any rule might read the wrong one, so nothing can be decided.
  for (const id of duplicates) {
    problems.push({
      code: 'duplicate_participant',
      scope: 'hearing',
      participantId: id,
      message: `participant ${id} appears more than once`,
    });
  }

  function doubt(id: string, code: SnapshotProblemCode, message: string): void {
    doubtful.add(id);
    problems.push({ code, scope: 'participant', participantId: id, message });
  }
}

function indexConsultations(
  list: readonly Consultation[],
  participants: ReadonlyMap<string, PolicyParticipant>,
  doubtful: Set<string>,
  problems: SnapshotProblem[],
): Map<string, Consultation> {
  const consultations = new Map<string, Consultation>();
  for (const consultation of list) {
    if (!isObject(consultation) || !isNonEmptyString(consultation.id) || !Array.isArray(consultation.memberIds)) {
      problems.push(hearingProblem('malformed_consultation', 'a consultation has no id or no member list'));
      continue;
    }
    if (consultations.has(consultation.id)) {
      problems.push({
        code: 'duplicate_consultation',
        scope: 'hearing',
        consultationId: consultation.id,
        message: `consultation ${consultation.id} appears more than once`,
      });
      continue;
    }
    consultations.set(consultation.id, consultation);

    // A room nobody entitled opened, or one listing strangers, is not a privileged consultation:
    // everybody in it is cut off until the record is put right.
    const opener = participants.get(consultation.openedBy);
    if (!opener || !CONSULTATION_OPENING_ROLES.includes(opener.role)) {
      taintConsultation(
        consultation,
        'consultation_opener_invalid',
        `consultation ${consultation.id} was not opened by a judge or counsel`,
      );
    }
    const strangers = consultation.memberIds.filter((id) => !participants.has(id));
    if (strangers.length > 0) {
      taintConsultation(
        consultation,
        'consultation_member_unknown',
        `consultation ${consultation.id} lists unknown participants ${strangers.join(', ')}`,
      );
    }
  }
  return consultations;

  function taintConsultation(consultation: Consultation, code: SnapshotProblemCode, message: string): void {
    for (const participant of participants.values()) {
      const inIt = consultation.memberIds.includes(participant.id) || participant.consultationId === consultation.id;
      if (inIt && isLiveState(participant.state)) doubtful.add(participant.id);
    }
    problems.push({ code, scope: 'participant', consultationId: consultation.id, message });
  }
}

/**
 * The participant's state and the consultation records must tell the same story. Only live
 * participants are held to it: a disconnected member may still be listed in the room they
 * dropped out of, and it does not matter since they receive nothing.
 */
function checkMembership(
  participants: ReadonlyMap<string, PolicyParticipant>,
  consultations: ReadonlyMap<string, Consultation>,
  doubtful: Set<string>,
  problems: SnapshotProblem[],
): void {
  for (const participant of participants.values()) {
    if (!isLiveState(participant.state)) continue;
    const listedIn = [...consultations.values()]
      .filter((consultation) => consultation.memberIds.includes(participant.id))
      .map((consultation) => consultation.id);
    const id = participant.id;
    const report = (code: SnapshotProblemCode, message: string): void => {
      doubtful.add(id);
      problems.push({ code, scope: 'participant', participantId: id, message });
    };

    if (participant.state === 'admitted') {
      if ((participant.consultationId !== null && participant.consultationId !== undefined) || listedIn.length > 0) {
        report('stray_consultation_membership', `participant ${id} is admitted to the room but recorded in a consultation`);
      }
      continue;
    }
    const consultationId = participant.consultationId;
    if (!isNonEmptyString(consultationId)) {
      report('consultation_missing', `participant ${id} is in consultation without a consultation id`);
    } else if (!consultations.has(consultationId)) {
      report('consultation_unknown', `participant ${id} is in unknown consultation ${consultationId}`);
    } else if (listedIn.length !== 1 || listedIn[0] !== consultationId) {
      report(
        'consultation_membership_mismatch',
        `participant ${id} is in consultation ${consultationId} but listed in [${listedIn.join(', ')}]`,
      );
    }
  }
}

function indexOrders(
  orders: readonly SpecialMeasure[],
  participants: ReadonlyMap<string, PolicyParticipant>,
  anonymity: Map<string, AnonymityOrder>,
  problems: SnapshotProblem[],
): void {
  for (const order of orders) {
    if (!isObject(order)) {
      problems.push(hearingProblem('order_malformed', 'an order is not an object'));
      continue;
    }
    switch (order.kind) {
      case 'anonymity':
        indexAnonymity(order, participants, anonymity, problems);
        break;
      default:
        // `kind` is `never` here while every kind is handled; a new kind fails to compile.
        problems.push(unknownOrder(order, order.kind));
    }
  }
}

function indexAnonymity(
  order: AnonymityOrder,
  participants: ReadonlyMap<string, PolicyParticipant>,
  anonymity: Map<string, AnonymityOrder>,
  problems: SnapshotProblem[],
): void {
  const orderId = isNonEmptyString(order.id) ? order.id : undefined;
  const malformed =
    orderId === undefined ||
    !isNonEmptyString(order.pseudonym) ||
    !optionalListOf(order.disclosedToRoles, (role) => (HEARING_ROLES as readonly unknown[]).includes(role)) ||
    !optionalListOf(order.disclosedToParticipantIds, isNonEmptyString);
  if (malformed) {
    problems.push({
      code: 'order_malformed',
      scope: 'hearing',
      orderId,
      message: `anonymity order ${orderId ?? '(no id)'} is incomplete`,
    });
    return;
  }
  // An order naming nobody we know may name the witness under another id: the witness would then
  // go unprotected, so the hearing stops rather than guess.
  if (!participants.has(order.participantId)) {
    problems.push({
      code: 'order_subject_unknown',
      scope: 'hearing',
      orderId,
      message: `anonymity order ${orderId} names unknown participant ${String(order.participantId)}`,
    });
    return;
  }
  if (anonymity.has(order.participantId)) {
    problems.push({
      code: 'conflicting_orders',
      scope: 'hearing',
      orderId,
      participantId: order.participantId,
      message: `participant ${order.participantId} has more than one anonymity order`,
    });
    return;
  }
  anonymity.set(order.participantId, order);
}

function isLiveState(state: unknown): boolean {
  return (LIVE_STATES as readonly unknown[]).includes(state);
}

function hearingProblem(code: SnapshotProblemCode, message: string): SnapshotProblem {
  return { code, scope: 'hearing', message };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function optionalListOf(value: unknown, accept: (item: unknown) => boolean): boolean {
  return value === undefined || (Array.isArray(value) && value.every(accept));
}

function unknownOrder(order: object, kind: never): SnapshotProblem {
  const id: unknown = (order as { id?: unknown }).id;
  return {
    code: 'unknown_order_kind',
    scope: 'hearing',
    orderId: isNonEmptyString(id) ? id : undefined,
    message: `order of unknown kind ${String(kind)}`,
  };
}

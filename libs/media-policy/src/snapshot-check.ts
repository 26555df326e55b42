import { HEARING_ROLES, type HearingRole } from '@ejustice/vocabulary/hearing-role';
import { HEARING_STATUSES } from '@ejustice/vocabulary/hearing-status';
import { PARTICIPANT_STATES } from '@ejustice/vocabulary/participant-state';
import { LIVE_STATES, type Consultation, type PolicyParticipant, type PolicySnapshot } from './policy-snapshot';
import { CONSULTATION_OPENING_ROLES } from './role-permissions';
import {
  BENCH_POLICY_ROLES,
  OBSCURED_PICTURES,
  type AnonymityOrder,
  type AudioOnlyOrder,
  type EvidenceInPrivateOrder,
  type RemoteWitnessRoomOrder,
  type ScreenOrder,
  type SpecialMeasure,
  type SupporterOrder,
} from './special-measure';
import { isBench, screenBetween, witnessSupportedBy, type OrderRelations } from './special-measure-relations';

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
  | 'consultation_member_not_permitted'
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
  /** For logs. Carries ids only: never a name, a pseudonym or a location. */
  readonly message: string;
}

/** Where a live participant is: the courtroom itself or one private consultation room. */
export type Room = { readonly kind: 'main' } | { readonly kind: 'consultation'; readonly consultationId: string };

/** A snapshot checked once and indexed for the rules. Internal to this library. */
export interface PolicyIndex extends OrderRelations {
  readonly snapshot: PolicySnapshot;
  readonly problems: readonly SnapshotProblem[];
  /** A hearing-wide problem was found: every rule denies. */
  readonly broken: boolean;
  readonly participants: ReadonlyMap<string, PolicyParticipant>;
  /** Participants whose own records contradict each other: every rule denies them media. */
  readonly doubtful: ReadonlySet<string>;
  /** Anonymity orders by protected participant. */
  readonly anonymity: ReadonlyMap<string, AnonymityOrder>;
  /** Screen orders by the witness behind the screen. */
  readonly screens: ReadonlyMap<string, ScreenOrder>;
  /** Audio-only orders by witness. */
  readonly audioOnly: ReadonlyMap<string, AudioOnlyOrder>;
  /** Supporter orders by supporter (one witness each). */
  readonly supporters: ReadonlyMap<string, SupporterOrder>;
  /** Supporter orders by supported witness (she may have several supporters). */
  readonly supportersOf: ReadonlyMap<string, readonly SupporterOrder[]>;
  /** The evidence-in-private order in force, if any: it names nobody, so there is at most one. */
  readonly evidenceInPrivate: EvidenceInPrivateOrder | null;
  /** Remote witness room orders by witness. */
  readonly remoteRooms: ReadonlyMap<string, RemoteWitnessRoomOrder>;
}

/** The orders of one snapshot, sorted by kind while they are read. */
interface OrderBook {
  readonly anonymity: Map<string, AnonymityOrder>;
  readonly screens: Map<string, ScreenOrder>;
  readonly audioOnly: Map<string, AudioOnlyOrder>;
  readonly supporters: Map<string, SupporterOrder>;
  readonly supportersOf: Map<string, SupporterOrder[]>;
  evidenceInPrivate: EvidenceInPrivateOrder | null;
  readonly remoteRooms: Map<string, RemoteWitnessRoomOrder>;
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
  const book: OrderBook = {
    anonymity: new Map(),
    screens: new Map(),
    audioOnly: new Map(),
    supporters: new Map(),
    supportersOf: new Map(),
    evidenceInPrivate: null,
    remoteRooms: new Map(),
  };
  const index = (): PolicyIndex => ({
    snapshot,
    problems,
    broken: problems.some((problem) => problem.scope === 'hearing'),
    participants,
    doubtful,
    ...book,
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
  indexOrders(snapshot.orders, participants, book, problems);
  // Who may be in a room together depends on the orders (supporters, screens): checked last.
  checkConsultationCompany(consultations, { participants, ...book }, doubtful, problems);
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
    // Which parties someone is, or acts for, decides whom counsel may take aside: a garbled
    // record could let counsel into a room with someone who is not their client.
    const partyId: unknown = participant.partyId;
    if (
      !(partyId === undefined || partyId === null || isNonEmptyString(partyId)) ||
      !optionalListOf(participant.clientPartyIds, isNonEmptyString)
    ) {
      doubt(participant.id, 'malformed_participant', `participant ${participant.id} has an unreadable party record`);
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
        participants,
        doubtful,
        problems,
        'consultation_opener_invalid',
        `consultation ${consultation.id} was not opened by a judge, counsel or a supporter`,
      );
    }
    const strangers = consultation.memberIds.filter((id) => !participants.has(id));
    if (strangers.length > 0) {
      taintConsultation(
        consultation,
        participants,
        doubtful,
        problems,
        'consultation_member_unknown',
        `consultation ${consultation.id} lists unknown participants ${strangers.join(', ')}`,
      );
    }
  }
  return consultations;
}

/** Cuts off every live participant in `consultation` (by either record) and reports why. */
function taintConsultation(
  consultation: Consultation,
  participants: ReadonlyMap<string, PolicyParticipant>,
  doubtful: Set<string>,
  problems: SnapshotProblem[],
  code: SnapshotProblemCode,
  message: string,
): void {
  for (const participant of participants.values()) {
    if (isIn(consultation, participant) && isLiveState(participant.state)) doubtful.add(participant.id);
  }
  problems.push({ code, scope: 'participant', consultationId: consultation.id, message });
}

function isIn(consultation: Consultation, participant: PolicyParticipant): boolean {
  return consultation.memberIds.includes(participant.id) || participant.consultationId === consultation.id;
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

/**
 * The second lock behind the room's own consultation rules: who may be in a private room with
 * whom. The first lock (the room refusing to open it) may have a bug; privileged media is only
 * routed when the record shows a room the law allows, otherwise everyone live in it is cut off.
 * - Opened by the judge: anyone; the judge may confer with whom the court needs.
 * - Opened by counsel: counsel, their own clients and the supporters beside those clients.
 *   Legal privilege covers counsel and client only; a prosecutor does not take a witness aside,
 *   and defence counsel never reaches the prosecution's protected witness.
 * - Opened by a supporter: the supporter, their witness and her other supporters. A supporter
 *   is there for her alone.
 * - In any room: never two people a screen keeps apart. There is no screen in a consultation
 *   room, so putting them together would undo the order.
 */
function checkConsultationCompany(
  consultations: ReadonlyMap<string, Consultation>,
  relations: OrderRelations,
  doubtful: Set<string>,
  problems: SnapshotProblem[],
): void {
  for (const consultation of consultations.values()) {
    const opener = relations.participants.get(consultation.openedBy);
    // An invalid opener is already reported and its room already cut off.
    if (!opener || !CONSULTATION_OPENING_ROLES.includes(opener.role)) continue;
    const members = [...relations.participants.values()].filter((participant) => isIn(consultation, participant));

    const refused = members.filter((member) => !mayHold(relations, opener, member));
    const apart = members.flatMap((a, i) =>
      members
        .slice(i + 1)
        .filter((b) => screenBetween(relations, a, b) !== undefined)
        .map((b) => `${a.id}/${b.id}`),
    );
    if (refused.length > 0) {
      taintConsultation(
        consultation,
        relations.participants,
        doubtful,
        problems,
        'consultation_member_not_permitted',
        `consultation ${consultation.id} opened by ${opener.id} may not hold ${refused.map((member) => member.id).join(', ')}`,
      );
    } else if (apart.length > 0) {
      taintConsultation(
        consultation,
        relations.participants,
        doubtful,
        problems,
        'consultation_member_not_permitted',
        `consultation ${consultation.id} holds participants screened from each other: ${apart.join(', ')}`,
      );
    }
  }
}

/** Whether a consultation `opener` opened may hold `member` (see checkConsultationCompany). */
function mayHold(relations: OrderRelations, opener: PolicyParticipant, member: PolicyParticipant): boolean {
  if (member.id === opener.id) return true;
  const role: HearingRole = opener.role;
  switch (role) {
    case 'judge':
      return true;
    case 'prosecutor':
    case 'defence_counsel':
    case 'victim_counsel': {
      if (isClientOf(opener, member)) return true;
      const witnessId = witnessSupportedBy(relations, member);
      const witness = witnessId === undefined ? undefined : relations.participants.get(witnessId);
      return witness !== undefined && isClientOf(opener, witness);
    }
    case 'supporter': {
      const witnessId = witnessSupportedBy(relations, opener);
      return witnessId !== undefined && (member.id === witnessId || witnessSupportedBy(relations, member) === witnessId);
    }
    case 'clerk':
    case 'defendant':
    case 'witness':
    case 'victim':
    case 'interpreter':
    case 'observer':
      // Not among CONSULTATION_OPENING_ROLES: their rooms are refused as consultation_opener_invalid.
      return false;
    default:
      return unreachable(role);
  }
}

function isClientOf(counsel: PolicyParticipant, participant: PolicyParticipant): boolean {
  return isNonEmptyString(participant.partyId) && (counsel.clientPartyIds ?? []).includes(participant.partyId);
}

function indexOrders(
  orders: readonly SpecialMeasure[],
  participants: ReadonlyMap<string, PolicyParticipant>,
  book: OrderBook,
  problems: SnapshotProblem[],
): void {
  const reader = new OrderReader(participants, problems);
  for (const order of orders) {
    if (!isObject(order)) {
      problems.push(hearingProblem('order_malformed', 'an order is not an object'));
      continue;
    }
    switch (order.kind) {
      case 'anonymity':
        reader.anonymity(order, book.anonymity);
        break;
      case 'screen':
        reader.screen(order, book.screens);
        break;
      case 'audio_only':
        reader.audioOnly(order, book.audioOnly);
        break;
      case 'supporter':
        reader.supporter(order, book.supporters, book.supportersOf);
        break;
      case 'evidence_in_private':
        if (reader.evidenceInPrivate(order, book.evidenceInPrivate)) book.evidenceInPrivate = order;
        break;
      case 'remote_witness_room':
        reader.remoteWitnessRoom(order, book.remoteRooms);
        break;
      default:
        // `order` is `never` here while every kind is handled; a new kind fails to compile.
        problems.push(unknownOrder(order));
    }
  }
}

/**
 * Reads each order kind, reporting an order it cannot trust and indexing the others. Every order
 * problem is hearing-wide: an order we cannot read, or that names somebody we do not know, may be
 * the one that protects a witness — the hearing stops rather than guess. Each method returns
 * whether the order was accepted.
 */
class OrderReader {
  constructor(
    private readonly participants: ReadonlyMap<string, PolicyParticipant>,
    private readonly problems: SnapshotProblem[],
  ) {}

  anonymity(order: AnonymityOrder, byWitness: Map<string, AnonymityOrder>): boolean {
    const complete =
      isNonEmptyString(order.pseudonym) &&
      isNonEmptyString(order.participantId) &&
      (order.picture === undefined || (OBSCURED_PICTURES as readonly unknown[]).includes(order.picture)) &&
      optionalListOf(order.disclosedToRoles, isHearingRole) &&
      optionalListOf(order.disclosedToParticipantIds, isNonEmptyString);
    return (
      this.wellFormed(order, complete, 'is incomplete') &&
      this.subjectsKnown(order, [order.participantId]) &&
      this.onlyOne(order, byWitness, order.participantId)
    );
  }

  /**
   * A screen must say whom it is for and from whom, and must never stand before the bench: the
   * judge must see the witness, and a witness who cannot see the bench cannot follow the court.
   * A screen from nobody is no order anyone made, but a record that lost its content.
   */
  screen(order: ScreenOrder, byWitness: Map<string, ScreenOrder>): boolean {
    const complete =
      isNonEmptyString(order.participantId) &&
      listOf(order.fromRoles, isHearingRole) &&
      listOf(order.fromParticipantIds, isNonEmptyString) &&
      order.fromRoles.length + order.fromParticipantIds.length > 0 &&
      !order.fromRoles.some((role) => BENCH_POLICY_ROLES.includes(role)) &&
      !order.fromParticipantIds.includes(order.participantId);
    if (!this.wellFormed(order, complete, 'is incomplete, screens nobody, or screens the bench or the witness herself')) return false;
    if (!this.subjectsKnown(order, [order.participantId, ...order.fromParticipantIds])) return false;
    const benchOnEitherSide = [order.participantId, ...order.fromParticipantIds].some((id) => isBench(this.known(id)));
    return (
      this.wellFormed(order, !benchOnEitherSide, 'puts a screen before a member of the bench') &&
      this.onlyOne(order, byWitness, order.participantId)
    );
  }

  audioOnly(order: AudioOnlyOrder, byWitness: Map<string, AudioOnlyOrder>): boolean {
    return (
      this.wellFormed(order, isNonEmptyString(order.participantId), 'is incomplete') &&
      this.subjectsKnown(order, [order.participantId]) &&
      this.onlyOne(order, byWitness, order.participantId)
    );
  }

  /**
   * A supporter sits beside one witness, who is someone else; neither is the bench (a judge or a
   * clerk beside a witness would no longer be impartial, and would be screened with her). One
   * supporter linked to two witnesses could carry one's words to the other.
   */
  supporter(order: SupporterOrder, bySupporter: Map<string, SupporterOrder>, byWitness: Map<string, SupporterOrder[]>): boolean {
    const complete =
      isNonEmptyString(order.participantId) &&
      isNonEmptyString(order.supporterId) &&
      order.supporterId !== order.participantId &&
      (order.capacity === 'supporter' || order.capacity === 'intermediary');
    if (!this.wellFormed(order, complete, 'is incomplete or makes the witness her own supporter')) return false;
    if (!this.subjectsKnown(order, [order.participantId, order.supporterId])) return false;
    const bench = isBench(this.known(order.participantId)) || isBench(this.known(order.supporterId));
    if (!this.wellFormed(order, !bench, 'puts a member of the bench beside a witness, or a witness beside the bench')) return false;
    if (!this.onlyOne(order, bySupporter, order.supporterId)) return false;
    byWitness.set(order.participantId, [...(byWitness.get(order.participantId) ?? []), order]);
    return true;
  }

  /** Hearing-wide and naming nobody: a second one can only be a stale or doubled record. */
  evidenceInPrivate(order: EvidenceInPrivateOrder, current: EvidenceInPrivateOrder | null): boolean {
    if (!this.wellFormed(order, true, 'has no id')) return false;
    if (current === null) return true;
    this.problems.push({
      code: 'conflicting_orders',
      scope: 'hearing',
      orderId: order.id,
      message: `evidence-in-private orders ${current.id} and ${order.id} are both in force`,
    });
    return false;
  }

  remoteWitnessRoom(order: RemoteWitnessRoomOrder, byWitness: Map<string, RemoteWitnessRoomOrder>): boolean {
    const complete = isNonEmptyString(order.participantId) && typeof order.location === 'string' && order.location.trim().length > 0;
    return (
      this.wellFormed(order, complete, 'is incomplete or names no location') &&
      this.subjectsKnown(order, [order.participantId]) &&
      this.onlyOne(order, byWitness, order.participantId)
    );
  }

  /** An order needs an id (the court record it came from) and its own fields to be usable. */
  private wellFormed(order: SpecialMeasure, complete: boolean, fault: string): boolean {
    const orderId = idOf(order);
    if (orderId !== undefined && complete) return true;
    this.problems.push({
      code: 'order_malformed',
      scope: 'hearing',
      orderId,
      message: `${order.kind} order ${orderId ?? '(no id)'} ${orderId === undefined ? 'has no id' : fault}`,
    });
    return false;
  }

  /**
   * An order naming nobody we know may name the witness under another id: the witness would then
   * go unprotected, so the hearing stops rather than guess.
   */
  private subjectsKnown(order: SpecialMeasure, ids: readonly string[]): boolean {
    const unknown = ids.filter((id) => !this.participants.has(id));
    if (unknown.length === 0) return true;
    this.problems.push({
      code: 'order_subject_unknown',
      scope: 'hearing',
      orderId: order.id,
      message: `order ${order.id} names unknown participants ${unknown.join(', ')}`,
    });
    return false;
  }

  /**
   * Two orders of one kind for one person (for a supporter: two witnesses): we cannot tell which
   * the court meant.
   */
  private onlyOne<T extends SpecialMeasure>(order: T, index: Map<string, T>, participantId: string): boolean {
    if (!index.has(participantId)) {
      index.set(participantId, order);
      return true;
    }
    this.problems.push({
      code: 'conflicting_orders',
      scope: 'hearing',
      orderId: order.id,
      participantId,
      message: `participant ${participantId} has more than one ${order.kind} order`,
    });
    return false;
  }

  /** A participant subjectsKnown has found. */
  private known(id: string): PolicyParticipant {
    return this.participants.get(id) as PolicyParticipant;
  }
}

function isLiveState(state: unknown): boolean {
  return (LIVE_STATES as readonly unknown[]).includes(state);
}

function isHearingRole(value: unknown): boolean {
  return (HEARING_ROLES as readonly unknown[]).includes(value);
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

function idOf(order: object): string | undefined {
  const id: unknown = (order as { id?: unknown }).id;
  return isNonEmptyString(id) ? id : undefined;
}

function listOf(value: unknown, accept: (item: unknown) => boolean): boolean {
  return Array.isArray(value) && value.every(accept);
}

function optionalListOf(value: unknown, accept: (item: unknown) => boolean): boolean {
  return value === undefined || listOf(value, accept);
}

function unknownOrder(order: never): SnapshotProblem {
  const { kind } = order as { kind?: unknown };
  return {
    code: 'unknown_order_kind',
    scope: 'hearing',
    orderId: idOf(order),
    message: `order of unknown kind ${String(kind)}`,
  };
}

import { DomainError, canonicalJson } from '@ejustice/platform';
import { HearingErrors } from '../domain/hearing-errors';
import { type HearingRole, PRESIDING_ROLES, isHearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import { OrderErrors, orderKindName } from './order-errors';
import {
  ALL_TERM_FIELDS,
  LOCATION_MAX_LENGTH,
  ORDER_PICTURES,
  type OrderKind,
  type OrderTermField,
  type OrderTerms,
  type OrderTermsInput,
  type OrderTermsOf,
  PSEUDONYM_MAX_LENGTH,
  REASON_MAX_LENGTH,
  SUPPORTER_CAPACITIES,
  TERM_FIELDS,
  auditTerms,
  isOrderKind,
} from './order-terms';
import type { ChangeOrderRequest, MakeOrderRequest, RevokeOrderRequest } from './order-views';

/*
 * The presiding judge's special-measures orders as pure decisions: the facts of the hearing in
 * (its participants with their roles and real names, its status, its orders), a request, and out
 * comes either a coded refusal or exactly what to write and what to audit. Permission first, then
 * the state of the hearing, then the order, then its terms. No I/O, no clock: the use cases
 * (order-ledger.ts) load and lock, then write what this decides, stamped with the time.
 */

/** The account asking. */
export interface OrderActor {
  readonly userId: string;
  readonly courtId: string;
  readonly roles: readonly string[];
}

/** What the permission rules need of a hearing, loaded before anything else. */
export interface OrderGateFacts {
  readonly courtId: string;
  readonly presidingJudgeId: string | null;
  /** The actor is listed as a participant of the hearing (so may know it exists). */
  readonly actorListed: boolean;
}

export interface OrderParticipantFacts {
  readonly id: string;
  readonly role: HearingRole;
  readonly state: ParticipantState;
  /**
   * The names the person is really known by: their display name in the hearing and, for a party
   * of the case, the name on the court record. A pseudonym must be none of them.
   */
  readonly realNames: readonly string[];
}

/** An order of the hearing as recorded, in force or revoked. */
export type StoredOrder = {
  readonly [K in OrderKind]: {
    readonly id: string;
    readonly kind: K;
    readonly participantId: string | null;
    readonly terms: OrderTermsOf<K>;
    readonly reason: string;
    readonly version: number;
    readonly revoked: boolean;
  };
}[OrderKind];

export interface OrderHearingFacts {
  readonly id: string;
  readonly status: HearingStatus;
  readonly participants: readonly OrderParticipantFacts[];
  readonly orders: readonly StoredOrder[];
}

export type OrderCommand =
  | { readonly type: 'make'; readonly orderId: string; readonly request: MakeOrderRequest }
  | { readonly type: 'change'; readonly orderId: string; readonly request: ChangeOrderRequest }
  | { readonly type: 'revoke'; readonly orderId: string; readonly request: RevokeOrderRequest };

/** The row change to make, from the version the decision was taken on. */
export type OrderWrite =
  | {
      readonly type: 'insert';
      readonly orderId: string;
      readonly kind: OrderKind;
      readonly participantId: string | null;
      readonly terms: OrderTerms;
      readonly reason: string;
    }
  | { readonly type: 'update'; readonly orderId: string; readonly fromVersion: number; readonly terms: OrderTerms; readonly reason: string }
  | { readonly type: 'revoke'; readonly orderId: string; readonly fromVersion: number; readonly reason: string };

export type OrderAuditAction = 'hearing.order_made' | 'hearing.order_changed' | 'hearing.order_revoked';

/** The audit event to write with the change. Ids, kinds, roles, the pseudonym and the reason: never a name. */
export interface OrderAuditFacts {
  readonly action: OrderAuditAction;
  readonly orderId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export type OrderDecision =
  { readonly ok: true; readonly write: OrderWrite; readonly audit: OrderAuditFacts } | { readonly ok: false; readonly error: DomainError };

/** Orders are made, changed and revoked before and during a hearing, not once it has ended. */
export const ORDER_HEARING_STATUSES: readonly HearingStatus[] = ['scheduled', 'open', 'in_recess'];

/** Whom a measure can protect: those who give evidence or whose case it is. */
export const ORDER_SUBJECT_ROLES: readonly HearingRole[] = ['witness', 'victim'];

/**
 * Whether the actor may make, change or revoke the hearing's orders: only its presiding judge
 * (a legal decision of the court, not an administrative one: a clerk may not, nor another judge).
 * Someone who could not know the hearing exists (another court, not listed) is told it does not.
 */
export function refuseOrderAction(actor: OrderActor, gate: OrderGateFacts): DomainError | null {
  if (gate.presidingJudgeId !== null && gate.presidingJudgeId === actor.userId && actor.roles.includes('judge')) return null;
  if (actor.courtId !== gate.courtId && !gate.actorListed) return HearingErrors.notFound();
  return OrderErrors.forbidden();
}

/** Whether the actor may read the hearing's orders: the presiding judge, and the court's judges and clerks. */
export function refuseOrderReading(actor: OrderActor, gate: OrderGateFacts): DomainError | null {
  if (gate.presidingJudgeId !== null && gate.presidingJudgeId === actor.userId && actor.roles.includes('judge')) return null;
  if (actor.courtId === gate.courtId && actor.roles.some((r) => r === 'judge' || r === 'clerk')) return null;
  if (actor.courtId !== gate.courtId && !gate.actorListed) return HearingErrors.notFound();
  return OrderErrors.readForbidden();
}

/**
 * Decides a make, change or revoke: permission, then the hearing's state, then the order and its
 * terms against the hearing as it is. On success, the row change and its audit event.
 */
export function decideOrder(actor: OrderActor, gate: OrderGateFacts, hearing: OrderHearingFacts, command: OrderCommand): OrderDecision {
  const refused = refuseOrderAction(actor, gate);
  if (refused) return { ok: false, error: refused };
  if (!ORDER_HEARING_STATUSES.includes(hearing.status)) return { ok: false, error: OrderErrors.hearingEnded(hearing.status) };
  try {
    switch (command.type) {
      case 'make':
        return decideMake(hearing, command.orderId, command.request);
      case 'change':
        return decideChange(hearing, command.orderId, command.request);
      case 'revoke':
        return decideRevoke(hearing, command.orderId, command.request);
    }
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}

function decideMake(h: OrderHearingFacts, orderId: string, request: MakeOrderRequest): OrderDecision {
  const kind: unknown = request.kind;
  if (!isOrderKind(kind))
    throw OrderErrors.invalid(
      'kind',
      'Choose the kind of order: anonymity, screen, audio_only, supporter, evidence_in_private, remote_witness_room or attendance.',
    );
  const reason = normaliseReason(request.reason);
  const participantId = request.participantId ?? null;
  let subject: OrderParticipantFacts | null = null;
  if (kind === 'evidence_in_private') {
    if (participantId !== null) {
      throw OrderErrors.invalid('participantId', 'Evidence in private applies to the whole hearing: do not name a participant.');
    }
  } else {
    if (participantId === null)
      throw OrderErrors.invalid(
        'participantId',
        kind === 'attendance'
          ? 'Name the participant the attendance order gives leave to (participantId).'
          : `Name the participant ${orderKindName(kind)} protects (participantId).`,
      );
    subject = subjectOf(h, kind, participantId);
  }
  // One order of a kind per participant (one evidence-in-private per hearing): the judge changes
  // the order in force rather than stacking a second one the media node would have to choose from.
  if (kind !== 'supporter') {
    const existing = h.orders.find((o) => !o.revoked && o.kind === kind && o.participantId === participantId);
    if (existing) throw OrderErrors.alreadyInForce(kind, existing.id);
  }
  const terms = normaliseTerms(h, kind, subject, pickTerms(request), null);
  return {
    ok: true,
    write: { type: 'insert', orderId, kind, participantId, terms, reason },
    audit: {
      action: 'hearing.order_made',
      orderId,
      data: { orderId, kind, participantId, version: 1, reason, terms: auditTerms(kind, terms) },
    },
  };
}

function decideChange(h: OrderHearingFacts, orderId: string, request: ChangeOrderRequest): OrderDecision {
  const order = h.orders.find((o) => o.id === orderId);
  if (!order) throw OrderErrors.notFound();
  if (order.revoked) throw OrderErrors.revoked();
  if (request.version !== order.version) throw OrderErrors.conflict(order.version);
  const reason = normaliseReason(request.reason);
  let terms: OrderTerms = order.terms;
  if (request.terms !== undefined && request.terms !== null) {
    // The kind and the protected participant are what the order is; a different one is a new order.
    const subject = order.participantId === null ? null : subjectOf(h, order.kind, order.participantId);
    terms = normaliseTerms(h, order.kind, subject, request.terms, order.id);
  }
  const changed = [
    ...(canonicalJson(terms) === canonicalJson(order.terms) ? [] : ['terms']),
    ...(reason === order.reason ? [] : ['reason']),
  ];
  if (changed.length === 0)
    throw OrderErrors.invalid('terms', 'This change leaves the order exactly as it is: change its terms or its reason.');
  const version = order.version + 1;
  return {
    ok: true,
    write: { type: 'update', orderId, fromVersion: order.version, terms, reason },
    audit: {
      action: 'hearing.order_changed',
      orderId,
      data: {
        orderId,
        kind: order.kind,
        participantId: order.participantId,
        version,
        changed,
        reason,
        terms: auditTerms(order.kind, terms),
      },
    },
  };
}

function decideRevoke(h: OrderHearingFacts, orderId: string, request: RevokeOrderRequest): OrderDecision {
  const order = h.orders.find((o) => o.id === orderId);
  if (!order) throw OrderErrors.notFound();
  if (order.revoked) throw OrderErrors.revoked();
  const reason = normaliseReason(request.reason);
  return {
    ok: true,
    write: { type: 'revoke', orderId, fromVersion: order.version, reason },
    audit: {
      action: 'hearing.order_revoked',
      orderId,
      data: { orderId, kind: order.kind, participantId: order.participantId, version: order.version + 1, reason },
    },
  };
}

/**
 * The participant an order names: in the hearing and not removed; for a measure, a witness or a
 * victim it protects; for an attendance order, anyone but the bench (who attends by office).
 */
function subjectOf(h: OrderHearingFacts, kind: OrderKind, participantId: string): OrderParticipantFacts {
  const subject = namedParticipant(h, participantId, 'participantId');
  if (kind === 'attendance') {
    if (PRESIDING_ROLES.includes(subject.role)) {
      throw OrderErrors.subjectInvalid(
        'participantId',
        `The bench attends by office; an attendance order gives leave to someone who does not attend by right (an observer, a supporter). This participant takes part as ${roleName(subject.role)}.`,
      );
    }
    return subject;
  }
  if (!ORDER_SUBJECT_ROLES.includes(subject.role)) {
    throw OrderErrors.subjectInvalid(
      'participantId',
      `${capitalise(orderKindName(kind))} protects a witness or a victim; this participant takes part as ${roleName(subject.role)}.`,
    );
  }
  return subject;
}

function namedParticipant(h: OrderHearingFacts, id: string, field: string): OrderParticipantFacts {
  const participant = h.participants.find((p) => p.id === id);
  if (!participant) throw OrderErrors.participantNotFound(field);
  if (participant.state === 'removed') throw OrderErrors.participantRemoved(field);
  return participant;
}

function pickTerms(request: MakeOrderRequest): OrderTermsInput {
  const terms: Partial<Record<OrderTermField, unknown>> = {};
  for (const field of ALL_TERM_FIELDS) if (request[field] !== undefined) terms[field] = request[field];
  return terms as OrderTermsInput;
}

/**
 * The terms of an order of `kind` for `subject`, checked against the hearing and normalised
 * (trimmed, duplicates dropped, defaults filled in). `selfOrderId` is the order being changed,
 * which does not compete with itself.
 */
export function normaliseTerms(
  h: OrderHearingFacts,
  kind: OrderKind,
  subject: OrderParticipantFacts | null,
  input: OrderTermsInput,
  selfOrderId: string | null,
): OrderTerms {
  const allowed: readonly OrderTermField[] = TERM_FIELDS[kind];
  for (const field of ALL_TERM_FIELDS) {
    if (input[field] !== undefined && input[field] !== null && !allowed.includes(field)) {
      throw OrderErrors.invalid(
        field,
        `${field} is not a term of ${orderKindName(kind)}; send only ${allowed.length ? allowed.join(', ') : 'the reason'}.`,
      );
    }
  }
  switch (kind) {
    case 'anonymity':
      return anonymityTerms(h, subject as OrderParticipantFacts, input, selfOrderId);
    case 'screen':
      return screenTerms(h, subject as OrderParticipantFacts, input);
    case 'supporter':
      return supporterTerms(h, input, selfOrderId);
    case 'remote_witness_room': {
      const location = normaliseText(input.location);
      if (location === null || length(location) < 1 || length(location) > LOCATION_MAX_LENGTH) {
        throw OrderErrors.invalid(
          'location',
          `Name the live-link location the witness gives evidence from (location, 1 to ${LOCATION_MAX_LENGTH} characters).`,
        );
      }
      return { location };
    }
    case 'audio_only':
    case 'evidence_in_private':
    case 'attendance':
      return {};
  }
}

function anonymityTerms(
  h: OrderHearingFacts,
  subject: OrderParticipantFacts,
  input: OrderTermsInput,
  selfOrderId: string | null,
): OrderTermsOf<'anonymity'> {
  const pseudonym = normaliseText(input.pseudonym);
  if (pseudonym === null || length(pseudonym) < 1 || length(pseudonym) > PSEUDONYM_MAX_LENGTH) {
    throw OrderErrors.invalid(
      'pseudonym',
      `Give the pseudonym the participant will be known by in the hearing (pseudonym, 1 to ${PSEUDONYM_MAX_LENGTH} characters).`,
    );
  }
  if (subject.realNames.some((name) => sameName(name, pseudonym))) throw OrderErrors.pseudonymIsRealName();
  // Someone else's name, or another protected witness's pseudonym, would point at the wrong person.
  if (h.participants.some((p) => p.id !== subject.id && p.realNames.some((name) => sameName(name, pseudonym)))) {
    throw OrderErrors.pseudonymTaken();
  }
  if (h.orders.some((o) => !o.revoked && o.id !== selfOrderId && o.kind === 'anonymity' && sameName(o.terms.pseudonym, pseudonym))) {
    throw OrderErrors.pseudonymTaken();
  }
  const picture = input.picture ?? 'blur';
  if (!(ORDER_PICTURES as readonly string[]).includes(picture)) {
    throw OrderErrors.invalid('picture', 'Choose how the picture is obscured: blur or silhouette.');
  }
  const disclosedToRoles = rolesOf(input.disclosedToRoles, 'disclosedToRoles');
  const disclosedToParticipantIds = participantIdsOf(h, input.disclosedToParticipantIds, 'disclosedToParticipantIds');
  if (disclosedToParticipantIds.includes(subject.id)) {
    throw OrderErrors.invalid(
      'disclosedToParticipantIds',
      'The protected participant knows who they are: do not list them among those their identity is disclosed to.',
    );
  }
  return { pseudonym, picture: picture as OrderTermsOf<'anonymity'>['picture'], disclosedToRoles, disclosedToParticipantIds };
}

function screenTerms(h: OrderHearingFacts, subject: OrderParticipantFacts, input: OrderTermsInput): OrderTermsOf<'screen'> {
  const fromRoles = rolesOf(input.fromRoles, 'fromRoles');
  const fromParticipantIds = participantIdsOf(h, input.fromParticipantIds, 'fromParticipantIds');
  if (fromRoles.length === 0 && fromParticipantIds.length === 0) {
    throw OrderErrors.invalid(
      'fromRoles',
      'Say whom the witness is screened from: roles (fromRoles, for example defendant or observer) or named participants (fromParticipantIds).',
    );
  }
  // The judge must see the witness to assess her evidence, and the clerk keeps the record.
  const bench = 'The bench (judge and clerk) is never screened from a witness; remove it from the screen.';
  if (fromRoles.some((role) => PRESIDING_ROLES.includes(role))) throw OrderErrors.invalid('fromRoles', bench);
  for (const id of fromParticipantIds) {
    if (id === subject.id) throw OrderErrors.invalid('fromParticipantIds', 'A witness cannot be screened from herself.');
    const screened = h.participants.find((p) => p.id === id) as OrderParticipantFacts;
    if (PRESIDING_ROLES.includes(screened.role)) throw OrderErrors.invalid('fromParticipantIds', bench);
  }
  return { fromRoles, fromParticipantIds };
}

function supporterTerms(h: OrderHearingFacts, input: OrderTermsInput, selfOrderId: string | null): OrderTermsOf<'supporter'> {
  if (typeof input.supporterId !== 'string' || input.supporterId.length === 0) {
    throw OrderErrors.invalid(
      'supporterId',
      'Name the supporter or intermediary (supporterId): a participant of the hearing in the supporter role.',
    );
  }
  const supporter = namedParticipant(h, input.supporterId, 'supporterId');
  if (supporter.role !== 'supporter') {
    throw OrderErrors.subjectInvalid(
      'supporterId',
      `A supporter order links a participant in the supporter role; this participant takes part as ${roleName(supporter.role)}. Add the supporter to the hearing in that role.`,
    );
  }
  const taken = h.orders.find((o) => !o.revoked && o.id !== selfOrderId && o.kind === 'supporter' && o.terms.supporterId === supporter.id);
  if (taken) throw OrderErrors.supporterTaken(taken.id);
  const capacity = input.capacity;
  if (typeof capacity !== 'string' || !(SUPPORTER_CAPACITIES as readonly string[]).includes(capacity)) {
    throw OrderErrors.invalid('capacity', 'Say whether they attend as a supporter or as an intermediary (capacity).');
  }
  return { supporterId: supporter.id, capacity: capacity as OrderTermsOf<'supporter'>['capacity'] };
}

function rolesOf(value: readonly string[] | null | undefined, field: string): HearingRole[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw OrderErrors.invalid(field, `${field} must be a list of hearing roles.`);
  const roles: HearingRole[] = [];
  for (const role of value) {
    if (!isHearingRole(role)) throw OrderErrors.invalid(field, `${field} must list hearing roles; “${String(role)}” is not one.`);
    if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}

function participantIdsOf(h: OrderHearingFacts, value: readonly string[] | null | undefined, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw OrderErrors.invalid(field, `${field} must be a list of participant ids.`);
  const ids: string[] = [];
  for (const id of value) {
    if (typeof id !== 'string') throw OrderErrors.invalid(field, `${field} must be a list of participant ids.`);
    namedParticipant(h, id, field);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function normaliseReason(value: unknown): string {
  const reason = typeof value === 'string' ? value.normalize('NFC').trim() : '';
  if (length(reason) < 1 || length(reason) > REASON_MAX_LENGTH) {
    throw OrderErrors.invalid(
      'reason',
      `Give the reason for the order (1 to ${REASON_MAX_LENGTH.toLocaleString('en')} characters): it is kept with the order and in the court record.`,
    );
  }
  return reason;
}

/** Trimmed, inner runs of white space made one space; null when absent or not text. */
function normaliseText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return value.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Two names are the same when they differ only in case, spacing or Unicode form. */
export function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

function foldName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Characters as PostgreSQL's length() counts them (code points, not UTF-16 units). */
function length(text: string): number {
  return [...text].length;
}

function roleName(role: HearingRole): string {
  return role.replace(/_/g, ' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

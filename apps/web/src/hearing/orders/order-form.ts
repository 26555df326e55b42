import { HEARING_ROLES, PRESIDING_ROLES, type HearingRole } from '@ejustice/vocabulary/hearing-role';
import {
  ORDER_KINDS,
  ORDER_PICTURES,
  SUPPORTER_CAPACITIES,
  TERM_FIELDS,
  type OrderKind,
  type OrderTermField,
  type OrderTermsInput,
} from '@ejustice/hearings/orders/order-terms';
import type { ChangeOrderRequest, MakeOrderRequest, OrderView } from '@ejustice/hearings/orders/order-views';
import type { i18n as I18n } from 'i18next';
import { isApiError } from '../../api/problem';
import { errorMessage } from '../../i18n/error-message';
import type { ParticipantView } from '../state/room-state';

/*
 * The judge's special-measures form as plain data: what the fields hold, which of them each kind
 * of order sends, what is missing before it is worth asking the server. The server decides every
 * rule about the hearing (a pseudonym that is someone's real name, a supporter already taken)
 * and answers with a sentence; this only spares the judge a round trip for an empty field.
 */

export { ORDER_KINDS, ORDER_PICTURES, SUPPORTER_CAPACITIES };

export type OrderPicture = (typeof ORDER_PICTURES)[number];
export type SupporterCapacity = (typeof SUPPORTER_CAPACITIES)[number];

export interface OrderDraft {
  readonly kind: OrderKind;
  /** The protected participant; '' while none is chosen (and always for evidence in private). */
  readonly participantId: string;
  readonly pseudonym: string;
  readonly picture: OrderPicture;
  readonly disclosedToRoles: readonly HearingRole[];
  readonly disclosedToParticipantIds: readonly string[];
  readonly fromRoles: readonly HearingRole[];
  readonly fromParticipantIds: readonly string[];
  readonly supporterId: string;
  readonly capacity: SupporterCapacity;
  readonly location: string;
  readonly reason: string;
}

/** The fields of the form that can be missing, named as the server names them (for aria-invalid). */
export type DraftField = 'participantId' | 'pseudonym' | 'fromRoles' | 'supporterId' | 'location' | 'reason';

export function newDraft(kind: OrderKind = ORDER_KINDS[0]): OrderDraft {
  return {
    kind,
    participantId: '',
    pseudonym: '',
    picture: 'blur',
    disclosedToRoles: [],
    disclosedToParticipantIds: [],
    fromRoles: [],
    fromParticipantIds: [],
    supporterId: '',
    capacity: 'supporter',
    location: '',
    reason: '',
  };
}

/** An order in force as a draft of its change: its terms as recorded, and a reason still to give. */
export function draftFromOrder(order: OrderView): OrderDraft {
  const terms: OrderTermsInput = order.terms;
  const base = newDraft(order.kind);
  return {
    ...base,
    participantId: order.participantId ?? '',
    pseudonym: terms.pseudonym ?? '',
    picture: (ORDER_PICTURES as readonly string[]).includes(terms.picture ?? '') ? (terms.picture as OrderPicture) : base.picture,
    disclosedToRoles: rolesIn(terms.disclosedToRoles),
    disclosedToParticipantIds: [...(terms.disclosedToParticipantIds ?? [])],
    fromRoles: rolesIn(terms.fromRoles),
    fromParticipantIds: [...(terms.fromParticipantIds ?? [])],
    supporterId: terms.supporterId ?? '',
    capacity: (SUPPORTER_CAPACITIES as readonly string[]).includes(terms.capacity ?? '')
      ? (terms.capacity as SupporterCapacity)
      : base.capacity,
    location: terms.location ?? '',
  };
}

function rolesIn(value: readonly string[] | null | undefined): HearingRole[] {
  return (value ?? []).filter((role): role is HearingRole => (HEARING_ROLES as readonly string[]).includes(role));
}

/** Evidence in private is hearing-wide: it names nobody. */
export function namesParticipant(kind: OrderKind): boolean {
  return kind !== 'evidence_in_private';
}

/** Orders with terms can be changed; the others (audio only, evidence in private) are made or revoked. */
export function hasTerms(kind: OrderKind): boolean {
  return TERM_FIELDS[kind].length > 0;
}

/** Exactly the terms of the draft's kind (the server refuses any other field). */
export function termsOf(draft: OrderDraft): OrderTermsInput {
  const all: Required<OrderTermsInput> = {
    pseudonym: draft.pseudonym.trim(),
    picture: draft.picture,
    disclosedToRoles: draft.disclosedToRoles,
    disclosedToParticipantIds: draft.disclosedToParticipantIds,
    fromRoles: draft.fromRoles,
    fromParticipantIds: draft.fromParticipantIds,
    supporterId: draft.supporterId,
    capacity: draft.capacity,
    location: draft.location.trim(),
  };
  const fields: readonly OrderTermField[] = TERM_FIELDS[draft.kind];
  return Object.fromEntries(fields.map((field) => [field, all[field]])) as OrderTermsInput;
}

export function makeOrderRequest(draft: OrderDraft): MakeOrderRequest {
  return {
    kind: draft.kind,
    ...(namesParticipant(draft.kind) ? { participantId: draft.participantId } : {}),
    ...termsOf(draft),
    reason: draft.reason.trim(),
  };
}

/** A change sends every term of the kind, from the version the judge saw. */
export function changeOrderRequest(draft: OrderDraft, version: number): ChangeOrderRequest {
  return { terms: termsOf(draft), reason: draft.reason.trim(), version };
}

/** What is plainly missing, in the order of the form. */
export function draftProblems(draft: OrderDraft): DraftField[] {
  const problems: DraftField[] = [];
  if (namesParticipant(draft.kind) && draft.participantId === '') problems.push('participantId');
  switch (draft.kind) {
    case 'anonymity':
      if (draft.pseudonym.trim() === '') problems.push('pseudonym');
      break;
    case 'screen':
      if (draft.fromRoles.length === 0 && draft.fromParticipantIds.length === 0) problems.push('fromRoles');
      break;
    case 'supporter':
      if (draft.supporterId === '') problems.push('supporterId');
      break;
    case 'remote_witness_room':
      if (draft.location.trim() === '') problems.push('location');
      break;
    case 'audio_only':
    case 'evidence_in_private':
    case 'attendance':
      break;
  }
  if (draft.reason.trim() === '') problems.push('reason');
  return problems;
}

const isPresiding = (view: ParticipantView) => PRESIDING_ROLES.includes(view.role);
const present = (view: ParticipantView) => !view.self && view.state !== 'removed';

/**
 * Whom an order may name: a measure protects anyone but the bench and the public gallery; an
 * attendance order gives leave to anyone but the bench (who attend by office), the gallery first.
 */
export function subjectCandidates(participants: readonly ParticipantView[], kind: OrderKind = 'anonymity'): ParticipantView[] {
  if (kind === 'attendance') return participants.filter((view) => present(view) && !isPresiding(view));
  return participants.filter((view) => present(view) && !isPresiding(view) && view.role !== 'observer');
}

/** Who may sit beside a witness under a supporter order: those taking part as supporters. */
export function supporterCandidates(participants: readonly ParticipantView[]): ParticipantView[] {
  return participants.filter((view) => present(view) && view.role === 'supporter');
}

/** The bench is never screened from a witness (the judge must see her; the clerk keeps the record). */
export const SCREENABLE_ROLES: readonly HearingRole[] = HEARING_ROLES.filter((role) => !PRESIDING_ROLES.includes(role));

export function screenableParticipants(participants: readonly ParticipantView[], subjectId: string): ParticipantView[] {
  return participants.filter((view) => present(view) && !isPresiding(view) && view.id !== subjectId);
}

/** The judge knows a protected identity by office; the order may disclose it to others. */
export const DISCLOSABLE_ROLES: readonly HearingRole[] = HEARING_ROLES.filter((role) => role !== 'judge');

export function disclosableParticipants(participants: readonly ParticipantView[], subjectId: string): ParticipantView[] {
  return participants.filter((view) => present(view) && view.role !== 'judge' && view.id !== subjectId);
}

/** Orders in force, oldest first (the order they were made in); revoked ones, latest revocation first. */
export function splitOrders(orders: readonly OrderView[]): { inForce: OrderView[]; revoked: OrderView[] } {
  const inForce = orders.filter((order) => order.inForce).sort((a, b) => a.made.at.localeCompare(b.made.at));
  const revoked = orders
    .filter((order) => !order.inForce)
    .sort((a, b) => (b.revoked?.at ?? b.made.at).localeCompare(a.revoked?.at ?? a.made.at));
  return { inForce, revoked };
}

/**
 * The sentence for a refused order: the server's own (it names the rule, the field and what to
 * send instead, as the judge needs it), and for anything that is not an order refusal (network,
 * session) the translated message every other screen shows.
 */
export function orderErrorText(error: unknown, i18n: Pick<I18n, 't' | 'exists'>): string {
  if (isApiError(error) && error.code.startsWith('order.') && error.detail) return error.detail;
  return errorMessage(error, i18n);
}

/** The fields the server named in its refusal, to mark them invalid beside its sentence. */
export function refusedFields(error: unknown): ReadonlySet<string> {
  return new Set(isApiError(error) ? error.fieldErrors.map((problem) => problem.field) : []);
}

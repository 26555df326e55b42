import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { PolicyParticipant } from './policy-snapshot';
import type { PolicyIndex } from './snapshot-check';
import { IDENTITY_PRIVILEGED_ROLES, type AnonymityOrder } from './special-measure';

/**
 * Whether `viewer` may know who `subject` really is: their real name and their raw picture and
 * voice. Everybody may, unless an anonymity order protects the subject; then only the subject
 * themselves, the judge, and those the order names.
 */
export function knowsIdentity(index: PolicyIndex, viewer: PolicyParticipant, subject: PolicyParticipant): boolean {
  const order = index.anonymity.get(subject.id);
  return order === undefined || isEntitled(order, viewer, subject);
}

/** The anonymity order that hides `subject` from `viewer`, if one does. */
export function concealingOrder(index: PolicyIndex, viewer: PolicyParticipant, subject: PolicyParticipant): AnonymityOrder | undefined {
  const order = index.anonymity.get(subject.id);
  return order !== undefined && !isEntitled(order, viewer, subject) ? order : undefined;
}

/**
 * The name `viewer` may be told for `subject`: the real one, the pseudonym, or none (null: by
 * role only). A supporter sitting beside a protected witness is named to nobody from whom the
 * witness is concealed: a supporter is often a relative, and their name says who she is.
 */
export function disclosedName(index: PolicyIndex, viewer: PolicyParticipant, subject: PolicyParticipant): string | null {
  if (besideConcealedWitness(index, viewer, subject)) return null;
  return concealingOrder(index, viewer, subject)?.pseudonym ?? subject.displayName;
}

/**
 * The role `viewer` is told for `subject`. A protected victim appears as a witness to those from
 * whom she is concealed: the pseudonym hides her name, but "victim" would tell the gallery and
 * the defendant which of the witnesses she is.
 */
export function disclosedRole(index: PolicyIndex, viewer: PolicyParticipant, subject: PolicyParticipant): HearingRole {
  return subject.role === 'victim' && concealingOrder(index, viewer, subject) !== undefined ? 'witness' : subject.role;
}

/** `subject` supports a witness whose identity is concealed from `viewer`. */
function besideConcealedWitness(index: PolicyIndex, viewer: PolicyParticipant, subject: PolicyParticipant): boolean {
  const order = index.supporters.get(subject.id);
  const witness = order === undefined ? undefined : index.participants.get(order.participantId);
  return witness !== undefined && concealingOrder(index, viewer, witness) !== undefined;
}

function isEntitled(order: AnonymityOrder, viewer: PolicyParticipant, subject: PolicyParticipant): boolean {
  return viewer.id === subject.id || orderDisclosesTo(order, viewer);
}

/**
 * Whether an anonymity order lets `viewer` know who its subject is: the judge by office, and the
 * roles and people the order names. The one statement of the rule, also for viewers who are not
 * participants of the hearing (a clerk of the court reading its record: `id` null).
 */
export function orderDisclosesTo(order: AnonymityOrder, viewer: { readonly id: string | null; readonly role: HearingRole }): boolean {
  return (
    IDENTITY_PRIVILEGED_ROLES.includes(viewer.role) ||
    (order.disclosedToRoles ?? []).includes(viewer.role) ||
    (viewer.id !== null && (order.disclosedToParticipantIds ?? []).includes(viewer.id))
  );
}

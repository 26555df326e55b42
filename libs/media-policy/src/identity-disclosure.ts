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

/** The name `viewer` may be told for `subject`: the real one or the pseudonym. */
export function disclosedName(index: PolicyIndex, viewer: PolicyParticipant, subject: PolicyParticipant): string {
  return concealingOrder(index, viewer, subject)?.pseudonym ?? subject.displayName;
}

function isEntitled(order: AnonymityOrder, viewer: PolicyParticipant, subject: PolicyParticipant): boolean {
  return (
    viewer.id === subject.id ||
    IDENTITY_PRIVILEGED_ROLES.includes(viewer.role) ||
    (order.disclosedToRoles ?? []).includes(viewer.role) ||
    (order.disclosedToParticipantIds ?? []).includes(viewer.id)
  );
}

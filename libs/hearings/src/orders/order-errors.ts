import { DomainError, type DomainErrorOptions, type ErrorKind } from '@ejustice/platform';

/**
 * Every refusal of a special-measures order, each with a stable code and a sentence the judge can
 * act on. The api maps them to problem details through the error kind (403, 404, 409, 410, 400);
 * the web shows the sentence as it is. Sentences name kinds, fields and ids, never a person.
 * `details` are spread into the problem document, so their keys must not shadow its members
 * (`status`, `code`, `detail`...).
 */
export const ORDER_ERROR_CODES = [
  'order.not_found',
  'order.forbidden',
  'order.invalid',
  'order.conflict',
  'order.revoked',
  'order.already_in_force',
  'order.supporter_taken',
  'order.subject_invalid',
  'order.participant_not_found',
  'order.participant_removed',
  'order.pseudonym_is_real_name',
  'order.pseudonym_taken',
  'order.hearing_ended',
] as const;

export type OrderErrorCode = (typeof ORDER_ERROR_CODES)[number];

/** A refused order: `code` is one of ORDER_ERROR_CODES. */
export class OrderError extends DomainError {
  declare readonly code: OrderErrorCode;

  constructor(kind: ErrorKind, code: OrderErrorCode, message: string, options?: DomainErrorOptions) {
    super(kind, code, message, options);
    this.name = 'OrderError';
  }
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  anonymity: 'an anonymity order',
  screen: 'a screen order',
  audio_only: 'an audio-only order',
  supporter: 'a supporter order',
  evidence_in_private: 'an evidence-in-private order',
  remote_witness_room: 'a remote witness room order',
  attendance: 'an attendance order',
};

/** "an anonymity order", for sentences. */
export function orderKindName(kind: string): string {
  return KIND_NAMES[kind] ?? 'an order';
}

export const OrderErrors = {
  notFound: () => new OrderError('not_found', 'order.not_found', 'There is no special-measures order with this id in this hearing.'),
  forbidden: () =>
    new OrderError(
      'forbidden',
      'order.forbidden',
      'Only the judge presiding over this hearing may make, change or revoke its special-measures orders.',
    ),
  /** The bench's reading list: the presiding judge and the court's judges and clerks. */
  readForbidden: () =>
    new OrderError(
      'forbidden',
      'order.forbidden',
      'Only the judges and clerks of the court may read the special-measures orders of this hearing.',
    ),
  /** A malformed request: `field` is the offending field, `message` says what to send instead. */
  invalid: (field: string, message: string) =>
    new OrderError('invalid', 'order.invalid', message, { fields: [{ field, message }], details: { field } }),
  conflict: (currentVersion: number) =>
    new OrderError(
      'conflict',
      'order.conflict',
      `This order was changed since you opened it (it is now at version ${currentVersion}). Reload it, check the terms, and make your change again.`,
      { details: { currentVersion } },
    ),
  revoked: () =>
    new OrderError(
      'gone',
      'order.revoked',
      'This order was revoked and can no longer be changed. Make a new order if the measure is needed again.',
    ),
  /** `kind` and `existingOrderId` are null when only the database's unique index knew of the other order. */
  alreadyInForce: (kind: string | null, existingOrderId: string | null) =>
    new OrderError(
      'conflict',
      'order.already_in_force',
      kind === 'evidence_in_private'
        ? 'An evidence-in-private order is already in force in this hearing. Change that order, or revoke it first.'
        : `There is already ${kind === null ? 'an order of this kind' : orderKindName(kind)} in force for this participant. Change that order, or revoke it first.`,
      existingOrderId === null ? {} : { details: { existingOrderId } },
    ),
  supporterTaken: (existingOrderId: string | null) =>
    new OrderError(
      'conflict',
      'order.supporter_taken',
      'This supporter is already linked to a witness by an order in force. A supporter sits beside one witness only: revoke that order first.',
      existingOrderId === null ? {} : { details: { existingOrderId } },
    ),
  subjectInvalid: (field: string, message: string) =>
    new OrderError('invalid', 'order.subject_invalid', message, { fields: [{ field, message }], details: { field } }),
  participantNotFound: (field: string) =>
    new OrderError(
      'invalid',
      'order.participant_not_found',
      `The participant named in ${field} is not a participant of this hearing. Add them to the hearing first.`,
      { fields: [{ field, message: 'not a participant of this hearing' }], details: { field } },
    ),
  participantRemoved: (field: string) =>
    new OrderError(
      'conflict',
      'order.participant_removed',
      `The participant named in ${field} was removed from this hearing, so an order cannot name them.`,
      { fields: [{ field, message: 'removed from this hearing' }], details: { field } },
    ),
  pseudonymIsRealName: () =>
    new OrderError(
      'invalid',
      'order.pseudonym_is_real_name',
      'The pseudonym is the participant’s real name. Choose a pseudonym that does not identify them (for example “Witness A”).',
      { fields: [{ field: 'pseudonym', message: 'must not be the participant’s real name' }], details: { field: 'pseudonym' } },
    ),
  pseudonymTaken: () =>
    new OrderError(
      'invalid',
      'order.pseudonym_taken',
      'This pseudonym is already used in this hearing, by another order or as another participant’s name. Choose one no one else goes by.',
      { fields: [{ field: 'pseudonym', message: 'already used in this hearing' }], details: { field: 'pseudonym' } },
    ),
  hearingEnded: (status: string) =>
    new OrderError(
      'conflict',
      'order.hearing_ended',
      `This hearing is ${status}. Special-measures orders are made, changed and revoked while a hearing is scheduled, open or in recess.`,
      { details: { hearingStatus: status } },
    ),
};

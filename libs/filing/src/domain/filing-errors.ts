import { DomainError } from '@ejustice/platform/errors/domain-error';

/** Every refusal of the filing domain, each with a stable code and a sentence a person can act on. */
export const FilingErrors = {
  notFound: () => new DomainError('not_found', 'filing.not_found', 'There is no filing with this id that you can see.'),
  documentNotFound: () => new DomainError('not_found', 'filing.document_not_found', 'There is no document with this id that you can see.'),
  notMultipart: () =>
    new DomainError(
      'unsupported',
      'filing.not_multipart',
      'Send the filing as multipart/form-data: a "metadata" field, then the PDF documents.',
    ),
  malformedUpload: (why: string) => new DomainError('invalid', 'filing.malformed_upload', `The upload could not be read: ${why}`),
  metadataFirst: () =>
    new DomainError('invalid', 'filing.metadata_first', 'The "metadata" field must come before the documents in the upload.'),
  metadataMissing: () => new DomainError('invalid', 'filing.metadata_missing', 'The upload has no "metadata" field describing the filing.'),
  metadataNotJson: () => new DomainError('invalid', 'filing.metadata_not_json', 'The "metadata" field is not valid JSON.'),
  unexpectedField: (name: string) =>
    new DomainError(
      'invalid',
      'filing.unexpected_field',
      `The upload has a field "${name}" the court does not accept; send "metadata" and "documents" only.`,
    ),
  idempotencyKeyRequired: () =>
    new DomainError(
      'invalid',
      'filing.idempotency_key_required',
      'Send an Idempotency-Key header (8 to 200 letters, digits, "-" or "_") so that a retried submission is not filed twice.',
    ),
  idempotencyKeyReused: () =>
    new DomainError(
      'conflict',
      'filing.idempotency_key_reused',
      'This Idempotency-Key was already used for a different submission. Use a new key for a new filing.',
    ),
  idempotencyKeyInUse: () =>
    new DomainError(
      'conflict',
      'filing.idempotency_key_in_use',
      'A submission with this Idempotency-Key is still being received. Wait for it to finish.',
      {
        retryAfterSeconds: 5,
      },
    ),
  documentCountMismatch: (described: number, sent: number) =>
    new DomainError(
      'invalid',
      'filing.document_count_mismatch',
      `The metadata describes ${described} document${described === 1 ? '' : 's'} but ${sent} ${sent === 1 ? 'was' : 'were'} sent.`,
    ),
  noDocuments: () => new DomainError('invalid', 'filing.no_documents', 'A filing needs a lead document (a PDF).'),
  tooManyDocuments: (max: number) =>
    new DomainError(
      'too_large',
      'filing.too_many_documents',
      `The court accepts at most ${max} documents in one filing (one lead document and its attachments).`,
    ),
  documentTooLarge: (name: string, maxBytes: number) =>
    new DomainError(
      'too_large',
      'filing.document_too_large',
      `“${name}” is larger than the court's limit of ${formatMegabytes(maxBytes)} per document.`,
      {
        details: { document: name, maxBytes },
      },
    ),
  documentEmpty: (name: string) =>
    new DomainError('invalid', 'filing.document_empty', `“${name}” is empty.`, { details: { document: name } }),
  documentNotPdf: (name: string) =>
    new DomainError('unsupported', 'filing.document_not_pdf', `“${name}” is not a PDF file.`, { details: { document: name } }),
  documentDamaged: (name: string) =>
    new DomainError(
      'invalid',
      'filing.document_damaged',
      `“${name}” is damaged or incomplete and cannot be read as a PDF. Save or export it again and retry.`,
      {
        details: { document: name },
      },
    ),
  documentEncrypted: (name: string) =>
    new DomainError(
      'invalid',
      'filing.document_encrypted',
      `“${name}” is encrypted or password-protected. Remove the protection and retry.`,
      {
        details: { document: name },
      },
    ),
  documentTypeNotAccepted: (name: string, declaredType: string, accepted: readonly string[]) =>
    new DomainError(
      'unsupported',
      'filing.document_type_not_accepted',
      `“${name}” was sent as ${declaredType.slice(0, 100)}; the court accepts ${accepted.join(' or ')} documents only.`,
      { details: { document: name, declaredType: declaredType.slice(0, 100) } },
    ),
  documentEmbeddedFile: (name: string) =>
    new DomainError(
      'invalid',
      'filing.document_embedded_file',
      `“${name}” carries other files inside it. The court takes documents, not containers: file each document on its own, as a plain PDF.`,
      { details: { document: name } },
    ),
  documentTooComplex: (name: string, limit: string) =>
    new DomainError(
      'invalid',
      'filing.document_too_complex',
      `“${name}” is too complex for the court to accept: ${limit}. Print it to a plain PDF, or split it, and retry.`,
      { details: { document: name, limit } },
    ),
  documentActive: (name: string, feature: string) =>
    new DomainError(
      'invalid',
      'filing.document_active_content',
      `“${name}” contains ${feature}, which the court does not accept. Print it to a plain PDF and retry.`,
      { details: { document: name, feature } },
    ),
  roleMayNotFile: () =>
    new DomainError(
      'forbidden',
      'filing.role_may_not_file',
      'Only parties, counsel, prosecutors and registered members of the public may file.',
    ),
  otherCourt: () => new DomainError('forbidden', 'filing.other_court', 'You can only file with the court your account belongs to.'),
  caseRequired: () => new DomainError('invalid', 'filing.case_required', 'A filing into an existing case must name the case (caseId).'),
  caseNotAllowed: () =>
    new DomainError(
      'invalid',
      'filing.case_not_allowed',
      'A petition or complaint opens a new case: describe it in newCase, and do not send caseId.',
    ),
  newCaseRequired: () =>
    new DomainError(
      'invalid',
      'filing.new_case_required',
      'A petition or complaint must describe the new case (newCase: type, title, parties).',
    ),
  filerNotAParty: () =>
    new DomainError(
      'invalid',
      'filing.filer_not_linked',
      'Mark the party you are (isFiler) or the party you act for (representedByFiler): the filer must be linked to the new case.',
    ),
  pseudonymTwice: () =>
    new DomainError('invalid', 'filing.pseudonym_taken', 'Two parties have the same pseudonym; give each protected person their own.'),
  pseudonymIsName: () => new DomainError('invalid', 'filing.pseudonym_is_name', 'A pseudonym must not be the person’s real name.'),
  caseClosed: () => new DomainError('conflict', 'filing.case_disposed', 'This case is closed; the court no longer accepts filings in it.'),
  // Review
  notOpen: (status: string) =>
    new DomainError('conflict', 'filing.already_decided', `This filing has already been ${status.replace('_', ' ')}.`),
  claimedByOther: () =>
    new DomainError(
      'conflict',
      'filing.claimed_by_other',
      'Another clerk is reviewing this filing. It returns to the queue if they release it or their claim lapses.',
    ),
  notClaimed: () =>
    new DomainError('conflict', 'filing.not_claimed', 'Claim this filing before you review it (your claim may have lapsed).'),
  notReviewer: () => new DomainError('forbidden', 'filing.not_reviewer', 'Only the clerks and judges of the court review its filings.'),
  unknownReason: (code: string) =>
    new DomainError('invalid', 'filing.unknown_reason_code', `“${code}” is not one of the court's reason codes for this action.`, {
      details: { reasonCode: code },
    }),
  reasonRequired: () =>
    new DomainError('invalid', 'filing.reason_required', 'Give a reason code from the court’s list for a rejection or a return.'),
  documentDecisionsIncomplete: () =>
    new DomainError(
      'invalid',
      'filing.document_decisions_incomplete',
      'Decide every document of the filing exactly once (accept or reject).',
    ),
  leadRejectedAttachmentAccepted: () =>
    new DomainError(
      'invalid',
      'filing.lead_rejected',
      'An attachment cannot be accepted when the lead document is rejected: reject the filing, or return it for correction.',
    ),
  nothingAccepted: () =>
    new DomainError(
      'invalid',
      'filing.nothing_accepted',
      'Accepting a filing needs at least its lead document accepted; otherwise reject it.',
    ),
};

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

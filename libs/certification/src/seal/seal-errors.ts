import { DomainError } from '@ejustice/platform/errors/domain-error';

/** Every refusal of the seal, each with a stable code and a sentence a person can act on. */
export const SealErrors = {
  unreadableIdentity: (why: string) =>
    new DomainError(
      'invalid',
      'certification.seal_identity_unreadable',
      `The court's seal file (PKCS#12) could not be opened: ${why}. Check the file and its password in the configuration.`,
    ),
  incompleteIdentity: (why: string) =>
    new DomainError('invalid', 'certification.seal_identity_incomplete', `The court's seal file (PKCS#12) cannot seal documents: ${why}.`),
  unreadablePdf: (why: string) =>
    new DomainError('invalid', 'certification.seal_pdf_unreadable', `The document to seal is not a PDF that can be read: ${why}.`),
  placeholderTooSmall: (needed: number, reserved: number) =>
    new DomainError(
      'invalid',
      'certification.seal_placeholder_too_small',
      `The signature needs ${needed} bytes but only ${reserved} were reserved in the document; raise reservedBytes.`,
    ),
  timestampUnavailable: (why: string) =>
    new DomainError(
      'unavailable',
      'certification.timestamp_unavailable',
      `The time-stamping authority did not give a usable timestamp (${why}); the copy was not sealed, try again later.`,
    ),
};

import { DomainError } from '@ejustice/platform/errors/domain-error';

/** Every refusal of the certified-copy workflow, each with a stable code and a sentence a person can act on. */
export const CertificationErrors = {
  documentNotFound: () =>
    new DomainError(
      'not_found',
      'certification.document_not_found',
      'There is no docketed document with this id that you may request a copy of.',
    ),
  requestNotFound: () =>
    new DomainError('not_found', 'certification.request_not_found', 'There is no certified-copy request with this id that you can see.'),
  emailRequired: () =>
    new DomainError('invalid', 'certification.email_required', 'Give an e-mail address: the copy is delivered to it when it is ready.'),
  notClerk: () =>
    new DomainError('forbidden', 'certification.not_clerk', "Only the clerks of the document's court decide certified-copy requests."),
  notJudge: () =>
    new DomainError(
      'forbidden',
      'certification.not_judge',
      "Only a judge of the document's court may authorise a copy of a sealed document.",
    ),
  notSealed: () =>
    new DomainError(
      'invalid',
      'certification.not_sealed',
      'Only sealed documents need a judge’s authorisation; this one may be requested as it is.',
    ),
  wrongState: (status: string, action: string) =>
    new DomainError(
      'conflict',
      'certification.wrong_state',
      `A request that is ${status} cannot be ${action}. Reload it to see where it stands.`,
      {
        details: { status, action },
      },
    ),
  paymentAlreadySettled: () =>
    new DomainError('conflict', 'certification.payment_settled', 'The fee of this request is already settled (paid, waived or not due).'),
  reasonRequired: () =>
    new DomainError('invalid', 'certification.reason_required', 'Give the reason, in a sentence the requester can read.'),
  linkExpired: () =>
    new DomainError('gone', 'certification.link_expired', 'This download link has expired. Ask for a new one from your request.'),
  linkNotFound: () => new DomainError('not_found', 'certification.link_not_found', 'This download link is not valid.'),
  notIssued: () =>
    new DomainError('conflict', 'certification.not_issued', 'The copy is not issued yet; a download link is given once it is.'),
  codeNotFound: () =>
    new DomainError(
      'not_found',
      'certification.code_not_found',
      'No certified copy has this verification code. Check the code printed on the copy.',
    ),
  notInRegister: () =>
    new DomainError(
      'not_found',
      'certification.not_in_register',
      'This file is not a copy the court issued: its SHA-256 is not in the register. A copy changed in any way no longer matches.',
    ),
  rateLimited: (retryAfterSeconds: number) =>
    new DomainError(
      'rate_limited',
      'certification.rate_limited',
      'Too many verification requests from your network. Wait a minute and try again.',
      {
        retryAfterSeconds,
      },
    ),
  verifyUnavailable: () =>
    new DomainError('unavailable', 'certification.verify_unavailable', 'Verification is unavailable for a moment. Try again shortly.', {
      retryAfterSeconds: 15,
    }),
  sealUnavailable: () =>
    new DomainError(
      'unavailable',
      'certification.seal_not_configured',
      'The court seal is not configured (CERTIFICATION_SEAL_P12_FILE and CERTIFICATION_SEAL_P12_PASSWORD); certified copies cannot be issued.',
    ),
};

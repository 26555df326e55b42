import type { Confidentiality } from '@ejustice/vocabulary/case-type';
import type { CopyStatus, PaymentStatus } from '../domain/certified-copy';

/*
 * The REST contract of certified copies (issue 10), declared once for the api and the web: the
 * request, the clerk's decisions, the requester's download link, the public verification and the
 * judge's authorisation for sealed documents. Types only, no Nest, no TypeORM. Instants are ISO
 * 8601 strings in UTC; amounts are in minor units (cents) of their currency.
 */

export { COPY_STATUSES, PAYMENT_STATUSES } from '../domain/certified-copy';
export type { CopyStatus, PaymentStatus };

// ---------------------------------------------------------------- request

/** POST /api/certified-copies (signed in, or public with `email`). */
export interface RequestCertifiedCopyBody {
  readonly documentId: string;
  readonly copies: number;
  readonly purpose: string;
  /** Required without an account: where the copy is delivered. */
  readonly email?: string;
}

/** The answer to a request; `accessKey` only to a member of the public, only once: it follows the request. */
export interface CertifiedCopyRequestedView {
  readonly request: CertifiedCopyView;
  readonly accessKey: string | null;
}

/**
 * GET /api/certified-copies/fee?documentId=&copies= (signed in) and GET
 * /api/public/certified-copies/fee?documentId=&copies= (no account): what the request would cost,
 * before it is sent; a document the asker may not request is 404, as for the request.
 */
export interface CertifiedCopyFeeQuery {
  readonly documentId: string;
  readonly copies: number;
}

export interface CertifiedCopyFeeQuoteView {
  readonly documentId: string;
  readonly copies: number;
  readonly fee: CertifiedCopyView['fee'];
}

/** A request as its requester and the court's clerks see it. */
export interface CertifiedCopyView {
  readonly id: string;
  readonly documentId: string;
  readonly caseId: string;
  readonly status: CopyStatus;
  readonly copies: number;
  readonly purpose: string;
  readonly fee: {
    readonly perCopy: number;
    readonly amount: number;
    readonly currency: string;
    readonly waiverReason: 'victim' | null;
    readonly paymentStatus: PaymentStatus;
  };
  readonly requestedAt: string;
  readonly decidedAt: string | null;
  readonly refusalReason: string | null;
  /** Once issuing: the code printed on the copy. */
  readonly verificationCode: string | null;
  readonly issuedAt: string | null;
  readonly sha256: string | null;
  readonly revokedAt: string | null;
  readonly revocationReason: string | null;
}

// ---------------------------------------------------------------- clerk decisions

/** POST /api/certified-copies/:id/approve: no body. POST .../refuse and .../revoke: */
export interface ReasonBody {
  readonly reason: string;
}

/** POST /api/certified-copies/:id/payment: the clerk records the fee paid or waived. */
export interface RecordPaymentBody {
  readonly outcome: 'paid' | 'waived';
  readonly note?: string;
}

/** GET /api/certified-copies?status=: the requester's own requests, or, for a clerk, the court's. */
export interface CertifiedCopyListQuery {
  readonly status?: CopyStatus;
}

// ---------------------------------------------------------------- delivery

/**
 * POST /api/certified-copies/:id/download-link: a link to the issued copy, valid until
 * `expiresAt`. A member of the public proves the request is theirs with the header
 * `X-Access-Key` (the key the request answered with).
 */
export interface DownloadLinkView {
  readonly url: string;
  readonly expiresAt: string;
}

// ---------------------------------------------------------------- verification (public)

/** GET /api/certified-copies/verify/:code and POST /api/certified-copies/verify (multipart `file`). */
export interface CopyVerificationView {
  readonly verificationCode: string;
  readonly status: 'valid' | 'revoked';
  readonly issuedAt: string;
  readonly court: { readonly name: string };
  /** What the copy is of; the title and case number only of public material. */
  readonly document: {
    readonly confidentiality: Confidentiality;
    readonly title: string | null;
    readonly caseNumber: string | null;
    readonly pageCount: number | null;
  };
  readonly sha256: string;
  readonly revoked: { readonly at: string; readonly reason: string } | null;
  /** By upload only: the file's seal, checked by our own verifier. */
  readonly seal?: { readonly valid: boolean; readonly unmodified: boolean; readonly trusted: boolean; readonly problem: string | null };
}

// ---------------------------------------------------------------- sealed documents

/** POST /api/certified-copy-authorisations: a judge lets one user request a copy of one sealed document. */
export interface AuthoriseSealedCopyBody {
  readonly documentId: string;
  readonly userId: string;
  readonly reason: string;
}

/** The answer to an authorisation: the id it is recorded under. */
export interface SealedCopyAuthorisationView {
  readonly id: string;
}

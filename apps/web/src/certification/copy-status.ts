import type { CertifiedCopyView, CopyStatus, PaymentStatus } from '@ejustice/certification/contract/certification-contract';

/**
 * The pure rules of the certified-copy screens: which clerk actions a request offers, how far its
 * issuing has come, and whether a request form may be sent. They mirror the api's own rules
 * (decideCopyAction in libs/certification): the api still decides, this only avoids offering a
 * button that can only fail.
 */

// A record, so adding a status to the contract fails the type check here until the UI knows it;
// the contract's COPY_STATUSES is a value of the api's domain, which the web imports types only from.
const STATUS_POSITION: Record<CopyStatus, number> = { requested: 0, approved: 1, issuing: 2, issued: 3, refused: 4, revoked: 5 };

/** Every status, in the order of the road from request to copy (the queue's filter lists them so). */
export const COPY_STATUS_ORDER = (Object.keys(STATUS_POSITION) as CopyStatus[]).sort((a, b) => STATUS_POSITION[a] - STATUS_POSITION[b]);

export type ClerkCopyAction = 'approve' | 'refuse' | 'paid' | 'waived' | 'revoke';

/** The actions a clerk may take on a request as it stands, in the order the screen offers them. */
export function clerkActionsFor(
  copy: Pick<CertifiedCopyView, 'status'> & { fee: Pick<CertifiedCopyView['fee'], 'paymentStatus'> },
): ClerkCopyAction[] {
  const open = copy.status === 'requested' || copy.status === 'approved';
  const actions: ClerkCopyAction[] = [];
  if (copy.status === 'requested') actions.push('approve');
  if (open && copy.fee.paymentStatus === 'due') actions.push('paid', 'waived');
  if (open) actions.push('refuse');
  if (copy.status === 'issued') actions.push('revoke');
  return actions;
}

/** The steps from request to copy; `refused` and `revoked` end the road where they happen. */
export const ISSUING_STEPS = ['requested', 'approved', 'settled', 'issuing', 'issued'] as const;
export type IssuingStep = (typeof ISSUING_STEPS)[number];

export interface IssuingProgress {
  /** How many of ISSUING_STEPS are done. */
  readonly done: number;
  readonly total: number;
  /** The step the request waits on, or null when it is finished (issued, refused or revoked). */
  readonly waitingOn: IssuingStep | 'payment' | null;
}

function settled(payment: PaymentStatus): boolean {
  return payment !== 'due';
}

/** How far a request has come: approval and its fee may come in either order; then the job issues it. */
export function issuingProgress(status: CopyStatus, payment: PaymentStatus): IssuingProgress {
  const total = ISSUING_STEPS.length;
  switch (status) {
    case 'requested':
      return { done: settled(payment) ? 2 : 1, total, waitingOn: 'approved' };
    case 'approved':
      return { done: settled(payment) ? 3 : 2, total, waitingOn: settled(payment) ? 'issuing' : 'payment' };
    case 'issuing':
      return { done: 4, total, waitingOn: 'issued' };
    case 'issued':
    case 'revoked':
      return { done: total, total, waitingOn: null };
    case 'refused':
      return { done: 1, total, waitingOn: null };
  }
}

/** Whether the requester can ask for a download link: only an issued copy has one. */
export function isDownloadable(status: CopyStatus): boolean {
  return status === 'issued';
}

/** The api's bounds (RequestCertifiedCopyDto): 1–20 copies, a purpose of 1–500 characters, an e-mail when public. */
export const MAX_COPIES = 20;
export const MAX_PURPOSE = 500;
export const MAX_REASON = 2000;

export interface CopyRequestDraft {
  readonly copies: string;
  readonly purpose: string;
  /** Null when signed in: the account says where the copy goes. */
  readonly email: string | null;
}

export type CopyRequestField = 'copies' | 'purpose' | 'email';
export type CopyRequestErrors = Partial<Record<CopyRequestField, 'required' | 'invalid' | 'tooLong' | 'range'>>;

// Deliberately loose: the api checks the address for real; this only catches an obvious slip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The number of copies the form would send for what was typed, or undefined when it would send none. */
export function copiesToSend(typed: string): number | undefined {
  const copies = Number(typed);
  return typed.trim() !== '' && Number.isInteger(copies) && copies >= 1 && copies <= MAX_COPIES ? copies : undefined;
}

/** What is wrong with a draft, per field; an empty object means it may be sent. */
export function validateCopyRequest(draft: CopyRequestDraft): CopyRequestErrors {
  const errors: CopyRequestErrors = {};
  if (draft.copies.trim() === '') errors.copies = 'required';
  else if (copiesToSend(draft.copies) === undefined) errors.copies = 'range';
  const purpose = draft.purpose.trim();
  if (purpose === '') errors.purpose = 'required';
  else if (purpose.length > MAX_PURPOSE) errors.purpose = 'tooLong';
  if (draft.email !== null) {
    const email = draft.email.trim();
    if (email === '') errors.email = 'required';
    else if (email.length > 254 || !EMAIL.test(email)) errors.email = 'invalid';
  }
  return errors;
}

/** An amount in minor units as money in the reader's language: 1500 EGP → "EGP 15.00". */
export function formatFee(amount: number, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount / 100);
  } catch {
    return `${(amount / 100).toFixed(2)} ${currency}`;
  }
}

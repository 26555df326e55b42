import { type CaseFacts, type CaseViewer, canReadMaterial } from '@ejustice/cases/domain/case-access';
import type { Confidentiality } from '@ejustice/vocabulary/case-type';

/**
 * Where a request stands. `requested` waits for a clerk; `approved` waits for its fee; `issuing`
 * is approved and settled, with its verification code minted, while the job renders and seals;
 * `issued` has its sealed copy in the register; `refused` and `revoked` are final.
 */
export const COPY_STATUSES = ['requested', 'approved', 'issuing', 'issued', 'refused', 'revoked'] as const;
export type CopyStatus = (typeof COPY_STATUSES)[number];

/** The fee as a state of its own: a clerk records it `paid` or `waived`; `not_due` when nothing is owed. */
export const PAYMENT_STATUSES = ['due', 'paid', 'waived', 'not_due'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Who asks: a member of the public (an e-mail address, no account) or someone signed in. */
/** A member of the public (no account: whatever the rule allows anyone), or someone signed in. */
export type CopyRequester = { readonly kind: 'public' } | { readonly kind: 'account'; readonly viewer: CaseViewer };

/** What the request rule knows of the document. */
export interface RequestedDocument {
  readonly courtId: string;
  readonly confidentiality: Confidentiality;
  readonly docketed: boolean;
}

/**
 * Who may ask for a certified copy of a document (issue 10, point 1). Only a docketed document
 * is part of the record a court certifies. A sealed one: nobody, unless a judge of the court
 * authorised this requester (a record naming them; the public has no account to name). Anything
 * else: whoever may read it on the docket (parties and counsel for confidential material, the
 * court's staff), and anyone at all for a public document of a public case.
 */
export function canRequestCopy(
  requester: CopyRequester,
  doc: RequestedDocument,
  caseFacts: CaseFacts,
  authorisedBySealingJudge: boolean,
): boolean {
  if (!doc.docketed) return false;
  if (doc.confidentiality === 'sealed') return requester.kind === 'account' && authorisedBySealingJudge;
  const openToAll = doc.confidentiality === 'public' && caseFacts.confidentiality === 'public';
  if (openToAll) return true;
  return requester.kind === 'account' && canReadMaterial(requester.viewer, caseFacts, doc.confidentiality);
}

/** The fee of a request: the court's fee per copy times the copies; never for victims and those who act for them. */
export interface CopyFee {
  readonly perCopy: number;
  readonly amount: number;
  readonly currency: string;
  readonly waiverReason: 'victim' | null;
  readonly paymentStatus: PaymentStatus;
}

export function certifiedCopyFee(perCopy: number, currency: string, copies: number, actsForVictim: boolean): CopyFee {
  const amount = perCopy * copies;
  if (actsForVictim) return { perCopy, amount, currency, waiverReason: 'victim', paymentStatus: amount > 0 ? 'waived' : 'not_due' };
  return { perCopy, amount, currency, waiverReason: null, paymentStatus: amount > 0 ? 'due' : 'not_due' };
}

/** Whether the fee no longer stands between an approved request and its issue. */
export function isSettled(payment: PaymentStatus): boolean {
  return payment !== 'due';
}

/** The platform's fee per certified copy (minor units), where a court's schedule names none. */
export const DEFAULT_CERTIFIED_COPY_FEE = 500;

/** The fee per copy from a court's fee schedule: its `certified_copy` entry, else the platform default. */
export function feePerCopy(schedule: Readonly<Record<string, number>>): number {
  const own = schedule['certified_copy'];
  return typeof own === 'number' && Number.isInteger(own) && own >= 0 ? own : DEFAULT_CERTIFIED_COPY_FEE;
}

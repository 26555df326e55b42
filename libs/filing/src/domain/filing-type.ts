import type { CaseType, Confidentiality, PartyRole } from '@ejustice/vocabulary/case-type';

/** Filings that open a case (ECF "initial filing"). */
export const OPENING_FILING_TYPES = ['petition', 'complaint'] as const;
/** Filings into an existing case (ECF "subsequent filing"). */
export const SUBSEQUENT_FILING_TYPES = ['motion', 'response', 'evidence', 'notice', 'other'] as const;
export const FILING_TYPES = [...OPENING_FILING_TYPES, ...SUBSEQUENT_FILING_TYPES] as const;
export type FilingType = (typeof FILING_TYPES)[number];

export function opensCase(type: FilingType): boolean {
  return (OPENING_FILING_TYPES as readonly string[]).includes(type);
}

export const FILING_STATUSES = ['submitted', 'under_review', 'accepted', 'partially_accepted', 'rejected', 'returned'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
/** Statuses in which a filing still waits for the clerk. */
export const OPEN_FILING_STATUSES: readonly FilingStatus[] = ['submitted', 'under_review'];

/** Grounds that put a filing at the head of the clerk's queue. */
export const URGENCY_GROUNDS = ['custody', 'protective_order', 'child_victim'] as const;
export type UrgencyGround = (typeof URGENCY_GROUNDS)[number];

export const DOCUMENT_REVIEW_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type DocumentReviewStatus = (typeof DOCUMENT_REVIEW_STATUSES)[number];

export const FILING_HISTORY_ACTIONS = [
  'submitted',
  'claimed',
  'released',
  'accepted',
  'partially_accepted',
  'rejected',
  'returned',
] as const;
export type FilingHistoryAction = (typeof FILING_HISTORY_ACTIONS)[number];

export const REVIEW_ACTIONS = ['accept', 'reject', 'return'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** What a filer says about a party of a case they ask the court to open. */
export interface ProposedParty {
  readonly partyRole: PartyRole;
  readonly fullName: string;
  readonly isProtected: boolean;
  readonly pseudonym: string | null;
  /** The filer is this party (a person filing for themselves). */
  readonly isFiler: boolean;
  /** The filer is counsel (or the prosecutor) acting for this party. */
  readonly representedByFiler: boolean;
}

export interface NewCaseFacts {
  readonly caseType: CaseType;
  readonly title: string;
  readonly confidentiality: Confidentiality;
  readonly parties: readonly ProposedParty[];
}

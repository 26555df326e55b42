import type { CaseType, Confidentiality, PartyRole } from '@ejustice/cases/domain/case-type';

/**
 * The e-filing API's shapes as the browser sees them (libs/filing/README.md is the contract).
 * Vocabularies are repeated here rather than imported because libs/filing/src/domain imports the
 * cases lib through its index, which the browser build must never pull in; the locale
 * completeness test checks these lists against the server's so they cannot drift apart.
 */
export const OPENING_FILING_TYPES = ['petition', 'complaint'] as const;
export const SUBSEQUENT_FILING_TYPES = ['motion', 'response', 'evidence', 'notice', 'other'] as const;
export type FilingType = (typeof OPENING_FILING_TYPES)[number] | (typeof SUBSEQUENT_FILING_TYPES)[number];

export const FILING_STATUSES = ['submitted', 'under_review', 'accepted', 'partially_accepted', 'rejected', 'returned'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export const URGENCY_GROUNDS = ['custody', 'protective_order', 'child_victim'] as const;
export type UrgencyGround = (typeof URGENCY_GROUNDS)[number];

export type DocumentReviewStatus = 'pending' | 'accepted' | 'rejected';

export interface ReasonCode {
  code: string;
  label: string;
  appliesTo: ('reject' | 'return')[];
}

export interface CourtFilingPolicy {
  courtId: string;
  timeZone: string;
  acceptedFilingTypes: FilingType[];
  acceptedMediaTypes: string[];
  maxDocumentBytes: number;
  maxDocuments: number;
  claimMinutes: number;
  feeCurrency: string;
  feeSchedule: Partial<Record<FilingType, number>>;
  reasonCodes: ReasonCode[];
}

export interface ProposedPartyInput {
  partyRole: PartyRole;
  fullName: string;
  isProtected: boolean;
  pseudonym: string | null;
  isFiler: boolean;
  representedByFiler: boolean;
}

/** The "metadata" part of a submission. */
export interface FilingMetadata {
  filingType: FilingType;
  title: string;
  confidentiality: Confidentiality;
  urgencyGrounds: UrgencyGround[];
  caseId?: string;
  newCase?: { caseType: CaseType; title: string; confidentiality: Confidentiality; parties: ProposedPartyInput[] };
  documents: { title: string }[];
}

export interface ReceiptDocument {
  id: string;
  position: number;
  title: string;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  pageCount: number;
  confidentiality: Confidentiality;
  reviewStatus?: DocumentReviewStatus;
  reasonCode?: string | null;
  reasonNote?: string | null;
  docketEntryId?: string | null;
}

/** What a submission answers, and what a replay of it answers again. */
export interface FilingReceipt {
  filingId: string;
  status: FilingStatus;
  filingType: FilingType;
  title: string;
  receivedAt: string;
  receivedAtCourt: string;
  courtTimeZone: string;
  caseId: string | null;
  documents: ReceiptDocument[];
  fee?: { amount: number; currency: string; waived: boolean; due: number };
  receiptUrl: string;
}

export interface FilingSummary {
  id: string;
  filingType: FilingType;
  title: string;
  status: FilingStatus;
  receivedAt: string;
  urgent: boolean;
  urgencyGrounds: UrgencyGround[];
  opensCase: boolean;
  caseId: string | null;
  caseNumber: string | null;
  newCaseType?: CaseType | null;
  documentCount: number;
  filer?: { id: string; displayName: string };
  claim?: { clerkId: string; clerkName: string; expiresAt: string; mine: boolean } | null;
}

export interface FilingHistoryEntry {
  seq: number;
  action: string;
  toStatus: FilingStatus;
  occurredAt: string;
  reasonCode: string | null;
  note: string | null;
}

export interface FilingDetail extends FilingSummary {
  confidentiality: Confidentiality;
  receipt: FilingReceipt;
  documents: ReceiptDocument[];
  newCase?: {
    caseType: CaseType;
    title: string;
    confidentiality: Confidentiality;
    parties: { partyRole: PartyRole; name: string; isProtected: boolean }[];
  } | null;
  decision?: { status: FilingStatus; reasonCode: string | null; reasonNote: string | null; decidedAt: string } | null;
  history?: FilingHistoryEntry[];
}

export interface QueueFilters {
  status?: string;
  filingType?: string;
  minAgeHours?: number;
  urgentOnly?: boolean;
}

export interface QueuePage {
  items: FilingSummary[];
  total: number;
}

export interface ClaimResult {
  filingId: string;
  claimExpiresAt: string;
}

export type ReviewDecision =
  | {
      action: 'accept';
      documents: { documentId: string; decision: 'accept' | 'reject'; reasonCode?: string; note?: string }[];
    }
  | { action: 'reject' | 'return'; reasonCode: string; note?: string };

export interface InboxMessage {
  id: string;
  kind: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxMessage[];
  unread: number;
}

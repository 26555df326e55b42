import type { CaseType, Confidentiality, PartyRole } from '@ejustice/vocabulary/case-type';

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
  urgency: UrgencyGround[];
  caseId?: string;
  newCase?: { caseType: CaseType; title: string; confidentiality: Confidentiality; parties: ProposedPartyInput[] };
  documents: { title: string }[];
}

export interface FilingDocumentView {
  id: string;
  position: number;
  role: 'lead' | 'attachment';
  title: string;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  pageCount: number;
  confidentiality: Confidentiality;
  contentUrl: string;
}

export interface FeeAssessment {
  filingType: FilingType;
  amount: number;
  currency: string;
  waived: boolean;
  waiverReason: 'victim' | null;
  due: number;
}

/** What a submission answers (201), and what a replay of it answers again (200). */
export interface FilingReceipt {
  filingId: string;
  status: FilingStatus;
  filingType: FilingType;
  title: string;
  opensCase: boolean;
  courtId: string;
  caseId: string | null;
  caseNumber: string | null;
  receivedAt: string;
  receivedAtCourt: { timeZone: string; localTime: string };
  documents: FilingDocumentView[];
  fee: FeeAssessment;
  receiptPdfUrl: string;
}

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface FilingClaim {
  claimedBy: PersonRef;
  expiresAt: string;
  mine: boolean;
}

export interface FilingSummary {
  id: string;
  status: FilingStatus;
  filingType: FilingType;
  title: string;
  courtId: string;
  caseId: string | null;
  caseNumber: string | null;
  urgent: boolean;
  urgencyGrounds: UrgencyGround[];
  receivedAt: string;
  ageMinutes: number;
  documentCount: number;
  filer: PersonRef;
  claim: FilingClaim | null;
}

export interface ProposedPartyView {
  position: number;
  partyRole: PartyRole;
  name: string;
  isProtected: boolean;
  pseudonym?: string;
  isFiler: boolean;
  representedByFiler: boolean;
}

export interface ReviewedDocument extends FilingDocumentView {
  reviewStatus: DocumentReviewStatus;
  reasonCode: string | null;
  reasonNote: string | null;
  docketEntry: { id: string; seq: number } | null;
}

export interface FilingDetail extends Omit<FilingReceipt, 'documents'> {
  confidentiality: Confidentiality;
  urgent: boolean;
  urgencyGrounds: UrgencyGround[];
  filer: PersonRef;
  newCase: { caseType: CaseType; title: string; confidentiality: Confidentiality; parties: ProposedPartyView[] } | null;
  claim: FilingClaim | null;
  decision: { decidedAt: string; decidedBy: PersonRef; reasonCode: string | null; note: string | null } | null;
  documents: ReviewedDocument[];
}

export interface QueueFilters {
  status?: FilingStatus | '';
  filingType?: FilingType | '';
  minAgeMinutes?: number;
  urgent?: 'true' | 'false' | '';
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type ReviewDecision =
  | {
      action: 'accept';
      documents: { documentId: string; decision: 'accept' | 'reject'; reasonCode?: string; note?: string }[];
      note?: string;
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

import type { CaseType, Confidentiality, PartyRole } from '@ejustice/vocabulary/case-type';
import type { DocketLineView } from '@ejustice/cases/contract/case-contract';
import type { Page, PageRequest } from '@ejustice/platform/contract/page';
import type { CourtFilingPolicy, FeeAssessment } from '../domain/court-policy';
import type {
  DocumentReviewStatus,
  FilingHistoryAction,
  FilingStatus,
  FilingType,
  ReviewAction,
  UrgencyGround,
} from '../domain/filing-type';

/*
 * The REST contract of e-filing (filing policy and fees, submissions, the review queue, a case's
 * docket with its documents, the inbox), declared once for the api and the web. The browser
 * imports it as `@ejustice/filing/contract/filing-contract`: types, and the filing vocabularies
 * below, which come from a domain file that imports nothing but types. No Nest, no TypeORM.
 * Instants are ISO 8601 strings in UTC; amounts are in minor units (cents) of their currency.
 */

export {
  DOCUMENT_REVIEW_STATUSES,
  FILING_HISTORY_ACTIONS,
  FILING_STATUSES,
  FILING_TYPES,
  OPENING_FILING_TYPES,
  REVIEW_ACTIONS,
  SUBSEQUENT_FILING_TYPES,
  URGENCY_GROUNDS,
} from '../domain/filing-type';
export type { DocumentReviewStatus, FilingHistoryAction, FilingStatus, FilingType, ReviewAction, UrgencyGround };
export type { CourtFilingPolicy, FeeAssessment, ReasonCode } from '../domain/court-policy';

/** An empty query parameter (`?status=`, a form's empty choice) means no filter. */
export type QueryFilter<T extends string> = T | '';

// ---------------------------------------------------------------- policy and fees

/** GET /api/filing-policy?courtId= (the caller's court when absent). */
export interface FilingPolicyQuery {
  readonly courtId?: string;
}

/** GET /api/filing-policy: the court's policy with the vocabularies a filing form offers. */
export interface FilingPolicyView extends CourtFilingPolicy {
  readonly urgencyGrounds: readonly UrgencyGround[];
  readonly caseTypes: readonly CaseType[];
  readonly partyRoles: readonly PartyRole[];
}

/**
 * GET /api/filing-policy/fee: the fee a filing will be charged. Into a case (`caseId`), the
 * waiver reads the case's parties; opening one, the filer says whether they are or act for a
 * victim (`actsForVictim`), as the parties they list will say when they file.
 */
export interface FeeQuoteQuery {
  readonly filingType: FilingType;
  readonly caseId?: string;
  readonly actsForVictim?: 'true' | 'false';
}

// ---------------------------------------------------------------- submission

/** A party of the case a petition or complaint asks the court to open. */
export interface ProposedPartyRequest {
  readonly partyRole: PartyRole;
  readonly fullName: string;
  /** Victims and vulnerable witnesses: shown by pseudonym to anyone not entitled to the name. */
  readonly isProtected?: boolean;
  /** Shown in place of the name; one is given to a protected person without one. */
  readonly pseudonym?: string | null;
  /** The filer is this party. */
  readonly isFiler?: boolean;
  /** The filer is counsel (or the prosecutor) for this party. */
  readonly representedByFiler?: boolean;
}

export interface NewCaseRequest {
  readonly caseType: CaseType;
  readonly title: string;
  readonly confidentiality: Confidentiality;
  readonly parties: readonly ProposedPartyRequest[];
}

export interface DocumentMetadataRequest {
  /** What the document is, e.g. "Petition", "Exhibit 3: medical report". */
  readonly title: string;
  /** Defaults to the filing's confidentiality. */
  readonly confidentiality?: Confidentiality;
}

/**
 * POST /api/filings (multipart/form-data, header `Idempotency-Key`): this, as JSON, in the
 * `metadata` field first, then one `documents` PDF part per entry of `documents`, lead first.
 */
export interface SubmissionMetadataRequest {
  readonly filingType: FilingType;
  /** Subsequent filings: the case filed into. */
  readonly caseId?: string;
  /** Petitions and complaints: the case to open. */
  readonly newCase?: NewCaseRequest;
  readonly title: string;
  readonly confidentiality: Confidentiality;
  /** Grounds that put the filing at the head of the clerk's queue. */
  readonly urgency?: readonly UrgencyGround[];
  readonly documents: readonly DocumentMetadataRequest[];
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
  /** GET it (bearer) for the PDF; `?disposition=inline` to show it in the browser. */
  contentUrl: string;
}

/** What a submission answers (201), and what a replay of it with the same key answers again (200). */
export interface FilingReceiptView {
  filingId: string;
  status: FilingStatus;
  filingType: FilingType;
  title: string;
  opensCase: boolean;
  courtId: string;
  caseId: string | null;
  caseNumber: string | null;
  /** The official time of receipt. */
  receivedAt: string;
  /** The same instant as the court states it: its wall time with the UTC offset. */
  receivedAtCourt: { timeZone: string; localTime: string };
  documents: FilingDocumentView[];
  fee: FeeAssessment;
  /** GET /api/filings/:id/receipt.pdf: the notice of electronic filing. */
  receiptPdfUrl: string;
}

/** GET /api/filing-documents/:id/content?disposition= (attachment unless told). */
export interface DownloadQuery {
  readonly disposition?: 'inline' | 'attachment';
}

// ---------------------------------------------------------------- filings and the review queue

export interface PersonRef {
  id: string;
  displayName: string;
}

/** A clerk's live claim on a filing under review. */
export interface FilingClaimView {
  claimedBy: PersonRef;
  expiresAt: string;
  /** The claim is the caller's own. */
  mine: boolean;
}

/** One line of GET /api/filings and GET /api/filings/queue. */
export interface FilingSummaryView {
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
  /** Whole minutes since receipt. */
  ageMinutes: number;
  documentCount: number;
  filer: PersonRef;
  claim: FilingClaimView | null;
}

export type FilingListView = Page<FilingSummaryView>;

/** GET /api/filings: a filer's own filings; for clerks and judges, their court's too. Newest first. */
export interface FilingListQuery extends PageRequest {
  readonly status?: QueryFilter<FilingStatus>;
}

/** GET /api/filings/queue (clerks and judges): waiting filings, urgent first, then the oldest. */
export interface FilingQueueQuery extends FilingListQuery {
  readonly filingType?: QueryFilter<FilingType>;
  /** Only urgent (`true`) or only ordinary (`false`) filings. */
  readonly urgent?: QueryFilter<'true' | 'false'>;
  /** Only filings waiting at least this many minutes. */
  readonly minAgeMinutes?: number;
  /** A court other than the caller's (reviewers see their own court only). */
  readonly courtId?: string;
}

/** A party of the case a filing asks to open, as the filer wrote it. */
export interface ProposedPartyView {
  position: number;
  partyRole: PartyRole;
  name: string;
  isProtected: boolean;
  pseudonym?: string;
  isFiler: boolean;
  representedByFiler: boolean;
}

/** A filed document with the clerk's decision on it. */
export interface ReviewedDocumentView extends FilingDocumentView {
  reviewStatus: DocumentReviewStatus;
  reasonCode: string | null;
  reasonNote: string | null;
  /** Its entry as the viewer's docket numbers it; null if not docketed or not on the viewer's docket. */
  docketEntry: { id: string; seq: number } | null;
}

export interface FilingDecisionView {
  decidedAt: string;
  decidedBy: PersonRef;
  reasonCode: string | null;
  note: string | null;
}

/**
 * GET /api/filings/:id (its filer and the court's reviewers), and the answer of claim, release
 * and review: the receipt with the filing's parties, claim, decision and reviewed documents.
 */
export interface FilingDetailView extends FilingReceiptView {
  confidentiality: Confidentiality;
  urgent: boolean;
  urgencyGrounds: UrgencyGround[];
  filer: PersonRef;
  newCase: { caseType: CaseType; title: string; confidentiality: Confidentiality; parties: ProposedPartyView[] } | null;
  claim: FilingClaimView | null;
  decision: FilingDecisionView | null;
  documents: ReviewedDocumentView[];
}

/** One row of GET /api/filings/:id/history, oldest first. */
export interface FilingHistoryEntryView {
  seq: number;
  action: FilingHistoryAction;
  fromStatus: FilingStatus | null;
  toStatus: FilingStatus;
  actor: PersonRef | null;
  reasonCode: string | null;
  note: string | null;
  occurredAt: string;
}

export interface DocumentDecisionRequest {
  readonly documentId: string;
  readonly decision: 'accept' | 'reject';
  /** Required when rejecting: a code from the court's list. */
  readonly reasonCode?: string;
  readonly note?: string;
}

/** POST /api/filings/:id/review, every field any action takes (the api validates each against the action). */
export interface ReviewFilingFields {
  readonly action: ReviewAction;
  /** accept: one decision per document. */
  readonly documents?: readonly DocumentDecisionRequest[];
  /** reject, return: a code from the court's list. */
  readonly reasonCode?: string;
  readonly note?: string;
}

/** POST /api/filings/:id/review (claim first), each action with the fields it needs. */
export type ReviewFilingRequest = ReviewFilingFields &
  (
    | { readonly action: 'accept'; readonly documents: readonly DocumentDecisionRequest[] }
    | { readonly action: 'reject' | 'return'; readonly reasonCode: string }
  );

// ---------------------------------------------------------------- a case's docket

export interface DocketEntryView extends DocketLineView {
  /** Only the documents this viewer may read, protected names masked for them. */
  documents: FilingDocumentView[];
}

/** GET /api/cases/:id/docket: only the entries and documents this viewer may read. */
export interface DocketView {
  caseId: string;
  caseNumber: string;
  entries: DocketEntryView[];
}

// ---------------------------------------------------------------- inbox

export interface InboxMessageView {
  id: string;
  kind: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/** GET /api/inbox?unread= : the caller's notifications, newest first, and how many are unread. */
export interface InboxQuery extends PageRequest {
  readonly unread?: 'true' | 'false';
}

export interface InboxPageView extends Page<InboxMessageView> {
  /** Unread messages in the whole inbox. */
  unread: number;
}

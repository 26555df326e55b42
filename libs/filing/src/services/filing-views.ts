import { type CaseViewer, type Confidentiality, type PartyRole, isJudicialStaff } from '@ejustice/cases';
import type { FeeAssessment } from '../domain/court-policy';
import type { DocumentReviewStatus, FilingStatus, FilingType, UrgencyGround } from '../domain/filing-type';
import type { Filing } from '../entities/filing.entity';
import type { FilingDocument } from '../entities/filing-document.entity';

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

export interface FilingReceiptView {
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

export interface ProposedPartyView {
  position: number;
  partyRole: PartyRole;
  name: string;
  isProtected: boolean;
  pseudonym?: string;
  isFiler: boolean;
  representedByFiler: boolean;
}

export interface FilingDetailView extends FilingReceiptView {
  confidentiality: Confidentiality;
  urgent: boolean;
  urgencyGrounds: UrgencyGround[];
  filer: { id: string; displayName: string };
  newCase: { caseType: string; title: string; confidentiality: Confidentiality; parties: ProposedPartyView[] } | null;
  claim: { claimedBy: { id: string; displayName: string }; expiresAt: string; mine: boolean } | null;
  decision: { decidedAt: string; decidedBy: { id: string; displayName: string }; reasonCode: string | null; note: string | null } | null;
  documents: (FilingDocumentView & {
    reviewStatus: DocumentReviewStatus;
    reasonCode: string | null;
    reasonNote: string | null;
    /** Its entry as the viewer's docket numbers it; null if not docketed or not on the viewer's docket. */
    docketEntry: { id: string; seq: number } | null;
  })[];
}

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
  ageMinutes: number;
  documentCount: number;
  filer: { id: string; displayName: string };
  claim: { claimedBy: { id: string; displayName: string }; expiresAt: string; mine: boolean } | null;
}

/** An instant as the court states it: local wall time with its UTC offset, e.g. 2026-11-28T12:15:02.123+02:00. */
export function localTime(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  const ms = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${ms}${offset}`;
}

export function documentView(d: FilingDocument, mask: (text: string) => string = (t) => t): FilingDocumentView {
  return {
    id: d.id,
    position: d.position,
    role: d.position === 0 ? 'lead' : 'attachment',
    title: mask(d.title),
    fileName: mask(d.fileName),
    sha256: d.sha256,
    sizeBytes: d.sizeBytes,
    pageCount: d.pageCount,
    confidentiality: d.confidentiality,
    contentUrl: `/api/filing-documents/${d.id}/content`,
  };
}

export function receiptView(f: Filing, docs: readonly FilingDocument[], timeZone: string, caseNumber: string | null): FilingReceiptView {
  return {
    filingId: f.id,
    status: f.status,
    filingType: f.filingType,
    title: f.title,
    opensCase: f.opensCase,
    courtId: f.courtId,
    caseId: f.caseId,
    caseNumber,
    receivedAt: f.receivedAt.toISOString(),
    receivedAtCourt: { timeZone, localTime: localTime(f.receivedAt, timeZone) },
    documents: [...docs].sort((a, b) => a.position - b.position).map((d) => documentView(d)),
    fee: {
      filingType: f.filingType,
      amount: f.feeAmount,
      currency: f.feeCurrency,
      waived: f.feeWaived,
      waiverReason: f.feeWaiverReason === 'victim' ? 'victim' : null,
      due: f.feeWaived ? 0 : f.feeAmount,
    },
    receiptPdfUrl: `/api/filings/${f.id}/receipt.pdf`,
  };
}

export function isStaff(viewer: CaseViewer, courtId: string): boolean {
  return isJudicialStaff(viewer, courtId);
}

import { type CaseViewer, isJudicialStaff } from '@ejustice/cases';
import type { FilingDocumentView, FilingReceiptView } from '../contract/filing-contract';
import type { Filing } from '../entities/filing.entity';
import type { FilingDocument } from '../entities/filing-document.entity';

/*
 * Projections of filing rows onto the REST contract (contract/filing-contract.ts, where the
 * shapes are declared once, for the api and the web).
 */
export type {
  FilingDetailView,
  FilingDocumentView,
  FilingReceiptView,
  FilingSummaryView,
  ProposedPartyView,
} from '../contract/filing-contract';

/**
 * One formatter per zone, made once and reused: making one (it loads the zone's rules) costs
 * about 0.4 ms, thirty times what formatting with it does, and showed in the filing benchmark's
 * CPU profile as the receipt's largest cost. Courts, and so zones, are few.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An instant as the court states it: local wall time with its UTC offset, e.g. 2026-11-28T12:15:02.123+02:00. */
export function localTime(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
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

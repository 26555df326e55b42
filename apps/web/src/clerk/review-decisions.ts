import type { ReviewFilingRequest as ReviewDecision } from '@ejustice/filing/contract/filing-contract';

/** What the clerk has marked for one document so far. */
export interface DocumentMark {
  decision: 'accept' | 'reject' | null;
  reasonCode: string;
  note: string;
}

export const EMPTY_MARK: DocumentMark = { decision: null, reasonCode: '', note: '' };

export type DecisionCheck = { ok: true; decision: ReviewDecision } | { ok: false; messageKey: string; documentId: string };

/**
 * The body of "record the decisions", or what is still missing. The server checks the same rules
 * (every document decided once, a reason for each rejection, the lead accepted whenever anything
 * is); checking here first points the clerk at the document to fix instead of sending a request
 * that can only fail.
 */
export function acceptDecision(documentIds: readonly string[], marks: Readonly<Record<string, DocumentMark>>): DecisionCheck {
  for (const documentId of documentIds) {
    const mark = marks[documentId] ?? EMPTY_MARK;
    if (mark.decision === null) return { ok: false, messageKey: 'clerk.review.undecided', documentId };
    if (mark.decision === 'reject' && !mark.reasonCode) return { ok: false, messageKey: 'clerk.review.reasonRequired', documentId };
  }
  const [lead] = documentIds;
  if (lead !== undefined && marks[lead]?.decision === 'reject') {
    return { ok: false, messageKey: 'errors.filing.lead_rejected', documentId: lead };
  }
  return {
    ok: true,
    decision: {
      action: 'accept',
      documents: documentIds.map((documentId) => {
        const mark = marks[documentId];
        const note = mark.note.trim();
        return mark.decision === 'reject'
          ? { documentId, decision: 'reject', reasonCode: mark.reasonCode, ...(note ? { note } : {}) }
          : { documentId, decision: 'accept', ...(note ? { note } : {}) };
      }),
    },
  };
}

/** Moves through the documents without falling off either end. */
export function step(index: number, delta: number, count: number): number {
  if (count === 0) return 0;
  return Math.min(count - 1, Math.max(0, index + delta));
}

import { type CaseFacts, type CaseViewer, canReadMaterial, isJudicialStaff } from '@ejustice/cases/domain/case-access';
import type { Confidentiality } from '@ejustice/vocabulary/case-type';

export interface FilingFacts {
  readonly courtId: string;
  readonly filerUserId: string;
}

export interface DocumentFacts {
  readonly confidentiality: Confidentiality;
  readonly docketed: boolean;
}

/** A filing (its review, its outcome) is the business of its filer and of the court's clerks and judges. */
export function canSeeFiling(viewer: CaseViewer, filing: FilingFacts): boolean {
  return viewer.userId === filing.filerUserId || isJudicialStaff(viewer, filing.courtId);
}

export function isReviewer(viewer: CaseViewer, courtId: string): boolean {
  return isJudicialStaff(viewer, courtId);
}

/**
 * Who may read a filed document:
 * - the court's clerks and judges, always (they review and keep the record);
 * - once it is on the docket, whoever the case's rules allow for its confidentiality;
 * - its filer, unless it is sealed (sealed is for the judge and clerks only, whoever wrote it).
 */
export function canReadDocument(viewer: CaseViewer, filing: FilingFacts, doc: DocumentFacts, caseFacts: CaseFacts | null): boolean {
  if (isJudicialStaff(viewer, filing.courtId)) return true;
  if (doc.docketed && caseFacts && canReadMaterial(viewer, caseFacts, doc.confidentiality)) return true;
  return viewer.userId === filing.filerUserId && doc.confidentiality !== 'sealed';
}

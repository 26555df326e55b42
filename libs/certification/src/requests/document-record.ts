import type { EntityManager } from 'typeorm';
import { Case, type CaseFacts, DocketEntry, Party } from '@ejustice/cases';
import { FilingDocument } from '@ejustice/filing';
import { CertificationErrors } from '../domain/certification-errors';

/** A docketed document with what the certified-copy rules read of it: its case, parties and entry. */
export interface DocumentRecord {
  readonly doc: FilingDocument;
  readonly c: Case;
  readonly parties: readonly Party[];
  readonly facts: CaseFacts;
  readonly entry: DocketEntry;
}

/**
 * Loads a document that is on a case's docket. Anything else (no such document, not docketed)
 * is the same "not found", so that nobody learns of filings still under review.
 */
export async function loadDocketedDocument(m: EntityManager, documentId: string): Promise<DocumentRecord> {
  const doc = await m.getRepository(FilingDocument).findOne({ where: { id: documentId } });
  if (!doc || !doc.docketEntryId) throw CertificationErrors.documentNotFound();
  const entry = await m.getRepository(DocketEntry).findOneByOrFail({ id: doc.docketEntryId });
  const c = await m.getRepository(Case).findOneByOrFail({ id: entry.caseId });
  const parties = await m.getRepository(Party).find({ where: { caseId: c.id } });
  return { doc, c, parties, entry, facts: { courtId: c.courtId, confidentiality: c.confidentiality, parties } };
}

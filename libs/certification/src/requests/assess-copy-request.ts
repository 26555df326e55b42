import type { EntityManager } from 'typeorm';
import { CourtPolicyService, filerActsForVictim } from '@ejustice/filing';
import type { UserPrincipal } from '@ejustice/identity';
import { type CopyFee, canRequestCopy, certifiedCopyFee, feePerCopy } from '../domain/certified-copy';
import { CertificationErrors } from '../domain/certification-errors';
import { CertifiedCopyAuthorisation } from '../entities/certification.entities';
import { type DocumentRecord, loadDocketedDocument } from './document-record';

/** A request as it would be made: the document it is for and what it costs this requester. */
export interface AssessedCopyRequest {
  readonly record: DocumentRecord;
  readonly fee: CopyFee;
}

/**
 * Whether this requester may ask for a copy of the document, and at what fee: the access rule
 * first (anyone who may not request it is told the document does not exist), then the fee from
 * the court's schedule, waived for victims and those who act for them. The quote and the request
 * both ask here, so the fee quoted is the fee charged.
 */
export async function assessCopyRequest(
  m: EntityManager,
  policies: CourtPolicyService,
  user: UserPrincipal | null,
  documentId: string,
  copies: number,
): Promise<AssessedCopyRequest> {
  const record = await loadDocketedDocument(m, documentId);
  const authorised =
    user !== null &&
    record.doc.confidentiality === 'sealed' &&
    (await m.getRepository(CertifiedCopyAuthorisation).exists({ where: { documentId: record.doc.id, userId: user.userId } }));
  const requester = user ? { kind: 'account' as const, viewer: user } : { kind: 'public' as const };
  if (
    !canRequestCopy(
      requester,
      { courtId: record.c.courtId, confidentiality: record.doc.confidentiality, docketed: true },
      record.facts,
      authorised,
    )
  )
    throw CertificationErrors.documentNotFound();
  const policy = await policies.forCourt(record.c.courtId, m);
  const victim = user !== null && filerActsForVictim({ kind: 'case', filerUserId: user.userId, parties: record.parties });
  return { record, fee: certifiedCopyFee(feePerCopy(policy.feeSchedule), policy.feeCurrency, copies, victim) };
}

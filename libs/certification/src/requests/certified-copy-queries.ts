import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UserPrincipal } from '@ejustice/identity';
import type { CertifiedCopyView } from '../contract/certification-contract';
import type { CopyStatus } from '../domain/certified-copy';
import { CertificationErrors } from '../domain/certification-errors';
import { CertifiedCopy } from '../entities/certification.entities';
import { sha256Hex } from './request-certified-copy.use-case';

/** Who asks to see a request: its account holder, a clerk of its court, or the public with the request's key. */
export type RequestViewer = { readonly user: UserPrincipal } | { readonly accessKey: string };

export function copyView(c: CertifiedCopy): CertifiedCopyView {
  return {
    id: c.id,
    documentId: c.documentId,
    caseId: c.caseId,
    status: c.status,
    copies: c.copies,
    purpose: c.purpose,
    fee: {
      perCopy: c.feePerCopy,
      amount: c.feeAmount,
      currency: c.feeCurrency,
      waiverReason: c.feeWaiverReason,
      paymentStatus: c.paymentStatus,
    },
    requestedAt: c.requestedAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString() ?? null,
    refusalReason: c.refusalReason,
    verificationCode: c.verificationCode,
    issuedAt: c.issuedAt?.toISOString() ?? null,
    sha256: c.sha256,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revocationReason: c.revocationReason,
  };
}

function isCourtClerk(user: UserPrincipal, courtId: string): boolean {
  return user.courtId === courtId && user.roles.includes('clerk');
}

/** Read side of certified copies: a request for its requester and the court's clerks, the clerks' queue. */
@Injectable()
export class CertifiedCopyQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The request, for whoever may see it; anyone else is told it does not exist. */
  async loadVisible(viewer: RequestViewer, copyId: string): Promise<CertifiedCopy> {
    const c = await this.db.getRepository(CertifiedCopy).findOne({ where: { id: copyId } });
    if (!c) throw CertificationErrors.requestNotFound();
    const visible =
      'user' in viewer
        ? c.requesterUserId === viewer.user.userId || isCourtClerk(viewer.user, c.courtId)
        : c.accessKeySha256 !== null && c.accessKeySha256 === sha256Hex(viewer.accessKey);
    if (!visible) throw CertificationErrors.requestNotFound();
    return c;
  }

  /** A clerk's list is the court's requests; anyone else's, their own. Newest first. */
  async list(user: UserPrincipal, status: CopyStatus | undefined): Promise<CertifiedCopyView[]> {
    const qb = this.db.getRepository(CertifiedCopy).createQueryBuilder('c');
    if (user.roles.includes('clerk')) qb.where('c.court_id = :court', { court: user.courtId });
    else qb.where('c.requester_user_id = :uid', { uid: user.userId });
    if (status) qb.andWhere('c.status = :status', { status });
    const rows = await qb.orderBy('c.requested_at', 'DESC').addOrderBy('c.id', 'ASC').take(200).getMany();
    return rows.map(copyView);
  }
}

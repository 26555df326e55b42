import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { maskProtectedNames } from '@ejustice/cases';
import { UNNAMED_PSEUDONYM } from '@ejustice/cases/domain/protected-names';
import { Court } from '@ejustice/identity';
import type { CopyVerificationView } from '../contract/certification-contract';
import { CertificationErrors } from '../domain/certification-errors';
import { normaliseVerificationCode } from '../domain/verification-code';
import { CertifiedCopy } from '../entities/certification.entities';
import { SealIdentityProvider } from '../issuance/seal-identity.provider';
import { loadDocketedDocument } from '../requests/document-record';
import { verifySealedPdf } from '../seal';

/**
 * The register of issued copies as anyone may check it (issue 10, point 6), by code or by the
 * file itself. It says what the copy is of only as far as the public may know: the title and case
 * number of public material, with protected people's names masked as the docket masks them for
 * the public; of confidential and sealed material, only its level. Requests not yet issued do
 * not exist here.
 */
@Injectable()
export class CertifiedCopyRegister {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seal: SealIdentityProvider,
  ) {}

  async byCode(typed: string): Promise<CopyVerificationView> {
    const code = normaliseVerificationCode(typed);
    const copy = code ? await this.db.getRepository(CertifiedCopy).findOne({ where: { verificationCode: code } }) : null;
    if (!copy || (copy.status !== 'issued' && copy.status !== 'revoked')) throw CertificationErrors.codeNotFound();
    return this.present(copy);
  }

  async byFile(bytes: Buffer): Promise<CopyVerificationView> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const copy = await this.db.getRepository(CertifiedCopy).findOne({ where: { sha256 } });
    if (!copy || (copy.status !== 'issued' && copy.status !== 'revoked')) throw CertificationErrors.notInRegister();
    const check = verifySealedPdf(bytes, await this.seal.trustAnchors());
    return {
      ...(await this.present(copy)),
      seal: { valid: check.valid, unmodified: check.unmodified, trusted: check.trusted, problem: check.problem?.code ?? null },
    };
  }

  private async present(copy: CertifiedCopy): Promise<CopyVerificationView> {
    const record = await loadDocketedDocument(this.db.manager, copy.documentId);
    const court = await this.db.getRepository(Court).findOneByOrFail({ id: copy.courtId });
    const open = record.doc.confidentiality === 'public' && record.c.confidentiality === 'public';
    // The public may know no protected person's identity: every protected party is masked, by
    // pseudonym, as the docket masks them for those not entitled to know.
    const masked = record.parties
      .filter((p) => p.isProtected)
      .map((p) => ({ fullName: p.fullName, pseudonym: p.pseudonym ?? UNNAMED_PSEUDONYM }));
    return {
      verificationCode: copy.verificationCode as string,
      status: copy.status === 'revoked' ? 'revoked' : 'valid',
      issuedAt: (copy.issuedAt as Date).toISOString(),
      court: { name: court.name },
      document: {
        confidentiality: open ? 'public' : record.doc.confidentiality === 'sealed' ? 'sealed' : 'confidential',
        title: open ? maskProtectedNames(record.doc.title, masked) : null,
        caseNumber: open ? record.c.number : null,
        pageCount: open ? record.doc.pageCount : null,
      },
      sha256: copy.sha256 as string,
      revoked: copy.revokedAt
        ? { at: copy.revokedAt.toISOString(), reason: maskProtectedNames(copy.revocationReason as string, masked) }
        : null,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UserPrincipal } from '@ejustice/identity';
import { AuditLog, Clock, userActor } from '@ejustice/platform';
import { CertificationErrors } from '../domain/certification-errors';
import { CertifiedCopyAuthorisation } from '../entities/certification.entities';
import { loadDocketedDocument } from './document-record';

export interface AuthoriseSealedCopyCommand {
  readonly judge: UserPrincipal;
  readonly documentId: string;
  readonly userId: string;
  readonly reason: string;
}

/**
 * A judge of the court lets one person request a certified copy of one sealed document. Kept
 * minimal: a record naming the document, the person, the judge and the reason, audited.
 */
@Injectable()
export class AuthoriseSealedCopy {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: AuthoriseSealedCopyCommand): Promise<CertifiedCopyAuthorisation> {
    return this.db.transaction(async (m) => {
      const record = await loadDocketedDocument(m, cmd.documentId);
      // Another court's document is not found, as one that does not exist: nobody learns which ids are docketed elsewhere.
      if (cmd.judge.courtId !== record.c.courtId) throw CertificationErrors.documentNotFound();
      if (!cmd.judge.roles.includes('judge')) throw CertificationErrors.notJudge();
      if (record.doc.confidentiality !== 'sealed') throw CertificationErrors.notSealed();
      const reason = cmd.reason.trim();
      if (!reason) throw CertificationErrors.reasonRequired();
      const repo = m.getRepository(CertifiedCopyAuthorisation);
      const existing = await repo.findOne({ where: { documentId: record.doc.id, userId: cmd.userId } });
      if (existing) return existing;
      const row = await repo.save(
        repo.create({ documentId: record.doc.id, userId: cmd.userId, judgeUserId: cmd.judge.userId, reason, createdAt: this.clock.now() }),
      );
      await this.audit.record(m, {
        action: 'certified_copy.sealed_copy_authorised',
        actor: userActor(cmd.judge.userId),
        subject: { type: 'filing_document', id: record.doc.id },
        courtId: record.c.courtId,
        caseId: record.c.id,
        data: { userId: cmd.userId, reason },
      });
      return row;
    });
  }
}

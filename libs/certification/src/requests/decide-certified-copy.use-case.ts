import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UserPrincipal } from '@ejustice/identity';
import { AuditLog, Clock, userActor } from '@ejustice/platform';
import { type CopyAction, decideCopyAction } from '../domain/certified-copy-workflow';
import { CertificationErrors } from '../domain/certification-errors';
import { mintVerificationCode } from '../domain/verification-code';
import { CertifiedCopy } from '../entities/certification.entities';
import { CertificationQueue } from '../issuance/certification-queue';

export interface DecideCertifiedCopyCommand {
  readonly clerk: UserPrincipal;
  readonly copyId: string;
  readonly action: CopyAction;
}

/**
 * A clerk's action on a request (approve, refuse, record the fee paid or waived, revoke): the
 * row locked, `decideCopyAction` asked, the changes and the audit event written in one
 * transaction; a refusal writes nothing. A decision that starts the issue queues the job after
 * the commit.
 */
@Injectable()
export class DecideCertifiedCopy {
  private readonly logger = new Logger(DecideCertifiedCopy.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: CertificationQueue,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: DecideCertifiedCopyCommand): Promise<CertifiedCopy> {
    const { copy, issue } = await this.db.transaction(async (m) => {
      const row = await m
        .getRepository(CertifiedCopy)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id: cmd.copyId })
        .getOne();
      // Someone who may not act on the court's requests learns nothing of them.
      if (!row || row.courtId !== cmd.clerk.courtId) throw CertificationErrors.requestNotFound();
      const now = this.clock.now();
      const d = decideCopyAction({ actor: cmd.clerk, copy: row, action: cmd.action, now, mintedCode: mintVerificationCode() });
      if (!d.ok) throw d.error;
      await m.update(CertifiedCopy, { id: row.id }, d.changes);
      await this.audit.record(m, {
        action: d.audit.action,
        actor: userActor(cmd.clerk.userId),
        subject: { type: 'certified_copy', id: row.id },
        courtId: row.courtId,
        caseId: row.caseId,
        data: d.audit.data,
      });
      return { copy: await m.getRepository(CertifiedCopy).findOneByOrFail({ id: row.id }), issue: d.issue };
    });
    this.logger.log(`execute() decided [copy:${copy.id}] [action:${cmd.action.kind}] [status:${copy.status}]`);
    if (issue) await this.queue.enqueueIssue(copy.id);
    return copy;
  }
}

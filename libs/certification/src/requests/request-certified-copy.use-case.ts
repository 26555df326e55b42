import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CourtPolicyService } from '@ejustice/filing';
import type { UserPrincipal } from '@ejustice/identity';
import { AuditLog, Clock, SYSTEM_ACTOR, userActor } from '@ejustice/platform';
import { approvesAutomatically, decideCopyAction } from '../domain/certified-copy-workflow';
import { CertificationErrors } from '../domain/certification-errors';
import { mintVerificationCode } from '../domain/verification-code';
import { CertifiedCopy, CourtCertificationPolicy } from '../entities/certification.entities';
import { CertificationQueue } from '../issuance/certification-queue';
import { assessCopyRequest } from './assess-copy-request';

export interface RequestCertifiedCopyCommand {
  /** Signed in, or null for a member of the public (then `email` is required). */
  readonly user: UserPrincipal | null;
  readonly email: string | null;
  readonly documentId: string;
  readonly copies: number;
  readonly purpose: string;
}

export interface RequestedCopy {
  readonly copy: CertifiedCopy;
  /** For a member of the public only: the key that follows the request (only its hash is kept). */
  readonly accessKey: string | null;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A request for a certified copy (issue 10, point 1): the access rule first (anyone who may not
 * request it is told the document does not exist), then the fee from the court's schedule,
 * waived for victims (both assessCopyRequest, as the quote), and, where the court's policy approves public documents by itself, the
 * approval in the same transaction. The request and its audit event are written together.
 */
@Injectable()
export class RequestCertifiedCopy {
  private readonly logger = new Logger(RequestCertifiedCopy.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: CourtPolicyService,
    private readonly queue: CertificationQueue,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: RequestCertifiedCopyCommand): Promise<RequestedCopy> {
    const email = cmd.email?.trim().toLowerCase() || null;
    if (!cmd.user && !email) throw CertificationErrors.emailRequired();
    const result = await this.db.transaction(async (m) => {
      const { record, fee } = await assessCopyRequest(m, this.policies, cmd.user, cmd.documentId, cmd.copies);
      const accessKey = cmd.user ? null : randomBytes(24).toString('base64url');
      const now = this.clock.now();
      let copy = await m.getRepository(CertifiedCopy).save(
        m.getRepository(CertifiedCopy).create({
          courtId: record.c.courtId,
          caseId: record.c.id,
          documentId: record.doc.id,
          requesterUserId: cmd.user?.userId ?? null,
          requesterEmail: cmd.user ? null : email,
          accessKeySha256: accessKey ? sha256Hex(accessKey) : null,
          copies: cmd.copies,
          purpose: cmd.purpose.trim(),
          feePerCopy: fee.perCopy,
          feeAmount: fee.amount,
          feeCurrency: fee.currency,
          feeWaiverReason: fee.waiverReason,
          paymentStatus: fee.paymentStatus,
          status: 'requested',
          requestedAt: now,
        }),
      );
      await this.audit.record(m, {
        action: 'certified_copy.requested',
        actor: cmd.user ? userActor(cmd.user.userId) : SYSTEM_ACTOR,
        subject: { type: 'certified_copy', id: copy.id },
        courtId: copy.courtId,
        caseId: copy.caseId,
        data: { documentId: copy.documentId, copies: copy.copies, paymentStatus: copy.paymentStatus, publicRequester: !cmd.user },
      });

      const own = await m.getRepository(CourtCertificationPolicy).findOne({ where: { courtId: copy.courtId } });
      let issue = false;
      if (approvesAutomatically(own?.autoApprovePublic ?? false, record.doc.confidentiality, record.c.confidentiality)) {
        const d = decideCopyAction({ actor: 'system', copy, action: { kind: 'approve' }, now, mintedCode: mintVerificationCode() });
        if (d.ok) {
          await m.update(CertifiedCopy, { id: copy.id }, d.changes);
          await this.audit.record(m, {
            action: d.audit.action,
            actor: SYSTEM_ACTOR,
            subject: { type: 'certified_copy', id: copy.id },
            courtId: copy.courtId,
            caseId: copy.caseId,
            data: d.audit.data,
          });
          copy = await m.getRepository(CertifiedCopy).findOneByOrFail({ id: copy.id });
          issue = d.issue;
        }
      }
      return { copy, accessKey, issue };
    });
    this.logger.log(`execute() requested [copy:${result.copy.id}] [status:${result.copy.status}]`);
    if (result.issue) await this.queue.enqueueIssue(result.copy.id);
    return { copy: result.copy, accessKey: result.accessKey };
  }
}

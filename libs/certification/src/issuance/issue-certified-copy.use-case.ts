import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { DocumentStore, UploadStaging } from '@ejustice/filing';
import { Court, User } from '@ejustice/identity';
import { APP_CONFIG, type AppConfig, AuditLog, Clock, SYSTEM_ACTOR } from '@ejustice/platform';
import { CertifiedCopy } from '../entities/certification.entities';
import { renderCertifiedCopy } from '../render';
import { sealPdf } from '../seal';
import { loadDocketedDocument } from '../requests/document-record';
import { SealIdentityProvider } from './seal-identity.provider';
import { COPY_READY_SUBJECT } from './deliver-certified-copy.use-case';

/** Where the issue stands, for the job's progress (percent). */
export type IssueProgress = (percent: number) => Promise<void> | void;

export type IssueOutcome = 'issued' | 'already_issued' | 'not_issuing';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The public page a copy's QR code and printed URL lead to. */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/verify/${code}`;
}

/**
 * Renders and seals an approved, settled copy, stores it and enters it in the register
 * (issue 10, point 3). Idempotent: the verification code was minted when the request became
 * ready, so every attempt renders the same code; the register row is written only while the
 * request is still `issuing`, under its row lock, so a retried or duplicated job that finds it
 * issued stops and never makes a second copy. A file stored by an attempt that then lost is
 * content-addressed and has no blob row: the orphan sweep removes it.
 */
@Injectable()
export class IssueCertifiedCopy {
  private readonly logger = new Logger(IssueCertifiedCopy.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: DocumentStore,
    private readonly staging: UploadStaging,
    private readonly seal: SealIdentityProvider,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(copyId: string, progress: IssueProgress = () => undefined): Promise<IssueOutcome> {
    const copy = await this.db.getRepository(CertifiedCopy).findOne({ where: { id: copyId } });
    if (!copy || copy.status !== 'issuing')
      return copy && (copy.status === 'issued' || copy.status === 'revoked') ? 'already_issued' : 'not_issuing';
    const record = await loadDocketedDocument(this.db.manager, copy.documentId);
    const court = await this.db.getRepository(Court).findOneByOrFail({ id: copy.courtId });
    const certifiedBy = copy.paymentRecordedBy ?? copy.decidedBy;
    const clerk = certifiedBy ? await this.db.getRepository(User).findOneByOrFail({ id: certifiedBy }) : null;
    const [blob] = await this.db.query(`SELECT storage_key FROM document_blobs WHERE sha256 = $1`, [record.doc.sha256]);
    const original = await readAll(await this.store.open(blob.storage_key));
    await progress(20);

    const issuedAt = this.clock.now();
    const code = copy.verificationCode as string;
    const unsealed = await renderCertifiedCopy({
      original,
      facts: {
        courtName: court.name,
        courtNameEnglish: court.nameEnglish ?? court.name,
        courtLanguage: court.language,
        caseNumber: record.c.number,
        docketEntryNumber: record.entry.seq,
        documentTitle: record.doc.title,
        pageCount: record.doc.pageCount,
        issuedAt,
        timeZone: court.timeZone,
        clerkName: clerk?.displayName ?? `Registry of ${court.name} (automatic issue)`,
        verificationCode: code,
        verificationUrl: verificationUrl(this.config.http.publicUrl, code),
      },
    });
    await progress(60);
    const sealed = await sealPdf(unsealed, await this.seal.identity(), {
      signingTime: issuedAt,
      reason: `Certified copy ${code}`,
      location: court.name,
      timestampUrl: this.config.certification.tsaUrl,
    });
    await progress(80);
    const sha256 = createHash('sha256').update(sealed).digest('hex');
    const staged = await this.staging.stage(Readable.from([sealed]), `certified-copy-${code}.pdf`, sealed.length + 1);
    const storageKey = await this.store.put(staged);

    const outcome = await this.db.transaction(async (m) => {
      const row = await m
        .getRepository(CertifiedCopy)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id: copyId })
        .getOneOrFail();
      if (row.status !== 'issuing') return 'already_issued' as const;
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('document-blob:' || $1, 0))`, [sha256]);
      await m.query(
        `INSERT INTO document_blobs (sha256, size_bytes, page_count, storage_key) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
        [sha256, sealed.length, record.doc.pageCount + 1, storageKey],
      );
      await m.update(
        CertifiedCopy,
        { id: copyId },
        { status: 'issued', sha256, sizeBytes: sealed.length, storageKey, issuedAt, certifiedBy: certifiedBy ?? null },
      );
      // An account holder finds the notice in their inbox; it names no document, as the e-mail does not.
      if (row.requesterUserId) {
        await m.query(
          `INSERT INTO inbox_messages (certified_copy_id, user_id, kind, subject, body, data, created_at)
           VALUES ($1, $2, 'certified_copy.issued', $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [
            copyId,
            row.requesterUserId,
            COPY_READY_SUBJECT,
            'The certified copy you requested is ready. Download it from your certified copies.',
            JSON.stringify({ certifiedCopyId: copyId }),
            issuedAt,
          ],
        );
      }
      await this.audit.record(m, {
        action: 'certified_copy.issued',
        actor: SYSTEM_ACTOR,
        subject: { type: 'certified_copy', id: copyId },
        courtId: row.courtId,
        caseId: row.caseId,
        data: { verificationCode: code, sha256, certifiedBy: certifiedBy ?? null },
      });
      return 'issued' as const;
    });
    await progress(100);
    this.logger.log(`execute() ${outcome} [copy:${copyId}] [code:${code}]`);
    return outcome;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { DocumentStore } from '@ejustice/filing';
import { APP_CONFIG, type AppConfig, Clock } from '@ejustice/platform';
import type { DownloadLinkView } from '../contract/certification-contract';
import { CertificationErrors } from '../domain/certification-errors';
import { CertifiedCopy, CertifiedCopyDownloadLink } from '../entities/certification.entities';
import { sha256Hex } from '../requests/request-certified-copy.use-case';

export interface IssuedCopyContent {
  readonly stream: Readable;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/** The path of a download link; the token is the only secret in it. */
export function downloadPath(token: string): string {
  return `/api/certified-copy-downloads/${token}`;
}

/**
 * Download links to an issued copy (issue 10, point 8): a random token given once to the
 * requester, kept only as its SHA-256, valid until its expiry (CERTIFICATION_DOWNLOAD_LINK_TTL_MINUTES).
 * A revoked copy is no longer handed out.
 */
@Injectable()
export class CertifiedCopyDownloads {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new link for an issued copy the caller has already been allowed to see. */
  async issueLink(copy: CertifiedCopy): Promise<DownloadLinkView> {
    if (copy.status !== 'issued') throw CertificationErrors.notIssued();
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.certification.downloadLinkTtlMinutes * 60_000);
    await this.db
      .getRepository(CertifiedCopyDownloadLink)
      .insert({ copyId: copy.id, tokenSha256: sha256Hex(token), createdAt: now, expiresAt });
    return { url: `${this.config.http.publicUrl.replace(/\/$/, '')}${downloadPath(token)}`, expiresAt: expiresAt.toISOString() };
  }

  async open(token: string): Promise<IssuedCopyContent> {
    const link = /^[A-Za-z0-9_-]{43}$/.test(token)
      ? await this.db.getRepository(CertifiedCopyDownloadLink).findOne({ where: { tokenSha256: sha256Hex(token) } })
      : null;
    if (!link) throw CertificationErrors.linkNotFound();
    if (link.expiresAt <= this.clock.now()) throw CertificationErrors.linkExpired();
    const copy = await this.db.getRepository(CertifiedCopy).findOneByOrFail({ id: link.copyId });
    if (copy.status !== 'issued') throw CertificationErrors.linkNotFound();
    return {
      stream: await this.store.open(copy.storageKey as string),
      fileName: `certified-copy-${copy.verificationCode}.pdf`,
      sizeBytes: copy.sizeBytes as number,
      sha256: copy.sha256 as string,
    };
  }
}

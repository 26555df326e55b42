import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MailSender } from '@ejustice/filing';
import { User } from '@ejustice/identity';
import { APP_CONFIG, type AppConfig, Clock, permanentMailRefusal } from '@ejustice/platform';
import { CertifiedCopy } from '../entities/certification.entities';
import { CertifiedCopyDownloads } from '../register/download-links';

export const COPY_READY_SUBJECT = 'Your certified copy is ready';

/**
 * Tells the requester that their copy is issued (issue 10, point 8). A member of the public gets
 * an e-mail with an expiring download link (their address is all we know of them, and the link
 * is what they asked for); an account holder gets an e-mail that says only that the copy is
 * ready and to sign in, as filing notices do, since a mailbox is not the court's to trust with
 * confidential matter. `delivered_at` is set after the send, so a retry after a failed send
 * sends again and one after a success does not (the Message-ID is the copy's, for the rare
 * crash between the two). An address the mail server refuses for good (5xx) is recorded as such
 * (`delivery_refused_at`) and not tried again, by this job or the stuck-issue sweep: the
 * requester can still follow the request and download the copy.
 */
@Injectable()
export class DeliverCertifiedCopy {
  private readonly logger = new Logger(DeliverCertifiedCopy.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly downloads: CertifiedCopyDownloads,
    private readonly mail: MailSender,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(copyId: string): Promise<'delivered' | 'refused' | 'skipped'> {
    const copy = await this.db.getRepository(CertifiedCopy).findOneByOrFail({ id: copyId });
    if (copy.status !== 'issued' || copy.deliveredAt || copy.deliveryRefusedAt || !this.mail.enabled) return 'skipped';
    let to: string;
    let text: string;
    if (copy.requesterEmail) {
      const link = await this.downloads.issueLink(copy);
      to = copy.requesterEmail;
      text =
        `The certified copy you requested is ready (verification code ${copy.verificationCode}).\n` +
        `Download it here until ${link.expiresAt}: ${link.url}`;
    } else {
      const user = await this.db.getRepository(User).findOneByOrFail({ id: copy.requesterUserId as string });
      to = user.email;
      text = `The certified copy you requested is ready.\nSign in to download it: ${this.config.http.publicUrl}/login`;
    }
    try {
      await this.mail.send({ to, subject: COPY_READY_SUBJECT, text, messageId: `<certified-copy.${copy.id}@ejustice>` });
    } catch (error) {
      const reply = permanentMailRefusal(error);
      if (reply === undefined) throw error;
      // The copy and its reply code, never the address: it is the requester's.
      this.logger.warn(`execute() the mail server refused the address for good [copy:${copy.id}] [reply:${reply}]`);
      await this.db
        .getRepository(CertifiedCopy)
        .update({ id: copy.id }, { deliveryRefusedAt: this.clock.now(), deliveryRefusalCode: reply });
      return 'refused';
    }
    await this.db.getRepository(CertifiedCopy).update({ id: copy.id }, { deliveredAt: this.clock.now() });
    this.logger.log(`execute() delivered [copy:${copy.id}]`);
    return 'delivered';
  }
}

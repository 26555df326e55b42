import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Case, Party, maskProtectedNames } from '@ejustice/cases';
import { User } from '@ejustice/identity';
import {
  APP_CONFIG,
  type AppConfig,
  Clock,
  MailSender,
  NEUTRAL_EMAIL_SUBJECT,
  neutralEmailText,
  permanentMailRefusal,
} from '@ejustice/platform';
import { FilingDocument } from '../entities/filing-document.entity';
import { FilingParty } from '../entities/filing-party.entity';
import { Filing } from '../entities/filing.entity';
import { EmailDelivery, InboxMessage, NotificationEvent, type NotificationKind } from '../entities/notification.entities';
import { planNotification } from './notification-plan';

// MailSender and the neutral e-mail are the platform's (libs/platform/src/mail), shared with the
// scheduler's publication notices; exported from here too for the libs that import them so.
export { MailSender, NEUTRAL_EMAIL_SUBJECT } from '@ejustice/platform';

const OUTCOME_TEXT: Record<NotificationKind, string> = {
  'filing.accepted': 'was accepted by the court and entered on the docket',
  'filing.partially_accepted': 'was partly accepted: some documents were entered on the docket and others rejected',
  'filing.rejected': 'was rejected by the court',
  'filing.returned': 'was returned to the filer for correction',
};

/**
 * Delivers an outcome notification to the filer and to the parties of the case (their own
 * accounts and their counsel) who may read what was docketed (`planNotification`): an inbox
 * message always, an e-mail when SMTP is configured.
 * Safe to run any number of times for one event: the inbox row is unique per event and user,
 * and an e-mail is sent only to recipients without a delivery record, which is written right
 * after each send; a retry after a failure sends to the remaining recipients only. Every inbox
 * notice is written before any e-mail is tried, and an address the mail server refuses for good
 * (a 5xx reply) is passed over: neither holds back the others or the event.
 * The inbox, behind sign-in, names the case by number and the filing by its title, with protected
 * people's names replaced by their pseudonyms. An e-mail may be read by anyone: it says as much
 * only for public matter; for anything confidential or sealed it is a neutral notice to sign in.
 */
@Injectable()
export class DeliverNotification {
  private readonly logger = new Logger(DeliverNotification.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailSender,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(eventId: string): Promise<{ inbox: number; emails: number }> {
    const event = await this.db.getRepository(NotificationEvent).findOne({ where: { id: eventId } });
    if (!event) {
      this.logger.warn(`execute() unknown event [event:${eventId}]`);
      return { inbox: 0, emails: 0 };
    }
    const f = await this.db.getRepository(Filing).findOneByOrFail({ id: event.filingId });
    const c = f.caseId ? await this.db.getRepository(Case).findOne({ where: { id: f.caseId } }) : null;
    const parties = c ? await this.db.getRepository(Party).find({ where: { caseId: c.id } }) : [];
    const proposed = f.opensCase ? await this.db.getRepository(FilingParty).find({ where: { filingId: f.id } }) : [];
    const docs = await this.db.getRepository(FilingDocument).find({ where: { filingId: f.id } });
    const names = [...parties, ...proposed]
      .filter((p) => p.isProtected && p.pseudonym)
      .map((p) => ({ fullName: p.fullName, pseudonym: p.pseudonym as string }));
    const accountIds = [f.filerUserId, ...parties.flatMap((p) => [p.userId, p.counselUserId])].filter((x): x is string => !!x);
    const users = await this.db.getRepository(User).find({ where: { id: In([...new Set(accountIds)]) }, relations: { roleGrants: true } });

    const plan = planNotification({
      kind: event.kind,
      filing: f,
      documents: docs.map((d) => ({ confidentiality: d.confidentiality, docketed: d.docketEntryId !== null })),
      caseFacts: c ? { courtId: c.courtId, confidentiality: c.confidentiality, parties } : null,
      accounts: users.map((u) => ({ userId: u.id, courtId: u.courtId, roles: u.roles })),
    });
    const title = maskProtectedNames(f.title, names);
    const where = c ? `in case ${c.number}` : 'to open a new case';
    const subject =
      `Filing ${OUTCOME_TEXT[event.kind].startsWith('was accepted') ? 'accepted' : event.kind.replace('filing.', '').replace('_', ' ')}: ${title}`.slice(
        0,
        300,
      );
    const data = {
      filingId: f.id,
      caseId: c?.id ?? null,
      caseNumber: c?.number ?? null,
      status: f.status,
      reasonCode: f.reasonCode,
      title,
    };

    const now = this.clock.now();
    let inbox = 0;
    let emails = 0;
    const messages = plan.recipients.map((userId) => {
      const isFiler = userId === f.filerUserId;
      // Only the filer may open the filing itself; the others find it on the case's docket.
      const link = isFiler || !c ? `/filings/${f.id}` : `/cases/${c.id}`;
      const body = [
        `${isFiler ? 'Your filing' : 'A filing'} "${title}" ${where} ${OUTCOME_TEXT[event.kind]}.`,
        f.reasonCode ? `Reason: ${f.reasonCode}.` : '',
        isFiler && f.reasonNote ? `Clerk's note: ${maskProtectedNames(f.reasonNote, names)}` : '',
        `Open the platform to see the details: ${this.config.http.publicUrl}${link}`,
      ]
        .filter(Boolean)
        .join('\n');
      return { userId, body };
    });
    // Every inbox first: a mail server that fails must not hold back anyone's notice.
    for (const { userId, body } of messages) {
      const inserted = await this.db
        .createQueryBuilder()
        .insert()
        .into(InboxMessage)
        .values({
          eventId,
          userId,
          kind: event.kind,
          subject,
          body,
          data,
          createdAt: now,
          readAt: null,
        } as QueryDeepPartialEntity<InboxMessage>)
        .orIgnore()
        .execute();
      inbox += inserted.identifiers.filter(Boolean).length;
    }

    // Then the e-mails, each recipient on their own: an address the mail server refuses for good
    // (a 5xx reply) is logged and passed over; a failure that may pass (the server away, a 4xx)
    // is thrown once the others have had theirs, so the job's retry sends only what is missing.
    let transient: unknown;
    if (this.mail.enabled) {
      for (const { userId, body } of messages) {
        const already = await this.db.getRepository(EmailDelivery).exists({ where: { eventId, userId } });
        if (already) continue;
        const user = users.find((u) => u.id === userId);
        if (!user || user.disabledAt) continue;
        const email = plan.detailedEmail
          ? { subject, text: body }
          : {
              subject: NEUTRAL_EMAIL_SUBJECT,
              text: neutralEmailText(this.config.http.publicUrl),
            };
        let messageId: string | null;
        try {
          messageId = await this.mail.send({ to: user.email, ...email, messageId: `<${eventId}.${userId}@ejustice>` });
        } catch (error) {
          const reply = permanentMailRefusal(error);
          if (reply !== undefined) {
            // The address, never logged: the user's id is enough for the court's IT team to look it up.
            this.logger.warn(`execute() e-mail refused for good, passed over [event:${eventId}] [user:${userId}] [reply:${reply}]`);
            continue;
          }
          transient ??= error;
          continue;
        }
        await this.db
          .createQueryBuilder()
          .insert()
          .into(EmailDelivery)
          .values({ eventId, userId, messageId, sentAt: this.clock.now() })
          .orIgnore()
          .execute();
        emails += 1;
      }
    }
    if (transient !== undefined) throw transient;
    await this.db.getRepository(NotificationEvent).update({ id: eventId }, { processedAt: this.clock.now() });
    this.logger.log(`execute() delivered [event:${eventId}] [inbox:${inbox}] [emails:${emails}] [detailedEmail:${plan.detailedEmail}]`);
    return { inbox, emails };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, MailSender, permanentMailRefusal } from '@ejustice/platform';

/**
 * Sends the e-mails of one publication from its outbox (`schedule_notice_emails`, written with
 * the words to send in the publishing transaction). Each recipient's row is locked while its
 * e-mail goes and marked sent in the same transaction, so two runs of the job (a retry, the
 * sweep, two workers) send it once; only a crash between the SMTP answer and the commit sends
 * it again, under the same Message-ID. A disabled account is sent nothing, and an address the
 * mail server refuses for good (5xx) is passed over: both count as skipped. Any other failed send
 * leaves its row for the retry and fails the job once the others are done.
 */
@Injectable()
export class MailPublicationNotices {
  private readonly logger = new Logger(MailPublicationNotices.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailSender,
    private readonly clock: Clock,
  ) {}

  async execute(runId: string): Promise<{ sent: number; skipped: number }> {
    if (!this.mail.enabled) {
      this.logger.warn(`execute() SMTP is not configured on this worker; e-mails left in the outbox [run:${runId}]`);
      return { sent: 0, skipped: 0 };
    }
    const pending: { user_id: string }[] = await this.db.query(
      `SELECT user_id FROM schedule_notice_emails WHERE schedule_run_id = $1 AND sent_at IS NULL ORDER BY user_id`,
      [runId],
    );
    let sent = 0;
    let skipped = 0;
    const failures: string[] = [];
    for (const { user_id: userId } of pending) {
      try {
        const outcome = await this.db.transaction(async (m) => {
          const rows: { subject: string; body: string; email: string; disabled: boolean }[] = await m.query(
            `SELECT e.subject, e.body, u.email, u.disabled_at IS NOT NULL AS disabled
               FROM schedule_notice_emails e JOIN users u ON u.id = e.user_id
              WHERE e.schedule_run_id = $1 AND e.user_id = $2 AND e.sent_at IS NULL
              FOR UPDATE OF e SKIP LOCKED`,
            [runId, userId],
          );
          if (rows.length === 0) return 'taken' as const;
          const [row] = rows;
          let refused = false;
          const messageId = row.disabled
            ? null
            : await this.mail
                .send({
                  to: row.email,
                  subject: row.subject,
                  text: row.body,
                  messageId: `<publication.${runId}.${userId}@ejustice>`,
                })
                .catch((error: unknown) => {
                  // An address refused for good is done with (no message): tried again it would
                  // fail again at every sweep. Anything else may pass, and is retried.
                  const reply = permanentMailRefusal(error);
                  if (reply === undefined) throw error;
                  this.logger.warn(`execute() e-mail refused for good, passed over [run:${runId}] [user:${userId}] [reply:${reply}]`);
                  refused = true;
                  return null;
                });
          await m.query(`UPDATE schedule_notice_emails SET sent_at = $3, message_id = $4 WHERE schedule_run_id = $1 AND user_id = $2`, [
            runId,
            userId,
            this.clock.now(),
            messageId,
          ]);
          return row.disabled || refused ? ('skipped' as const) : ('sent' as const);
        });
        if (outcome === 'sent') sent += 1;
        if (outcome === 'skipped') skipped += 1;
      } catch (error) {
        failures.push(userId);
        this.logger.warn(
          `execute() not sent [run:${runId}] [user:${userId}] [error:${error instanceof Error ? error.message : String(error)}]`,
        );
      }
    }
    this.logger.log(`execute() mailed [run:${runId}] [sent:${sent}] [skipped:${skipped}] [failed:${failures.length}]`);
    if (failures.length > 0) throw new Error(`${failures.length} e-mail(s) of publication ${runId} not sent; retried later`);
    return { sent, skipped };
  }
}

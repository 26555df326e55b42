import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { Clock, MailSender } from '@ejustice/platform';
import { SCHEDULE_NOTICES_QUEUE, enqueuePublicationMail } from './publication-mail-queue';

/** Runs queued per sweep at most; the next sweep takes the rest. */
const SWEEP_BATCH = 200;
const ENQUEUE_WAIT_MS = 2_000;

/**
 * The publication e-mail outbox sweep: queues again every publication with e-mails still unsent
 * `graceMs` after they were written (Redis was down when it was published, restarted empty, or
 * the job gave up). One job per run (its id names the run), and sending is idempotent per
 * recipient, so running it on every worker at once is safe. Nothing to do without SMTP.
 */
@Injectable()
export class SweepPublicationMail {
  private readonly logger = new Logger(SweepPublicationMail.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(SCHEDULE_NOTICES_QUEUE) private readonly queue: Queue,
    private readonly mail: MailSender,
    private readonly clock: Clock,
  ) {}

  async execute(graceMs: number): Promise<{ queued: number; redisUnavailable: boolean }> {
    if (!this.mail.enabled) return { queued: 0, redisUnavailable: false };
    if (this.queue.client.status !== 'ready') return { queued: 0, redisUnavailable: true };
    const before = new Date(this.clock.now().getTime() - graceMs);
    const runs: { run_id: string }[] = await this.db.query(
      `SELECT schedule_run_id AS run_id FROM schedule_notice_emails WHERE sent_at IS NULL AND created_at < $1
        GROUP BY schedule_run_id ORDER BY min(created_at) LIMIT ${SWEEP_BATCH}`,
      [before],
    );
    let queued = 0;
    for (const { run_id: runId } of runs) {
      try {
        await enqueuePublicationMail(this.queue, runId, ENQUEUE_WAIT_MS);
      } catch (error) {
        this.logger.warn(
          `execute() stopped: Redis unavailable [queued:${queued}] [error:${error instanceof Error ? error.message : String(error)}]`,
        );
        return { queued, redisUnavailable: true };
      }
      queued += 1;
    }
    if (queued > 0) this.logger.log(`execute() queued publications with unsent e-mails [runs:${queued}] [graceMs:${graceMs}]`);
    return { queued, redisUnavailable: false };
  }
}

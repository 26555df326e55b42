import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { Clock, RequestContext } from '@ejustice/platform';
import {
  DISPATCH_PENDING_NOTIFICATIONS,
  DeliverNotification,
  FILING_QUEUE,
  NOTIFY_FILING_OUTCOME,
  NOTIFY_JOB_OPTIONS,
  SWEEP_ORPHAN_DOCUMENTS,
  SweepOrphanDocuments,
} from '@ejustice/filing';

/** Events older than this without delivery are assumed to have missed their queue and are re-enqueued. */
const OUTBOX_DELAY_MS = 60_000;

/** Thin processors over the filing use cases: outcome notifications, the outbox sweep and the orphan sweep. */
@Processor(FILING_QUEUE)
export class FilingProcessor {
  private readonly logger = new Logger(FilingProcessor.name);

  constructor(
    private readonly deliver: DeliverNotification,
    private readonly sweep: SweepOrphanDocuments,
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(FILING_QUEUE) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  /** Failures throw, so Bull retries with exponential backoff; the use case never sends twice. */
  @Process(NOTIFY_FILING_OUTCOME)
  notify(job: Job<{ eventId: string }>) {
    return RequestContext.run({ requestId: `job-${job.id}` }, () => this.deliver.execute(job.data.eventId));
  }

  @Process(DISPATCH_PENDING_NOTIFICATIONS)
  async dispatchPending(job: Job): Promise<{ enqueued: number }> {
    return RequestContext.run({ requestId: `job-${job.id}` }, async () => {
      const before = new Date(this.clock.now().getTime() - OUTBOX_DELAY_MS);
      const rows: { id: string }[] = await this.db.query(
        `SELECT id FROM notification_events WHERE processed_at IS NULL AND created_at < $1 ORDER BY created_at LIMIT 500`,
        [before],
      );
      for (const r of rows) await this.queue.add(NOTIFY_FILING_OUTCOME, { eventId: r.id }, { ...NOTIFY_JOB_OPTIONS, jobId: r.id });
      if (rows.length) this.logger.log(`dispatchPending() re-enqueued [events:${rows.length}]`);
      return { enqueued: rows.length };
    });
  }

  @Process(SWEEP_ORPHAN_DOCUMENTS)
  sweepOrphans(job: Job) {
    return RequestContext.run({ requestId: `job-${job.id}` }, () => this.sweep.execute());
  }
}

@Injectable()
export class FilingScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(FILING_QUEUE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.add(DISPATCH_PENDING_NOTIFICATIONS, {}, { repeat: { cron: '* * * * *' }, removeOnComplete: 100, removeOnFail: 100 });
    await this.queue.add(SWEEP_ORPHAN_DOCUMENTS, {}, { repeat: { cron: '*/15 * * * *' }, removeOnComplete: 100, removeOnFail: 100 });
  }
}

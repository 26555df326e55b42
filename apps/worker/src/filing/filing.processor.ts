import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { RequestContext } from '@ejustice/platform';
import {
  DeliverNotification,
  FILING_QUEUE,
  LEGACY_DISPATCH_PENDING_NOTIFICATIONS,
  NOTIFY_FILING_OUTCOME,
  SWEEP_ORPHAN_DOCUMENTS,
  SweepOrphanDocuments,
} from '@ejustice/filing';
import { keepScheduled } from '../repeatable-schedule';

/**
 * Thin processors over the filing use cases: outcome notifications and the orphan sweep. The
 * notification outbox sweep runs on a timer instead (NotificationOutboxSweeper).
 */
@Processor(FILING_QUEUE)
export class FilingProcessor {
  constructor(
    private readonly deliver: DeliverNotification,
    private readonly sweep: SweepOrphanDocuments,
  ) {}

  /** Failures throw, so Bull retries with exponential backoff; the use case never sends twice. */
  @Process(NOTIFY_FILING_OUTCOME)
  notify(job: Job<{ eventId: string }>) {
    return RequestContext.run({ requestId: `job-${job.id}` }, () => this.deliver.execute(job.data.eventId));
  }

  @Process(SWEEP_ORPHAN_DOCUMENTS)
  sweepOrphans(job: Job) {
    return RequestContext.run({ requestId: `job-${job.id}` }, () => this.sweep.execute());
  }
}

@Injectable()
export class FilingScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(FilingScheduler.name);

  constructor(@InjectQueue(FILING_QUEUE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await keepScheduled(
      this.queue,
      SWEEP_ORPHAN_DOCUMENTS,
      { repeat: { cron: '*/15 * * * *' }, removeOnComplete: 100, removeOnFail: 100 },
      this.logger,
    );
    // The outbox sweep's old schedule, in a Redis that remembers it: it would fire with no processor left.
    if (this.queue.client.status === 'ready') {
      await this.queue
        .removeRepeatable(LEGACY_DISPATCH_PENDING_NOTIFICATIONS, { cron: '* * * * *' })
        .catch((error: unknown) => this.logger.warn(`onApplicationBootstrap() old schedule not removed [error:${String(error)}]`));
    }
  }
}

import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { withinRedisBound } from '@ejustice/platform';

/**
 * The queue of a publication's e-mails, apart from the scheduler's own: a solve holds its queue's
 * job for minutes under a long lock, and an e-mail should neither wait behind it nor inherit it.
 */
export const SCHEDULE_NOTICES_QUEUE = 'schedule-notices';
/** E-mail the notices of one publication (data: { runId }); idempotent per run and recipient. */
export const MAIL_PUBLICATION_NOTICES = 'mail-publication-notices';

export interface MailPublicationNoticesJob {
  readonly runId: string;
}

/**
 * Retried with backoff; removed once done or given up, so that the outbox sweep can queue a run
 * whose e-mails are still unsent again (Bull ignores a job id it still holds).
 */
export const MAIL_NOTICES_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: true,
} as const;

/** One job per run: the api's enqueue, the sweep and a late retry of either make one job. */
export async function enqueuePublicationMail(queue: Queue, runId: string, timeoutMs: number): Promise<void> {
  await withinRedisBound(
    queue.client,
    () => queue.add(MAIL_PUBLICATION_NOTICES, { runId }, { ...MAIL_NOTICES_JOB_OPTIONS, jobId: `publication-mail-${runId}` }),
    timeoutMs,
  );
}

/** How long a publication waits for Redis to take its e-mail job before answering without it. */
const DISPATCH_WAIT_MS = 1_000;

@Injectable()
export class PublicationMailDispatcher {
  private readonly logger = new Logger(PublicationMailDispatcher.name);

  constructor(@InjectQueue(SCHEDULE_NOTICES_QUEUE) private readonly queue: Queue) {}

  /**
   * Called after the publication committed; never fails. With Redis down the outbox rows wait,
   * and the worker's sweep queues them once it is back.
   */
  async dispatch(runId: string): Promise<void> {
    try {
      await enqueuePublicationMail(this.queue, runId, DISPATCH_WAIT_MS);
    } catch (error) {
      this.logger.warn(
        `dispatch() deferred to the outbox sweep [run:${runId}] [error:${error instanceof Error ? error.message : String(error)}]`,
      );
    }
  }
}

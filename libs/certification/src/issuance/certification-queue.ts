import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { retryFailedJob, withinRedisBound } from '@ejustice/platform';

/** The Bull queue of certified copies, processed by apps/worker. */
export const CERTIFICATION_QUEUE = 'certification';
/** Render and seal one approved, settled copy (data: { copyId }); idempotent per copy. */
export const ISSUE_CERTIFIED_COPY = 'issue-certified-copy';

export const ISSUE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: 1_000,
  removeOnFail: 1_000,
} as const;

const ENQUEUE_WAIT_MS = 1_000;

/** Queues the issue of a copy under the copy's id as job id: Bull keeps one job per id, so a repeated enqueue makes one job. */
@Injectable()
export class CertificationQueue {
  private readonly logger = new Logger(CertificationQueue.name);

  constructor(@InjectQueue(CERTIFICATION_QUEUE) private readonly queue: Queue) {}

  /**
   * Called after the commit; never fails the decision. A copy whose job could not be queued
   * stays `issuing` in the register, and `enqueueIssue` may be called again for it (job id = copy id).
   */
  async enqueueIssue(copyId: string): Promise<void> {
    try {
      await withinRedisBound(
        this.queue.client,
        () => this.queue.add(ISSUE_CERTIFIED_COPY, { copyId }, { ...ISSUE_JOB_OPTIONS, jobId: `issue:${copyId}` }),
        ENQUEUE_WAIT_MS,
      );
    } catch (error) {
      this.logger.warn(`enqueueIssue() deferred [copy:${copyId}] [error:${error instanceof Error ? error.message : String(error)}]`);
    }
  }

  /**
   * Queues a copy's issue again if Redis has no live job for it: none (the enqueue found Redis
   * down, or Redis lost it), or one that failed its last attempt (retried, as Bull keeps the id).
   * Safe to call from two sweeps at once: one retries, the other finds the job pending.
   */
  async requeue(copyId: string): Promise<'queued' | 'retried' | 'pending'> {
    const job = await this.queue.getJob(`issue:${copyId}`);
    if (!job) {
      await this.queue.add(ISSUE_CERTIFIED_COPY, { copyId }, { ...ISSUE_JOB_OPTIONS, jobId: `issue:${copyId}` });
      return 'queued';
    }
    if (await retryFailedJob(job)) return 'retried';
    return 'pending';
  }
}

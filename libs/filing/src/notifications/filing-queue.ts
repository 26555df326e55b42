import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { retryFailedJob, withinRedisBound } from '@ejustice/platform';

/** The Bull queue of the filing domain, processed by apps/worker. */
export const FILING_QUEUE = 'filing';
/** Deliver one outcome notification (data: { eventId }); idempotent per event and recipient. */
export const NOTIFY_FILING_OUTCOME = 'notify-filing-outcome';
/**
 * The outbox sweep's former repeatable job. The sweep now runs on a timer in the worker (a
 * repeatable job lives in Redis, and a Redis that restarts empty forgets it, just when it is
 * needed); the name remains so the worker can remove the old schedule.
 */
export const LEGACY_DISPATCH_PENDING_NOTIFICATIONS = 'dispatch-pending-notifications';
/** Delete stored files that no row names, and staged uploads that died with their process. */
export const SWEEP_ORPHAN_DOCUMENTS = 'sweep-orphan-documents';

export const NOTIFY_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: 1_000,
  removeOnFail: 1_000,
} as const;

/** How long a decision waits for Redis to take its notification job before answering without it. */
const DISPATCH_WAIT_MS = 1_000;

/**
 * Queues the delivery of a committed notification event, under the event's id as job id: Bull
 * keeps one job per id, so the api's enqueue, the outbox sweep and a late retry of either make one
 * job, not several. Fails at once while Bull's connection is down (rather than waiting in
 * ioredis's offline queue), and after `timeoutMs` without an answer.
 */
export async function enqueueNotification(queue: Queue, eventId: string, timeoutMs: number): Promise<void> {
  await withinRedisBound(
    queue.client,
    () => queue.add(NOTIFY_FILING_OUTCOME, { eventId }, { ...NOTIFY_JOB_OPTIONS, jobId: eventId }),
    timeoutMs,
  );
}

/**
 * Queues an event's delivery again, for the outbox sweep: as `enqueueNotification`, and when the
 * event's job is in Bull's failed set (its attempts spent while the mail server was down), one
 * more attempt for it. Queueing under the same id would do nothing while that job is kept, and
 * the parties would never be told. Returns whether a failed job was retried. Another sweep (a
 * second worker) retrying the same job first is no failure: the job is queued either way.
 */
export async function requeueNotification(queue: Queue, eventId: string, timeoutMs: number): Promise<{ retried: boolean }> {
  const job = await withinRedisBound(queue.client, () => queue.getJob(eventId), timeoutMs);
  if (!job) {
    await enqueueNotification(queue, eventId, timeoutMs);
    return { retried: false };
  }
  return { retried: await withinRedisBound(queue.client, () => retryFailedJob(job), timeoutMs) };
}

/** Enqueues the delivery of a committed notification event; the event id is the job id. */
@Injectable()
export class NotificationDispatcher {
  private readonly logger = new Logger(NotificationDispatcher.name);

  constructor(@InjectQueue(FILING_QUEUE) private readonly queue: Queue) {}

  /**
   * Called after the commit; never fails and never holds the answer for long. If Redis is down
   * or slow the event stays pending in the outbox (its row) and the worker's outbox sweep queues
   * it once Redis is back, so a decision is never lost to a queue outage.
   */
  async dispatch(eventId: string): Promise<void> {
    try {
      await enqueueNotification(this.queue, eventId, DISPATCH_WAIT_MS);
    } catch (error) {
      this.logger.warn(
        `dispatch() deferred to the outbox sweep [event:${eventId}] [error:${error instanceof Error ? error.message : String(error)}]`,
      );
    }
  }
}

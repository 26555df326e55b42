import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';

/** The Bull queue of the filing domain, processed by apps/worker. */
export const FILING_QUEUE = 'filing';
/** Deliver one outcome notification (data: { eventId }); idempotent per event and recipient. */
export const NOTIFY_FILING_OUTCOME = 'notify-filing-outcome';
/** Re-enqueue notification events that were committed but never delivered (Redis was down). */
export const DISPATCH_PENDING_NOTIFICATIONS = 'dispatch-pending-notifications';
/** Delete stored files that no row names, and staged uploads that died with their process. */
export const SWEEP_ORPHAN_DOCUMENTS = 'sweep-orphan-documents';

export const NOTIFY_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: 1_000,
  removeOnFail: 1_000,
} as const;

/** Enqueues the delivery of a committed notification event; the event id is the job id. */
@Injectable()
export class NotificationDispatcher {
  private readonly logger = new Logger(NotificationDispatcher.name);

  constructor(@InjectQueue(FILING_QUEUE) private readonly queue: Queue) {}

  /**
   * Called after the commit. If Redis is unreachable the event stays pending in the outbox and
   * the worker's dispatch job picks it up, so a decision is never lost to a queue outage.
   */
  async dispatch(eventId: string): Promise<void> {
    try {
      await this.queue.add(NOTIFY_FILING_OUTCOME, { eventId }, { ...NOTIFY_JOB_OPTIONS, jobId: eventId });
    } catch (error) {
      this.logger.warn(`dispatch() deferred to the outbox sweep [event:${eventId}] [error:${String(error)}]`);
    }
  }
}

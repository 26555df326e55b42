import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { Clock } from '@ejustice/platform';
import { FILING_QUEUE, requeueNotification } from './filing-queue';

/** Events queued per sweep at most; the next sweep takes the rest. */
const SWEEP_BATCH = 500;
/** How long one enqueue may wait for Redis before the sweep stops and leaves the rest to the next one. */
const ENQUEUE_WAIT_MS = 2_000;

export interface OutboxSweepResult {
  /** Events still unprocessed after the grace period that this sweep queued (again). */
  readonly queued: number;
  /** Of those, events whose job had failed for good (attempts spent) and was given another attempt. */
  readonly retried: number;
  /** Whether the sweep stopped early because Redis was down or did not answer. */
  readonly redisUnavailable: boolean;
}

/**
 * The notification outbox sweep: queues the delivery of every event still unprocessed
 * `graceMs` after its decision. A decision writes its event in its own transaction and then
 * asks Bull for the job; if Redis was down at that moment, or restarted empty and lost the job,
 * the row is all that remains, and this puts it back on the queue. The event id is the job id,
 * so an event whose job is still waiting, running or just done is not queued twice, and
 * delivery itself is idempotent per event and recipient. Safe to run on every worker at once.
 */
@Injectable()
export class SweepNotificationOutbox {
  private readonly logger = new Logger(SweepNotificationOutbox.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(FILING_QUEUE) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  async execute(graceMs: number): Promise<OutboxSweepResult> {
    // Nothing to do on a queue that is down; reading the outbox would only be wasted.
    if (this.queue.client.status !== 'ready') return { queued: 0, retried: 0, redisUnavailable: true };
    const before = new Date(this.clock.now().getTime() - graceMs);
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM notification_events WHERE processed_at IS NULL AND created_at < $1 ORDER BY created_at LIMIT ${SWEEP_BATCH}`,
      [before],
    );
    let queued = 0;
    let retried = 0;
    for (const { id } of rows) {
      try {
        if ((await requeueNotification(this.queue, id, ENQUEUE_WAIT_MS)).retried) retried += 1;
      } catch (error) {
        this.logger.warn(
          `execute() stopped: Redis unavailable [queued:${queued}] [left:${rows.length - queued}] [error:${error instanceof Error ? error.message : String(error)}]`,
        );
        return { queued, retried, redisUnavailable: true };
      }
      queued += 1;
    }
    if (queued > 0) {
      this.logger.log(
        `execute() queued pending notifications, one job per event [events:${queued}] [retried:${retried}] [graceMs:${graceMs}]`,
      );
    }
    return { queued, retried, redisUnavailable: false };
  }
}

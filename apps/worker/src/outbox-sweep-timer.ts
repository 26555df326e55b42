import type { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { PeriodicSweep } from '@ejustice/platform';

/**
 * An outbox sweep on a plain timer (PeriodicSweep), not a Bull repeatable job: a sweep exists for
 * the times Redis was down or lost its jobs, and a repeatable job's schedule lives in Redis and is
 * lost with them. It also sweeps as soon as the queue's connection to Redis is (back) up, when a
 * backlog is most likely. A period of 0 turns it off: the test suites do, as their workers share
 * one database and each would deliver the others' rows; the suites that prove a sweep turn it on.
 */
export class OutboxSweepTimer {
  private readonly periodic: PeriodicSweep;
  private readonly onReady = () => void this.periodic.runNow();

  constructor(
    /** Names each sweep's request id (`<name>-<n>`) in the logs. */
    name: string,
    logger: Logger,
    private readonly queue: Queue,
    periodMs: number,
    /** One sweep: rows count as pending once they are a period old. */
    sweep: (periodMs: number) => Promise<unknown>,
  ) {
    this.periodic = new PeriodicSweep(name, logger, periodMs, () => sweep(periodMs));
  }

  /** Starts the timer; false (and nothing started) when the period is 0. */
  start(): boolean {
    if (!this.periodic.start()) return false;
    this.queue.client.on('ready', this.onReady);
    return true;
  }

  /** Stops the timer and waits for a sweep under way. */
  async stop(): Promise<void> {
    this.queue.client.off('ready', this.onReady);
    await this.periodic.stop();
  }
}

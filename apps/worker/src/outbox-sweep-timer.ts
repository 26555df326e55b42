import type { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { RequestContext } from '@ejustice/platform';

/**
 * An outbox sweep on a plain timer, not a Bull repeatable job: a sweep exists for the times Redis
 * was down or lost its jobs, and a repeatable job's schedule lives in Redis and is lost with them.
 * It also sweeps as soon as the queue's connection to Redis is (back) up, when a backlog is most
 * likely. One sweep at a time. A period of 0 turns it off: the test suites do, as their workers
 * share one database and each would deliver the others' rows; the suites that prove a sweep turn
 * it on.
 */
export class OutboxSweepTimer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private sweeps = 0;
  private readonly onReady = () => this.tick();

  constructor(
    /** Names each sweep's request id (`<name>-<n>`) in the logs. */
    private readonly name: string,
    private readonly logger: Logger,
    private readonly queue: Queue,
    private readonly periodMs: number,
    /** One sweep: rows count as pending once they are a period old. */
    private readonly sweep: (periodMs: number) => Promise<unknown>,
  ) {}

  /** Starts the timer; false (and nothing started) when the period is 0. */
  start(): boolean {
    if (this.periodMs === 0) return false;
    this.timer = setInterval(() => this.tick(), this.periodMs);
    this.timer.unref();
    this.queue.client.on('ready', this.onReady);
    return true;
  }

  /** Stops the timer and waits for a sweep under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.queue.client.off('ready', this.onReady);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.sweeps += 1;
    this.running = RequestContext.run({ requestId: `${this.name}-${this.sweeps}` }, () => this.sweep(this.periodMs))
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`tick() failed [error:${error instanceof Error ? error.message : String(error)}]`),
      )
      .finally(() => (this.running = undefined));
  }
}

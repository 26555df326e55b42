import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig, RequestContext } from '@ejustice/platform';
import { FILING_QUEUE, SweepNotificationOutbox } from '@ejustice/filing';

/**
 * Runs the notification outbox sweep every WORKER_NOTIFICATION_SWEEP_MS on a plain timer, not as
 * a Bull repeatable job: the sweep exists for the times Redis was down or lost its jobs, and a
 * repeatable job's schedule lives in Redis and is lost with them. Events count as pending once
 * they are one period old, so the api's own enqueue has had its chance. It also sweeps as soon as
 * the queue's connection to Redis is (back) up, when a backlog is most likely. One sweep at a time.
 * A period of 0 turns it off: the test suites do, as their workers share one database and each
 * would deliver the others' events to its own mail sink; the suite that proves the sweep turns it on.
 */
@Injectable()
export class NotificationOutboxSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationOutboxSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private sweeps = 0;
  private readonly onReady = () => this.tick(this.config.worker.notificationSweepMs);

  constructor(
    private readonly sweep: SweepNotificationOutbox,
    @InjectQueue(FILING_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const periodMs = this.config.worker.notificationSweepMs;
    if (periodMs === 0) {
      this.logger.warn('onApplicationBootstrap() the notification outbox sweep is off (WORKER_NOTIFICATION_SWEEP_MS=0)');
      return;
    }
    this.timer = setInterval(() => this.tick(periodMs), periodMs);
    this.timer.unref();
    this.queue.client.on('ready', this.onReady);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.queue.client.off('ready', this.onReady);
    await this.running;
  }

  private tick(periodMs: number): void {
    if (this.running) return;
    this.sweeps += 1;
    this.running = RequestContext.run({ requestId: `outbox-sweep-${this.sweeps}` }, () => this.sweep.execute(periodMs))
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`tick() failed [error:${error instanceof Error ? error.message : String(error)}]`),
      )
      .finally(() => (this.running = undefined));
  }
}

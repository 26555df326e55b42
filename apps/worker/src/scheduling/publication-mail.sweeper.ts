import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig, RequestContext } from '@ejustice/platform';
import { SCHEDULE_NOTICES_QUEUE, SweepPublicationMail } from '@ejustice/scheduling-data';

/**
 * The publication e-mail outbox sweep, on a plain timer for the reason the filing outbox's is
 * (NotificationOutboxSweeper: a repeatable job is lost with the Redis it is needed for), at the
 * same period, WORKER_NOTIFICATION_SWEEP_MS, and off with it (0: the test suites' workers share
 * one database). Also as soon as the queue's connection is (back) up. One sweep at a time.
 */
@Injectable()
export class PublicationMailSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PublicationMailSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private sweeps = 0;
  private readonly onReady = () => this.tick(this.config.worker.notificationSweepMs);

  constructor(
    private readonly sweep: SweepPublicationMail,
    @InjectQueue(SCHEDULE_NOTICES_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const periodMs = this.config.worker.notificationSweepMs;
    if (periodMs === 0) return;
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
    this.running = RequestContext.run({ requestId: `publication-mail-sweep-${this.sweeps}` }, () => this.sweep.execute(periodMs))
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`tick() failed [error:${error instanceof Error ? error.message : String(error)}]`),
      )
      .finally(() => (this.running = undefined));
  }
}

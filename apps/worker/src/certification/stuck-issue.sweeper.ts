import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { RequeueStuckIssues } from '@ejustice/certification';
import { APP_CONFIG, type AppConfig, RequestContext } from '@ejustice/platform';

/**
 * Requeues certified copies left `issuing` without a live job, or issued without their requester
 * told (RequeueStuckIssues), on a plain timer for the same
 * reason as the notification outbox sweep (a Redis that lost its jobs also lost any repeatable
 * schedule), and with the same period and switch (WORKER_NOTIFICATION_SWEEP_MS; 0 = off, as in
 * the test suites, whose workers share one database). A copy counts as stuck one period after it
 * became ready.
 */
@Injectable()
export class StuckIssueSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StuckIssueSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private sweeps = 0;

  constructor(
    private readonly requeue: RequeueStuckIssues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const periodMs = this.config.worker.notificationSweepMs;
    if (periodMs === 0) return;
    this.timer = setInterval(() => this.tick(periodMs), periodMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(periodMs: number): void {
    if (this.running) return;
    this.sweeps += 1;
    this.running = RequestContext.run({ requestId: `stuck-issue-sweep-${this.sweeps}` }, () => this.requeue.execute(periodMs))
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`tick() failed [error:${error instanceof Error ? error.message : String(error)}]`),
      )
      .finally(() => (this.running = undefined));
  }
}

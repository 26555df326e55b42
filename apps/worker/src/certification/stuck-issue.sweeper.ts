import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { RequeueStuckIssues } from '@ejustice/certification';
import { APP_CONFIG, type AppConfig, PeriodicSweep } from '@ejustice/platform';

/**
 * Requeues certified copies left `issuing` without a live job, or issued without their requester
 * told (RequeueStuckIssues), on a plain timer (PeriodicSweep) for the same reason as the
 * notification outbox sweep (a Redis that lost its jobs also lost any repeatable schedule), and
 * with the same period and switch (WORKER_NOTIFICATION_SWEEP_MS; 0 = off, as in the test suites,
 * whose workers share one database). A copy counts as stuck one period after it became ready.
 */
@Injectable()
export class StuckIssueSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly periodic: PeriodicSweep;

  constructor(requeue: RequeueStuckIssues, @Inject(APP_CONFIG) config: AppConfig) {
    const periodMs = config.worker.notificationSweepMs;
    this.periodic = new PeriodicSweep('stuck-issue-sweep', new Logger(StuckIssueSweeper.name), periodMs, () => requeue.execute(periodMs));
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.periodic.stop();
  }
}

import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import { FILING_QUEUE, SweepNotificationOutbox } from '@ejustice/filing';
import { OutboxSweepTimer } from '../outbox-sweep-timer';

/**
 * The filing notification outbox sweep every WORKER_NOTIFICATION_SWEEP_MS (OutboxSweepTimer:
 * a plain timer, and at once when the queue's Redis connection is back). Events count as pending
 * once they are one period old, so the api's own enqueue has had its chance.
 */
@Injectable()
export class NotificationOutboxSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationOutboxSweeper.name);
  private readonly timer: OutboxSweepTimer;

  constructor(sweep: SweepNotificationOutbox, @InjectQueue(FILING_QUEUE) queue: Queue, @Inject(APP_CONFIG) config: AppConfig) {
    this.timer = new OutboxSweepTimer('outbox-sweep', this.logger, queue, config.worker.notificationSweepMs, (periodMs) =>
      sweep.execute(periodMs),
    );
  }

  onApplicationBootstrap(): void {
    if (!this.timer.start()) {
      this.logger.warn('onApplicationBootstrap() the notification outbox sweep is off (WORKER_NOTIFICATION_SWEEP_MS=0)');
    }
  }

  onModuleDestroy(): Promise<void> {
    return this.timer.stop();
  }
}

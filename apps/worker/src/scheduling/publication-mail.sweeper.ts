import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import { SCHEDULE_NOTICES_QUEUE, SweepPublicationMail } from '@ejustice/scheduling-data';
import { OutboxSweepTimer } from '../outbox-sweep-timer';

/**
 * The publication e-mail outbox sweep (OutboxSweepTimer), at the filing outbox's period,
 * WORKER_NOTIFICATION_SWEEP_MS, and off with it.
 */
@Injectable()
export class PublicationMailSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly timer: OutboxSweepTimer;

  constructor(sweep: SweepPublicationMail, @InjectQueue(SCHEDULE_NOTICES_QUEUE) queue: Queue, @Inject(APP_CONFIG) config: AppConfig) {
    this.timer = new OutboxSweepTimer(
      'publication-mail-sweep',
      new Logger(PublicationMailSweeper.name),
      queue,
      config.worker.notificationSweepMs,
      (periodMs) => sweep.execute(periodMs),
    );
  }

  onApplicationBootstrap(): void {
    this.timer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.timer.stop();
  }
}

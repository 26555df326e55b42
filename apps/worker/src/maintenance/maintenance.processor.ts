import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { Clock, RequestContext } from '@ejustice/platform';
import { SweepRecordingSpool } from '@ejustice/recording';
import { keepScheduled } from '../repeatable-schedule';

export const MAINTENANCE_QUEUE = 'maintenance';
export const PURGE_EXPIRED_CREDENTIALS = 'purge-expired-credentials';
export const SWEEP_RECORDING_SPOOL = 'sweep-recording-spool';

/** How long expired credentials are kept for investigation before they are purged. */
const RETENTION_DAYS = 30;

/**
 * Housekeeping that keeps credential tables small: sessions (and their refresh tokens) and
 * login throttles long past expiry. Hearing links are kept: they are part of the hearing record.
 */
@Processor(MAINTENANCE_QUEUE)
export class MaintenanceProcessor {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly recordingSpool: SweepRecordingSpool,
  ) {}

  /** Recording segment files left in this machine's spool (SweepRecordingSpool says which). */
  @Process(SWEEP_RECORDING_SPOOL)
  sweepRecordingSpool(job: Job): Promise<{ registered: number; abandoned: number }> {
    return RequestContext.run({ requestId: `job-${job.id}` }, () => this.recordingSpool.execute());
  }

  @Process(PURGE_EXPIRED_CREDENTIALS)
  async purgeExpiredCredentials(job: Job): Promise<{ sessions: number; throttles: number }> {
    return RequestContext.run({ requestId: `job-${job.id}` }, async () => {
      const cutoff = new Date(this.clock.now().getTime() - RETENTION_DAYS * 86_400_000);
      const sessions = await this.db.query(`DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1`, [cutoff]);
      const throttles = await this.db.query(`DELETE FROM login_throttles WHERE coalesce(locked_until, last_failure_at) < $1`, [cutoff]);
      const result = { sessions: Number(sessions[1] ?? 0), throttles: Number(throttles[1] ?? 0) };
      this.logger.log(`purgeExpiredCredentials() done [sessions:${result.sessions}] [throttles:${result.throttles}]`);
      return result;
    });
  }
}

@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceScheduler.name);

  constructor(@InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue) {}

  /** A repeatable job has one schedule however many workers start: Bull keys it by its options. */
  async onApplicationBootstrap(): Promise<void> {
    await keepScheduled(
      this.queue,
      PURGE_EXPIRED_CREDENTIALS,
      { repeat: { cron: '17 * * * *' }, removeOnComplete: 100, removeOnFail: 100 },
      this.logger,
    );
    await keepScheduled(
      this.queue,
      SWEEP_RECORDING_SPOOL,
      { repeat: { cron: '41 * * * *' }, removeOnComplete: 100, removeOnFail: 100 },
      this.logger,
    );
  }
}

import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { Clock, RequestContext } from '@ejustice/platform';
import { keepScheduled } from '../repeatable-schedule';

export const MAINTENANCE_QUEUE = 'maintenance';
export const PURGE_EXPIRED_CREDENTIALS = 'purge-expired-credentials';
/**
 * The hourly spool sweep this worker once ran: each media node now sweeps its own spool (a
 * media node's disk, which the worker does not see). Its schedule is removed from Redis at start-up.
 */
export const RETIRED_SWEEP_RECORDING_SPOOL = { name: 'sweep-recording-spool', cron: '41 * * * *' } as const;

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
  ) {}

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
    // Left in Redis by an earlier version, it would fire hourly with no processor to take it.
    // Not waited for: start-up never waits on a Redis that is down.
    void this.queue
      .removeRepeatable(RETIRED_SWEEP_RECORDING_SPOOL.name, { cron: RETIRED_SWEEP_RECORDING_SPOOL.cron })
      .catch((error: unknown) => this.logger.warn(`onApplicationBootstrap() retired schedule not removed [error:${String(error)}]`));
  }
}

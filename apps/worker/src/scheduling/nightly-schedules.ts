import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import {
  AutomaticScheduleRuns,
  NIGHTLY_SCHEDULE,
  type NightlyScheduleJob,
  SCHEDULING_QUEUE,
  SCHEDULING_UPKEEP,
  SCHEDULING_UPKEEP_CRON,
  nightlyRepeat,
} from '@ejustice/scheduling-data';
import { keepScheduled } from '../repeatable-schedule';

/**
 * One repeatable nightly job per court that set a nightly hour, at that hour of its time zone;
 * a court that changed or cleared its hour loses its old job. Synchronised at start-up, on each
 * reconnection to Redis (one that restarts without persistence forgets every schedule) and by the
 * minute's upkeep job. Workers do this one at a time (an advisory lock held from reading the
 * courts to the last change in Redis): one that read the courts before a clerk changed an hour
 * would otherwise put the old hour back after another worker had set the new one.
 */
@Injectable()
export class NightlySchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(NightlySchedules.name);

  constructor(
    @InjectQueue(SCHEDULING_QUEUE) private readonly queue: Queue,
    private readonly automatic: AutomaticScheduleRuns,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await keepScheduled(
      this.queue,
      SCHEDULING_UPKEEP,
      { repeat: { cron: SCHEDULING_UPKEEP_CRON }, removeOnComplete: 100, removeOnFail: 100 },
      this.logger,
    );
    this.queue.client.on(
      'ready',
      () => void this.sync().catch((error: unknown) => this.logger.warn(`sync() failed [error:${String(error)}]`)),
    );
    if (this.queue.client.status === 'ready') {
      await this.sync().catch((error: unknown) =>
        this.logger.warn(`onApplicationBootstrap() nightly jobs not synchronised [error:${String(error)}]`),
      );
    }
  }

  /** Adds the nightly job of each court with an hour, and removes those no court asks for any more. */
  async sync(): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('scheduling:nightly-jobs', 0))`);
      await this.bringInLine();
    });
  }

  private async bringInLine(): Promise<void> {
    const wanted = (await this.automatic.nightlyCourts()).map((court) => ({ court, ...nightlyRepeat(court) }));
    const standing = (await this.queue.getRepeatableJobs()).filter((job) => job.name === NIGHTLY_SCHEDULE);
    for (const job of standing) {
      if (!wanted.some((w) => w.jobId === job.id && w.repeat.cron === job.cron && w.repeat.tz === job.tz)) {
        await this.queue.removeRepeatableByKey(job.key);
        this.logger.log(`sync() removed [job:${job.id}] [cron:${job.cron}]`);
      }
    }
    for (const w of wanted) {
      if (standing.some((job) => job.id === w.jobId && job.cron === w.repeat.cron && job.tz === w.repeat.tz)) continue;
      await this.queue.add(NIGHTLY_SCHEDULE, { courtId: w.court.courtId } satisfies NightlyScheduleJob, {
        jobId: w.jobId,
        repeat: w.repeat,
        removeOnComplete: 30,
        removeOnFail: 30,
      });
      this.logger.log(`sync() added [job:${w.jobId}] [cron:${w.repeat.cron}] [tz:${w.repeat.tz}]`);
    }
  }
}

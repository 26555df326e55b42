import { Process, Processor } from '@nestjs/bull';
import { Inject } from '@nestjs/common';
import type { Job } from 'bull';
import { APP_CONFIG, type AppConfig, RequestContext } from '@ejustice/platform';
import {
  AutomaticScheduleRuns,
  NIGHTLY_SCHEDULE,
  type NightlyScheduleJob,
  RunSchedule,
  SCHEDULING_QUEUE,
  SCHEDULING_UPKEEP,
  SOLVE_SCHEDULE,
  ScheduleRunDispatcher,
  type SolveScheduleJob,
} from '@ejustice/scheduling-data';
import { NightlySchedules } from './nightly-schedules';

/**
 * Thin processor over the scheduling use cases: solves one run and reports its progress on the
 * job (a failed run is recorded on its row by the use case, so the job itself completes);
 * requests a court's nightly draft; and, every minute, queues pending re-plans, keeps the
 * nightly jobs in line with the courts' hours and gives runs whose job was lost their job again.
 */

@Processor(SCHEDULING_QUEUE)
export class SchedulingProcessor {
  constructor(
    private readonly run: RunSchedule,
    private readonly automatic: AutomaticScheduleRuns,
    private readonly nightly: NightlySchedules,
    private readonly dispatcher: ScheduleRunDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Process(SOLVE_SCHEDULE)
  solve(job: Job<SolveScheduleJob>): Promise<void> {
    return RequestContext.run({ requestId: `job-${job.id}` }, () =>
      this.run.execute(job.data.runId, async (percent) => {
        await job.progress(percent);
      }),
    );
  }

  @Process(NIGHTLY_SCHEDULE)
  async nightlyDraft(job: Job<NightlyScheduleJob>): Promise<void> {
    await RequestContext.run({ requestId: `job-${job.id}` }, () => this.automatic.nightly(job.data.courtId));
  }

  @Process(SCHEDULING_UPKEEP)
  async upkeep(job: Job): Promise<void> {
    await RequestContext.run({ requestId: `job-${job.id}` }, async () => {
      for (const courtId of await this.automatic.courtsAwaitingReplan()) await this.automatic.replan(courtId);
      await this.nightly.sync();
      // A run queued this long with no job was lost: its job is added in the request that records it.
      if (this.config.worker.lostRunAfterMs > 0) await this.dispatcher.requeueLost(this.config.worker.lostRunAfterMs);
    });
  }
}

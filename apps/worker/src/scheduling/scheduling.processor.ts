import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { RequestContext } from '@ejustice/platform';
import { RunSchedule, SCHEDULING_QUEUE, SOLVE_SCHEDULE, type SolveScheduleJob } from '@ejustice/scheduling-data';

/**
 * Thin processor over RunSchedule: solves one run and reports its progress on the job. A failed
 * run is recorded on its row by the use case, so the job itself completes.
 */
@Processor(SCHEDULING_QUEUE)
export class SchedulingProcessor {
  constructor(private readonly run: RunSchedule) {}

  @Process(SOLVE_SCHEDULE)
  solve(job: Job<SolveScheduleJob>): Promise<void> {
    return RequestContext.run({ requestId: `job-${job.id}` }, () =>
      this.run.execute(job.data.runId, async (percent) => {
        await job.progress(percent);
      }),
    );
  }
}

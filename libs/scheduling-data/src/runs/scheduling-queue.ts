/** The Bull queue of the scheduler, processed by apps/worker. */
export const SCHEDULING_QUEUE = 'scheduling';
/** Solve one run (data: { runId }); the job id is the run id, so a run is queued once. */
export const SOLVE_SCHEDULE = 'solve-schedule';

export interface SolveScheduleJob {
  readonly runId: string;
}

/**
 * Not retried: a run that failed says why in its row, and a clerk asks again once the data is
 * fixed; re-running a long solve behind their back would only hide the failure.
 */
/** The longest time budget a court may set (a CHECK in the migration says the same). */
export const MAX_TIME_LIMIT_SECONDS = 600;

/**
 * The solve is synchronous: while it runs, the worker's event loop cannot renew the job's lock.
 * Bull's default lock (30 s) would call a longer solve stalled and hand the job out again, so
 * this queue's lock outlasts the longest budget. A job handed out again all the same means its
 * worker died: RunSchedule then marks the run failed instead of leaving it running for ever.
 * Bull merges queue options shallowly, so the platform's retry delay is repeated here.
 */
export const SCHEDULING_QUEUE_SETTINGS = {
  retryProcessDelay: 1_000,
  lockDuration: (MAX_TIME_LIMIT_SECONDS + 120) * 1_000,
  maxStalledCount: 1,
} as const;

export const SOLVE_JOB_OPTIONS = { attempts: 1, removeOnComplete: 200, removeOnFail: 200 } as const;

/** The Bull queue of the scheduler, processed by apps/worker. */
export const SCHEDULING_QUEUE = 'scheduling';
/** Solve one run (data: { runId }); the job id is the run id, so a run is queued once. */
export const SOLVE_SCHEDULE = 'solve-schedule';

export interface SolveScheduleJob {
  readonly runId: string;
}

/**
 * The court's nightly draft (data: { courtId }): one repeatable job per court that set a nightly
 * hour, at that hour of the court's time zone. The job id is `nightly-<courtId>`, with no colon:
 * Bull keys a repeatable job as `name:id:end:tz:cron` and splits the key on colons.
 */
export const NIGHTLY_SCHEDULE = 'nightly-schedule';

export interface NightlyScheduleJob {
  readonly courtId: string;
}

/** The repeat options of a court's nightly job: Bull keys a repeatable job by these, so one stands per court and hour. */
export function nightlyRepeat(court: { courtId: string; hour: number; timeZone: string }): {
  jobId: string;
  repeat: { cron: string; tz: string };
} {
  return { jobId: `nightly-${court.courtId}`, repeat: { cron: `0 ${court.hour} * * *`, tz: court.timeZone } };
}

/**
 * Every minute: queues the re-plans the database asked for (adjourned published hearings) that
 * nobody queued yet (the api queues one at once when it calls a hearing off; an adjournment in
 * the hearing room, on a media node, is picked up here), and brings the nightly jobs in line
 * with the courts' nightly hours (a court that sets, changes or clears its hour).
 */
export const SCHEDULING_UPKEEP = 'scheduling-upkeep';
export const SCHEDULING_UPKEEP_CRON = '* * * * *';

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

/**
 * The REST contract of schedule runs, declared once for the api and the browser: plain types and
 * constants only.
 */
/**
 * queued → running → done (a draft) or failed; a draft a clerk publishes → published, and the
 * published run a later publication replaces → superseded.
 */
export const SCHEDULE_RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'published', 'superseded'] as const;
export type ScheduleRunStatus = (typeof SCHEDULE_RUN_STATUSES)[number];

/** Who asked: a clerk or judge (`request`), the court's nightly schedule, or an adjournment (`replan`). */
export const SCHEDULE_RUN_TRIGGERS = ['request', 'nightly', 'replan'] as const;
export type ScheduleRunTrigger = (typeof SCHEDULE_RUN_TRIGGERS)[number];

/**
 * `full`: the court's own weights. `minimal_moves` (a re-plan): moving a published hearing costs
 * more than leaving a case unlisted, so only what must move moves (libs/scheduling README).
 */
export const SCHEDULE_RUN_MODES = ['full', 'minimal_moves'] as const;
export type ScheduleRunMode = (typeof SCHEDULE_RUN_MODES)[number];

/** What a running run is doing: assembling the court's data, a phase of the solver, checking the plan. */
export const SCHEDULE_RUN_PHASES = ['assemble', 'construct', 'custody', 'compact', 'bound', 'improve', 'explain', 'check'] as const;
export type ScheduleRunPhase = (typeof SCHEDULE_RUN_PHASES)[number];

/** `POST /api/courts/:courtId/schedule-runs` answers 202 with this. */
export interface ScheduleRunAccepted {
  readonly runId: string;
  readonly status: ScheduleRunStatus;
}

/** `GET /api/courts/:courtId/schedule-runs/:id`: where the run is, its figures, and the draft plan when done. */
export interface ScheduleRunView {
  readonly id: string;
  readonly courtId: string;
  readonly status: ScheduleRunStatus;
  readonly trigger: ScheduleRunTrigger;
  readonly mode: ScheduleRunMode;
  /** Percent, 0 to 100, written while the solver runs. */
  readonly progress: number;
  /** What the run is doing now (null before it starts and once it ends). */
  readonly phase: ScheduleRunPhase | null;
  readonly horizonStart: string;
  readonly seed: number;
  readonly timeLimitSeconds: number;
  readonly cases: number | null;
  readonly objective: number | null;
  readonly bound: number | null;
  /** (objective − bound) ÷ (bound − fixed): how far above the best possible the draft may be. */
  readonly gap: number | null;
  /** How many hearings of the timetable published when the run started the draft moves (null until done). */
  readonly publishedMoved: number | null;
  /** The draft plan (format `ejustice.schedule-plan/1`, libs/scheduling/README.md), once done. */
  readonly plan: unknown;
  /** What the plan's ids mean to a clerk (null while the run has no plan). */
  readonly labels: ScheduleRunLabels | null;
  readonly error: string | null;
  readonly queuedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly publishedAt: string | null;
  readonly supersededAt: string | null;
}

/**
 * The names of what a run's plan names by id, for the board: only what the plan names, and for a
 * case its number alone (never a party's name). An id the court no longer holds has no label.
 */
export interface ScheduleRunLabels {
  /** Judges by their account's display name (the plan names a judge by user id). */
  readonly judges: readonly { readonly id: string; readonly name: string }[];
  readonly rooms: readonly { readonly id: string; readonly name: string; readonly virtual: boolean }[];
  /** Court sessions with their real hours (`YYYY-MM-DD`, `HH:MM`); `night` for a night session. */
  readonly sessions: readonly {
    readonly id: string;
    readonly date: string;
    readonly start: string;
    readonly end: string;
    readonly night: boolean;
  }[];
  readonly cases: readonly { readonly id: string; readonly number: string }[];
}

/** `POST /api/courts/:courtId/schedule-runs` body; both optional. */
export interface ScheduleRunRequest {
  /** The plan's first day (`YYYY-MM-DD`); today in the court's time zone when absent. */
  readonly horizonStart?: string;
  /** The solver is deterministic for a seed; 1 when absent. */
  readonly seed?: number;
}

/**
 * `POST /api/courts/:courtId/schedule-runs/:id/publish` (header `Idempotency-Key`, optional)
 * answers with this: the hearings the timetable now holds, and who was told.
 */
export interface ScheduleRunPublication {
  readonly runId: string;
  readonly status: 'published';
  readonly publishedAt: string;
  /** The run this publication superseded, if one was published before. */
  readonly supersededRunId: string | null;
  /** Hearings created for listings new to the timetable. */
  readonly created: number;
  /** Hearings of the previous timetable that stay exactly where they were. */
  readonly kept: number;
  /** Hearings of the previous timetable given a new time, judge or room. */
  readonly moved: number;
  /** Hearings of the previous timetable the new one no longer lists: adjourned. */
  readonly released: number;
  /** Account holders told in their inbox (judges, counsel, parties with an account). */
  readonly notified: number;
  /**
   * People without an account in the hearings listed, moved or adjourned (victims, witnesses,
   * parties without an account, interpreters, supporters), whom the clerk must summon:
   * `GET /api/courts/:courtId/summonses?status=pending`.
   */
  readonly summonses: number;
}

/**
 * `POST /api/hearings/:hearingId/cancel` (a clerk or judge of the hearing's court): a hearing not
 * yet started is called off. The platform has no separate "cancelled" status: the hearing is
 * adjourned, and the reason recorded as an adjournment of its case (the scheduler weighs it).
 */
export interface HearingCancellationRequest {
  /** One of the scheduler's adjournment reasons (libs/scheduling README), e.g. `judge_unavailable`. */
  readonly reason: string;
}

export interface HearingCancellation {
  readonly hearingId: string;
  readonly status: 'adjourned';
  /**
   * The minimal-moves re-plan queued for a hearing of the published timetable (a draft: a clerk
   * publishes it); null for a hearing not on it, or when the queue was down (the worker's sweep
   * queues it later).
   */
  readonly replanRunId: string | null;
}

/**
 * The REST contract of schedule runs, declared once for the api and the browser: plain types and
 * constants only.
 */
export const SCHEDULE_RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ScheduleRunStatus = (typeof SCHEDULE_RUN_STATUSES)[number];

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
  /** Percent, 0 to 100. */
  readonly progress: number;
  readonly horizonStart: string;
  readonly seed: number;
  readonly timeLimitSeconds: number;
  readonly cases: number | null;
  readonly objective: number | null;
  readonly bound: number | null;
  /** (objective − bound) ÷ (bound − fixed): how far above the best possible the draft may be. */
  readonly gap: number | null;
  /** The draft plan (format `ejustice.schedule-plan/1`, libs/scheduling/README.md), once done. */
  readonly plan: unknown;
  readonly error: string | null;
  readonly queuedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** `POST /api/courts/:courtId/schedule-runs` body; both optional. */
export interface ScheduleRunRequest {
  /** The plan's first day (`YYYY-MM-DD`); today in the court's time zone when absent. */
  readonly horizonStart?: string;
  /** The solver is deterministic for a seed; 1 when absent. */
  readonly seed?: number;
}

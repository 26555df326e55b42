/**
 * The REST contract of the schedule board: the court's runs listed, and a clerk's manual moves of
 * a draft's listings. Plain types only, for the api and the browser.
 */
import type { ViolationListing, ViolationParams } from '@ejustice/scheduling/contract/plan-reasons';
import type { ScheduleRunMode, ScheduleRunPhase, ScheduleRunStatus, ScheduleRunTrigger } from './schedule-run.contract';

/** `GET /api/courts/:courtId/schedule-runs`: the court's runs, newest first, without their plans. */
export interface ScheduleRunSummary {
  readonly id: string;
  readonly status: ScheduleRunStatus;
  readonly trigger: ScheduleRunTrigger;
  readonly mode: ScheduleRunMode;
  readonly progress: number;
  readonly phase: ScheduleRunPhase | null;
  readonly horizonStart: string;
  readonly objective: number | null;
  readonly gap: number | null;
  readonly queuedAt: string;
  readonly finishedAt: string | null;
  readonly publishedAt: string | null;
}

/** How many runs the list holds at most (the newest). */
export const SCHEDULE_RUN_LIST_LIMIT = 50;

/**
 * `POST .../schedule-runs/:id/moves/check` and `.../moves`: one listing of the plan (a case's
 * hearing, 0-based, and its block, 1-based) to a session, start, judge and room. The listing keeps
 * its length.
 */
export interface ScheduleMoveRequest {
  readonly case: string;
  readonly hearing: number;
  readonly part: number;
  readonly session: string;
  /** `HH:MM`. */
  readonly start: string;
  readonly judge: string;
  readonly room: string;
}

/**
 * One hard constraint the move would break (libs/scheduling HARD_CONSTRAINTS), with the sentence
 * saying how in English and what that sentence names, for the board to say it in the clerk's
 * language (libs/scheduling `ViolationParams`: the listing and the other one, the judge, room or
 * session by id, dates `YYYY-MM-DD`, times `HH:MM`, minutes and limits).
 */
export interface ScheduleMoveViolation {
  readonly constraint: string;
  readonly message: string;
  readonly params?: ScheduleViolationParams;
}

/** A listing as a violation names it, and what a violation's sentence names (libs/scheduling's contract). */
export type ScheduleViolationListing = ViolationListing;
export type ScheduleViolationParams = ViolationParams;

/** `POST .../moves/check` answers with this (200 whether or not the move is allowed). */
export interface ScheduleMoveCheck {
  readonly ok: boolean;
  readonly violations: readonly ScheduleMoveViolation[];
}

/**
 * `POST .../moves` answers 200 with this when the move was saved to the draft; 409
 * `scheduling.move_refused` (with `violations`) when it breaks a constraint, 409
 * `scheduling.run_not_draft` when the run is not a draft.
 */
export interface ScheduleMoveSaved {
  readonly runId: string;
  readonly ok: true;
}

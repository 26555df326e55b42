/**
 * The reasons of a plan as codes with their facts, for the schedule board to say them in the
 * clerk's language (ar, en, fr): why a listing is where it is (`explanation`), why a case is left
 * out (`code`, `params`), and which hard constraint a manual move breaks (`constraint`, `params`,
 * in schedule-moves.contract.ts). The plan keeps each sentence in English too (`why`, `reason`,
 * `message`: the CLI's, and the board's fallback for a code it does not know). The codes are
 * libs/scheduling's (`plan.ts`, `check/check-plan.ts`), repeated here as plain constants for the
 * browser; a spec keeps them equal. Plain types and constants only.
 */

/** The hard constraints a plan or a move can break (libs/scheduling HARD_CONSTRAINTS). */
export const SCHEDULE_CONSTRAINTS = [
  'unknown_reference',
  'duplicate',
  'outside_session',
  'wrong_duration',
  'block_too_long',
  'night_for_vulnerable_witness',
  'judge_not_sitting',
  'judge_lacks_specialism',
  'judge_over_daily_hours',
  'room_not_open',
  'remote_not_allowed',
  'live_link_missing',
  'interpreter_wrong',
  'support_wrong',
  'double_booked',
  'hearing_order',
  'pinned_moved',
] as const;
export type ScheduleConstraint = (typeof SCHEDULE_CONSTRAINTS)[number];

/** What held a hearing off a day (the first six: the court's data; the rest: time others took). */
export const HELD_BY_REASONS = [
  'night_session',
  'session_too_short',
  'no_judge',
  'no_room',
  'no_interpreter',
  'no_support',
  'judges_full',
  'people_busy',
  'rooms_full',
  'interpreters_busy',
  'support_busy',
] as const;
export type HeldByReason = (typeof HELD_BY_REASONS)[number];

/** One reason with the days it held, and what its phrase names. */
export interface HeldBy {
  readonly reason: HeldByReason;
  readonly days: number;
  readonly specialisms: readonly string[];
  readonly languages: readonly string[];
  readonly minutes: number;
  readonly inPerson: boolean;
  readonly liveLink: boolean;
  readonly intermediary: boolean;
  readonly supporter: boolean;
}

export const PRIORITY_GROUNDS = ['child_witness', 'child_victim', 'vulnerable_witness', 'vulnerable_victim'] as const;
export type PriorityGround = (typeof PRIORITY_GROUNDS)[number];

export const LISTING_DAY_CODES = ['kept', 'listed', 'earliest', 'first_with_room'] as const;
export type ListingDayCode = (typeof LISTING_DAY_CODES)[number];

/** A listing's `explanation`: why this case, why this day (libs/scheduling README, "The plan"). */
export interface ListingExplanation {
  readonly tier: 'custody' | 'child_vulnerable' | 'trafficking' | 'other';
  readonly ground?: PriorityGround;
  readonly custodyLimit?: string;
  readonly filed: string;
  readonly daysWaited: number;
  readonly yearsWaited: number;
  readonly adjournments: number;
  readonly adjournmentReasons: readonly string[];
  readonly rank: number;
  readonly of: number;
  readonly day: ListingDayCode;
  readonly date: string;
  readonly afterDays?: number;
  readonly afterBreakMinutes?: number;
  readonly sittingDays?: number;
  readonly heldBy: readonly HeldBy[];
}

export const UNSCHEDULED_CODES = ['no_sitting_day', 'beyond_plan', 'not_within_plan', 'cannot_be_listed', 'crowded_out'] as const;
export type UnscheduledCode = (typeof UNSCHEDULED_CODES)[number];

/** An unscheduled case's `params`: its first missing hearing (0-based) and block, and what held it. */
export interface UnscheduledParams {
  readonly hearing: number;
  readonly type: string;
  readonly part: number;
  readonly parts: number;
  readonly minDays?: number;
  readonly days?: number;
  readonly heldBy: readonly HeldBy[];
}

/**
 * The codes and facts of a plan's reasons: which hard constraint a plan or a move breaks (with
 * what its sentence names), why a listing is where it is, why a case is left out. Plain types and
 * constants, no imports: declared once here for the solver, the checker, the api's contracts and
 * the web app, which says each reason in the reader's language (the plan keeps an English
 * sentence beside each, the CLI's).
 */

/** The hard constraints a plan or a manual move can break. */
export const HARD_CONSTRAINTS = [
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
export type HardConstraint = (typeof HARD_CONSTRAINTS)[number];

/** A listing as a violation names it: the case, its hearing (index in `hearings`) and block. */
export interface ViolationListing {
  readonly case: string;
  readonly hearing: number;
  readonly part: number;
  /** How many blocks the hearing has (absent when the plan does not hold the listing). */
  readonly parts?: number;
}

/**
 * What a violation's sentence names, for saying it in another language (each constraint uses
 * the fields its sentence needs; ids as the instance names them, dates `YYYY-MM-DD`, times `HH:MM`).
 */
export interface ViolationParams {
  readonly listing?: ViolationListing;
  /** `double_booked`: the other listing, and whose time it is. */
  readonly other?: ViolationListing;
  /** `double_booked`: the booking outside the plan (instance `commitments`) the listing overlaps. */
  readonly commitment?: string;
  readonly resource?: { readonly kind: 'judge' | 'room' | 'interpreter' | 'supporter' | 'person'; readonly id: string };
  /** `unknown_reference`: what is unknown (`listing`: the plan does not hold the listing moved). */
  readonly unknown?: 'case' | 'hearing' | 'session' | 'judge' | 'room' | 'listing';
  readonly session?: string;
  readonly date?: string;
  readonly start?: string;
  readonly end?: string;
  readonly sessionDate?: string;
  readonly sessionStart?: string;
  readonly sessionEnd?: string;
  readonly kind?: 'day' | 'night';
  /** Minutes the listing (or the judge's day) lasts, and the most or exact minutes allowed. */
  readonly minutes?: number;
  readonly max?: number;
  readonly required?: number;
  readonly blocks?: readonly number[];
  readonly judge?: string;
  readonly specialisms?: readonly string[];
  readonly room?: string;
  /** `interpreter_wrong`: the language (absent: an interpreter for a language not needed) and who the plan gives. */
  readonly language?: string;
  readonly given?: readonly string[];
  readonly role?: 'intermediary' | 'supporter';
  /** `hearing_order`: too soon (absent: an earlier hearing is not listed). */
  readonly minDays?: number;
  readonly breakMinutes?: number;
}

/**
 * What held a hearing off a day, as the plan's explanations state it (the placement engine's
 * reasons): the first six are fixed (the court's data), the rest dynamic (time others took).
 */
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

/**
 * One reason with the days it held, and what a sentence needs to name it: the case's required
 * specialisms, interpreter languages, the hearing's minutes, the kind of room (in person, live
 * link) and the support (intermediary, supporter) it needs.
 */
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

/** Why a case is a priority: the first of these that applies (custody, then child or vulnerable, then trafficking). */
export const PRIORITY_GROUNDS = ['child_witness', 'child_victim', 'vulnerable_witness', 'vulnerable_victim'] as const;
export type PriorityGround = (typeof PRIORITY_GROUNDS)[number];

/**
 * Why this day: `kept` where it was published; `listed` (no record of earlier days); `earliest`
 * (no earlier day could hold it: `heldBy` the fixed reasons, if any); `first_with_room` (earlier
 * days could, but `sittingDays` of them were taken, `heldBy` the dynamic reasons).
 */
export const LISTING_DAY_CODES = ['kept', 'listed', 'earliest', 'first_with_room'] as const;
export type ListingDayCode = (typeof LISTING_DAY_CODES)[number];

/** A listing's `why` as facts: why this case, then why this day. */
export interface ListingExplanation {
  readonly tier: 'custody' | 'child_vulnerable' | 'trafficking' | 'other';
  /** For the `child_vulnerable` tier: who makes it one. */
  readonly ground?: PriorityGround;
  /** For the `custody` tier: the custody time limit (`YYYY-MM-DD`). */
  readonly custodyLimit?: string;
  readonly filed: string;
  /** Days from filing to the plan's first day, and the same in years (two decimals). */
  readonly daysWaited: number;
  readonly yearsWaited: number;
  readonly adjournments: number;
  /** The adjournments' distinct reasons, in the order first given. */
  readonly adjournmentReasons: readonly string[];
  /** The case's place by weight among the plan's cases (1 = first), and how many cases. */
  readonly rank: number;
  readonly of: number;
  readonly day: ListingDayCode;
  readonly date: string;
  /** Listed after the case's previous hearing by at least this many days, or (a block) after this break. */
  readonly afterDays?: number;
  readonly afterBreakMinutes?: number;
  /** `first_with_room`: how many earlier sitting days were taken. */
  readonly sittingDays?: number;
  /** At most three reasons, most days first. */
  readonly heldBy: readonly HeldBy[];
}

/**
 * Why a case's first missing hearing is not listed: `no_sitting_day` (the plan has no day for it),
 * `beyond_plan` (it must follow the previous one by `minDays`, past the plan's end),
 * `not_within_plan` (no record why), `cannot_be_listed` (the court's data rules out every day:
 * `heldBy`), `crowded_out` (on `days` sitting days others hold the time: `heldBy`).
 */
export const UNSCHEDULED_CODES = ['no_sitting_day', 'beyond_plan', 'not_within_plan', 'cannot_be_listed', 'crowded_out'] as const;
export type UnscheduledCode = (typeof UNSCHEDULED_CODES)[number];

/**
 * Why a custody case's time limit is not met by the plan: `limit_passed` (before the plan starts),
 * `after_plan` (it falls after the plan ends and the case is not all listed within it),
 * `unavoidable` (no plan could meet it: `hearings` hearings `gapDays` days apart in all with only
 * `daysLeft` days left, and/or the court's data rules out the days before it: `heldBy`),
 * `crowded_out` (other custody cases whose limits are as close hold the sittings: `heldBy`, empty
 * when no one reason stands out). `limit` is the limit's date, `YYYY-MM-DD`.
 */
export const CUSTODY_RISK_CODES = ['limit_passed', 'after_plan', 'unavoidable', 'crowded_out'] as const;
export type CustodyRiskCode = (typeof CUSTODY_RISK_CODES)[number];

export interface CustodyRiskParams {
  readonly limit: string;
  readonly hearings?: number;
  readonly gapDays?: number;
  readonly daysLeft?: number;
  readonly heldBy: readonly HeldBy[];
}

export interface UnscheduledParams {
  /** The hearing (index in the case's `hearings`), its type, and its block. */
  readonly hearing: number;
  readonly type: string;
  readonly part: number;
  readonly parts: number;
  readonly minDays?: number;
  readonly days?: number;
  readonly heldBy: readonly HeldBy[];
}

/**
 * The plan: what `./ejustice schedule solve` writes and `schedule check` reads. Documented in
 * libs/scheduling/README.md.
 */
export const PLAN_FORMAT = 'ejustice.schedule-plan/1';

export interface PlanAssignment {
  readonly case: string;
  /** Index of the needed hearing in the case's `hearings`. */
  readonly hearing: number;
  /** 1-based block of it, and how many blocks (a child or vulnerable witness's evidence). */
  readonly part: number;
  readonly parts: number;
  readonly type: string;
  readonly session: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly judge: string;
  readonly room: string;
  readonly remote: boolean;
  readonly interpreters: readonly { readonly language: string; readonly interpreter: string }[];
  readonly intermediary?: string;
  readonly supporter?: string;
  /** At its published place (re-planning). */
  readonly kept?: boolean;
  /** Why this case, why this day: one sentence for the clerk (English, for the CLI). */
  readonly why?: string;
  /** The same as facts, for saying it in another language. */
  readonly explanation?: ListingExplanation;
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

export interface PlanUnscheduled {
  readonly case: string;
  /** The hearings (and blocks) not placed, from the first missing one on. */
  readonly missing: readonly { readonly hearing: number; readonly part: number }[];
  /** The reason in English (the CLI's), and as a code with its parameters. */
  readonly reason: string;
  readonly code?: UnscheduledCode;
  readonly params?: UnscheduledParams;
}

export interface CustodyRisk {
  readonly case: string;
  readonly limit: string;
  /** `breach`: the limit falls in the plan and a hearing is missing or after it; `at_risk`: the
   * limit falls after the plan ends and the case is not fully listed within it. */
  readonly status: 'breach' | 'at_risk';
  /** True when no plan could meet the limit (proved in an empty court). */
  readonly unavoidable: boolean;
  readonly reason: string;
}

/** The objective broken down (weighted days; see README "The objective"). */
export interface ObjectiveReport {
  readonly total: number;
  readonly waiting: number;
  readonly unscheduledWaiting: number;
  readonly unscheduledPenalty: number;
  readonly moves: number;
  readonly movePenalty: number;
  readonly custodyBreaches: number;
  readonly custodyPenalty: number;
  /** What no plan can change: waiting already spent before the plan starts, certain breaches. */
  readonly fixed: number;
  readonly controllable: number;
}

export interface PlanBound {
  readonly value: number;
  readonly controllable: number;
  /** (objective − bound) ÷ (bound − fixed): how far above the best possible the plan may be. */
  readonly gap: number | null;
  readonly method: string;
  readonly iterations: number;
}

export interface PlanSolverReport {
  readonly seed: number;
  readonly timeLimitSeconds: number;
  readonly seconds: number;
  readonly improvementIterations: number;
  readonly boundIterations: number;
  readonly stoppedBy: 'converged' | 'iterations' | 'time';
  readonly phases: readonly { readonly name: string; readonly seconds: number; readonly objective: number }[];
}

export interface SchedulePlan {
  readonly format: typeof PLAN_FORMAT;
  readonly court?: string;
  readonly horizon: { readonly start: string; readonly end: string | null };
  readonly summary: {
    readonly cases: number;
    readonly hearings: number;
    readonly hearingsPlaced: number;
    readonly casesFullyPlaced: number;
    readonly shareOfHearingsPlaced: number;
    readonly custodyBreaches: number;
    readonly custodyBreachesUnavoidable: number;
    readonly publishedMoved: number;
  };
  readonly objective: ObjectiveReport;
  readonly bound?: PlanBound;
  readonly solver?: PlanSolverReport;
  readonly assignments: readonly PlanAssignment[];
  readonly unscheduled: readonly PlanUnscheduled[];
  readonly custodyRisk: readonly CustodyRisk[];
  readonly notes: readonly string[];
}

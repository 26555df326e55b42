import type { CustodyRiskCode, CustodyRiskParams, ListingExplanation, UnscheduledCode, UnscheduledParams } from './contract/plan-reasons';

export {
  CUSTODY_RISK_CODES,
  HELD_BY_REASONS,
  LISTING_DAY_CODES,
  PRIORITY_GROUNDS,
  UNSCHEDULED_CODES,
  type CustodyRiskCode,
  type CustodyRiskParams,
  type HeldBy,
  type HeldByReason,
  type ListingDayCode,
  type ListingExplanation,
  type PriorityGround,
  type UnscheduledCode,
  type UnscheduledParams,
} from './contract/plan-reasons';

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
  /** The reason in English (the CLI's), and as a code with its parameters. */
  readonly reason: string;
  readonly code: CustodyRiskCode;
  readonly params: CustodyRiskParams;
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

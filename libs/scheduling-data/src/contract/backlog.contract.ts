/**
 * The REST contract of the backlog dashboard, declared once for the api and the browser: plain
 * types and constants only (the figures are computed by @ejustice/scheduling's analytics; their
 * definitions are in libs/scheduling/src/analytics).
 */
import type { CaseType } from '@ejustice/vocabulary/case-type';

export const BACKLOG_PERIODS = ['month', 'quarter', 'year'] as const;
export type BacklogPeriodName = (typeof BACKLOG_PERIODS)[number];

export const AGE_BAND_NAMES = ['under_3m', '3_to_6m', '6_to_12m', '1_to_2y', 'over_2y'] as const;
export type AgeBandName = (typeof AGE_BAND_NAMES)[number];

export const CUSTODY_RISK_REASON_NAMES = ['limit_passed', 'hearing_after_limit', 'none_scheduled'] as const;
export type CustodyRiskReasonName = (typeof CUSTODY_RISK_REASON_NAMES)[number];

/** The scenarios a forecast may add to the court as it is (`baseline`, always drawn). */
export const FORECAST_SCENARIO_NAMES = ['night_sessions', 'virtual_rooms'] as const;
export type ForecastScenarioName = (typeof FORECAST_SCENARIO_NAMES)[number];

/** How far ahead, with no hearing scheduled, a custody limit is already on the risk list. */
export const CUSTODY_WARNING_DAYS = 28;

export interface BacklogFiguresView {
  readonly incoming: number;
  readonly resolved: number;
  readonly pendingStart: number;
  readonly pendingEnd: number;
  /** resolved ÷ incoming × 100; null with no incoming case. */
  readonly clearanceRate: number | null;
  /** 365 ÷ (annualised resolved ÷ pending at the end), days; null with no disposal. */
  readonly dispositionTimeDays: number | null;
}

export interface BacklogPeriodView {
  /** `2026-01`, `2026-Q1` or `2026`. */
  readonly key: string;
  readonly start: string;
  readonly end: string;
  readonly total: BacklogFiguresView;
  readonly byType: readonly ({ readonly type: CaseType } & BacklogFiguresView)[];
}

export type AgeCountsView = Readonly<Record<AgeBandName, number>>;

export interface AgeProfileView {
  readonly asOf: string;
  readonly pending: number;
  readonly total: AgeCountsView;
  readonly byType: readonly { readonly type: CaseType; readonly counts: AgeCountsView }[];
  readonly oldestFiled: string | null;
}

export interface CustodyRiskView {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly type: CaseType;
  readonly custodyLimit: string;
  readonly firstScheduledHearing: string | null;
  readonly reason: CustodyRiskReasonName;
  /** Negative once the limit has passed. */
  readonly daysLeft: number;
}

/** `GET /api/courts/:courtId/backlog?from=&to=&period=` */
export interface BacklogReport {
  readonly courtId: string;
  /** Today in the court's time zone: the day ages and risks are measured on. */
  readonly asOf: string;
  readonly period: BacklogPeriodName;
  /** Whole periods: `from` taken back to its period's start, `to` on to its end. */
  readonly from: string;
  readonly to: string;
  readonly periods: readonly BacklogPeriodView[];
  readonly ageProfile: AgeProfileView;
  readonly custodyWarningDays: number;
  readonly custodyRisks: readonly CustodyRiskView[];
}

export interface BacklogReportQuery {
  readonly from?: string;
  readonly to?: string;
  readonly period?: BacklogPeriodName;
}

export interface ForecastLineView {
  /** `baseline`, a scenario's name, or `combined` (every scenario asked for, together). */
  readonly scenario: 'baseline' | ForecastScenarioName | 'combined';
  readonly extraHearingHoursPerWeek: number;
  readonly resolvedPerWeek: number;
  /** Pending at the start of each week in `weekStarts`. */
  readonly pending: readonly number[];
  readonly weeksToClear: number | null;
  readonly clearedOn: string | null;
}

/** `GET /api/courts/:courtId/backlog/forecast?scenario=night_sessions,virtual_rooms&weeks=` */
export interface BacklogForecast {
  readonly courtId: string;
  readonly asOf: string;
  /** The rates observed over the look-back, per week. */
  readonly lookbackWeeks: number;
  readonly pending: number;
  readonly incomingPerWeek: number;
  readonly resolvedPerWeek: number;
  /** Mean hearing-hours a pending case still needs; null when none has its hearings recorded. */
  readonly hearingHoursPerCase: number | null;
  /** The court's capacity the scenarios are priced from. */
  readonly capacity: {
    readonly nightSessionHours: number;
    readonly nightRooms: number;
    readonly daySessionHoursPerWeek: number;
    readonly remoteShare: number;
  };
  /** What each scenario adds: n night sessions a week, n virtual rooms. */
  readonly scenarioSizes: Readonly<Record<ForecastScenarioName, number>>;
  readonly weekStarts: readonly string[];
  readonly lines: readonly ForecastLineView[];
}

export interface BacklogForecastQuery {
  /** Comma-separated scenario names. */
  readonly scenario?: string;
  readonly weeks?: number;
  readonly nightSessions?: number;
  readonly virtualRooms?: number;
}

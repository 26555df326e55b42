import type { CaseType } from '@ejustice/vocabulary';
import { type BacklogPeriod, type PeriodRange, YEAR_FRACTION, periodsBetween } from './periods';

/*
 * The CEPEJ's two backlog indicators (European Commission for the Efficiency of Justice,
 * "Guidelines on judicial statistics"), by period and case type.
 *
 *   clearance rate   = resolved ÷ incoming × 100           (% ; above 100 the backlog shrinks)
 *   disposition time = 365 ÷ (resolved ÷ pending at end)    (days a pending case would take, at this pace)
 *
 * The CEPEJ defines disposition time on a year's disposals. For a month or a quarter the
 * period's disposals are annualised first (× 12, × 4), so that figures of every period are in
 * the same days and comparable: disposition time = 365 × (period ÷ year) × pending ÷ resolved.
 * A rate whose divisor is zero is `null` (no incoming, no disposal): never 0 nor infinity.
 */

/** One case as the indicators see it: its type, the day it was filed, the day it was disposed of. */
export interface BacklogCaseRecord {
  readonly type: CaseType;
  /** ISO date the case was filed (opened), in the court's time zone. */
  readonly filed: string;
  /** ISO date it was disposed of (resolved), or null while pending. */
  readonly disposed: string | null;
}

export interface BacklogFigures {
  readonly incoming: number;
  readonly resolved: number;
  /** Pending on the period's first day (filed before it, not disposed of before it). */
  readonly pendingStart: number;
  /** Pending at the end of the period's last day. */
  readonly pendingEnd: number;
  /** Percent, or null with no incoming case. */
  readonly clearanceRate: number | null;
  /** Days, or null with no disposal. */
  readonly dispositionTimeDays: number | null;
}

export interface PeriodIndicators extends PeriodRange {
  /** All case types together. */
  readonly total: BacklogFigures;
  /** One entry per case type with any case incoming, resolved or pending in the period. */
  readonly byType: readonly ({ readonly type: CaseType } & BacklogFigures)[];
}

export interface BacklogIndicators {
  readonly period: BacklogPeriod;
  /** The whole periods covered: `from` taken back to its period's start, `to` on to its end. */
  readonly from: string;
  readonly to: string;
  readonly periods: readonly PeriodIndicators[];
}

function figures(cases: readonly BacklogCaseRecord[], range: PeriodRange, period: BacklogPeriod): BacklogFigures {
  let incoming = 0;
  let resolved = 0;
  let pendingStart = 0;
  let pendingEnd = 0;
  for (const c of cases) {
    if (c.filed >= range.start && c.filed <= range.end) incoming += 1;
    if (c.disposed !== null && c.disposed >= range.start && c.disposed <= range.end) resolved += 1;
    if (c.filed < range.start && (c.disposed === null || c.disposed >= range.start)) pendingStart += 1;
    if (c.filed <= range.end && (c.disposed === null || c.disposed > range.end)) pendingEnd += 1;
  }
  return {
    incoming,
    resolved,
    pendingStart,
    pendingEnd,
    clearanceRate: incoming === 0 ? null : (resolved / incoming) * 100,
    dispositionTimeDays: resolved === 0 ? null : (365 * YEAR_FRACTION[period] * pendingEnd) / resolved,
  };
}

function isEmpty(f: BacklogFigures): boolean {
  return f.incoming === 0 && f.resolved === 0 && f.pendingStart === 0 && f.pendingEnd === 0;
}

/**
 * Clearance rate and disposition time of every whole period from `from` to `to`, for all the
 * court's cases and per case type. `cases` must hold every case filed up to `to` and not
 * disposed of before `from` (others are counted in no figure, so more do no harm).
 */
export function backlogIndicators(
  cases: readonly BacklogCaseRecord[],
  range: { readonly from: string; readonly to: string; readonly period: BacklogPeriod },
): BacklogIndicators {
  const periods = periodsBetween(range.from, range.to, range.period);
  const types = [...new Set(cases.map((c) => c.type))].sort();
  return {
    period: range.period,
    from: periods[0].start,
    to: periods[periods.length - 1].end,
    periods: periods.map((p) => ({
      ...p,
      total: figures(cases, p, range.period),
      byType: types
        .map((type) => ({
          type,
          ...figures(
            cases.filter((c) => c.type === type),
            p,
            range.period,
          ),
        }))
        .filter((f) => !isEmpty(f)),
    })),
  };
}

import type {
  AgeBandName,
  BacklogForecast,
  BacklogPeriodName,
  BacklogReport,
  ForecastLineView,
  ForecastScenarioName,
} from '@ejustice/scheduling-data/contract/backlog.contract';
import { AGE_BAND_NAMES, FORECAST_SCENARIO_NAMES } from '@ejustice/scheduling-data/contract/backlog.contract';
import type { CaseType } from '@ejustice/vocabulary/case-type';
import type { Language } from '../i18n/languages';

/*
 * The backlog dashboard's view-model: what each chart and table shows, computed from the API's
 * answers with no React and no i18next (labels come in through small formatter arguments), so it
 * is tested in Node. Dates are the court's calendar dates (`YYYY-MM-DD`): they are formatted in
 * UTC, so no reader's time zone moves a day.
 */

/** All case types together, or one. */
export type TypeFilter = 'all' | CaseType;

export interface IndicatorPoint {
  /** The period's key (`2026-03`, `2026-Q1`, `2026`). */
  readonly key: string;
  readonly label: string;
  readonly incoming: number;
  readonly resolved: number;
  readonly pendingEnd: number;
  /** Rounded to one decimal; null where the rate is undefined (no incoming, no disposal). */
  readonly clearanceRate: number | null;
  readonly dispositionTimeDays: number | null;
}

function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** A court calendar date for the reader: "1 Mar 2027", "1 mars 2027", "١ مارس ٢٠٢٧" per CLDR. */
export function formatCalendarDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(utc(iso));
}

/**
 * A period's label: a month by its name and year; a year as a number; a quarter through the
 * caller's sentence (`quarter(n, year)`), since "Q1 2026" has no Intl form and reads differently per language.
 */
export function periodLabel(
  key: string,
  period: BacklogPeriodName,
  language: Language,
  quarter: (n: number, year: string) => string,
): string {
  const year = key.slice(0, 4);
  if (period === 'year') return new Intl.NumberFormat(language, { useGrouping: false }).format(Number(year));
  if (period === 'quarter')
    return quarter(Number(key.slice(6)), new Intl.NumberFormat(language, { useGrouping: false }).format(Number(year)));
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(utc(`${key}-01`));
}

function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/** The clearance rate and disposition time of every period, for all cases or one type (zeros where the type had none). */
export function indicatorSeries(report: BacklogReport, filter: TypeFilter, label: (key: string) => string): IndicatorPoint[] {
  return report.periods.map((p) => {
    const f = filter === 'all' ? p.total : p.byType.find((t) => t.type === filter);
    return {
      key: p.key,
      label: label(p.key),
      incoming: f?.incoming ?? 0,
      resolved: f?.resolved ?? 0,
      pendingEnd: f?.pendingEnd ?? 0,
      clearanceRate: round1(f?.clearanceRate ?? null),
      dispositionTimeDays:
        f?.dispositionTimeDays === undefined || f.dispositionTimeDays === null ? null : Math.round(f.dispositionTimeDays),
    };
  });
}

/** Case types that appear anywhere in the report, for the type filter (in the report's order). */
export function typesInReport(report: BacklogReport): CaseType[] {
  const seen = new Set<CaseType>();
  for (const p of report.periods) for (const t of p.byType) seen.add(t.type);
  for (const t of report.ageProfile.byType) seen.add(t.type);
  return [...seen].sort();
}

export interface AgeBar {
  readonly band: AgeBandName;
  readonly count: number;
  /** Share of the pending cases, 0 to 1. */
  readonly share: number;
}

/** The age profile's bars, youngest first, for all cases or one type. */
export function ageBars(report: BacklogReport, filter: TypeFilter): AgeBar[] {
  const counts = filter === 'all' ? report.ageProfile.total : report.ageProfile.byType.find((t) => t.type === filter)?.counts;
  const total = counts ? AGE_BAND_NAMES.reduce((sum, band) => sum + counts[band], 0) : 0;
  return AGE_BAND_NAMES.map((band) => {
    const count = counts?.[band] ?? 0;
    return { band, count, share: total === 0 ? 0 : count / total };
  });
}

/** Nothing to chart: no case incoming, resolved or pending in any period, and none pending today. */
export function isReportEmpty(report: BacklogReport): boolean {
  return (
    report.ageProfile.pending === 0 &&
    report.periods.every((p) => p.total.incoming === 0 && p.total.resolved === 0 && p.total.pendingEnd === 0 && p.total.pendingStart === 0)
  );
}

/** The scenarios switched on, as the forecast's `scenario` parameter (catalogue order; empty for none). */
export function scenarioParam(selected: ReadonlySet<ForecastScenarioName>): string {
  return FORECAST_SCENARIO_NAMES.filter((s) => selected.has(s)).join(',');
}

/** Flip one scenario in the set of those switched on. */
export function toggleScenario(selected: ReadonlySet<ForecastScenarioName>, scenario: ForecastScenarioName): Set<ForecastScenarioName> {
  const next = new Set(selected);
  if (next.has(scenario)) next.delete(scenario);
  else next.add(scenario);
  return next;
}

/** One row per week for the burn-down chart: the week's start and each line's pending cases, whole. */
export type ForecastRow = { readonly week: string; readonly label: string } & Partial<Record<ForecastLineView['scenario'], number>>;

export function forecastRows(forecast: BacklogForecast, label: (iso: string) => string): ForecastRow[] {
  return forecast.weekStarts.map((week, w) => {
    const row: Record<string, string | number> = { week, label: label(week) };
    for (const line of forecast.lines) row[line.scenario] = Math.round(line.pending[w]);
    return row as ForecastRow;
  });
}

/** How each line ends, for the sentence under the chart. */
export type ClearanceOutlook =
  | { readonly kind: 'clear'; readonly scenario: ForecastLineView['scenario'] }
  | { readonly kind: 'cleared'; readonly scenario: ForecastLineView['scenario']; readonly on: string; readonly weeks: number }
  | { readonly kind: 'never'; readonly scenario: ForecastLineView['scenario'] };

export function clearanceOutlook(line: ForecastLineView): ClearanceOutlook {
  if (line.weeksToClear === 0) return { kind: 'clear', scenario: line.scenario };
  if (line.weeksToClear === null || line.clearedOn === null) return { kind: 'never', scenario: line.scenario };
  return { kind: 'cleared', scenario: line.scenario, on: line.clearedOn, weeks: line.weeksToClear };
}

/** A figure for a table cell: a dash where it is undefined. */
export function formatFigure(value: number | null, language: Language, maximumFractionDigits = 0): string {
  return value === null ? '—' : new Intl.NumberFormat(language, { maximumFractionDigits }).format(value);
}

export function formatPercent(value: number | null, language: Language): string {
  return value === null ? '—' : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

import { DomainError } from '@ejustice/platform';
import {
  type CourtCapacity,
  type ForecastScenario,
  STANDARD_SCENARIOS,
  type StandardScenario,
  addMonths,
  parseIsoDate,
  scenarioHours,
} from '@ejustice/scheduling';
import type { BacklogPeriodName, BacklogReportQuery, ForecastLineView, ForecastScenarioName } from '../contract/backlog.contract';

/*
 * What a backlog request means once its defaults are filled in: pure, so that the rules (the
 * default range, the longest range, which scenarios exist) are tested without a database.
 */

/** Periods shown by default, back from today: a year of months, two years of quarters, five years. */
const DEFAULT_MONTHS_BACK: Record<BacklogPeriodName, number> = { month: 11, quarter: 21, year: 48 };
/** The longest range one report covers, so one request cannot ask for a century of months. */
const MAX_RANGE_MONTHS = 120;

export const DEFAULT_FORECAST_WEEKS = 52;
export const DEFAULT_SCENARIO_SIZES: Readonly<Record<ForecastScenarioName, number>> = { night_sessions: 2, virtual_rooms: 4 };

export interface ResolvedRange {
  readonly from: string;
  readonly to: string;
  readonly period: BacklogPeriodName;
}

/** A calendar date that exists (the DTO checks only its shape: 2027-02-31 passes it). */
export function assertCalendarDate(field: string, value: string | undefined): void {
  if (value !== undefined && parseIsoDate(value) === undefined) {
    throw new DomainError('invalid', 'backlog.date_invalid', `${field} is not a calendar date (${value}); give YYYY-MM-DD.`, {
      fields: [{ field, message: 'must be a calendar date, YYYY-MM-DD' }],
    });
  }
}

/** The report's range: up to `asOf` by default, back the default number of periods; at most ten years. */
export function resolveBacklogRange(query: BacklogReportQuery, asOf: string): ResolvedRange {
  assertCalendarDate('from', query.from);
  assertCalendarDate('to', query.to);
  const period = query.period ?? 'month';
  const to = query.to ?? asOf;
  const from = query.from ?? addMonths(to, -DEFAULT_MONTHS_BACK[period]);
  if (from > to) {
    throw new DomainError('invalid', 'backlog.range_invalid', `The range starts (${from}) after it ends (${to}); swap from and to.`);
  }
  if (addMonths(from, MAX_RANGE_MONTHS) <= to) {
    throw new DomainError('invalid', 'backlog.range_too_long', 'A backlog report covers at most ten years; narrow from and to.');
  }
  return { from, to, period };
}

/** `night_sessions,virtual_rooms` → the scenarios, each once, in the catalogue's order. */
export function parseScenarios(text: string | undefined): StandardScenario[] {
  if (text === undefined || text.trim() === '') return [];
  const asked = text.split(',').map((s) => s.trim());
  const unknown = asked.filter((s) => !(STANDARD_SCENARIOS as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new DomainError(
      'invalid',
      'backlog.scenario_unknown',
      `Unknown scenario ${unknown.join(', ')}; use ${STANDARD_SCENARIOS.join(' or ')}, comma-separated.`,
    );
  }
  return STANDARD_SCENARIOS.filter((s) => asked.includes(s));
}

/**
 * The lines a forecast draws: the court as it is, each scenario asked for, and with two or more,
 * all of them together (their hours added).
 */
export function forecastScenarios(
  asked: readonly StandardScenario[],
  sizes: Readonly<Record<ForecastScenarioName, number>>,
  capacity: CourtCapacity,
): ForecastScenario<ForecastLineView['scenario']>[] {
  const each = asked.map((id) => ({ id, extraHearingHoursPerWeek: scenarioHours(id, sizes[id], capacity) }));
  const combined =
    each.length > 1
      ? [{ id: 'combined' as const, extraHearingHoursPerWeek: each.reduce((sum, s) => sum + s.extraHearingHoursPerWeek, 0) }]
      : [];
  return [{ id: 'baseline' as const, extraHearingHoursPerWeek: 0 }, ...each, ...combined];
}

import { addDaysIso } from './periods';

/*
 * The burn-down forecast: how many cases will be pending, week by week, at the pace the court
 * keeps now and under scenarios that add court time.
 *
 * How it is computed, for each scenario, from week 0 (the week starting `asOf`):
 *
 *   resolved per week  r_s = r + h_s ÷ c
 *   pending            P(0) = P,   P(w + 1) = max(0, P(w) + i − r_s)
 *
 * with P the cases pending today, i and r the cases filed and disposed of per week over the
 * recent past (the caller's look-back, e.g. the last 26 weeks), h_s the hearing-hours a week the
 * scenario adds, and c the hearing-hours a pending case still needs (the mean of its hearings
 * still needed). So the court goes on at its observed pace (which already reflects the capacity
 * it has), and each added hearing-hour disposes of 1 ÷ c more case. It assumes incoming cases
 * keep their recent rate and added hours are used as fully as current ones: a forecast to
 * compare scenarios, not a promise. With r_s ≤ i the backlog never clears (`weeksToClear` null).
 */

export interface ForecastInput {
  /** The forecast's first day: week 0 starts here. */
  readonly asOf: string;
  readonly pending: number;
  readonly incomingPerWeek: number;
  readonly resolvedPerWeek: number;
  /** Mean hearing-hours a pending case still needs; null when no pending case has its hearings recorded. */
  readonly hearingHoursPerCase: number | null;
  /** How many weeks to draw. */
  readonly weeks: number;
}

export interface ForecastScenario<Id extends string = string> {
  readonly id: Id;
  readonly extraHearingHoursPerWeek: number;
}

export interface ForecastLine<Id extends string = string> {
  readonly scenario: Id;
  readonly extraHearingHoursPerWeek: number;
  readonly resolvedPerWeek: number;
  /** Pending at the start of weeks 0 … weeks. */
  readonly pending: readonly number[];
  /** Whole weeks until nothing is pending at this pace (even past the drawn weeks), or null if never. */
  readonly weeksToClear: number | null;
  /** The day the backlog is cleared (`asOf` + 7 × weeksToClear), or null. */
  readonly clearedOn: string | null;
}

export interface BurnDownForecast<Id extends string = string> {
  readonly asOf: string;
  readonly weekStarts: readonly string[];
  readonly lines: readonly ForecastLine<Id>[];
}

function line<Id extends string>(input: ForecastInput, scenario: ForecastScenario<Id>): ForecastLine<Id> {
  const extraResolved =
    input.hearingHoursPerCase !== null && input.hearingHoursPerCase > 0 ? scenario.extraHearingHoursPerWeek / input.hearingHoursPerCase : 0;
  const resolvedPerWeek = input.resolvedPerWeek + extraResolved;
  const net = resolvedPerWeek - input.incomingPerWeek;
  const pending = [input.pending];
  for (let w = 0; w < input.weeks; w += 1) pending.push(Math.max(0, pending[w] + input.incomingPerWeek - resolvedPerWeek));
  const weeksToClear = input.pending === 0 ? 0 : net > 0 ? Math.ceil(input.pending / net) : null;
  return {
    scenario: scenario.id,
    extraHearingHoursPerWeek: scenario.extraHearingHoursPerWeek,
    resolvedPerWeek,
    pending,
    weeksToClear,
    clearedOn: weeksToClear === null ? null : addDaysIso(input.asOf, 7 * weeksToClear),
  };
}

/** One line per scenario (give `{ id: 'baseline', extraHearingHoursPerWeek: 0 }` for the court as it is). */
export function burnDownForecast<Id extends string>(
  input: ForecastInput,
  scenarios: readonly ForecastScenario<Id>[],
): BurnDownForecast<Id> {
  return {
    asOf: input.asOf,
    weekStarts: Array.from({ length: input.weeks + 1 }, (_, w) => addDaysIso(input.asOf, 7 * w)),
    lines: scenarios.map((s) => line(input, s)),
  };
}

/** What the court has, to price the standard scenarios in hearing-hours. */
export interface CourtCapacity {
  /** Mean length of the court's night sessions, hours (its usual evening sitting). */
  readonly nightSessionHours: number;
  /** Rooms the court can open at night. */
  readonly nightRooms: number;
  /** Day-session hours a week (one room open in every day session). */
  readonly daySessionHoursPerWeek: number;
  /** Share (0 to 1) of pending cases that may be heard remotely: only they can use a virtual room. */
  readonly remoteShare: number;
}

export const STANDARD_SCENARIOS = ['night_sessions', 'virtual_rooms'] as const;
export type StandardScenario = (typeof STANDARD_SCENARIOS)[number];

/**
 * The hearing-hours a week the standard scenarios add:
 * - `night_sessions`: n more night sessions a week, each its usual length in every room open at
 *   night, at least one (judges for them assumed found: the scenario asks what sitting them would give);
 * - `virtual_rooms`: n more virtual rooms open in every day session, used only by the share of
 *   cases that may be heard remotely.
 */
export function scenarioHours(scenario: StandardScenario, count: number, capacity: CourtCapacity): number {
  switch (scenario) {
    case 'night_sessions':
      return count * capacity.nightSessionHours * Math.max(1, capacity.nightRooms);
    case 'virtual_rooms':
      return count * capacity.daySessionHoursPerWeek * capacity.remoteShare;
  }
}

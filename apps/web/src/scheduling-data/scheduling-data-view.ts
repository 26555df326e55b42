import type { i18n as I18n } from 'i18next';
import {
  RESOURCE_LIMITS,
  RESOURCE_SESSION_KINDS,
  type AvailabilityFields,
  type InterpreterView,
  type JudgeProfileView,
  type ResourceSessionKind,
  type RoomView,
  type SessionPatternRequest,
  type SessionRangeQuery,
  type SessionRequest,
  type SessionView,
  type SupporterView,
  type UnavailabilityOwnerType,
  type UnavailabilityRequest,
  type UnavailabilityView,
} from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { isApiError } from '../api/problem';
import { errorMessage } from '../i18n/error-message';
import type { Language } from '../i18n/languages';

/*
 * The pure half of the court's scheduling-data page: dates and weeks, what a recurring pattern
 * will create, the forms' values to and from the contract's shapes, and refusals in words.
 */

/** ISO weekdays, Monday first: the order every weekday choice is offered in. */
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * Who may change the court's scheduling data: its clerks and administrators (the server refuses
 * anyone else with 403 `scheduling.resources_role_forbidden`); judges read it.
 */
export function mayMaintainSchedulingData(roles: readonly string[]): boolean {
  return roles.includes('clerk') || roles.includes('admin');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A calendar day (`YYYY-MM-DD`) that exists: not `2027-02-30`. */
export function isCalendarDay(date: string): boolean {
  return ISO_DATE.test(date) && dateOf(dayNumber(date)) === date;
}

export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** The ISO weekday of a day, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  // Day 0 of the epoch (1970-01-01) was a Thursday.
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the week a day falls in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** The sessions shown: `weeks` whole weeks from the Monday of `date`. */
export function weeksRange(date: string, weeks: number): SessionRangeQuery {
  const from = mondayOf(date);
  return { from, to: addDays(from, weeks * 7 - 1) };
}

export interface SessionWeek {
  /** The week's Monday. */
  readonly monday: string;
  readonly sessions: readonly SessionView[];
}

/** The sessions by week, earliest first, and within a day by their hours. */
export function sessionsByWeek(sessions: readonly SessionView[]): SessionWeek[] {
  const sorted = [...sessions].sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  const weeks: { monday: string; sessions: SessionView[] }[] = [];
  for (const session of sorted) {
    const monday = mondayOf(session.date);
    const last = weeks.at(-1);
    if (last?.monday === monday) last.sessions.push(session);
    else weeks.push({ monday, sessions: [session] });
  }
  return weeks;
}

/** What the pattern form holds (hours as typed, weekdays as ticked). */
export interface PatternDraft {
  readonly from: string;
  readonly to: string;
  readonly sittings: readonly { weekdays: readonly number[]; kind: ResourceSessionKind; start: string; end: string }[];
}

export type PatternProblem =
  'dates' | 'range_backwards' | 'range_too_long' | 'no_weekdays' | 'hours' | 'sittings_overlap' | 'nothing_created' | 'too_many';

/**
 * Why the pattern cannot be sent as it stands, or null. The court's own sessions are checked by
 * the server (409 `scheduling.session_overlap`); this catches what the form alone can tell.
 */
export function patternProblem(draft: PatternDraft): PatternProblem | null {
  if (!isCalendarDay(draft.from) || !isCalendarDay(draft.to)) return 'dates';
  if (draft.to < draft.from) return 'range_backwards';
  if (daysBetween(draft.from, draft.to) > RESOURCE_LIMITS.rangeDays) return 'range_too_long';
  if (draft.sittings.length === 0 || draft.sittings.some((s) => s.weekdays.length === 0)) return 'no_weekdays';
  if (draft.sittings.some((s) => !CLOCK.test(s.start) || !CLOCK.test(s.end) || s.end <= s.start)) return 'hours';
  for (let i = 0; i < draft.sittings.length; i++) {
    for (let j = i + 1; j < draft.sittings.length; j++) {
      const a = draft.sittings[i];
      const b = draft.sittings[j];
      // Touching is allowed (day court until 17:00, night court from 17:00), as on the server.
      const sameDay = a.weekdays.some((day) => b.weekdays.includes(day));
      if (sameDay && a.start < b.end && b.start < a.end) return 'sittings_overlap';
    }
  }
  const count = expandPattern(draft).length;
  if (count === 0) return 'nothing_created';
  if (count > RESOURCE_LIMITS.patternSessions) return 'too_many';
  return null;
}

/** Every session the pattern will create, as the server creates them: each day, each sitting on its weekday. */
export function expandPattern(draft: PatternDraft): SessionRequest[] {
  if (!isCalendarDay(draft.from) || !isCalendarDay(draft.to) || draft.to < draft.from) return [];
  const out: SessionRequest[] = [];
  const days = Math.min(daysBetween(draft.from, draft.to), RESOURCE_LIMITS.rangeDays);
  for (let offset = 0; offset < days; offset++) {
    const date = addDays(draft.from, offset);
    const weekday = isoWeekday(date);
    for (const sitting of draft.sittings) {
      if (sitting.weekdays.includes(weekday)) out.push({ date, kind: sitting.kind, start: sitting.start, end: sitting.end });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start));
}

export function patternRequest(draft: PatternDraft): SessionPatternRequest {
  return {
    from: draft.from,
    to: draft.to,
    sittings: draft.sittings.map((s) => ({ weekdays: [...s.weekdays].sort(), kind: s.kind, start: s.start, end: s.end })),
  };
}

/** One session's hours, or why not: the same rule as the server (ends after it starts, same day). */
export function sessionProblem(session: SessionRequest): 'dates' | 'hours' | null {
  if (!isCalendarDay(session.date)) return 'dates';
  if (!CLOCK.test(session.start) || !CLOCK.test(session.end) || session.end <= session.start) return 'hours';
  return null;
}

/** A list typed as "trafficking, family": trimmed, without blanks or repeats, in the order given. */
export function parseList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,،;\n]/)
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    ),
  ];
}

export function listProblem(items: readonly string[]): 'too_many' | 'too_long' | null {
  if (items.length > RESOURCE_LIMITS.tags) return 'too_many';
  if (items.some((item) => item.length > RESOURCE_LIMITS.tagLength)) return 'too_long';
  return null;
}

/** Ticked weekdays or kinds as the contract has them: all of them (or none ticked at all) is `null`, "any". */
export function choiceOrAny<T>(chosen: readonly T[], all: readonly T[]): T[] | null {
  if (chosen.length === 0 || all.every((value) => chosen.includes(value))) return null;
  return all.filter((value) => chosen.includes(value));
}

/** The availability the form starts from: `null` ("any") shows everything ticked. */
export function availabilityChoices(fields: AvailabilityFields | null): { weekdays: number[]; kinds: ResourceSessionKind[] } {
  return {
    weekdays: fields?.availableWeekdays ? [...fields.availableWeekdays] : [...ISO_WEEKDAYS],
    kinds: fields?.availableKinds ? [...fields.availableKinds] : [...RESOURCE_SESSION_KINDS],
  };
}

export function availabilityFields(weekdays: readonly number[], kinds: readonly ResourceSessionKind[]): AvailabilityFields {
  return { availableWeekdays: choiceOrAny(weekdays, ISO_WEEKDAYS), availableKinds: choiceOrAny(kinds, RESOURCE_SESSION_KINDS) };
}

/** A judge's most sitting time a day, typed in hours (`6`, `5.5`), as whole minutes; null when it is not 0 < h ≤ 24. */
export function hoursToMinutes(hours: string): number | null {
  const value = Number(hours.trim().replace(',', '.'));
  if (hours.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 24) return null;
  return Math.round(value * 60);
}

export function minutesToHours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}

/** A day (`YYYY-MM-DD`) as the person reads dates, with its weekday; it is a court day, never shifted by a zone. */
export function formatDay(date: string, language: Language): string {
  if (!isCalendarDay(date)) return date;
  return new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(dayNumber(date) * DAY_MS),
  );
}

/** An ISO weekday's name in the person's language. */
export function weekdayName(weekday: number, language: Language, width: 'long' | 'short' = 'long'): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** "Mon, Tue, Thu", or null for every day (the caller says "any day"). */
export function weekdaysText(weekdays: readonly number[] | null, language: Language): string | null {
  if (weekdays === null) return null;
  return weekdays.map((day) => weekdayName(day, language, 'short')).join(', ');
}

/** Something that can take days off, named as the page lists it. */
export interface DaysOffOwner {
  readonly type: UnavailabilityOwnerType;
  readonly id: string;
  readonly name: string;
}

/**
 * Whose days off can be recorded: judges with a sitting profile (the server refuses the others,
 * 409 `scheduling.judge_has_no_profile`), then rooms, interpreters and supporters.
 */
export function daysOffOwners(lists: {
  judges: readonly JudgeProfileView[];
  rooms: readonly RoomView[];
  interpreters: readonly InterpreterView[];
  supporters: readonly SupporterView[];
}): DaysOffOwner[] {
  return [
    ...lists.judges.filter((j) => j.profile !== null).map((j) => ({ type: 'judge' as const, id: j.userId, name: j.displayName })),
    ...lists.rooms.map((r) => ({ type: 'room' as const, id: r.id, name: r.name })),
    ...lists.interpreters.map((i) => ({ type: 'interpreter' as const, id: i.id, name: i.name })),
    ...lists.supporters.map((s) => ({ type: 'supporter' as const, id: s.id, name: s.name })),
  ];
}

export function ownerKey(owner: { type: UnavailabilityOwnerType; id: string }): string {
  return `${owner.type}:${owner.id}`;
}

/** The name of whoever the days off belong to, or null when it is no longer listed. */
export function ownerName(view: UnavailabilityView, owners: readonly DaysOffOwner[]): string | null {
  return owners.find((o) => o.type === view.owner.type && o.id === view.owner.id)?.name ?? null;
}

const OWNER_FIELD: Record<UnavailabilityOwnerType, keyof UnavailabilityRequest> = {
  judge: 'judgeUserId',
  room: 'roomId',
  interpreter: 'interpreterId',
  supporter: 'supporterId',
};

/** Days off of exactly one owner, as the contract asks. */
export function daysOffRequest(owner: { type: UnavailabilityOwnerType; id: string }, from: string, to: string): UnavailabilityRequest {
  return { [OWNER_FIELD[owner.type]]: owner.id, from, to } as UnavailabilityRequest;
}

/** The days off, soonest first (a leave that began earlier first). */
export function sortDaysOff(list: readonly UnavailabilityView[]): UnavailabilityView[] {
  return [...list].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.id.localeCompare(b.id));
}

/**
 * The weights the policy form offers, each a setting of libs/scheduling's `Policy` (dotted for
 * the tier weights), with its meaning documented in libs/scheduling/README.md ("The objective").
 * A setting left blank is not sent: the solver takes its default.
 */
export const POLICY_WEIGHTS = [
  'tierWeights.custody',
  'tierWeights.child_vulnerable',
  'tierWeights.trafficking',
  'tierWeights.other',
  'agingPerYear',
  'adjournmentWeight',
  'unscheduledPenaltyDays',
  'movePenalty',
  'custodyBreachPenalty',
  'vulnerableWitnessMaxBlockMinutes',
  'vulnerableWitnessBreakMinutes',
] as const;
export type PolicyWeight = (typeof POLICY_WEIGHTS)[number];

/** The label key of a weight: `tierWeights.custody` → `tierWeights_custody`. */
export function weightKey(weight: PolicyWeight): string {
  return weight.replace('.', '_');
}

function readWeight(policy: Readonly<Record<string, unknown>>, weight: PolicyWeight): unknown {
  const [head, tail] = weight.split('.');
  const value = policy[head];
  if (tail === undefined) return value;
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[tail] : undefined;
}

/** The form's values: the court's own setting, or blank for "the default". */
export function weightValues(policy: Readonly<Record<string, unknown>>): Record<PolicyWeight, string> {
  return Object.fromEntries(
    POLICY_WEIGHTS.map((weight) => {
      const value = readWeight(policy, weight);
      return [weight, typeof value === 'number' ? String(value) : ''];
    }),
  ) as Record<PolicyWeight, string>;
}

/**
 * The court's policy with the form's weights put in: a blank weight is taken out (the default
 * applies), a number replaces it; every other setting the court has (reason weights, specialist
 * rules, live link for child witnesses) is kept as it was. `invalid` lists the weights that are
 * not non-negative numbers; the server checks the ranges (400 `scheduling.policy_invalid`).
 */
export function policyWithWeights(
  policy: Readonly<Record<string, unknown>>,
  values: Readonly<Record<PolicyWeight, string>>,
): { policy: Record<string, unknown>; invalid: PolicyWeight[] } {
  const out: Record<string, unknown> = { ...policy };
  const tiers: Record<string, unknown> =
    typeof policy.tierWeights === 'object' && policy.tierWeights !== null ? { ...(policy.tierWeights as Record<string, unknown>) } : {};
  const invalid: PolicyWeight[] = [];
  for (const weight of POLICY_WEIGHTS) {
    const text = values[weight].trim().replace(',', '.');
    const value = Number(text);
    if (text !== '' && (!Number.isFinite(value) || value < 0)) invalid.push(weight);
    const [head, tail] = weight.split('.');
    const target = tail === undefined ? out : tiers;
    const key = tail ?? head;
    if (text === '' || invalid.includes(weight)) delete target[key];
    else target[key] = value;
  }
  if (Object.keys(tiers).length > 0) out.tierWeights = tiers;
  else delete out.tierWeights;
  return { policy: out, invalid };
}

/**
 * Scheduling refusals the page says in the person's language (under `schedulingData.errors.`,
 * without the `scheduling.` prefix). Anything else is said as the rest of the app says it.
 */
export const SCHEDULING_DATA_ERROR_CODES = [
  'scheduling.resources_role_forbidden',
  'scheduling.role_forbidden',
  'scheduling.other_court',
  'scheduling.session_overlap',
  'scheduling.session_in_use',
  'scheduling.session_hours_invalid',
  'scheduling.pattern_too_large',
  'scheduling.pattern_empty',
  'scheduling.range_invalid',
  'scheduling.range_too_long',
  'scheduling.date_invalid',
  'scheduling.room_in_use',
  'scheduling.room_booked',
  'scheduling.interpreter_in_use',
  'scheduling.supporter_in_use',
  'scheduling.room_name_taken',
  'scheduling.room_not_found',
  'scheduling.judge_not_found',
  'scheduling.judge_has_no_profile',
  'scheduling.unavailability_owner',
  'scheduling.policy_invalid',
] as const;

export interface SaidProblem {
  /** In the person's language. */
  readonly sentence: string;
  /**
   * The server's own sentence when it says more than ours (which sessions overlap, which policy
   * setting is out of range); in the court service's language, so marked as such by the caller.
   */
  readonly server: string | null;
  /** The stable code, for the person to quote to the registry. */
  readonly code: string | null;
  /** Each field the server named, `field: message`. */
  readonly fields: readonly string[];
}

/** A refusal or failure as the page shows it: our sentence, the server's with its particulars, the code. */
export function sayProblem(error: unknown, i18n: Pick<I18n, 't' | 'exists'>): SaidProblem {
  if (!isApiError(error)) return { sentence: errorMessage(error, i18n), server: null, code: null, fields: [] };
  const known = (SCHEDULING_DATA_ERROR_CODES as readonly string[]).includes(error.code);
  const sentence = known ? i18n.t(`schedulingData.errors.${error.code.slice('scheduling.'.length)}`) : errorMessage(error, i18n);
  const server = known && error.detail ? error.detail : null;
  return {
    sentence,
    server,
    code: error.status > 0 && error.code ? error.code : null,
    fields: error.fieldErrors.map((f) => `${f.field}: ${f.message}`),
  };
}

/** Today's date on the court's clock (`YYYY-MM-DD`), not the reader's. */
export function courtToday(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

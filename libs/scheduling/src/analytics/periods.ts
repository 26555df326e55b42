import { formatIsoDate, parseIsoDate } from '../calendar';

/*
 * Reporting periods: calendar months, quarters and years, as ISO dates. Pure date arithmetic in
 * UTC on calendar dates, so no time zone can move a case from one period to the next.
 */

export const BACKLOG_PERIODS = ['month', 'quarter', 'year'] as const;
export type BacklogPeriod = (typeof BACKLOG_PERIODS)[number];

export interface PeriodRange {
  /** `2026-01`, `2026-Q1` or `2026`: stable, sortable, and what the UI labels per locale. */
  readonly key: string;
  /** First and last day of the period, inclusive. */
  readonly start: string;
  readonly end: string;
}

/** Months in one period. */
const MONTHS_IN: Record<BacklogPeriod, number> = { month: 1, quarter: 3, year: 12 };

/** The share of a year one period is: what annualises a period's disposals (CEPEJ counts per year). */
export const YEAR_FRACTION: Record<BacklogPeriod, number> = { month: 1 / 12, quarter: 1 / 4, year: 1 };

function dayOf(iso: string): number {
  const day = parseIsoDate(iso);
  if (day === undefined) throw new RangeError(`not an ISO date: ${iso}`);
  return day;
}

/** The first day of a month, as an ISO date (`month0` from 0; past 11 it runs on into later years). */
function firstOfMonth(year: number, month0: number): string {
  return new Date(Date.UTC(year, month0, 1)).toISOString().slice(0, 10);
}

/** The period `iso` falls in. */
export function periodOf(iso: string, period: BacklogPeriod): PeriodRange {
  dayOf(iso);
  const year = Number(iso.slice(0, 4));
  const month0 = Number(iso.slice(5, 7)) - 1;
  const span = MONTHS_IN[period];
  const startMonth0 = month0 - (month0 % span);
  const start = firstOfMonth(year, startMonth0);
  const end = formatIsoDate(dayOf(firstOfMonth(year, startMonth0 + span)) - 1);
  const key =
    period === 'year'
      ? String(year)
      : period === 'quarter'
        ? `${year}-Q${startMonth0 / 3 + 1}`
        : `${year}-${String(startMonth0 + 1).padStart(2, '0')}`;
  return { key, start, end };
}

/**
 * Every whole period that meets `from`..`to` (inclusive), in order: `from` is taken back to its
 * period's first day and `to` on to its period's last, so every figure is over whole periods.
 */
export function periodsBetween(from: string, to: string, period: BacklogPeriod): PeriodRange[] {
  if (dayOf(from) > dayOf(to)) throw new RangeError(`from ${from} is after to ${to}`);
  const out: PeriodRange[] = [];
  let current = periodOf(from, period);
  for (;;) {
    out.push(current);
    if (current.end >= to) return out;
    current = periodOf(formatIsoDate(dayOf(current.end) + 1), period);
  }
}

/** `iso` plus `months` calendar months, the day clamped to the month's length (31 Jan + 1 = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const year = Number(iso.slice(0, 4));
  const month0 = Number(iso.slice(5, 7)) - 1 + months;
  const day = Number(iso.slice(8, 10));
  const lastDay = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month0, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayOf(b) - dayOf(a);
}

export function addDaysIso(iso: string, days: number): string {
  return formatIsoDate(dayOf(iso) + days);
}

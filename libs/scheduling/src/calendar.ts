/**
 * Dates are ISO calendar dates (`YYYY-MM-DD`) with no time zone: a court sits on a date, and
 * waiting is counted in calendar days. Times are `HH:MM` within the date, as minutes after
 * midnight. Days are whole numbers (days since 1970-01-01), so arithmetic on them is exact.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^(\d{2}):(\d{2})$/;
const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1_440;

/** The day number of an ISO date, or undefined when the text is not a real calendar date. */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

export function formatIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Minutes after midnight of an `HH:MM` time from 00:00 to 24:00, or undefined. */
export function parseClockTime(text: string): number | undefined {
  const match = CLOCK_TIME.exec(text);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Tue 3 Mar 2026": how a clerk reads a date in a sentence. */
export function formatReadableDate(day: number): string {
  const date = new Date(day * MS_PER_DAY);
  return `${WEEKDAYS[isoWeekday(day) - 1]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

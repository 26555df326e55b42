import type { Language } from './languages';

/**
 * Times of legal weight (a filing received, a docket entry, a hearing set, a link used, an order
 * made) are stated on the court's clock, never the reader's: a clerk in Cairo whose laptop is set
 * to UTC, or counsel reading from abroad, must see the time the court's own records state. Each
 * time names its zone twice over: the UTC offset in force at that instant (summer time changes
 * it, and it tells apart the two 23:30s of the night the clocks go back) and the court's IANA
 * zone, the name the receipt PDF prints.
 */
export type CourtTimeStyle =
  /** "Nov 28, 2026, 12:15 PM GMT+2 (Africa/Cairo)": lists, history lines. */
  | 'short'
  /** "November 28, 2026 at 12:15:02 PM GMT+2 (Africa/Cairo)": receipts, to the second. */
  | 'long'
  /** "Saturday, November 28, 2026 at 12:15 PM GMT+2 (Africa/Cairo)": when a hearing is set. */
  | 'full';

const FIELDS: Record<CourtTimeStyle, Intl.DateTimeFormatOptions> = {
  short: { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  long: { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' },
  full: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
};

/*
 * For plain `ar`, current CLDR writes Western digits (as the Maghreb does), and i18next's
 * `{{n, number}}` follows the same rule, so numbers and times agree; a court that writes Eastern
 * Arabic digits would use `ar-u-nu-arab` in both places.
 */

/** A zone name reads left to right inside an Arabic sentence: isolated, its slash stays put. */
const ISOLATE = '\u2068';
const END_ISOLATE = '\u2069';

/**
 * The zone to state a court's times in: the court's, or UTC when it is missing (a page without a
 * court) or unknown to this browser (a misconfigured court). Never the reader's own zone, which
 * would silently pass for the court's.
 */
export function courtZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone === 'UTC' ? 'UTC' : timeZone;
  } catch {
    return 'UTC';
  }
}

/** An instant on the court's clock, with its offset and the court's zone named. */
export function formatCourtDateTime(
  iso: string,
  language: Language,
  timeZone: string | null | undefined,
  style: CourtTimeStyle = 'short',
): string {
  return onCourtClock(iso, language, timeZone, FIELDS[style]);
}

/** Only the time of day on the court's clock, named the same way: "12:15 PM GMT+2 (Africa/Cairo)". */
export function formatCourtTime(iso: string, language: Language, timeZone: string | null | undefined): string {
  return onCourtClock(iso, language, timeZone, { hour: 'numeric', minute: '2-digit' });
}

/**
 * The day something happened in the court's calendar ("Nov 29, 2026" for 23:30 UTC in Cairo): a
 * case opened at night is opened on the court's date, the one its number's year is taken from.
 */
export function formatCourtDate(iso: string, language: Language, timeZone: string | null | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: courtZone(timeZone) }).format(date);
}

function onCourtClock(iso: string, language: Language, timeZone: string | null | undefined, fields: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = courtZone(timeZone);
  if (zone === 'UTC') {
    // "UTC" is the zone's name and its offset at once; nothing to add.
    return new Intl.DateTimeFormat(language, { ...fields, timeZone: zone, timeZoneName: 'short' }).format(date);
  }
  const local = new Intl.DateTimeFormat(language, { ...fields, timeZone: zone, timeZoneName: 'shortOffset' }).format(date);
  return `${local} (${ISOLATE}${zone}${END_ISOLATE})`;
}

/** Minutes the zone's clock is ahead of UTC at an instant. */
function offsetMinutesAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return Math.round((wall - instant) / 60_000);
}

/**
 * The instant a date and a time of day on the court's clock name ("2027-03-28", "09:30" in
 * Africa/Cairo), as the ISO string the api takes; null when either is not a real date or time.
 * A time the clocks skip when summer time starts reads as the same time after the change (02:30
 * on a night the clocks go from 02:00 to 03:00 is 03:30); a time they pass twice when it ends
 * reads as the first.
 */
export function courtInstant(date: string, time: string, timeZone: string | null | undefined): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  const zone = courtZone(timeZone);
  const DAY = 86_400_000;
  // The offsets in force a day either side; each that reads back as this wall time is an answer.
  const offsets = [...new Set([offsetMinutesAt(wall - DAY, zone), offsetMinutesAt(wall + DAY, zone)])];
  const fits = offsets
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => instant + offsetMinutesAt(instant, zone) * 60_000 === wall)
    .sort((a, b) => a - b);
  return new Date(fits[0] ?? wall - offsetMinutesAt(wall - DAY, zone) * 60_000).toISOString();
}

import { browserZone, pinBrowserZone, readable } from './browser-zone.testing';
import { courtInstant, courtZone, formatCourtDate, formatCourtDateTime, formatCourtTime } from './court-time';
import type { Language } from './languages';

/** 10:15 UTC on 28 November 2026: 12:15 in Cairo (no summer time in November), 02:15 in Los Angeles. */
const WINTER = '2026-11-28T10:15:00.000Z';
/**
 * Cairo puts its clocks back from 24:00 (UTC+3) to 23:00 (UTC+2) at 21:00 UTC on 29 October 2026,
 * so 23:30 happens twice that night: first at 20:30 UTC, then again at 21:30 UTC.
 */
const BEFORE_CHANGE = '2026-10-29T20:30:00.000Z';
const AFTER_CHANGE = '2026-10-29T21:30:00.000Z';

const shown = (iso: string, language: Language, zone: string | null | undefined, style?: 'short' | 'long' | 'full') =>
  readable(formatCourtDateTime(iso, language, zone, style));

describe('court time: what the court states, whatever the browser is set to', () => {
  let unpin: () => void;
  beforeAll(() => {
    unpin = pinBrowserZone('America/Los_Angeles');
  });
  afterAll(() => unpin());

  it('runs as a browser in Los Angeles', () => {
    expect(browserZone()).toBe('America/Los_Angeles');
  });

  it.each([
    ['en', 'Nov 28, 2026, 12:15 PM GMT+2 (Africa/Cairo)'],
    ['fr', '28 nov. 2026, 12:15 UTC+2 (Africa/Cairo)'],
    ['ar', '28 نوفمبر 2026، 12:15 م غرينتش+2 (Africa/Cairo)'],
  ] as const)('a Cairo court, in %s: %s', (language, expected) => {
    expect(shown(WINTER, language, 'Africa/Cairo')).toBe(expected);
  });

  it.each([
    ['en', 'Nov 28, 2026, 10:15 AM UTC'],
    ['fr', '28 nov. 2026, 10:15 UTC'],
    ['ar', '28 نوفمبر 2026، 10:15 ص UTC'],
  ] as const)('a court that keeps UTC, in %s: %s (the name is the offset; said once)', (language, expected) => {
    expect(shown(WINTER, language, 'UTC')).toBe(expected);
    expect(shown(WINTER, language, 'Etc/UTC')).toBe(expected);
  });

  it.each([
    ['en', 'Oct 29, 2026, 11:30 PM GMT+3 (Africa/Cairo)', 'Oct 29, 2026, 11:30 PM GMT+2 (Africa/Cairo)'],
    ['fr', '29 oct. 2026, 23:30 UTC+3 (Africa/Cairo)', '29 oct. 2026, 23:30 UTC+2 (Africa/Cairo)'],
    ['ar', '29 أكتوبر 2026، 11:30 م غرينتش+3 (Africa/Cairo)', '29 أكتوبر 2026، 11:30 م غرينتش+2 (Africa/Cairo)'],
  ] as const)('the night Cairo leaves summer time, in %s: the two 23:30s read apart by their offsets', (language, before, after) => {
    expect(shown(BEFORE_CHANGE, language, 'Africa/Cairo')).toBe(before);
    expect(shown(AFTER_CHANGE, language, 'Africa/Cairo')).toBe(after);
  });

  it('states a receipt to the second, and a hearing with its weekday', () => {
    expect(shown('2026-11-28T10:15:02.123Z', 'en', 'Africa/Cairo', 'long')).toBe('November 28, 2026 at 12:15:02 PM GMT+2 (Africa/Cairo)');
    expect(shown(WINTER, 'fr', 'Africa/Cairo', 'full')).toBe('samedi 28 novembre 2026 à 12:15 UTC+2 (Africa/Cairo)');
    expect(shown(WINTER, 'ar', 'Africa/Cairo', 'full')).toBe('السبت، 28 نوفمبر 2026 في 12:15 م غرينتش+2 (Africa/Cairo)');
  });

  it('gives the time of day alone, zone named, for a list of today', () => {
    expect(readable(formatCourtTime(WINTER, 'en', 'Africa/Cairo'))).toBe('12:15 PM GMT+2 (Africa/Cairo)');
    expect(readable(formatCourtTime(WINTER, 'fr', 'UTC'))).toBe('10:15 UTC');
  });

  it("gives the court's date, which is already tomorrow in Cairo when it is still today in Los Angeles", () => {
    const lateEvening = '2026-11-28T23:30:00.000Z';
    expect(formatCourtDate(lateEvening, 'en', 'Africa/Cairo')).toBe('Nov 29, 2026');
    expect(formatCourtDate(lateEvening, 'fr', 'UTC')).toBe('28 nov. 2026');
  });

  it('keeps the zone name whole inside an Arabic sentence', () => {
    expect(formatCourtDateTime(WINTER, 'ar', 'Africa/Cairo')).toContain('(\u2068Africa/Cairo\u2069)');
  });

  it("falls back to UTC, named, never to the reader's own zone, when the court's zone is missing or unknown", () => {
    expect(courtZone(undefined)).toBe('UTC');
    expect(courtZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(courtZone('Africa/Cairo')).toBe('Africa/Cairo');
    expect(shown(WINTER, 'en', null)).toBe('Nov 28, 2026, 10:15 AM UTC');
    expect(shown(WINTER, 'en', 'Mars/Olympus_Mons')).toBe('Nov 28, 2026, 10:15 AM UTC');
  });

  it('shows what it was given when it is not a time', () => {
    expect(formatCourtDateTime('not a time', 'en', 'Africa/Cairo')).toBe('not a time');
    expect(formatCourtDate('', 'en', 'Africa/Cairo')).toBe('');
  });
});

describe('courtInstant: a date and a time on the court’s clock, as the instant the api takes', () => {
  it('reads the time in the court’s zone, not the browser’s', () => {
    expect(courtInstant('2027-01-12', '09:30', 'Africa/Cairo')).toBe('2027-01-12T07:30:00.000Z');
    expect(courtInstant('2027-01-12', '09:30', 'Europe/Paris')).toBe('2027-01-12T08:30:00.000Z');
    expect(courtInstant('2027-01-12', '09:30', 'UTC')).toBe('2027-01-12T09:30:00.000Z');
    // A court without a zone (or one this browser does not know) is on UTC, as its times are shown.
    expect(courtInstant('2027-01-12', '09:30', null)).toBe('2027-01-12T09:30:00.000Z');
    expect(courtInstant('2027-01-12', '09:30', 'Mars/Olympus')).toBe('2027-01-12T09:30:00.000Z');
  });

  it('follows summer time, and reads a time of the night the clocks change as the court would', () => {
    expect(courtInstant('2027-07-12', '09:30', 'Europe/Paris')).toBe('2027-07-12T07:30:00.000Z');
    // 28 March 2027, Paris: 02:00 becomes 03:00. 02:30 does not exist; it reads as 03:30.
    expect(courtInstant('2027-03-28', '02:30', 'Europe/Paris')).toBe('2027-03-28T01:30:00.000Z');
    expect(courtInstant('2027-03-28', '03:30', 'Europe/Paris')).toBe('2027-03-28T01:30:00.000Z');
    // 31 October 2027, Paris: 03:00 becomes 02:00 again. 02:30 happens twice; the first is meant.
    expect(courtInstant('2027-10-31', '02:30', 'Europe/Paris')).toBe('2027-10-31T00:30:00.000Z');
    expect(courtInstant('2027-10-31', '03:30', 'Europe/Paris')).toBe('2027-10-31T02:30:00.000Z');
  });

  it('refuses what is not a date or a time of day', () => {
    for (const [date, time] of [
      ['2027-02-30', '09:30'],
      ['2027-13-01', '09:30'],
      ['12/01/2027', '09:30'],
      ['2027-01-12', '24:00'],
      ['2027-01-12', '09:60'],
      ['2027-01-12', '9:30'],
      ['', ''],
    ])
      expect(courtInstant(date, time, 'Africa/Cairo')).toBeNull();
  });
});

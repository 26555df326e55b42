import { formatClockTime, formatIsoDate, formatReadableDate, isoWeekday, parseClockTime, parseIsoDate } from './calendar';

describe('calendar', () => {
  it('reads and writes ISO dates as day numbers, refusing dates that do not exist', () => {
    expect(parseIsoDate('1970-01-01')).toBe(0);
    expect(formatIsoDate(parseIsoDate('2026-03-02') as number)).toBe('2026-03-02');
    expect(parseIsoDate('2028-02-29')).toBeDefined();
    for (const text of ['2026-02-29', '2026-13-01', '2026-3-2', '02/03/2026', '']) expect(parseIsoDate(text)).toBeUndefined();
  });

  it('knows the ISO weekday (Monday 1 to Sunday 7)', () => {
    expect(isoWeekday(parseIsoDate('2026-03-02') as number)).toBe(1);
    expect(isoWeekday(parseIsoDate('2026-03-08') as number)).toBe(7);
    expect(isoWeekday(parseIsoDate('1969-12-31') as number)).toBe(3);
  });

  it('reads and writes clock times, up to 24:00', () => {
    expect(parseClockTime('09:30')).toBe(570);
    expect(parseClockTime('24:00')).toBe(1_440);
    for (const text of ['24:01', '9:30', '12:60', 'noon']) expect(parseClockTime(text)).toBeUndefined();
    expect(formatClockTime(570)).toBe('09:30');
  });

  it('writes a date the way a clerk reads it', () => {
    expect(formatReadableDate(parseIsoDate('2026-03-04') as number)).toBe('Wed 4 Mar 2026');
  });
});

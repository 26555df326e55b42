import { localTime } from './filing-views';

describe('localTime', () => {
  it('states an instant as the court’s wall time with its offset, milliseconds kept', () => {
    const instant = new Date('2026-11-28T10:15:02.123Z');

    expect(localTime(instant, 'Africa/Cairo')).toBe('2026-11-28T12:15:02.123+02:00');
    expect(localTime(instant, 'UTC')).toBe('2026-11-28T10:15:02.123+00:00');
    expect(localTime(instant, 'Asia/Kolkata')).toBe('2026-11-28T15:45:02.123+05:30');
    expect(localTime(instant, 'America/Santiago')).toBe('2026-11-28T07:15:02.123-03:00');
  });

  it('follows each zone’s own offset on each date, zone after zone', () => {
    // Cairo keeps summer time (UTC+3) from the last Friday of April to the last Thursday of October.
    const summer = new Date('2026-07-01T00:00:00.000Z');
    const winter = new Date('2026-01-01T00:00:00.000Z');

    expect([
      localTime(summer, 'Africa/Cairo'),
      localTime(winter, 'Africa/Cairo'),
      localTime(summer, 'Europe/Paris'),
      localTime(winter, 'Europe/Paris'),
      localTime(summer, 'Africa/Cairo'),
    ]).toEqual([
      '2026-07-01T03:00:00.000+03:00',
      '2026-01-01T02:00:00.000+02:00',
      '2026-07-01T02:00:00.000+02:00',
      '2026-01-01T01:00:00.000+01:00',
      '2026-07-01T03:00:00.000+03:00',
    ]);
  });
});

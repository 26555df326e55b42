import { addMonths, periodOf, periodsBetween } from './periods';

describe('reporting periods', () => {
  it('finds the month, quarter and year a date falls in, with its first and last day', () => {
    expect(periodOf('2024-02-15', 'month')).toEqual({ key: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodOf('2026-05-31', 'quarter')).toEqual({ key: '2026-Q2', start: '2026-04-01', end: '2026-06-30' });
    expect(periodOf('2026-12-31', 'year')).toEqual({ key: '2026', start: '2026-01-01', end: '2026-12-31' });
  });

  it('covers from..to with whole periods, across a year end', () => {
    expect(periodsBetween('2026-11-20', '2027-01-03', 'month').map((p) => p.key)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(periodsBetween('2026-02-01', '2026-02-01', 'quarter')).toEqual([{ key: '2026-Q1', start: '2026-01-01', end: '2026-03-31' }]);
    expect(() => periodsBetween('2026-02-02', '2026-02-01', 'month')).toThrow(RangeError);
  });

  it('adds calendar months, clamping to the month’s last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });
});

import { DomainError } from '@ejustice/platform';
import { forecastScenarios, parseScenarios, resolveBacklogRange } from './backlog-request';

describe('backlog request defaults and rules', () => {
  const asOf = '2027-03-15';

  it('defaults to a year of months up to today', () => {
    expect(resolveBacklogRange({}, asOf)).toEqual({ from: '2026-04-15', to: asOf, period: 'month' });
    expect(resolveBacklogRange({ period: 'quarter' }, asOf)).toEqual({ from: '2025-06-15', to: asOf, period: 'quarter' });
    expect(resolveBacklogRange({ period: 'year', to: '2026-12-31' }, asOf)).toEqual({
      from: '2022-12-31',
      to: '2026-12-31',
      period: 'year',
    });
  });

  it('refuses a range that runs backwards or covers ten years or more, with a code', () => {
    expect(() => resolveBacklogRange({ from: '2027-02-01', to: '2027-01-01' }, asOf)).toThrow(
      expect.objectContaining({ code: 'backlog.range_invalid', kind: 'invalid' }),
    );
    expect(() => resolveBacklogRange({ from: '2017-01-01', to: '2027-01-01' }, asOf)).toThrow(
      expect.objectContaining({ code: 'backlog.range_too_long' }),
    );
    expect(resolveBacklogRange({ from: '2017-01-02', to: '2027-01-01' }, asOf).from).toBe('2017-01-02');
    expect(() => resolveBacklogRange({ from: '2027-02-31' }, asOf)).toThrow(
      expect.objectContaining({ code: 'backlog.date_invalid', fields: [{ field: 'from', message: expect.any(String) }] }),
    );
  });

  it('reads scenarios once each, in the catalogue’s order, and names an unknown one', () => {
    expect(parseScenarios(undefined)).toEqual([]);
    expect(parseScenarios('virtual_rooms, night_sessions,virtual_rooms')).toEqual(['night_sessions', 'virtual_rooms']);
    let error: unknown;
    try {
      parseScenarios('night_sessions,more_judges');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'backlog.scenario_unknown', message: expect.stringContaining('more_judges') });
  });

  it('draws the baseline, each scenario, and all together when two are asked for', () => {
    const capacity = { nightSessionHours: 3, nightRooms: 1, daySessionHoursPerWeek: 30, remoteShare: 0.5 };
    const sizes = { night_sessions: 2, virtual_rooms: 4 };
    expect(forecastScenarios([], sizes, capacity)).toEqual([{ id: 'baseline', extraHearingHoursPerWeek: 0 }]);
    expect(forecastScenarios(['night_sessions', 'virtual_rooms'], sizes, capacity)).toEqual([
      { id: 'baseline', extraHearingHoursPerWeek: 0 },
      { id: 'night_sessions', extraHearingHoursPerWeek: 6 },
      { id: 'virtual_rooms', extraHearingHoursPerWeek: 60 },
      { id: 'combined', extraHearingHoursPerWeek: 66 },
    ]);
  });
});

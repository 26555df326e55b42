import { burnDownForecast, scenarioHours } from './burn-down-forecast';

describe('burn-down forecast', () => {
  /*
   * 100 pending, 10 filed and 12 disposed of a week, a pending case needs 2 hearing-hours.
   * Baseline: net −2 a week: 100, 98, 96, 94; cleared after 100 ÷ 2 = 50 weeks.
   * +8 hours a week: 8 ÷ 2 = 4 more disposals, 16 a week, net −6: 100, 94, 88, 82; ⌈100 ÷ 6⌉ = 17 weeks.
   */
  const input = { asOf: '2027-03-01', pending: 100, incomingPerWeek: 10, resolvedPerWeek: 12, hearingHoursPerCase: 2, weeks: 3 };

  it('draws each scenario week by week as worked out by hand', () => {
    const sut = burnDownForecast(input, [
      { id: 'baseline', extraHearingHoursPerWeek: 0 },
      { id: 'more', extraHearingHoursPerWeek: 8 },
    ]);
    expect(sut.weekStarts).toEqual(['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22']);
    expect(sut.lines).toEqual([
      {
        scenario: 'baseline',
        extraHearingHoursPerWeek: 0,
        resolvedPerWeek: 12,
        pending: [100, 98, 96, 94],
        weeksToClear: 50,
        clearedOn: '2028-02-14',
      },
      {
        scenario: 'more',
        extraHearingHoursPerWeek: 8,
        resolvedPerWeek: 16,
        pending: [100, 94, 88, 82],
        weeksToClear: 17,
        clearedOn: '2027-06-28',
      },
    ]);
  });

  it('never goes below zero, and says when the backlog never clears', () => {
    const small = burnDownForecast({ ...input, pending: 5, weeks: 2 }, [{ id: 'more', extraHearingHoursPerWeek: 8 }]);
    expect(small.lines[0].pending).toEqual([5, 0, 0]);
    expect(small.lines[0].weeksToClear).toBe(1);
    const growing = burnDownForecast({ ...input, resolvedPerWeek: 9 }, [{ id: 'baseline', extraHearingHoursPerWeek: 0 }]);
    expect(growing.lines[0]).toMatchObject({ pending: [100, 101, 102, 103], weeksToClear: null, clearedOn: null });
  });

  it('adds nothing for extra hours when no case has its hearings recorded', () => {
    const sut = burnDownForecast({ ...input, hearingHoursPerCase: null }, [{ id: 'more', extraHearingHoursPerWeek: 8 }]);
    expect(sut.lines[0].resolvedPerWeek).toBe(12);
  });

  it('prices the standard scenarios from the court’s capacity', () => {
    const capacity = { nightSessionHours: 3, nightRooms: 2, daySessionHoursPerWeek: 35, remoteShare: 0.2 };
    expect(scenarioHours('night_sessions', 2, capacity)).toBe(12); // 2 sessions × 3 h × 2 rooms
    expect(scenarioHours('virtual_rooms', 4, capacity)).toBe(28); // 4 rooms × 35 h × 20 % remote
    expect(scenarioHours('night_sessions', 2, { ...capacity, nightRooms: 0 })).toBe(6); // at least one room
  });
});

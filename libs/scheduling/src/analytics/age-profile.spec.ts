import { ageBand, ageProfile } from './age-profile';

describe('age profile of pending cases', () => {
  const asOf = '2026-05-30';

  it('bands by calendar months from filing, each limit belonging to the older band', () => {
    // 3 months before 30 May is 28 Feb: filed 1 Mar is under 3 months, filed 28 Feb is 3 months old.
    expect(ageBand('2026-03-01', asOf)).toBe('under_3m');
    expect(ageBand('2026-02-28', asOf)).toBe('3_to_6m');
    expect(ageBand('2025-12-01', asOf)).toBe('3_to_6m');
    expect(ageBand('2025-11-30', asOf)).toBe('6_to_12m');
    expect(ageBand('2025-05-31', asOf)).toBe('6_to_12m');
    expect(ageBand('2025-05-30', asOf)).toBe('1_to_2y');
    expect(ageBand('2024-05-31', asOf)).toBe('1_to_2y');
    expect(ageBand('2024-05-30', asOf)).toBe('over_2y');
    expect(ageBand('2026-05-30', asOf)).toBe('under_3m');
  });

  it('counts the court and each case type, and finds the oldest', () => {
    const sut = ageProfile(
      [
        { type: 'criminal', filed: '2026-04-01' },
        { type: 'criminal', filed: '2023-01-10' },
        { type: 'civil', filed: '2025-09-01' },
        { type: 'civil', filed: '2025-10-15' },
        { type: 'civil', filed: '2024-12-24' },
      ],
      asOf,
    );
    expect(sut).toEqual({
      asOf,
      pending: 5,
      total: { under_3m: 1, '3_to_6m': 0, '6_to_12m': 2, '1_to_2y': 1, over_2y: 1 },
      byType: [
        { type: 'civil', counts: { under_3m: 0, '3_to_6m': 0, '6_to_12m': 2, '1_to_2y': 1, over_2y: 0 } },
        { type: 'criminal', counts: { under_3m: 1, '3_to_6m': 0, '6_to_12m': 0, '1_to_2y': 0, over_2y: 1 } },
      ],
      oldestFiled: '2023-01-10',
    });
  });

  it('is empty with nothing pending', () => {
    expect(ageProfile([], asOf)).toEqual({
      asOf,
      pending: 0,
      total: { under_3m: 0, '3_to_6m': 0, '6_to_12m': 0, '1_to_2y': 0, over_2y: 0 },
      byType: [],
      oldestFiled: null,
    });
  });
});

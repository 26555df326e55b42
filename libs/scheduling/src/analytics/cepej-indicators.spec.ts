import { type BacklogCaseRecord, backlogIndicators } from './cepej-indicators';

/*
 * A court worked out by hand. Quarter 2026-Q1 (90 days) and 2026-Q2.
 *   c1 criminal filed 2025-12-01, disposed 2026-02-10   pending at Q1 start, resolved in Q1
 *   c2 criminal filed 2026-01-05, disposed 2026-03-31   incoming and resolved in Q1 (last day)
 *   c3 criminal filed 2026-02-01, pending               incoming in Q1, pending at the end of Q1 and Q2
 *   c4 civil    filed 2026-03-15, disposed 2026-04-01   incoming in Q1, resolved in Q2 (first day)
 *   c5 civil    filed 2025-06-01, pending               pending throughout
 *   c6 civil    filed 2026-04-10, pending               incoming in Q2
 *   c7 family   filed 2025-01-01, disposed 2025-12-31   resolved before: in no figure
 *
 * Q1 total: incoming c2 c3 c4 = 3; resolved c1 c2 = 2; pending at start c1 c5 = 2; at end c3 c4 c5 = 3.
 *   clearance 2 ÷ 3 × 100 = 66.67 %; disposition time 365 × ¼ × 3 ÷ 2 = 136.875 days.
 * Q1 criminal: incoming 2, resolved 2, start 1, end 1: clearance 100 %, DT 365 × ¼ × 1 ÷ 2 = 45.625.
 * Q1 civil: incoming 1 (c4), resolved 0, start 1 (c5), end 2 (c4 c5): clearance 0 %, DT null (no disposal).
 * Q2 total: incoming c6 = 1; resolved c4 = 1; start c3 c4 c5 = 3; end c3 c5 c6 = 3:
 *   clearance 100 %; DT 365 × ¼ × 3 ÷ 1 = 273.75.
 * Q2 criminal: incoming 0 → clearance null; resolved 0 → DT null; start 1, end 1.
 */
const cases: BacklogCaseRecord[] = [
  { type: 'criminal', filed: '2025-12-01', disposed: '2026-02-10' },
  { type: 'criminal', filed: '2026-01-05', disposed: '2026-03-31' },
  { type: 'criminal', filed: '2026-02-01', disposed: null },
  { type: 'civil', filed: '2026-03-15', disposed: '2026-04-01' },
  { type: 'civil', filed: '2025-06-01', disposed: null },
  { type: 'civil', filed: '2026-04-10', disposed: null },
  { type: 'family', filed: '2025-01-01', disposed: '2025-12-31' },
];

describe('CEPEJ clearance rate and disposition time', () => {
  const sut = backlogIndicators(cases, { from: '2026-02-14', to: '2026-05-01', period: 'quarter' });

  it('covers whole quarters from the one `from` falls in to the one `to` falls in', () => {
    expect(sut).toMatchObject({ period: 'quarter', from: '2026-01-01', to: '2026-06-30' });
    expect(sut.periods.map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2']);
  });

  it('counts the first quarter as worked out by hand', () => {
    const q1 = sut.periods[0];
    expect(q1.total).toEqual({
      incoming: 3,
      resolved: 2,
      pendingStart: 2,
      pendingEnd: 3,
      clearanceRate: expect.closeTo(66.667, 3),
      dispositionTimeDays: 136.875,
    });
    expect(q1.byType).toEqual([
      { type: 'civil', incoming: 1, resolved: 0, pendingStart: 1, pendingEnd: 2, clearanceRate: 0, dispositionTimeDays: null },
      { type: 'criminal', incoming: 2, resolved: 2, pendingStart: 1, pendingEnd: 1, clearanceRate: 100, dispositionTimeDays: 45.625 },
    ]);
  });

  it('counts the second quarter, with null rates where a divisor is zero and no row for a type with nothing', () => {
    const q2 = sut.periods[1];
    expect(q2.total).toEqual({ incoming: 1, resolved: 1, pendingStart: 3, pendingEnd: 3, clearanceRate: 100, dispositionTimeDays: 273.75 });
    expect(q2.byType.find((t) => t.type === 'criminal')).toEqual({
      type: 'criminal',
      incoming: 0,
      resolved: 0,
      pendingStart: 1,
      pendingEnd: 1,
      clearanceRate: null,
      dispositionTimeDays: null,
    });
    expect(q2.byType.map((t) => t.type)).toEqual(['civil', 'criminal']);
  });

  it('uses 365 days for a year and annualises a month (× 12)', () => {
    const year = backlogIndicators(cases, { from: '2026-01-01', to: '2026-12-31', period: 'year' }).periods[0].total;
    // 2026: incoming c2 c3 c4 c6 = 4; resolved c1 c2 c4 = 3; pending at end c3 c5 c6 = 3.
    expect(year).toMatchObject({ incoming: 4, resolved: 3, pendingEnd: 3, clearanceRate: 75, dispositionTimeDays: 365 });
    const feb = backlogIndicators(cases, { from: '2026-02-01', to: '2026-02-28', period: 'month' }).periods[0].total;
    // February: incoming c3 = 1; resolved c1 = 1; pending at end c2 c3 c5 = 3; DT 365 ÷ 12 × 3 ÷ 1.
    expect(feb).toMatchObject({
      incoming: 1,
      resolved: 1,
      pendingEnd: 3,
      clearanceRate: 100,
      dispositionTimeDays: expect.closeTo(91.25, 9),
    });
  });

  it('gives empty periods for a court with no case', () => {
    const none = backlogIndicators([], { from: '2026-01-01', to: '2026-03-31', period: 'month' });
    expect(none.periods).toHaveLength(3);
    expect(none.periods[0]).toMatchObject({
      total: { incoming: 0, resolved: 0, pendingStart: 0, pendingEnd: 0, clearanceRate: null, dispositionTimeDays: null },
      byType: [],
    });
  });
});

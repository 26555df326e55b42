import { type CustodyCase, custodyRiskList } from './custody-risk-list';

const asOf = '2027-03-01';
function custody(caseNumber: string, custodyLimit: string, firstScheduledHearing: string | null): CustodyCase {
  return { caseId: `id-${caseNumber}`, caseNumber, type: 'criminal', custodyLimit, firstScheduledHearing };
}

describe('custody-limit risk list', () => {
  it('lists passed limits, hearings after the limit and near limits with nothing scheduled, soonest first, with the reason', () => {
    const sut = custodyRiskList(
      [
        custody('A', '2027-03-20', '2027-03-25'), // hearing five days after the limit
        custody('B', '2027-03-10', null), // 9 days left, none scheduled, inside a 14-day window
        custody('C', '2027-03-30', null), // 29 days left: outside the window
        custody('D', '2027-02-27', '2027-03-02'), // passed two days ago, whatever is scheduled
        custody('E', '2027-03-05', '2027-03-05'), // heard on the limit's own day: meets it
        custody('F', '2027-03-15', '2027-03-04'), // heard before the limit
        custody('G', '2027-03-15', null), // exactly 14 days: inside
      ],
      asOf,
      14,
    );
    expect(sut.map((r) => [r.caseNumber, r.reason, r.daysLeft])).toEqual([
      ['D', 'limit_passed', -2],
      ['B', 'none_scheduled', 9],
      ['G', 'none_scheduled', 14],
      ['A', 'hearing_after_limit', 19],
    ]);
    expect(sut[3]).toEqual({ ...custody('A', '2027-03-20', '2027-03-25'), reason: 'hearing_after_limit', daysLeft: 19 });
  });

  it('lists a limit expiring today with nothing scheduled (0 days left)', () => {
    expect(custodyRiskList([custody('H', asOf, null)], asOf, 0)).toEqual([
      { ...custody('H', asOf, null), reason: 'none_scheduled', daysLeft: 0 },
    ]);
  });
});

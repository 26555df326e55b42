import fc from 'fast-check';
import { ROLES, type Role } from '@ejustice/vocabulary/role';
import { type CaseFacts, type CaseViewer, canReadMaterial } from './case-access';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '@ejustice/vocabulary/case-type';
import { numberDocketFor } from './docket-numbering';

const COURT = 'court-1';

function viewer(userId: string, roles: Role[], courtId = COURT): CaseViewer {
  return { userId, roles, courtId };
}

const publicCase: CaseFacts = {
  courtId: COURT,
  confidentiality: 'public',
  parties: [{ id: 'defendant', partyRole: 'defendant', isProtected: false, userId: 'defendant-user', counselUserId: 'defence-counsel' }],
};

function docket(...levels: Confidentiality[]): { id: string; seq: number; confidentiality: Confidentiality }[] {
  return levels.map((confidentiality, i) => ({ id: `e${i + 1}`, seq: i + 1, confidentiality }));
}

describe('numberDocketFor', () => {
  const sut = docket('public', 'public', 'sealed', 'confidential', 'public');

  it('shows the bench every entry under the case’s own sequence', () => {
    for (const roles of [['judge'], ['clerk']] as Role[][]) {
      expect(numberDocketFor(viewer('staff', roles), publicCase, sut).map((x) => [x.entry.id, x.seq])).toEqual([
        ['e1', 1],
        ['e2', 2],
        ['e3', 3],
        ['e4', 4],
        ['e5', 5],
      ]);
    }
  });

  it('numbers a party’s docket 1, 2, 3... with no gap where the sealed entry is', () => {
    expect(numberDocketFor(viewer('defendant-user', ['party']), publicCase, sut).map((x) => [x.entry.id, x.seq])).toEqual([
      ['e1', 1],
      ['e2', 2],
      ['e4', 3],
      ['e5', 4],
    ]);
  });

  it('numbers an observer’s docket over the public entries only', () => {
    expect(numberDocketFor(viewer('press', ['observer']), publicCase, sut).map((x) => [x.entry.id, x.seq])).toEqual([
      ['e1', 1],
      ['e2', 2],
      ['e5', 3],
    ]);
  });

  it('gives a judge of another court, who may not see the case, nothing', () => {
    expect(numberDocketFor(viewer('j', ['judge'], 'court-2'), publicCase, sut)).toEqual([]);
  });

  it('orders by the case’s sequence whatever order the entries come in', () => {
    const shuffled = [sut[4], sut[0], sut[3], sut[2], sut[1]];
    expect(numberDocketFor(viewer('defendant-user', ['party']), publicCase, shuffled).map((x) => x.entry.id)).toEqual([
      'e1',
      'e2',
      'e4',
      'e5',
    ]);
  });

  it('always shows exactly the readable entries, in order, as 1..n to anyone but the bench', () => {
    const viewers = fc.record({
      userId: fc.constantFrom('defendant-user', 'defence-counsel', 'stranger', 'staff'),
      courtId: fc.constantFrom(COURT, 'court-2'),
      roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(viewers, fc.array(fc.constantFrom(...CONFIDENTIALITY_LEVELS), { maxLength: 12 }), (v, levels) => {
        const entries = docket(...levels);
        const numbered = numberDocketFor(v, publicCase, entries);
        expect(numbered.map((x) => x.entry)).toEqual(entries.filter((e) => canReadMaterial(v, publicCase, e.confidentiality)));
        const bench = v.courtId === COURT && v.roles.some((r) => r === 'judge' || r === 'clerk');
        expect(numbered.map((x) => x.seq)).toEqual(bench ? numbered.map((x) => x.entry.seq) : numbered.map((_, i) => i + 1));
      }),
    );
  });
});

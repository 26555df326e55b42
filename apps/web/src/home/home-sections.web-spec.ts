import type { Role } from '@ejustice/vocabulary/role';
import { casesTitleKey, sectionsFor } from './home-sections';

const ids = (roles: Role[]) => sectionsFor(roles).map((section) => section.id);

describe('home sections by role', () => {
  it.each<[Role[], string[]]>([
    [['judge'], ['todaysHearings', 'cases']],
    [['clerk'], ['todaysHearings', 'cases', 'filingQueue', 'hearingsToSchedule']],
    [['party'], ['myHearings', 'cases', 'inbox', 'myFilings']],
    [['counsel'], ['myHearings', 'cases', 'inbox', 'myFilings']],
    [['prosecutor'], ['myHearings', 'cases', 'inbox', 'myFilings']],
    [['interpreter'], ['myHearings']],
    [['supporter'], ['myHearings']],
    [['admin'], ['cases', 'jobQueues', 'courtAdministration']],
    [['observer'], ['cases', 'inbox', 'myFilings']],
    [[], []],
  ])('%j lands on %j', (roles, expected) => {
    expect(ids(roles)).toEqual(expected);
  });

  it('shows each section once to someone with several roles, real data first', () => {
    expect(ids(['counsel', 'party', 'interpreter', 'supporter', 'judge'])).toEqual([
      'todaysHearings',
      'myHearings',
      'cases',
      'inbox',
      'myFilings',
    ]);
  });

  it('calls the list "My cases" for those who take part in cases and "Cases" for court officers', () => {
    expect(casesTitleKey(['party'])).toBe('cases.titleMine');
    expect(casesTitleKey(['judge', 'counsel'])).toBe('cases.titleMine');
    expect(casesTitleKey(['judge', 'clerk'])).toBe('cases.titleAll');
    expect(casesTitleKey(['observer'])).toBe('cases.titleAll');
  });
});

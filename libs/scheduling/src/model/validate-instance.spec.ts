import { exampleInstance } from '../testing/example-instance';
import { problemsOf } from '../testing/instance-problems';

describe('validateInstance', () => {
  it('accepts the README example', () => {
    expect(problemsOf(exampleInstance())).toEqual([]);
  });

  it('lists every problem with its path and a sentence saying what is expected', () => {
    const instance = exampleInstance();
    const broken = {
      ...instance,
      format: 'v0',
      sessions: [
        { ...instance.sessions[0], date: '2026-02-30' },
        { ...instance.sessions[1], start: '17:00', rooms: ['R-9'] },
        { ...instance.sessions[2], date: '2026-03-01' },
      ],
      judges: [instance.judges[0], { ...instance.judges[1], id: 'J-ADAMS', maxSittingMinutesPerDay: 0 }],
      cases: [
        { ...instance.cases[0], type: 'piracy', hearings: [{ type: 'trial', minutes: 90.5 }] },
        { ...instance.cases[1], filed: '2026-04-01', custody: { limit: 'soon' } },
        { ...instance.cases[2], hearings: [] },
        { ...instance.cases[3], interpreterLanguages: ['ar', 'ar'], needs: { intermediary: 'yes' } },
      ],
      published: [{ case: 'TIP-2024-000017', hearing: 4, session: 'nowhere', start: '9am', judge: 'J-ADAMS', room: 'R-1' }],
    };

    expect(problemsOf(broken)).toEqual([
      'format: must be "ejustice.schedule-instance/1"',
      'sessions[0].date: must be a calendar date written YYYY-MM-DD',
      'sessions[1]: ends (16:30) before it starts (17:00)',
      'sessions[1].rooms[0]: names no known room ("R-9")',
      'sessions[2].date: is before the plan starts (horizon.start)',
      'judges[1].id: "J-ADAMS" is used twice in judges',
      'judges[1].maxSittingMinutesPerDay: must be a whole number from 1 to 1440',
      'cases[0].type: must be one of trafficking, criminal, civil, family, labour, administrative',
      'cases[0].hearings[0].minutes: must be a whole number from 1 to 1440',
      'cases[1].filed: is after the plan starts (horizon.start)',
      'cases[1].custody.limit: must be a calendar date written YYYY-MM-DD',
      'cases[2].hearings: must list at least one hearing still needed (a case with none is not pending)',
      'cases[3].interpreterLanguages: names a language twice',
      'cases[3].needs.intermediary: must be true or false',
      'published[0].hearing: case TIP-2024-000017 needs only 1 hearing(s)',
      'published[0].session: names no known session ("nowhere")',
      'published[0].start: must be a time written HH:MM (00:00 to 24:00)',
    ]);
  });

  it('refuses what is not an object at all', () => {
    expect(problemsOf([])).toEqual(['$: not an object']);
  });

  it('checks the policy overrides', () => {
    const instance = { ...exampleInstance(), policy: { tierWeights: { custody: -1, royalty: 3 }, unscheduledPenaltyDays: 'many' } };

    expect(problemsOf(instance)).toEqual([
      'policy.tierWeights.custody: must be a number from 0.001 to 1000000',
      'policy.tierWeights.royalty: is not a tier (custody, child_vulnerable, trafficking, other)',
      'policy.unscheduledPenaltyDays: must be a number from 0 to 36500',
    ]);
  });
});

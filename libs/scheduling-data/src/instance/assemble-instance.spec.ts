import { validateInstance } from '@ejustice/scheduling';
import { type CourtSchedulingRows, type PendingCaseRows, assembleInstance } from './assemble-instance';

const anyDay = { weekdays: null, kinds: null };

function pending(over: Partial<PendingCaseRows> = {}): PendingCaseRows {
  return {
    id: 'c1',
    type: 'criminal',
    filed: '2026-01-05',
    facts: null,
    people: [],
    counsel: [],
    hearings: [{ type: 'trial', minutes: 60, minDaysAfterPrevious: null }],
    adjournments: [],
    ...over,
  };
}

function rows(over: Partial<CourtSchedulingRows> = {}): CourtSchedulingRows {
  return {
    courtId: 'court-1',
    horizon: { start: '2027-03-01', end: '2027-03-07' },
    policy: {},
    sessions: [{ id: 's1', date: '2027-03-01', kind: 'day', start: '09:00', end: '16:00', rooms: [] }],
    judges: [{ id: 'j1', name: 'Judge A', specialisms: [], sitting: anyDay, maxSittingMinutesPerDay: 300, leave: [] }],
    rooms: [{ id: 'r1', name: 'Courtroom 1', virtual: false, equipment: [], available: anyDay, off: [] }],
    interpreters: [],
    supporters: [],
    cases: [pending()],
    ...over,
  };
}

describe('assembleInstance', () => {
  it('writes a case without scheduling facts as the bare minimum, and a valid instance', () => {
    const sut = assembleInstance(rows());
    expect(sut.cases).toEqual([{ id: 'c1', type: 'criminal', filed: '2026-01-05', hearings: [{ type: 'trial', minutes: 60 }] }]);
    expect(sut.judges).toEqual([{ id: 'j1', name: 'Judge A', maxSittingMinutesPerDay: 300 }]);
    expect(sut.rooms).toEqual([{ id: 'r1', name: 'Courtroom 1', virtual: false, equipment: [] }]);
    expect(() => validateInstance(sut)).not.toThrow();
  });

  it('leaves out cases with no hearing still needed and sessions outside the horizon', () => {
    const sut = assembleInstance(
      rows({
        cases: [pending(), pending({ id: 'c2', hearings: [] })],
        sessions: [
          { id: 'before', date: '2027-02-28', kind: 'day', start: '09:00', end: '16:00', rooms: [] },
          { id: 'in', date: '2027-03-07', kind: 'night', start: '18:00', end: '21:00', rooms: ['r1'] },
          { id: 'after', date: '2027-03-08', kind: 'day', start: '09:00', end: '16:00', rooms: [] },
        ],
      }),
    );
    expect(sut.cases.map((c) => c.id)).toEqual(['c1']);
    expect(sut.sessions).toEqual([{ id: 'in', date: '2027-03-07', kind: 'night', start: '18:00', end: '21:00', rooms: ['r1'] }]);
  });

  it("gives the day a case's last hearing was held, no later than the plan's first day", () => {
    const sut = assembleInstance(
      rows({
        cases: [
          pending({ lastHeard: '2027-02-22' }),
          pending({ id: 'c2', lastHeard: '2027-03-04' }),
          pending({ id: 'c3', lastHeard: null }),
        ],
      }),
    );
    expect(sut.cases.map((c) => [c.id, c.lastHeard])).toEqual([
      ['c1', '2027-02-22'],
      ['c2', '2027-03-01'],
      ['c3', undefined],
    ]);
    expect('lastHeard' in sut.cases[2]).toBe(false);
    expect(() => validateInstance(sut)).not.toThrow();
  });

  it('maps custody, people, needs and availability, dropping a witness without a key', () => {
    const sut = assembleInstance(
      rows({
        cases: [
          pending({
            facts: {
              offence: 'robbery',
              custodyLimit: '2027-03-04',
              interpreterLanguages: ['ar'],
              needsIntermediary: false,
              needsSupporter: false,
              needsLiveLink: true,
              remoteAllowed: false,
              judgeSpecialisms: [],
            },
            people: [
              { role: 'victim', personKey: null, child: false, vulnerable: true },
              { role: 'witness', personKey: 'w1', child: true, vulnerable: false },
              { role: 'witness', personKey: null, child: false, vulnerable: false },
            ],
          }),
        ],
        interpreters: [
          { id: 'i1', languages: ['ar'], available: { weekdays: [5, 1], kinds: ['day'] }, off: [{ from: '2027-03-02', to: '2027-03-03' }] },
        ],
      }),
    );
    expect(sut.cases[0]).toMatchObject({
      offence: 'robbery',
      custody: { limit: '2027-03-04' },
      interpreterLanguages: ['ar'],
      needs: { liveLink: true },
      victims: [{ child: false, vulnerable: true }],
      witnesses: [{ id: 'w1', child: true, vulnerable: false }],
    });
    expect(sut.cases[0]).not.toHaveProperty('remoteAllowed');
    expect(sut.interpreters).toEqual([
      {
        id: 'i1',
        languages: ['ar'],
        available: { weekdays: [1, 5], kinds: ['day'], unavailable: [{ from: '2027-03-02', to: '2027-03-03' }] },
      },
    ]);
  });

  it('puts the published timetable in, but only the hearings the solver can still keep or move', () => {
    const kept = { caseId: 'c1', needIndex: 0, part: 1, sessionId: 's1', start: '09:00', judgeId: 'j1', roomId: 'r1' };
    const sut = assembleInstance(
      rows({
        cases: [pending(), pending({ id: 'gone-by', hearings: [] })],
        published: [
          kept,
          { ...kept, sessionId: 'held-last-week' },
          { ...kept, judgeId: 'retired' },
          { ...kept, roomId: 'closed-room' },
          { ...kept, caseId: 'gone-by' },
          { ...kept, needIndex: 1 },
        ],
      }),
    );
    expect(sut.published).toEqual([{ case: 'c1', hearing: 0, part: 1, session: 's1', start: '09:00', judge: 'j1', room: 'r1' }]);
    expect(() => validateInstance(sut)).not.toThrow();
    expect(assembleInstance(rows()).published).toBeUndefined();
  });
});

import { HARD_CONSTRAINTS, checkPlan } from '../check/check-plan';
import { checkMove } from '../check/check-move';
import type { CaseInput, ScheduleInstance } from '../model/instance';
import { validateInstance } from '../model/validate-instance';
import { HELD_BY_REASONS, LISTING_DAY_CODES, UNSCHEDULED_CODES, type PlanAssignment, type SchedulePlan } from '../plan';
import { exampleInstance } from '../testing/example-instance';
import { solveSchedule } from './solve';

const QUICK = { timeLimitSeconds: 30, maxIterations: 50, maxBoundIterations: 50 } as const;

/** One judge, one courtroom, one morning: room for one three-hour hearing. */
function oneMorning(cases: CaseInput[]): ScheduleInstance {
  return validateInstance({
    format: 'ejustice.schedule-instance/1',
    horizon: { start: '2026-03-02' },
    sessions: [{ id: 'mon-am', date: '2026-03-02', kind: 'day', start: '09:30', end: '12:30' }],
    judges: [{ id: 'J-1', maxSittingMinutesPerDay: 300 }],
    rooms: [{ id: 'R-1', virtual: false }],
    cases,
  });
}

describe('explanations as facts, for the board to say in ar, en and fr', () => {
  it('gives each listing the facts of its sentence: tier, limit, waiting, adjournments, rank, and why this day', () => {
    const { plan } = solveSchedule(exampleInstance(), QUICK);
    const trafficking = plan.assignments.filter((a) => a.case === 'TIP-2024-000017');
    expect(trafficking[0].explanation).toEqual({
      tier: 'custody',
      custodyLimit: '2026-03-04',
      filed: exampleInstance().cases.find((c) => c.id === 'TIP-2024-000017')?.filed,
      daysWaited: expect.any(Number),
      yearsWaited: 1.81,
      adjournments: 2,
      adjournmentReasons: ['courts_suspended', 'no_court_time'],
      rank: 1,
      of: 8,
      day: 'earliest',
      date: '2026-03-02',
      heldBy: [],
    });
    // The sentence says "waiting 1.8 years": the days are the same wait.
    expect((trafficking[0].explanation?.daysWaited ?? 0) / 365.25).toBeCloseTo(1.8, 1);
    expect(trafficking[1].explanation).toMatchObject({ day: 'earliest', date: '2026-03-02', afterBreakMinutes: 15 });
    // "as before that no fr interpreter was available"
    const french = plan.assignments.find((a) => a.case === 'CR-2024-000555');
    expect(french?.explanation).toMatchObject({
      day: 'earliest',
      date: '2026-03-03',
      heldBy: [expect.objectContaining({ reason: 'no_interpreter', languages: ['fr'] })],
    });
    for (const a of plan.assignments) {
      expect(LISTING_DAY_CODES).toContain(a.explanation?.day);
      expect(a.explanation?.date).toBe(a.date);
      for (const held of a.explanation?.heldBy ?? []) expect(HELD_BY_REASONS).toContain(held.reason);
    }
  });

  it('says which day a hearing was crowded out of, by what, and a child victim as the ground of priority', () => {
    const { plan } = solveSchedule(
      oneMorning([
        {
          id: 'C-CHILD',
          type: 'criminal',
          filed: '2025-03-02',
          victims: [{ child: true }],
          hearings: [{ type: 'trial', minutes: 120 }],
        },
        { id: 'C-LATER', type: 'civil', filed: '2025-09-02', hearings: [{ type: 'trial', minutes: 150 }] },
      ]),
      QUICK,
    );
    expect(plan.assignments.map((a) => [a.case, a.explanation?.tier, a.explanation?.ground])).toEqual([
      ['C-CHILD', 'child_vulnerable', 'child_victim'],
    ]);
    expect(plan.unscheduled).toEqual([
      {
        case: 'C-LATER',
        missing: [{ hearing: 0, part: 1 }],
        reason: expect.stringContaining("the judges' lists were full"),
        code: 'crowded_out',
        params: {
          hearing: 0,
          type: 'trial',
          part: 1,
          parts: 1,
          days: 1,
          heldBy: [
            {
              reason: 'judges_full',
              days: 1,
              specialisms: [],
              languages: [],
              minutes: 150,
              inPerson: true,
              liveLink: false,
              intermediary: false,
              supporter: false,
            },
          ],
        },
      },
    ]);
  });

  it('codes a hearing that cannot follow its previous one within the plan', () => {
    const { plan } = solveSchedule(
      oneMorning([
        {
          id: 'C-CHAIN',
          type: 'civil',
          filed: '2025-03-02',
          hearings: [
            { type: 'case_management', minutes: 30 },
            { type: 'trial', minutes: 60, minDaysAfterPrevious: 7 },
          ],
        },
      ]),
      QUICK,
    );
    expect(plan.unscheduled.map((u) => [u.code, u.params?.hearing, u.params?.minDays])).toEqual([['beyond_plan', 1, 7]]);
    for (const u of plan.unscheduled) expect(UNSCHEDULED_CODES).toContain(u.code);
  });
});

describe('violations carry what their sentence names', () => {
  const listing = (over: Partial<PlanAssignment> & Pick<PlanAssignment, 'case' | 'session' | 'start' | 'end' | 'judge' | 'room'>) =>
    ({
      hearing: 0,
      part: 1,
      parts: 1,
      type: 'trial',
      date: over.session.slice(0, 10),
      remote: over.room.startsWith('V'),
      interpreters: [],
      ...over,
    }) as PlanAssignment;
  const planOf = (assignments: PlanAssignment[]) => ({ format: 'ejustice.schedule-plan/1', assignments }) as unknown as SchedulePlan;

  it('gives the judge, date, listings and limits of each broken rule', () => {
    const instance = exampleInstance();
    const { violations } = checkPlan(
      instance,
      planOf([
        // J-BELLO holds no trafficking specialism and is on leave on the 4th; FAM in a room the night closes.
        listing({ case: 'ADM-2024-000033', session: '2026-03-04-am', start: '09:30', end: '13:00', judge: 'J-BELLO', room: 'R-2' }),
        listing({ case: 'CR-2023-000102', session: '2026-03-02-am', start: '09:30', end: '11:30', judge: 'J-CHEN', room: 'V-1' }),
        listing({ case: 'LAB-2025-000120', session: '2026-03-02-am', start: '10:00', end: '10:45', judge: 'J-CHEN', room: 'R-2' }),
        listing({ case: 'CV-2022-000900', session: 'nowhere', start: '10:00', end: '11:30', judge: 'J-CHEN', room: 'R-2' }),
      ]),
    );
    for (const v of violations) {
      expect(HARD_CONSTRAINTS).toContain(v.constraint);
      expect(v.params).toBeDefined();
    }
    const find = (constraint: string) => violations.find((v) => v.constraint === constraint)?.params;
    expect(find('judge_not_sitting')).toEqual({
      listing: { case: 'ADM-2024-000033', hearing: 0, part: 1, parts: 1 },
      judge: 'J-BELLO',
      kind: 'day',
      date: '2026-03-04',
    });
    expect(find('remote_not_allowed')).toEqual({ listing: { case: 'CR-2023-000102', hearing: 0, part: 1, parts: 1 }, room: 'V-1' });
    expect(find('unknown_reference')).toEqual({ listing: { case: 'CV-2022-000900', hearing: 0, part: 1, parts: 1 }, unknown: 'session' });
    expect(find('double_booked')).toEqual({
      resource: { kind: 'judge', id: 'J-CHEN' },
      date: '2026-03-02',
      listing: { case: 'CR-2023-000102', hearing: 0, part: 1, parts: 1 },
      other: { case: 'LAB-2025-000120', hearing: 0, part: 1, parts: 1 },
    });
  });

  it('refuses a move of a listing the plan does not hold with the listing named', () => {
    const { plan } = solveSchedule(exampleInstance(), QUICK);
    const result = checkMove(exampleInstance(), plan, {
      case: 'NOPE',
      hearing: 1,
      part: 2,
      session: '2026-03-02-am',
      start: '09:30',
      judge: 'J-CHEN',
      room: 'R-2',
    });
    expect(result.violations).toEqual([
      {
        constraint: 'unknown_reference',
        message: 'NOPE hearing 2 block 2: the plan does not list it.',
        params: { listing: { case: 'NOPE', hearing: 1, part: 2 }, unknown: 'listing' },
      },
    ]);
  });
});

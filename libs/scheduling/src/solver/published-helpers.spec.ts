import { checkPlan } from '../check/check-plan';
import type { CaseInput, PublishedHearingInput, ScheduleInstance } from '../model/instance';
import { validateInstance } from '../model/validate-instance';
import type { PlanAssignment } from '../plan';
import { solveSchedule } from './solve';
import { problemsOf } from '../testing/instance-problems';

/*
 * The interpreters and supporters a published hearing was listed with (`published[].interpreters`,
 * `.supporters`): they have been summoned to it. A re-plan keeps them with the hearing when it
 * can, and a hearing under way keeps them whatever else is free, so that nobody sitting in one
 * hearing is planned into another at the same time.
 */

const OPTIONS = { seed: 5, timeLimitSeconds: 5, maxIterations: 200, maxBoundIterations: 20 };

const needsArabic = (id: string, filed: string): CaseInput => ({
  id,
  type: 'criminal',
  filed,
  interpreterLanguages: ['ar'],
  needs: { supporter: true },
  hearings: [{ type: 'trial', minutes: 60 }],
});

/** One morning, two judges in two rooms, two Arabic interpreters and two supporters, two cases that need one of each. */
function court(published: readonly PublishedHearingInput[]): ScheduleInstance {
  return {
    format: 'ejustice.schedule-instance/1',
    horizon: { start: '2027-03-01' },
    sessions: [{ id: 'MON-AM', date: '2027-03-01', kind: 'day', start: '09:00', end: '10:00' }],
    judges: [
      { id: 'J-1', maxSittingMinutesPerDay: 480 },
      { id: 'J-2', maxSittingMinutesPerDay: 480 },
    ],
    rooms: [
      { id: 'R-1', virtual: false },
      { id: 'R-2', virtual: false },
    ],
    interpreters: [
      { id: 'I-A', languages: ['ar'] },
      { id: 'I-B', languages: ['ar', 'fr'] },
    ],
    supporters: [
      { id: 'S-A', role: 'supporter' },
      { id: 'S-B', role: 'supporter' },
    ],
    cases: [needsArabic('C-LISTED', '2025-01-10'), needsArabic('C-NEW', '2025-02-10')],
    published,
  };
}

const listedWithB = (underWay: boolean): PublishedHearingInput => ({
  case: 'C-LISTED',
  hearing: 0,
  session: 'MON-AM',
  start: '09:00',
  judge: 'J-1',
  room: 'R-1',
  interpreters: ['I-B'],
  supporters: ['S-B'],
  ...(underWay ? { underWay: true } : {}),
});

const of = (assignments: readonly PlanAssignment[], caseId: string) => assignments.find((a) => a.case === caseId);

describe('the interpreters and supporters of a published hearing', () => {
  it('are accepted by validation, ids the court no longer has included, and refused when not a list of ids', () => {
    expect(() => validateInstance(court([{ ...listedWithB(false), interpreters: ['I-B', 'I-GONE'] }]))).not.toThrow();
    expect(problemsOf({ ...court([]), published: [{ ...listedWithB(false), interpreters: 'I-B', supporters: [7] }] })).toEqual([
      'published[0].interpreters: must be a list of ids',
      'published[0].supporters: must be a list of ids',
    ]);
  });

  it('stay with a hearing kept where it was listed, although others come first', () => {
    const instance = court([listedWithB(false)]);
    const { plan } = solveSchedule(instance, OPTIONS);
    expect(of(plan.assignments, 'C-LISTED')).toMatchObject({
      session: 'MON-AM',
      start: '09:00',
      interpreters: [{ language: 'ar', interpreter: 'I-B' }],
      supporter: 'S-B',
    });
    expect(of(plan.assignments, 'C-NEW')).toMatchObject({ interpreters: [{ language: 'ar', interpreter: 'I-A' }], supporter: 'S-A' });
    expect(checkPlan(instance, plan).violations).toEqual([]);
  });

  it('are never planned into another hearing while theirs is under way', () => {
    const instance = court([listedWithB(true)]);
    const { plan } = solveSchedule(instance, OPTIONS);
    expect(of(plan.assignments, 'C-LISTED')).toMatchObject({ interpreters: [{ language: 'ar', interpreter: 'I-B' }], supporter: 'S-B' });
    const other = of(plan.assignments, 'C-NEW');
    expect(other).toBeDefined();
    expect(other?.interpreters).toEqual([{ language: 'ar', interpreter: 'I-A' }]);
    expect(other?.supporter).toBe('S-A');
    expect(checkPlan(instance, plan).violations).toEqual([]);
  });

  it('under way, are kept although entered as away that day since: they are sitting in it', () => {
    const base = court([listedWithB(true)]);
    const instance: ScheduleInstance = {
      ...base,
      interpreters: (base.interpreters ?? []).map((i) =>
        i.id === 'I-B' ? { ...i, available: { unavailable: [{ from: '2027-03-01', to: '2027-03-01' }] } } : i,
      ),
    };
    const { plan } = solveSchedule(instance, OPTIONS);
    expect(of(plan.assignments, 'C-LISTED')).toMatchObject({ interpreters: [{ language: 'ar', interpreter: 'I-B' }], supporter: 'S-B' });
    expect(of(plan.assignments, 'C-NEW')?.interpreters).toEqual([{ language: 'ar', interpreter: 'I-A' }]);
    expect(checkPlan(instance, plan).violations.map((v) => v.constraint)).not.toContain('pinned_moved');
  });

  it('under way: a plan giving the hearing other helpers than those sitting in it is refused by the checker', () => {
    const instance = court([listedWithB(true)]);
    const { plan } = solveSchedule(instance, OPTIONS);
    const swapped = {
      ...plan,
      assignments: plan.assignments.map((a) =>
        a.case === 'C-LISTED'
          ? { ...a, interpreters: [{ language: 'ar', interpreter: 'I-A' }], supporter: 'S-A' }
          : { ...a, interpreters: [{ language: 'ar', interpreter: 'I-B' }], supporter: 'S-B' },
      ),
    };
    expect(checkPlan(instance, swapped).violations.map((v) => v.constraint)).toEqual(['pinned_moved']);
  });
});

import { checkPlan } from '../check/check-plan';
import type { CaseInput, ScheduleInstance } from '../model/instance';
import { buildModel } from '../model/model';
import { validateInstance } from '../model/validate-instance';
import type { PublishedHearingInput } from '../model/instance';
import { exampleInstance } from '../testing/example-instance';
import { generateInstance } from '../testing/instance-generator';
import { type SolveProgress, solveModel, solveSchedule, solveSteps } from './solve';

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

describe('solveSchedule', () => {
  it("hears the example court's cases within every rule, explaining each listing", () => {
    const instance = exampleInstance();
    const { plan } = solveSchedule(instance, QUICK);

    expect(checkPlan(instance, JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
    expect(plan.summary).toMatchObject({ cases: 8, hearings: 10, hearingsPlaced: 10, custodyBreaches: 1, custodyBreachesUnavoidable: 1 });
    const trafficking = plan.assignments.filter((assignment) => assignment.case === 'TIP-2024-000017');
    expect(trafficking.map((assignment) => [assignment.part, assignment.judge, assignment.room, assignment.intermediary])).toEqual([
      [1, 'J-ADAMS', 'R-1', 'INT-1'],
      [2, 'J-ADAMS', 'R-1', 'INT-1'],
    ]);
    expect(trafficking.every((assignment) => assignment.date <= '2026-03-04')).toBe(true);
    expect(trafficking[0].why).toBe(
      'In custody with a custody time limit of Wed 4 Mar 2026, waiting 1.8 years since filing, adjourned 2 times before (courts suspended, no court time), priority 1 of 8; listed on Mon 2 Mar 2026, the earliest day it could be heard.',
    );
    expect(trafficking[1].why).toMatch(
      /; listed on Mon 2 Mar 2026, the earliest day it could be heard, after the block before it and a 15-minute break\.$/,
    );
    const french = plan.assignments.find((assignment) => assignment.case === 'CR-2024-000555');
    expect(french?.why).toMatch(
      /; listed on Tue 3 Mar 2026, the earliest day it could be heard, as before that no fr interpreter was available\.$/,
    );
  });

  it('reports a custody limit no plan can meet as unavoidable, with the reason, and still lists the case', () => {
    const { plan } = solveSchedule(exampleInstance(), QUICK);

    expect(plan.custodyRisk).toEqual([
      {
        case: 'CR-2024-000555',
        limit: '2026-02-27',
        status: 'breach',
        unavoidable: true,
        reason: 'Its custody time limit (Fri 27 Feb 2026) passed before the plan starts: apply to extend it or release.',
        code: 'limit_passed',
        params: { limit: '2026-02-27', heldBy: [] },
      },
    ]);
    expect(plan.assignments.some((assignment) => assignment.case === 'CR-2024-000555')).toBe(true);
  });

  it('gives a custody case its limit before any other case, however long the other has waited', () => {
    const instance = oneMorning([
      {
        id: 'OLD',
        type: 'civil',
        filed: '2020-01-06',
        hearings: [{ type: 'trial', minutes: 180 }],
        adjournments: [{ date: '2021-01-04', reason: 'courts_suspended' }],
      },
      {
        id: 'CUSTODY',
        type: 'criminal',
        filed: '2026-02-20',
        custody: { limit: '2026-03-02' },
        hearings: [{ type: 'trial', minutes: 180 }],
      },
    ]);
    const { plan } = solveSchedule(instance, QUICK);

    expect(plan.assignments.map((assignment) => assignment.case)).toEqual(['CUSTODY']);
    expect(plan.custodyRisk).toEqual([]);
    expect(plan.unscheduled).toEqual([
      {
        case: 'OLD',
        missing: [{ hearing: 0, part: 1 }],
        reason:
          "Hearing 1 (trial) not listed: on all 1 sitting day it could be heard the judges' lists were full; cases of higher priority (or listed earlier) hold that time.",
        code: 'crowded_out',
        params: {
          hearing: 0,
          type: 'trial',
          part: 1,
          parts: 1,
          days: 1,
          heldBy: [expect.objectContaining({ reason: 'judges_full', days: 1, minutes: 180 })],
        },
      },
    ]);
  });

  it('when two custody cases compete for one slot, hears one and reports the other, not as unavoidable', () => {
    const instance = oneMorning([
      { id: 'FIRST', type: 'criminal', filed: '2025-06-02', custody: { limit: '2026-03-02' }, hearings: [{ type: 'trial', minutes: 180 }] },
      {
        id: 'SECOND',
        type: 'criminal',
        filed: '2025-09-01',
        custody: { limit: '2026-03-02' },
        hearings: [{ type: 'trial', minutes: 120 }],
      },
    ]);
    const { plan } = solveSchedule(instance, QUICK);

    expect(plan.summary.custodyBreaches).toBe(1);
    expect(plan.custodyRisk).toHaveLength(1);
    expect(plan.custodyRisk[0]).toMatchObject({ status: 'breach', unavoidable: false });
    expect(plan.custodyRisk[0].reason).toMatch(
      /^Not met: before its limit the judges' lists were full, by other custody cases whose limits are as close/,
    );
    expect(plan.custodyRisk[0]).toMatchObject({
      code: 'crowded_out',
      params: { limit: '2026-03-02', heldBy: [expect.objectContaining({ reason: 'judges_full' })] },
    });
  });

  it('says as codes why a custody limit cannot be met in time, and when it falls after the plan', () => {
    const { plan } = solveSchedule(
      oneMorning([
        {
          id: 'CHAIN',
          type: 'criminal',
          filed: '2025-06-02',
          custody: { limit: '2026-03-02' },
          hearings: [
            { type: 'first_appearance', minutes: 30 },
            { type: 'trial', minutes: 60, minDaysAfterPrevious: 3 },
          ],
        },
        {
          id: 'LATER',
          type: 'criminal',
          filed: '2025-09-01',
          custody: { limit: '2026-03-20' },
          hearings: [
            { type: 'first_appearance', minutes: 30 },
            { type: 'trial', minutes: 60 },
          ],
        },
      ]),
      QUICK,
    );
    expect(plan.custodyRisk).toEqual([
      expect.objectContaining({
        case: 'CHAIN',
        status: 'breach',
        unavoidable: true,
        reason: expect.stringMatching(/^No plan can meet its limit: it needs 2 hearings 3 days apart in all and only 0 days remain/),
        code: 'unavoidable',
        params: expect.objectContaining({ limit: '2026-03-02', hearings: 2, gapDays: 3, daysLeft: 0 }),
      }),
      expect.objectContaining({
        case: 'LATER',
        status: 'at_risk',
        code: 'after_plan',
        params: { limit: '2026-03-20', heldBy: [] },
      }),
    ]);
  });

  it('counts the days from a hearing held long before the plan as already spent, when it says why a limit cannot be met', () => {
    const { plan } = solveSchedule(
      oneMorning([
        {
          id: 'TOO-LONG',
          type: 'criminal',
          filed: '2025-06-02',
          custody: { limit: '2026-03-02' },
          lastHeard: '2026-02-20',
          // Five days after the plea, long past: the trial may sit on the plan's first day, but it is longer than the session.
          hearings: [{ type: 'trial', minutes: 240, minDaysAfterPrevious: 5 }],
        },
      ]),
      QUICK,
    );
    expect(plan.custodyRisk).toEqual([
      expect.objectContaining({ case: 'TOO-LONG', status: 'breach', unavoidable: true, code: 'unavoidable' }),
    ]);
    expect(plan.custodyRisk[0].params).not.toHaveProperty('gapDays');
    expect(plan.custodyRisk[0].reason).not.toMatch(/days apart/);
  });

  it('re-planning after a judge falls ill moves only the hearings that must move', () => {
    const instance = exampleInstance();
    const first = solveSchedule(instance, QUICK).plan;
    const published: PublishedHearingInput[] = first.assignments.map((assignment) => ({
      case: assignment.case,
      hearing: assignment.hearing,
      part: assignment.part,
      session: assignment.session,
      start: assignment.start,
      judge: assignment.judge,
      room: assignment.room,
    }));
    const ill = first.assignments.find((assignment) => assignment.judge === 'J-CHEN' && assignment.date === '2026-03-02');
    expect(ill).toBeDefined();
    const changed: ScheduleInstance = {
      ...instance,
      judges: instance.judges.map((judge) =>
        judge.id === 'J-CHEN' ? { ...judge, leave: [{ from: '2026-03-02', to: '2026-03-02' }] } : judge,
      ),
      published,
    };
    const { plan } = solveSchedule(changed, QUICK);
    const mustMove = first.assignments.filter((assignment) => assignment.judge === 'J-CHEN' && assignment.date === '2026-03-02').length;

    expect(checkPlan(changed, JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
    expect(plan.summary.publishedMoved).toBe(mustMove);
    expect(plan.assignments.filter((assignment) => assignment.kept === false)).toHaveLength(mustMove);
    expect(plan.assignments.find((assignment) => assignment.kept)?.why).toMatch(
      /; kept on .* where it was published, as re-planning moves as few published hearings as it can\.$/,
    );
  });

  it('stops within its time budget on a large court (a generous bound: it did not hang)', () => {
    const model = buildModel(validateInstance(generateInstance({ seed: 4, cases: 1_500 })));
    const { plan } = solveModel(model, { seed: 4, timeLimitSeconds: 1 });

    expect(plan.solver?.seconds).toBeLessThan(20);
    expect(['time', 'converged']).toContain(plan.solver?.stoppedBy);
    expect(plan.bound?.gap).not.toBeNull();
  });

  it('yields its progress between steps, rising to 1, and the plan is the one solved in one call', () => {
    const model = buildModel(validateInstance(generateInstance({ seed: 7, cases: 300, judges: 6, workingDays: 10 })));
    const options = { seed: 7, timeLimitSeconds: 30, maxIterations: 400, maxBoundIterations: 20 };
    const steps = solveSteps(model, options);
    const seen: SolveProgress[] = [];
    let step = steps.next();
    for (; !step.done; step = steps.next()) seen.push(step.value);
    const whole = solveModel(model, options).plan;

    expect(seen.map((progress) => progress.phase).filter((phase, i, all) => all.indexOf(phase) === i)).toEqual([
      'construct',
      'custody',
      'compact',
      'bound',
      'improve',
      'explain',
    ]);
    // 400 improvement iterations reported every 50, then the phase's end.
    expect(seen.filter((progress) => progress.phase === 'improve')).toHaveLength(9);
    expect(seen.every((progress, i) => i === 0 || progress.fraction >= seen[i - 1].fraction)).toBe(true);
    expect(seen[0].fraction).toBeGreaterThan(0);
    expect(seen.slice(0, -1).every((progress) => progress.fraction < 1)).toBe(true);
    expect(seen[seen.length - 1]).toMatchObject({ phase: 'explain', fraction: 1 });
    const { solver: stepped, ...plan } = step.value.plan;
    const { solver: inOneCall, ...same } = whole;
    expect(plan).toEqual(same);
    expect({ ...stepped, seconds: 0, phases: [] }).toEqual({ ...inOneCall, seconds: 0, phases: [] });
  });
});

import { checkMove } from '../check/check-move';
import { checkPlan } from '../check/check-plan';
import type { PublishedHearingInput, ScheduleInstance } from '../model/instance';
import type { PlanAssignment, SchedulePlan } from '../plan';
import { exampleInstance } from '../testing/example-instance';
import { solveSchedule } from './solve';

/*
 * A published hearing under way (`published[].underWay`) is pinned: the solver keeps it exactly
 * where it is however much a move would gain, the checker calls any other place `pinned_moved`,
 * and one that sat before the plan's first day is in progress: neither listed nor planned anew.
 */

const OPTIONS = { seed: 3, timeLimitSeconds: 5, maxIterations: 300, maxBoundIterations: 50 };
const sameListing = (a: { case: string; hearing: number; part: number }) => (b: PlanAssignment) =>
  a.case === b.case && a.hearing === b.hearing && a.part === b.part;
const publishedOf = (a: PlanAssignment, underWay: boolean): PublishedHearingInput => ({
  case: a.case,
  hearing: a.hearing,
  part: a.part,
  session: a.session,
  start: a.start,
  judge: a.judge,
  room: a.room,
  ...(underWay ? { underWay: true } : {}),
});

/** The example court, solved, and one first hearing moved by hand to the latest session it may take. */
function lateListing(): { instance: ScheduleInstance; plan: SchedulePlan; late: PlanAssignment } {
  const instance: ScheduleInstance = { ...exampleInstance(), policy: { ...exampleInstance().policy, movePenalty: 0 } };
  const { plan } = solveSchedule(instance, OPTIONS);
  const sessions = [...instance.sessions].sort((a, b) => (a.date < b.date ? 1 : -1));
  for (const listing of plan.assignments.filter((a) => a.hearing === 0 && a.parts === 1)) {
    // Only a case with nothing after it, so that the move breaks no order.
    if (plan.assignments.some((a) => a.case === listing.case && a.hearing > 0)) continue;
    for (const session of sessions) {
      if (session.date <= listing.date) break;
      const move = {
        case: listing.case,
        hearing: 0,
        part: 1,
        session: session.id,
        start: session.start,
        judge: listing.judge,
        room: listing.room,
      };
      const checked = checkMove(instance, plan, move);
      if (checked.ok) return { instance, plan: checked.plan, late: checked.plan.assignments.find(sameListing(listing)) as PlanAssignment };
    }
  }
  throw new Error('no listing of the example can be moved later');
}

describe('a published hearing under way is pinned', () => {
  it('is kept where it is, although moving it earlier would gain, and only when under way', () => {
    const { instance, plan, late } = lateListing();
    // Not under way (and moves cost nothing): the solver brings it forward.
    const free = solveSchedule({ ...instance, published: plan.assignments.map((a) => publishedOf(a, false)) }, OPTIONS).plan;
    expect(free.assignments.find(sameListing(late))?.date).not.toBe(late.date);

    const pinned: ScheduleInstance = { ...instance, published: plan.assignments.map((a) => publishedOf(a, a === late)) };
    const solved = solveSchedule(pinned, OPTIONS).plan;
    expect(solved.assignments.find(sameListing(late))).toMatchObject({
      session: late.session,
      start: late.start,
      judge: late.judge,
      room: late.room,
      kept: true,
    });
    expect(checkPlan(pinned, solved).violations).toEqual([]);
    expect(checkPlan(pinned, solved).score.total).toBeCloseTo(solved.objective.total, 1);
  });

  it('is a pinned_moved violation anywhere else, and a manual move of it is refused', () => {
    const { instance, plan, late } = lateListing();
    const pinned: ScheduleInstance = { ...instance, published: [publishedOf(late, true)] };
    expect(checkPlan(pinned, plan).violations).toEqual([]);

    const earlier = instance.sessions.find((s) => s.date < late.date) as ScheduleInstance['sessions'][number];
    const move = { case: late.case, hearing: 0, part: 1, session: earlier.id, start: earlier.start, judge: late.judge, room: late.room };
    const refused = checkMove(pinned, plan, move);
    expect(refused.ok).toBe(false);
    expect(refused.violations.map((v) => v.constraint)).toContain('pinned_moved');

    const dropped = { ...plan, assignments: plan.assignments.filter((a) => a !== late) };
    expect(checkPlan(pinned, dropped).violations.map((v) => v.constraint)).toEqual(['pinned_moved']);
  });

  it('under way since before the plan’s first day: its need is neither listed nor planned anew', () => {
    const instance = exampleInstance();
    const { plan } = solveSchedule(instance, OPTIONS);
    const first = plan.assignments.find((a) => a.hearing === 0 && a.part === 1) as PlanAssignment;
    const inProgress: PublishedHearingInput = { ...publishedOf(first, true), session: 'sat-yesterday' };
    const replan: ScheduleInstance = { ...instance, published: [inProgress] };

    const solved = solveSchedule(replan, OPTIONS).plan;
    expect(solved.assignments.filter(sameListing(first))).toEqual([]);
    expect(checkPlan(replan, solved).violations).toEqual([]);
    expect(checkPlan(replan, solved).score.total).toBeCloseTo(solved.objective.total, 1);
    // Listing it anew is what the checker refuses.
    expect(checkPlan(replan, plan).violations.map((v) => v.constraint)).toContain('pinned_moved');
  });
});

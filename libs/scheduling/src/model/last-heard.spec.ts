import fc from 'fast-check';
import { checkPlan } from '../check/check-plan';
import { solveSchedule } from '../solver/solve';
import { exampleInstance } from '../testing/example-instance';
import { generateInstance } from '../testing/instance-generator';
import type { CaseInput, ScheduleInstance } from './instance';
import { validateInstance } from './validate-instance';
import { problemsOf } from '../testing/instance-problems';

/*
 * A case that has already had a hearing: the first hearing it still needs keeps its
 * `minDaysAfterPrevious` from the day the last one was held (`lastHeard`), as every later one
 * keeps it from the one before. Without it, a trial needing two weeks after the plea was free to
 * be listed the next morning once the plea had been heard.
 */

const FAST = { seed: 7, timeLimitSeconds: 5, maxIterations: 30, maxBoundIterations: 20 } as const;

const free = () => solveSchedule(validateInstance(exampleInstance()), FAST).plan;

/** A case of the example whose first hearing the plan lists on the plan's first day, and that listing. */
function listedFirstDay() {
  const plan = free();
  const listing = plan.assignments.find((a) => a.hearing === 0 && a.part === 1 && a.date === '2026-03-02');
  expect(listing).toBeDefined();
  return { plan, listing: listing as NonNullable<typeof listing> };
}

function withLastHeard(caseId: string, lastHeard: string, firstMinDays?: number): ScheduleInstance {
  const instance = exampleInstance();
  return {
    ...instance,
    cases: instance.cases.map((item): CaseInput =>
      item.id !== caseId
        ? item
        : {
            ...item,
            lastHeard,
            hearings: item.hearings.map((need, index) =>
              index === 0 && firstMinDays !== undefined ? { ...need, minDaysAfterPrevious: firstMinDays } : need,
            ),
          },
    ),
  };
}

describe('lastHeard: the hearing a case has already had', () => {
  it('keeps the first hearing still needed a day after it by default', () => {
    const { listing } = listedFirstDay();
    const instance = validateInstance(withLastHeard(listing.case, '2026-03-02'));
    const { plan } = solveSchedule(instance, FAST);
    const first = plan.assignments.find((a) => a.case === listing.case && a.hearing === 0 && a.part === 1);
    expect(first).toBeDefined();
    expect((first?.date ?? '') > '2026-03-02').toBe(true);
    expect(checkPlan(instance, JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
  });

  it('keeps it its minimum days after, and says so when that is past the plan', () => {
    const { listing } = listedFirstDay();
    const instance = validateInstance(withLastHeard(listing.case, '2026-02-27', 14));
    const { plan } = solveSchedule(instance, FAST);
    expect(plan.assignments.filter((a) => a.case === listing.case)).toEqual([]);
    expect(plan.unscheduled.find((u) => u.case === listing.case)).toEqual(
      expect.objectContaining({ code: 'beyond_plan', params: expect.objectContaining({ hearing: 0, minDays: 14 }) }),
    );
    expect(checkPlan(instance, JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
  });

  it('lets the checker refuse a first hearing listed too soon after it', () => {
    const { plan, listing } = listedFirstDay();
    const { violations } = checkPlan(withLastHeard(listing.case, '2026-02-27', 7), JSON.parse(JSON.stringify(plan)));
    expect(violations).toContainEqual(
      expect.objectContaining({
        constraint: 'hearing_order',
        params: expect.objectContaining({
          listing: expect.objectContaining({ case: listing.case, hearing: 0, part: 1 }),
          date: '2026-03-02',
          minDays: 7,
        }),
      }),
    );
    expect(violations.every((v) => v.constraint === 'hearing_order' && v.params?.listing?.case === listing.case)).toBe(true);
    // Long enough ago, nothing is wrong.
    expect(checkPlan(withLastHeard(listing.case, '2026-02-20', 7), JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
  });

  it('refuses a lastHeard that is no date or after the plan starts', () => {
    const instance = exampleInstance();
    const [first, second, ...rest] = instance.cases;
    expect(
      problemsOf({ ...instance, cases: [{ ...first, lastHeard: '2026-02-30' }, { ...second, lastHeard: '2026-03-03' }, ...rest] }),
    ).toEqual([expect.stringMatching(/^cases\[0\]\.lastHeard: /), 'cases[1].lastHeard: is after the plan starts (horizon.start)']);
  });

  it('is kept by every plan the solver makes on random hostile instances (independent checker)', () => {
    fc.assert(
      fc.property(
        fc.record({ seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), cases: fc.integer({ min: 1, max: 30 }) }),
        ({ seed, cases }) => {
          const instance = validateInstance(generateInstance({ seed, cases, lastHeard: 0.6, profile: 'hostile' }));
          const { plan } = solveSchedule(instance, { seed, timeLimitSeconds: 30, maxIterations: 25, maxBoundIterations: 15 });
          expect(checkPlan(instance, JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
          expect(plan.bound?.value).toBeLessThanOrEqual(plan.objective.total + 1e-6 * plan.objective.total);
        },
      ),
      { numRuns: 30, seed: 20_261_207 },
    );
  });

  it('leaves the generated instance as it was when asked for no lastHeard', () => {
    const plain = generateInstance({ seed: 11, cases: 25, profile: 'hostile' });
    const heard = generateInstance({ seed: 11, cases: 25, lastHeard: 0.5, profile: 'hostile' });
    expect(heard.cases.filter((item) => item.lastHeard !== undefined).length).toBeGreaterThan(0);
    expect(heard.cases.map(({ lastHeard: _, ...rest }) => rest)).toEqual(plain.cases);
    expect(plain.cases.every((item) => item.lastHeard === undefined)).toBe(true);
  });
});

import fc from 'fast-check';
import { checkPlan } from '../check/check-plan';
import { buildModel } from '../model/model';
import { validateInstance } from '../model/validate-instance';
import { PLAN_FORMAT } from '../plan';
import { commitmentOverlaps } from '../testing/commitment-overlaps';
import { generateInstance } from '../testing/instance-generator';
import { greedySchedule } from './greedy';
import { assignmentsOf, solveModel } from './solve';

/**
 * Bookings outside the plan on random hostile instances: whatever the solver or a baseline
 * makes, the independent checker finds nothing, and no listing shares anyone with a booking at
 * the same time (counted apart from the checker too).
 */
const FAST = { timeLimitSeconds: 30, maxIterations: 25, maxBoundIterations: 15 } as const;

const anyInstanceWithCommitments = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  cases: fc.integer({ min: 1, max: 30 }),
  commitments: fc.integer({ min: 1, max: 40 }),
});

describe('solver properties with commitments (independent checker)', () => {
  it('never breaks a hard constraint nor places anyone into a commitment, and keeps its bound below its objective', () => {
    fc.assert(
      fc.property(anyInstanceWithCommitments, ({ seed, cases, commitments }) => {
        const instance = validateInstance(JSON.parse(JSON.stringify(generateInstance({ seed, cases, commitments, profile: 'hostile' }))));
        expect(instance.commitments).toHaveLength(commitments);
        const { plan } = solveModel(buildModel(instance), { seed, ...FAST });

        expect(checkPlan(instance, JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
        expect(commitmentOverlaps(instance, plan.assignments)).toEqual([]);
        expect(plan.bound?.value).toBeLessThanOrEqual(plan.objective.total + 1e-6 * plan.objective.total);
      }),
      { numRuns: 40, seed: 20_260_917 },
    );
  });

  it('holds for the baselines too', () => {
    fc.assert(
      fc.property(anyInstanceWithCommitments, ({ seed, cases, commitments }) => {
        const instance = validateInstance(generateInstance({ seed, cases, commitments, profile: 'hostile' }));
        const model = buildModel(instance);
        for (const order of ['fifo', 'priority'] as const) {
          const assignments = assignmentsOf(model, greedySchedule(model, order));
          expect(checkPlan(instance, JSON.parse(JSON.stringify({ format: PLAN_FORMAT, assignments }))).violations).toEqual([]);
          expect(commitmentOverlaps(instance, assignments)).toEqual([]);
        }
      }),
      { numRuns: 30, seed: 20_260_918 },
    );
  });

  it('leaves the generated instance as it was when asked for no commitments', () => {
    const plain = generateInstance({ seed: 11, cases: 25, profile: 'hostile' });
    const { commitments, ...rest } = generateInstance({ seed: 11, cases: 25, commitments: 5, profile: 'hostile' });
    expect(commitments).toHaveLength(5);
    expect(rest).toEqual(plain);
    expect(plain.commitments).toBeUndefined();
  });
});

import fc from 'fast-check';
import { checkPlan } from '../check/check-plan';
import { PRIORITY_TIERS, type CaseInput, type PublishedHearingInput, type ScheduleInstance, type SessionInput } from '../model/instance';
import { minimalMovesPolicy } from '../model/policy';
import { buildModel } from '../model/model';
import { validateInstance } from '../model/validate-instance';
import { HELD_BY_REASONS, LISTING_DAY_CODES, PLAN_FORMAT, UNSCHEDULED_CODES } from '../plan';
import { generateInstance } from '../testing/instance-generator';
import { greedySchedule } from './greedy';
import { assignmentsOf, solveModel } from './solve';

/**
 * Properties over random instances from the seeded generator's hostile profile (overlapping and
 * weekend sessions, scarce part-time interpreters and supporters, counsel and witnesses shared
 * by many cases, short judges' days, long hearings, passed custody limits). Every plan is
 * verified by the independent checker, which reads the raw instance and shares no code with the
 * solver's engine.
 */
const FAST = { timeLimitSeconds: 30, maxIterations: 25, maxBoundIterations: 15 } as const;

const anyHostileInstance = fc.record({ seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), cases: fc.integer({ min: 1, max: 30 }) });
/** A small ordinary court with more cases than it can hear: what the improvement moves work on. */
const anyBusyCourt = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  cases: fc.integer({ min: 40, max: 120 }),
  judges: fc.integer({ min: 2, max: 6 }),
  workingDays: fc.integer({ min: 2, max: 8 }),
});

function planOf(instance: ScheduleInstance, assignments: ReturnType<typeof assignmentsOf>) {
  return JSON.parse(JSON.stringify({ format: PLAN_FORMAT, assignments }));
}

describe('solver properties (independent checker)', () => {
  it('never breaks a hard constraint, reports the objective the checker computes, and a bound below it', () => {
    fc.assert(
      fc.property(anyHostileInstance, ({ seed, cases }) => {
        const instance = validateInstance(generateInstance({ seed, cases, profile: 'hostile' }));
        const { plan } = solveModel(buildModel(instance), { seed, ...FAST });
        const { violations, score } = checkPlan(instance, JSON.parse(JSON.stringify(plan)));

        expect(violations).toEqual([]);
        expect(Math.abs(score.total - plan.objective.total)).toBeLessThanOrEqual(0.01 + 1e-9 * score.total);
        expect(score.custodyBreaches).toBe(plan.summary.custodyBreaches);
        expect(plan.bound?.value).toBeLessThanOrEqual(plan.objective.total + 1e-6 * plan.objective.total);
        expect(plan.bound?.value).toBeGreaterThanOrEqual(plan.objective.fixed - 0.01);
        expect(plan.assignments.every((assignment) => typeof assignment.why === 'string' && assignment.why.length > 20)).toBe(true);
        expect(plan.unscheduled.every((entry) => entry.reason.length > 20)).toBe(true);
        // Every reason also as a code the board can say in the clerk's language.
        for (const { explanation } of plan.assignments) {
          expect(LISTING_DAY_CODES).toContain(explanation?.day);
          expect(PRIORITY_TIERS).toContain(explanation?.tier);
          for (const held of explanation?.heldBy ?? []) expect(HELD_BY_REASONS).toContain(held.reason);
        }
        for (const entry of plan.unscheduled) {
          expect(UNSCHEDULED_CODES).toContain(entry.code);
          for (const held of entry.params?.heldBy ?? []) expect(HELD_BY_REASONS).toContain(held.reason);
        }
      }),
      { numRuns: 40, seed: 20_260_302 },
    );
  });

  it('never breaks a hard constraint on a busy court either, where most improvement moves are tried and undone', () => {
    fc.assert(
      fc.property(anyBusyCourt, (options) => {
        const instance = validateInstance(generateInstance({ ...options, profile: 'court' }));
        const { plan } = solveModel(buildModel(instance), { seed: options.seed, ...FAST, maxIterations: 40 });
        const { violations, score } = checkPlan(instance, JSON.parse(JSON.stringify(plan)));

        expect(violations).toEqual([]);
        expect(Math.abs(score.total - plan.objective.total)).toBeLessThanOrEqual(0.01 + 1e-9 * score.total);
      }),
      { numRuns: 10, seed: 99 },
    );
  });

  it('lists every custody case that misses its limit, with a reason, and none that meets it', () => {
    fc.assert(
      fc.property(anyHostileInstance, ({ seed, cases }) => {
        const instance = validateInstance(generateInstance({ seed, cases, profile: 'hostile' }));
        const { plan } = solveModel(buildModel(instance), { seed, ...FAST });

        const breached = plan.custodyRisk.filter((risk) => risk.status === 'breach');
        expect(breached.length).toBe(plan.summary.custodyBreaches);
        expect(breached.every((risk) => risk.reason.length > 20)).toBe(true);
        const listedByLimit = new Set(
          instance.cases
            .filter((item) => item.custody)
            .filter((item) => {
              const own = plan.assignments.filter((assignment) => assignment.case === item.id);
              const blocks = plan.unscheduled.some((entry) => entry.case === item.id);
              return !blocks && own.every((assignment) => assignment.date <= (item.custody as { limit: string }).limit);
            })
            .map((item) => item.id),
        );
        expect(breached.some((risk) => listedByLimit.has(risk.case))).toBe(false);
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it('is deterministic for a seed: the same instance, seed and iteration counts give the same plan', () => {
    fc.assert(
      fc.property(anyHostileInstance, ({ seed, cases }) => {
        const instance = validateInstance(generateInstance({ seed, cases, profile: 'hostile' }));
        const first = solveModel(buildModel(instance), { seed, ...FAST }).plan;
        const second = solveModel(buildModel(instance), { seed, ...FAST }).plan;

        expect(second.assignments).toEqual(first.assignments);
        expect(second.objective).toEqual(first.objective);
        expect(second.bound).toEqual(first.bound);
      }),
      { numRuns: 10, seed: 11 },
    );
  });

  it('the baselines (first come first served, priority order) keep every hard constraint too, above the bound', () => {
    fc.assert(
      fc.property(anyHostileInstance, ({ seed, cases }) => {
        const instance = validateInstance(generateInstance({ seed, cases, profile: 'hostile' }));
        const model = buildModel(instance);
        const { plan } = solveModel(model, { seed, ...FAST });
        for (const order of ['fifo', 'priority'] as const) {
          const engine = greedySchedule(model, order);
          const { violations, score } = checkPlan(instance, planOf(instance, assignmentsOf(model, engine)));

          expect(violations).toEqual([]);
          expect(Math.abs(score.total - engine.objective)).toBeLessThanOrEqual(0.01 + 1e-9 * score.total);
          expect(plan.bound?.value).toBeLessThanOrEqual(engine.objective + 1e-6 * engine.objective);
        }
      }),
      { numRuns: 20, seed: 3 },
    );
  });

  it('the bound never exceeds the true optimum, found by enumerating every plan of tiny courts', () => {
    fc.assert(
      fc.property(anyTinyCourt(), (instance) => {
        const model = buildModel(validateInstance(instance));
        const { plan } = solveModel(model, { seed: 1, ...FAST, maxBoundIterations: 60 });
        const optimum = enumerateOptimum(instance);

        expect(plan.bound?.value).toBeLessThanOrEqual(optimum + 1e-6 * optimum);
        // The plan states its objective to the cent.
        expect(optimum).toBeLessThanOrEqual(plan.objective.total + 0.01);
      }),
      { numRuns: 25, seed: 5 },
    );
  });

  it('a minimal-moves re-plan after one cancellation moves no published hearing but the cancelled case’s later ones', () => {
    fc.assert(
      fc.property(anyBusyCourt, fc.nat(), ({ seed, ...court }, pick) => {
        const instance = validateInstance(generateInstance({ seed, ...court, profile: 'court' }));
        const first = solveModel(buildModel(instance), { seed, ...FAST }).plan;
        // A hearing of a case without a custody limit is called off: its case still needs it.
        const cancellable = first.assignments.filter((a) => !instance.cases.find((c) => c.id === a.case)?.custody);
        fc.pre(cancellable.length > 0);
        const cancelled = cancellable[pick % cancellable.length];
        const published: PublishedHearingInput[] = first.assignments
          .filter((a) => a !== cancelled)
          .map((a) => ({
            case: a.case,
            hearing: a.hearing,
            part: a.part,
            session: a.session,
            start: a.start,
            judge: a.judge,
            room: a.room,
          }));
        const replanned = validateInstance({ ...instance, policy: minimalMovesPolicy(instance.policy), published });
        const { plan } = solveModel(buildModel(replanned), { seed, ...FAST });

        expect(checkPlan(replanned, JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
        const key = (a: { case: string; hearing: number; part?: number }) => `${a.case}/${a.hearing}/${a.part ?? 1}`;
        const stayed = new Set(plan.assignments.filter((a) => a.kept).map(key));
        const moved = published.filter((entry) => !stayed.has(key(entry)));
        // Only the cancelled hearing's later hearings (and blocks) of the same case had to move: they
        // may not come before it. Every other published hearing stays exactly where it was.
        const before = (entry: PublishedHearingInput) =>
          entry.hearing < cancelled.hearing || (entry.hearing === cancelled.hearing && (entry.part ?? 1) < (cancelled.part ?? 1));
        expect(moved.filter((entry) => entry.case !== cancelled.case || before(entry))).toEqual([]);
        expect(plan.summary.publishedMoved).toBe(moved.length);
      }),
      { numRuns: 25, seed: 20_261_206 },
    );
  });
});

/**
 * One judge, one courtroom, up to three days of one or two sessions, up to four cases of one
 * hearing each, nobody shared: a plan is then just which session (if any) each hearing goes to,
 * feasible when no session and no day holds more than it can, and all plans can be enumerated.
 */
function anyTinyCourt(): fc.Arbitrary<ScheduleInstance> {
  const session = fc.record({ afternoon: fc.boolean(), night: fc.boolean() });
  const tinyCase = fc.record({
    minutes: fc.constantFrom(60, 90, 120, 150),
    filedDaysAgo: fc.integer({ min: 1, max: 900 }),
    custodyLimit: fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined }),
    adjournments: fc.integer({ min: 0, max: 2 }),
  });
  return fc
    .record({
      days: fc.array(session, { minLength: 1, maxLength: 3 }),
      cases: fc.array(tinyCase, { minLength: 1, maxLength: 4 }),
      maxMinutes: fc.constantFrom(120, 180, 240),
    })
    .map(({ days, cases, maxMinutes }) => {
      const sessions: SessionInput[] = days.flatMap((day, index) => {
        const date = `2026-03-0${2 + index}`;
        return [
          { id: `${date}-am`, date, kind: 'day' as const, start: '09:00', end: '12:00' },
          ...(day.afternoon ? [{ id: `${date}-pm`, date, kind: 'day' as const, start: '13:00', end: '15:00' }] : []),
          ...(day.night ? [{ id: `${date}-night`, date, kind: 'night' as const, start: '18:00', end: '20:30' }] : []),
        ];
      });
      const caseInputs: CaseInput[] = cases.map((item, index) => ({
        id: `C-${index + 1}`,
        type: 'criminal',
        filed: isoDaysBefore('2026-03-02', item.filedDaysAgo),
        ...(item.custodyLimit === undefined ? {} : { custody: { limit: isoDaysBefore('2026-03-02', -item.custodyLimit) } }),
        counsel: [`COUNSEL-${index + 1}`],
        hearings: [{ type: 'trial', minutes: item.minutes }],
        adjournments: Array.from({ length: item.adjournments }, () => ({ date: '2025-01-10', reason: 'no_court_time' as const })),
      }));
      return {
        format: 'ejustice.schedule-instance/1' as const,
        horizon: { start: '2026-03-02' },
        sessions,
        judges: [{ id: 'J-1', maxSittingMinutesPerDay: maxMinutes }],
        rooms: [{ id: 'R-1', virtual: false }],
        cases: caseInputs,
      };
    });
}

function enumerateOptimum(instance: ScheduleInstance): number {
  const { sessions, cases } = instance;
  const judgeMax = instance.judges[0].maxSittingMinutesPerDay;
  let best = Infinity;
  const choice = new Array<number>(cases.length).fill(-1);
  const visit = (index: number) => {
    if (index === cases.length) {
      const used = new Map<string, number>();
      const byDay = new Map<string, number>();
      const assignments = [];
      for (let k = 0; k < cases.length; k += 1) {
        if (choice[k] < 0) continue;
        const session = sessions[choice[k]];
        const minutes = cases[k].hearings[0].minutes;
        const offset = used.get(session.id) ?? 0;
        const start = toMinutes(session.start) + offset;
        if (start + minutes > toMinutes(session.end)) return;
        used.set(session.id, offset + minutes);
        byDay.set(session.date, (byDay.get(session.date) ?? 0) + minutes);
        if ((byDay.get(session.date) as number) > judgeMax) return;
        assignments.push({
          case: cases[k].id,
          hearing: 0,
          part: 1,
          parts: 1,
          type: 'trial',
          session: session.id,
          date: session.date,
          start: toClock(start),
          end: toClock(start + minutes),
          judge: 'J-1',
          room: 'R-1',
          remote: false,
          interpreters: [],
        });
      }
      const { violations, score } = checkPlan(instance, { format: PLAN_FORMAT, assignments });
      expect(violations).toEqual([]);
      best = Math.min(best, score.total);
      return;
    }
    for (let s = -1; s < sessions.length; s += 1) {
      choice[index] = s;
      visit(index + 1);
    }
  };
  visit(0);
  return best;
}

function isoDaysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

function toMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

function toClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

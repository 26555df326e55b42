import { formatClockTime } from '../calendar';
import { newTally, PlacementEngine, type FailureTally } from '../engine/placement-engine';
import type { ScheduleInstance } from '../model/instance';
import { buildModel, dateOfDay, type SchedulingModel } from '../model/model';
import {
  PLAN_FORMAT,
  type CustodyRisk,
  type ObjectiveReport,
  type PlanAssignment,
  type PlanSolverReport,
  type PlanUnscheduled,
  type SchedulePlan,
} from '../plan';
import { createRandom } from '../random';
import {
  explainCustodyRiskFacts,
  explainListing,
  explainListingFacts,
  explainUnscheduledFacts,
  whyCustodyRisk,
  whyThisCase,
  whyThisDay,
  whyUnscheduled,
} from './explain';
import { Improver } from './improve';
import { computeLowerBound } from './lower-bound';
import { analyseStatically, type StaticAnalysis } from './static-analysis';

export interface SolveOptions {
  /** The same seed, instance and iteration counts give the same plan. */
  readonly seed?: number;
  /** Wall-clock budget for the whole solve (default 30 s). */
  readonly timeLimitSeconds?: number;
  /** Caps on the improvement and bound iterations (to replay a run exactly). */
  readonly maxIterations?: number;
  readonly maxBoundIterations?: number;
  /** Milliseconds, monotonic; performance.now by default. */
  readonly clock?: () => number;
  readonly onProgress?: (progress: SolveProgress) => void;
}

export interface SolveProgress {
  readonly phase: SolvePhase;
  readonly seconds: number;
  readonly objective: number;
  readonly bound?: number;
  /**
   * How far the solve is, 0 to 1: the share of the time budget spent, never below the phase's
   * floor (a solve that converges early jumps to 1 when it ends). An estimate for a progress bar;
   * the plan never depends on it.
   */
  readonly fraction: number;
}

export const SOLVE_PHASES = ['construct', 'custody', 'compact', 'bound', 'improve', 'explain'] as const;
export type SolvePhase = (typeof SOLVE_PHASES)[number];

/** The least share of the work done once a phase has been reached. */
const PHASE_FLOOR: Record<SolvePhase, number> = { construct: 0.05, custody: 0.07, compact: 0.1, bound: 0.55, improve: 0.55, explain: 1 };
/** The improvement loop reports its progress every this many iterations. */
const IMPROVE_STEP_EVERY = 50;

export interface SolveOutcome {
  readonly plan: SchedulePlan;
  readonly model: SchedulingModel;
  readonly engine: PlacementEngine;
}

const DEFAULT_TIME_LIMIT_SECONDS = 30;
/** Improvement steps in a row without a gain before the search is deemed converged. */
const PATIENCE = 3_000;
/** Share of the time budget by the end of each phase. */
const BUDGET = { bound: 0.55, improve: 0.9 } as const;

export function solveSchedule(instance: ScheduleInstance, options: SolveOptions = {}): SolveOutcome {
  return solveModel(buildModel(instance), options);
}

/** The solve run to its end in one synchronous call (see solveSteps). */
export function solveModel(model: SchedulingModel, options: SolveOptions = {}): SolveOutcome {
  const steps = solveSteps(model, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The solver (README "The solver"): a constructive pass (published hearings kept where they
 * still fit, custody cases by how soon their first hearing must be held, then everything else
 * hearing by hearing by weight per minute, two ways, the better kept), custody repair,
 * compaction, the Lagrangian lower bound, then ruin-and-recreate and judge-day repacks until
 * the time budget, the iteration cap or convergence; finally each placement and each case left
 * out is explained.
 *
 * A generator: it yields its progress after each phase and every few improvement iterations, so
 * that a caller on an event loop (the worker) can report it between steps; the solve stays pure
 * and synchronous, and what it computes does not depend on whether or when it is resumed.
 */
export function* solveSteps(model: SchedulingModel, options: SolveOptions = {}): Generator<SolveProgress, SolveOutcome, void> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const seed = options.seed ?? 1;
  const timeLimitSeconds = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const budgetEnd = (share: number) => started + share * timeLimitSeconds * 1_000;
  const phases: { name: string; seconds: number; objective: number }[] = [];
  let engine = new PlacementEngine(model);
  const seconds = () => (clock() - started) / 1_000;
  const known: { bound?: number } = {};
  const progress = (phase: SolvePhase): SolveProgress => {
    const elapsed = seconds();
    const fraction = phase === 'explain' ? 1 : Math.min(0.99, Math.max(PHASE_FLOOR[phase], elapsed / timeLimitSeconds));
    return { phase, seconds: elapsed, objective: engine.objective, bound: known.bound, fraction };
  };
  const mark = (phase: SolvePhase): SolveProgress => {
    phases.push({ name: phase, seconds: round(seconds(), 3), objective: round(engine.objective, 2) });
    const reached = progress(phase);
    options.onProgress?.(reached);
    return reached;
  };

  const analysis = analyseStatically(model);
  const urgent = new Uint8Array(model.cases.length);
  for (const item of model.cases) {
    if (item.custodyLimitDay !== undefined && item.custodyLimitDay < model.horizonDays && !analysis.certainBreach[item.index])
      urgent[item.index] = 1;
  }
  // Two constructions, hearing by hearing, the chains of a case counted in full or not at all
  // (see Improver.chainWeight); the better one is improved.
  const order = custodyOrder(model, urgent);
  let improver = construct(engine, urgent, order, seed, 1);
  const alternative = new PlacementEngine(model);
  const other = construct(alternative, urgent, order, seed, 0);
  if (alternative.objective < engine.objective) {
    engine = alternative;
    improver = other;
  }
  yield mark('construct');

  const byLimit = model.cases
    .filter((item) => urgent[item.index])
    .sort((a, b) => (a.custodyLimitDay as number) - (b.custodyLimitDay as number) || a.index - b.index);
  // Up to here the work is bounded and runs to the end whatever the clock says, so that a seed
  // and the two iteration counts the plan records reproduce it exactly; only the bound's and
  // the improvement's iterations stop on the clock.
  for (const item of byLimit) if (engine.isBreached(item.index)) improver.repairCustody(item.index, () => false);
  yield mark('custody');
  improver.compact(() => false);
  yield mark('compact');

  const bound = computeLowerBound(model, {
    upperBound: engine.objective,
    fixed: analysis.fixed,
    certainBreach: analysis.certainBreach,
    maxIterations: options.maxBoundIterations ?? 500,
    shouldStop: () => clock() > budgetEnd(BUDGET.bound),
  });
  known.bound = bound.value;
  yield mark('bound');

  let iterations = 0;
  let sinceGain = 0;
  let stoppedBy: PlanSolverReport['stoppedBy'] = 'converged';
  const maxIterations = options.maxIterations ?? Number.MAX_SAFE_INTEGER;
  const closeEnough = () => engine.objective - bound.value <= 1e-4 * Math.max(1e-9, bound.value - analysis.fixed);
  for (;;) {
    if (iterations >= maxIterations) {
      stoppedBy = 'iterations';
      break;
    }
    if (clock() > budgetEnd(BUDGET.improve)) {
      stoppedBy = 'time';
      break;
    }
    if (sinceGain >= PATIENCE || closeEnough()) break;
    iterations += 1;
    const gained = iterations % 2 === 0 ? improver.repack() : improver.ruinAndRecreate();
    if (gained) sinceGain = 0;
    else sinceGain += 1;
    if (iterations % 500 === 0) improver.compact(() => false);
    if (iterations % IMPROVE_STEP_EVERY === 0) yield progress('improve');
  }
  yield mark('improve');

  const tallies = new Map<number, FailureTally>();
  for (let pass = 0; pass < 5; pass += 1) {
    tallies.clear();
    if (improver.compact(() => false, tallies) === 0) break;
  }
  yield mark('explain');
  const plan = buildPlan(
    model,
    engine,
    analysis,
    tallies,
    {
      seed,
      timeLimitSeconds,
      seconds: round(seconds(), 3),
      improvementIterations: iterations,
      boundIterations: bound.iterations,
      stoppedBy,
      phases,
    },
    bound,
  );
  return { plan, model, engine };
}

function construct(
  engine: PlacementEngine,
  urgent: Uint8Array,
  custodyOrder: readonly number[],
  seed: number,
  chainWeight: number,
): Improver {
  const improver = new Improver(engine, createRandom(seed), urgent);
  improver.chainWeight = chainWeight;
  keepPublished(engine);
  placeUrgentCustody(engine, custodyOrder);
  improver.fill(() => false);
  return improver;
}

const CUSTODY_ROUNDS = 6;

/**
 * The order in which custody cases that can still meet their limit are listed: the one whose
 * first hearing must be held soonest first (its limit less the days its later hearings must
 * follow it), the longest hearings first among equals (they fit fewer sessions). Then, a few
 * rounds of "the squeaky wheel gets the grease": the cases that did not fit by their limit go
 * to the front and the listing is tried again; the order that leaves fewest out is kept.
 */
function custodyOrder(model: SchedulingModel, urgent: Uint8Array): number[] {
  const latestStart = (caseIndex: number) => {
    const item = model.cases[caseIndex];
    return (
      (item.custodyLimitDay as number) -
      item.hearings.slice(1).reduce((sum, hearing) => sum + model.hearings[hearing].minDaysAfterPrevious, 0)
    );
  };
  const longest = (caseIndex: number) => Math.max(...model.cases[caseIndex].hearings.map((hearing) => model.hearings[hearing].minutes));
  let order = model.cases.filter((item) => urgent[item.index]).map((item) => item.index);
  order.sort((a, b) => latestStart(a) - latestStart(b) || longest(b) - longest(a) || a - b);
  let best = order;
  let fewestLeft = Infinity;
  for (let round = 0; round < CUSTODY_ROUNDS; round += 1) {
    const engine = new PlacementEngine(model);
    keepPublished(engine);
    const left = placeUrgentCustody(engine, order);
    if (left.length < fewestLeft) {
      fewestLeft = left.length;
      best = order;
    }
    if (left.length === 0) break;
    const missed = new Set(left);
    order = [...left, ...order.filter((caseIndex) => !missed.has(caseIndex))];
  }
  return best;
}

/**
 * Published hearings stay exactly where they are when that is still feasible; a hearing under
 * way stays there whatever (see PlacementEngine.pinnedWithin), and is never taken out again.
 */
function keepPublished(engine: PlacementEngine): void {
  for (const item of engine.model.cases) {
    for (const hearing of item.hearings) {
      const published = engine.model.hearings[hearing].published;
      const window = published?.pinned ? engine.windowFor(hearing) : undefined;
      const placement = published && (window ? engine.pinnedWithin(hearing, window) : engine.fitsExactly(hearing, published));
      if (!placement) break;
      engine.place(hearing, placement);
    }
  }
}

/** Lists each custody case in the order given, whole by its limit or not at all; returns those left out. */
function placeUrgentCustody(engine: PlacementEngine, order: readonly number[]): number[] {
  const model = engine.model;
  const left: number[] = [];
  for (const caseIndex of order) {
    const item = model.cases[caseIndex];
    const limit = item.custodyLimitDay as number;
    const placedNow: number[] = [];
    for (let ordinal = engine.placedInCase[caseIndex]; ordinal < item.hearings.length; ordinal += 1) {
      const hearing = item.hearings[ordinal];
      const window = engine.windowFor(hearing);
      const placement =
        window && window.fromDay <= limit ? engine.findEarliest(hearing, { ...window, toDay: Math.min(window.toDay, limit) }) : undefined;
      if (!placement) {
        for (const placed of placedNow.reverse()) engine.unplace(placed);
        left.push(caseIndex);
        break;
      }
      engine.place(hearing, placement);
      placedNow.push(hearing);
    }
  }
  return left;
}

export function objectiveReport(engine: PlacementEngine, fixed: number): ObjectiveReport {
  const model = engine.model;
  const { unscheduledPenaltyDays, movePenalty, custodyBreachPenalty } = model.policy;
  let waiting = 0;
  let unscheduledWaiting = 0;
  let unscheduledPenalty = 0;
  let moves = 0;
  for (const hearing of model.hearings) {
    const filed = model.cases[hearing.caseIndex].filedDay;
    if (engine.isPlaced(hearing.index)) waiting += hearing.weight * (engine.dayOf(hearing.index) - filed);
    else {
      unscheduledWaiting += hearing.weight * (model.horizonDays - filed);
      unscheduledPenalty += hearing.weight * unscheduledPenaltyDays;
    }
    if (hearing.published && !engine.isAtPublished(hearing.index)) moves += 1;
  }
  let breaches = 0;
  for (const item of model.cases) if (engine.isBreached(item.index)) breaches += 1;
  const total = waiting + unscheduledWaiting + unscheduledPenalty + moves * movePenalty + breaches * custodyBreachPenalty;
  return {
    total: round(total, 2),
    waiting: round(waiting, 2),
    unscheduledWaiting: round(unscheduledWaiting, 2),
    unscheduledPenalty: round(unscheduledPenalty, 2),
    moves,
    movePenalty: round(moves * movePenalty, 2),
    custodyBreaches: breaches,
    custodyPenalty: round(breaches * custodyBreachPenalty, 2),
    fixed: round(fixed, 2),
    controllable: round(total - fixed, 2),
  };
}

/** (objective − bound) ÷ (bound − fixed); null when the bound leaves nothing to control. */
export function controllableGap(objective: number, bound: number, fixed: number): number | null {
  const room = bound - fixed;
  if (room <= 1e-9) return objective - bound <= 1e-6 ? 0 : null;
  return Math.max(0, (objective - bound) / room);
}

function buildPlan(
  model: SchedulingModel,
  engine: PlacementEngine,
  analysis: StaticAnalysis,
  tallies: ReadonlyMap<number, FailureTally>,
  solver: PlanSolverReport,
  bound: { value: number; iterations: number },
): SchedulePlan {
  const objective = objectiveReport(engine, analysis.fixed);
  const rank = new Int32Array(model.cases.length);
  [...model.cases]
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .forEach((item, position) => {
      rank[item.index] = position + 1;
    });
  const assignments = assignmentsOf(model, engine, (hearing, day, kept) => ({
    why: explainListing(
      whyThisCase(model, model.cases[model.hearings[hearing].caseIndex], rank[model.hearings[hearing].caseIndex]),
      whyThisDay(model, hearing, day, tallies.get(hearing), kept),
    ),
    explanation: explainListingFacts(model, hearing, day, tallies.get(hearing), kept, rank[model.hearings[hearing].caseIndex]),
  }));

  const unscheduled: PlanUnscheduled[] = [];
  for (const item of model.cases) {
    const firstMissing = engine.placedInCase[item.index];
    if (firstMissing >= item.hearings.length) continue;
    const hearing = item.hearings[firstMissing];
    const window = engine.windowFor(hearing);
    const tally = newTally();
    const windowOpen = window !== undefined && window.fromDay < model.horizonDays;
    if (window && windowOpen) engine.findEarliest(hearing, window, tally);
    unscheduled.push({
      case: item.id,
      missing: item.hearings
        .slice(firstMissing)
        .map((missing) => ({ hearing: model.hearings[missing].need, part: model.hearings[missing].part })),
      reason: whyUnscheduled(model, hearing, tally, windowOpen),
      ...explainUnscheduledFacts(model, hearing, tally, windowOpen),
    });
  }

  const custodyRisk: CustodyRisk[] = [];
  for (const item of model.cases) {
    const limit = item.custodyLimitDay;
    if (limit === undefined) continue;
    const breached = engine.isBreached(item.index);
    const atRisk = limit >= model.horizonDays && engine.placedInCase[item.index] < item.hearings.length;
    if (!breached && !atRisk) continue;
    const unavoidable = analysis.certainBreach[item.index] === 1;
    let tally = analysis.breachTallies.get(item.index);
    if (breached && !unavoidable) tally = custodyTally(engine, item.index, limit);
    custodyRisk.push({
      case: item.id,
      limit: item.input.custody?.limit as string,
      status: breached ? 'breach' : 'at_risk',
      unavoidable,
      reason: whyCustodyRisk(model, item, unavoidable, tally),
      ...explainCustodyRiskFacts(model, item, unavoidable, tally),
    });
  }
  custodyRisk.sort((a, b) => (a.limit < b.limit ? -1 : a.limit > b.limit ? 1 : a.case < b.case ? -1 : 1));

  const hearingsPlaced = engine.placedHearings;
  const notes = model.releasedPublished.map(
    (entry) => `Published ${entry} is no longer pending (its case is not in the instance): released.`,
  );
  return {
    format: PLAN_FORMAT,
    ...(model.instance.court ? { court: model.instance.court } : {}),
    horizon: { start: dateOfDay(model, 0), end: model.horizonDays > 0 ? dateOfDay(model, model.horizonDays - 1) : null },
    summary: {
      cases: model.cases.length,
      hearings: model.hearings.length,
      hearingsPlaced,
      casesFullyPlaced: model.cases.filter((item) => engine.placedInCase[item.index] === item.hearings.length).length,
      shareOfHearingsPlaced: model.hearings.length ? round(hearingsPlaced / model.hearings.length, 4) : 1,
      custodyBreaches: objective.custodyBreaches,
      custodyBreachesUnavoidable: custodyRisk.filter((risk) => risk.status === 'breach' && risk.unavoidable).length,
      publishedMoved: objective.moves,
    },
    objective,
    bound: {
      // Rounded down: a lower bound rounded up could pass the optimum.
      value: Math.floor(bound.value * 100) / 100,
      controllable: Math.floor((bound.value - analysis.fixed) * 100) / 100,
      gap: nullableRound(controllableGap(objective.total, bound.value, analysis.fixed), 5),
      method: 'lagrangian relaxation of resource pools (per session and day), cases kept whole',
      iterations: bound.iterations,
    },
    solver,
    assignments,
    unscheduled,
    custodyRisk,
    notes,
  };
}

/** The timetable as the plan's assignments, in order of date, start and judge. */
export function assignmentsOf(
  model: SchedulingModel,
  engine: PlacementEngine,
  why?: (hearing: number, day: number, kept: boolean) => Pick<PlanAssignment, 'why' | 'explanation'>,
): PlanAssignment[] {
  const assignments: PlanAssignment[] = [];
  for (const hearing of model.hearings) {
    const placement = engine.placementOf(hearing.index);
    if (!placement) continue;
    const item = model.cases[hearing.caseIndex];
    const session = model.sessions[placement.session];
    const klass = model.classes[item.requirementClass];
    const room = model.rooms[placement.room];
    const kept = engine.isAtPublished(hearing.index);
    assignments.push({
      case: item.id,
      hearing: hearing.need,
      part: hearing.part,
      parts: hearing.parts,
      type: hearing.type,
      session: session.id,
      date: session.date,
      start: formatClockTime(placement.start),
      end: formatClockTime(placement.start + hearing.minutes),
      judge: model.judges[placement.judge].id,
      room: room.id,
      remote: room.virtual,
      interpreters: klass.languages.map((language, k) => ({ language, interpreter: model.interpreters[placement.interpreters[k]].id })),
      ...(placement.intermediary >= 0 ? { intermediary: model.supporters[placement.intermediary].id } : {}),
      ...(placement.supporter >= 0 ? { supporter: model.supporters[placement.supporter].id } : {}),
      ...(hearing.published ? { kept } : {}),
      ...(why ? why(hearing.index, session.day, kept) : {}),
    });
  }
  return assignments.sort((a, b) =>
    a.date < b.date
      ? -1
      : a.date > b.date
        ? 1
        : a.start < b.start
          ? -1
          : a.start > b.start
            ? 1
            : a.judge < b.judge
              ? -1
              : a.judge > b.judge
                ? 1
                : 0,
  );
}

/** Why a custody case misses its limit: the days up to the limit, counted by what held them. */
function custodyTally(engine: PlacementEngine, caseIndex: number, limit: number): FailureTally {
  const model = engine.model;
  const tally = newTally();
  const item = model.cases[caseIndex];
  const late = item.hearings.find((hearing) => !engine.isPlaced(hearing) || engine.dayOf(hearing) > limit);
  if (late === undefined) return tally;
  const saved = engine.isPlaced(late) ? engine.unplace(late) : undefined;
  const window = engine.windowFor(late);
  if (window && window.fromDay <= limit) engine.findEarliest(late, { ...window, toDay: Math.min(window.toDay, limit) }, tally);
  if (saved) engine.place(late, saved);
  return tally;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function nullableRound(value: number | null, digits: number): number | null {
  return value === null ? null : round(value, digits);
}

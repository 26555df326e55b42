/**
 * @ejustice/scheduling — the hearing scheduler's pure core: an instance (pending cases, judges,
 * rooms, sessions, interpreters, supporters, the court's policy) in, a plan out. No framework,
 * no database, no I/O; the only clock is the time budget's, and it can be injected.
 */
export { formatClockTime, formatIsoDate, isoWeekday, parseClockTime, parseIsoDate } from './calendar';
export { SchedulingError, SCHEDULING_ERROR_CODES, describeProblems } from './errors';
export type { InputProblem, SchedulingErrorCode } from './errors';
export * from './model/instance';
export { DEFAULT_POLICY, MINIMAL_MOVES_PENALTY, caseWeight, minimalMovesPolicy, priorityTier, resolvePolicy } from './model/policy';
export { validateInstance } from './model/validate-instance';
export { buildModel } from './model/model';
export type { SchedulingModel } from './model/model';
export * from './plan';
export { SOLVE_PHASES, solveModel, solveSchedule, solveSteps, objectiveReport, controllableGap } from './solver/solve';
export type { SolveOptions, SolveOutcome, SolvePhase, SolveProgress } from './solver/solve';
export { greedySchedule, caseOrder } from './solver/greedy';
export type { GreedyOrder } from './solver/greedy';
export { computeLowerBound } from './solver/lower-bound';
export { analyseStatically } from './solver/static-analysis';
export { checkPlan, HARD_CONSTRAINTS } from './check/check-plan';
export type { HardConstraint, PlanCheckResult, PlanScore, PlanViolation, ViolationListing, ViolationParams } from './check/check-plan';
export { applyMove, checkMove, missingListing } from './check/check-move';
export type { MoveCheck, PlanMove } from './check/check-move';
export * from './analytics';

import { parseClockTime, formatClockTime } from '../calendar';
import type { ScheduleInstance } from '../model/instance';
import type { PlanAssignment, SchedulePlan } from '../plan';
import { checkPlan, type PlanViolation } from './check-plan';

/**
 * A clerk's manual move on the schedule board: one listing (a case's hearing, or one block of it)
 * to another session, start, judge or room. Its duration stays what the plan gave it.
 */
export interface PlanMove {
  readonly case: string;
  readonly hearing: number;
  readonly part: number;
  readonly session: string;
  /** `HH:MM`; the listing keeps its length. */
  readonly start: string;
  readonly judge: string;
  readonly room: string;
}

export interface MoveCheck {
  /** True when the moved plan breaks no hard constraint the plan did not break already. */
  readonly ok: boolean;
  /** What the move breaks, each with a sentence. */
  readonly violations: readonly PlanViolation[];
  /** The plan with the move applied (kept only when `ok`). */
  readonly plan: SchedulePlan;
}

/**
 * The plan with the move applied: the listing takes the target session's date, the new start and
 * an end that keeps its length, the judge and room; it is remote exactly when the room is virtual,
 * and is no longer where the published timetable had it. Interpreters and supporters stay with it
 * (the checker says when they cannot).
 */
export function applyMove(instance: ScheduleInstance, plan: SchedulePlan, move: PlanMove): SchedulePlan | undefined {
  const index = plan.assignments.findIndex((a) => a.case === move.case && a.hearing === move.hearing && a.part === move.part);
  if (index < 0) return undefined;
  const current = plan.assignments[index];
  const session = instance.sessions.find((s) => s.id === move.session);
  const room = instance.rooms.find((r) => r.id === move.room);
  const length = (parseClockTime(current.end) ?? 0) - (parseClockTime(current.start) ?? 0);
  const start = parseClockTime(move.start);
  const moved: PlanAssignment = {
    ...current,
    session: move.session,
    // An unknown session keeps the date; the checker names the session as unknown.
    date: session?.date ?? current.date,
    start: move.start,
    end: start === undefined ? move.start : formatClockTime(start + length),
    judge: move.judge,
    room: move.room,
    remote: room?.virtual === true,
    kept: false,
  };
  const assignments = plan.assignments.map((a, i) => (i === index ? moved : a));
  return { ...plan, assignments };
}

/**
 * Checks a move against every hard constraint by checking the whole plan with the move applied
 * (the independent checker, checkPlan). Only what the move breaks counts: a violation the plan
 * already had (the court's data changed since it was solved) is not the move's.
 */
export function checkMove(instance: ScheduleInstance, plan: SchedulePlan, move: PlanMove): MoveCheck {
  const missing = missingListing(plan, move);
  const moved = applyMove(instance, plan, move);
  if (missing || !moved) return { ok: false, plan, violations: [missing ?? unlisted(move)] };
  const before = new Set(checkPlan(instance, plan).violations.map((v) => `${v.constraint}\u0000${v.message}`));
  const violations = checkPlan(instance, moved).violations.filter((v) => !before.has(`${v.constraint}\u0000${v.message}`));
  return { ok: violations.length === 0, violations, plan: moved };
}

/**
 * The refusal of a move of a listing the plan does not hold, or undefined when it holds it: known
 * without the court's data, so that a caller can answer before assembling it.
 */
export function missingListing(plan: Pick<SchedulePlan, 'assignments'>, move: PlanMove): PlanViolation | undefined {
  return plan.assignments.some((a) => a.case === move.case && a.hearing === move.hearing && a.part === move.part)
    ? undefined
    : unlisted(move);
}

function unlisted(move: PlanMove): PlanViolation {
  const label = `${move.case} hearing ${move.hearing + 1}${move.part > 1 ? ` block ${move.part}` : ''}`;
  return {
    constraint: 'unknown_reference',
    message: `${label}: the plan does not list it.`,
    params: { listing: { case: move.case, hearing: move.hearing, part: move.part }, unknown: 'listing' },
  };
}

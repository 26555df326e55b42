import { PLAN_FORMAT, type PlanAssignment, type SchedulePlan } from '../plan';
import { exampleInstance } from '../testing/example-instance';
import { checkPlan } from './check-plan';
import { applyMove, checkMove } from './check-move';

/** A hand-made plan of the README's example court that keeps every rule (as in check-plan.spec.ts). */
function listing(
  session: string,
  start: string,
  end: string,
  caseId: string,
  hearing: number,
  judge: string,
  room: string,
  extra: Partial<PlanAssignment> = {},
): PlanAssignment {
  return {
    case: caseId,
    hearing,
    part: 1,
    parts: 1,
    type: 'trial',
    session,
    date: session.slice(0, 10),
    start,
    end,
    judge,
    room,
    remote: room.startsWith('V'),
    interpreters: [],
    ...extra,
  };
}

const TI = { interpreters: [{ language: 'ti', interpreter: 'I-TI' }], intermediary: 'INT-1', parts: 2 };
const ASSIGNMENTS: PlanAssignment[] = [
  listing('2026-03-02-am', '09:30', '11:00', 'TIP-2024-000017', 0, 'J-ADAMS', 'R-1', TI),
  listing('2026-03-02-am', '11:15', '12:45', 'TIP-2024-000017', 0, 'J-ADAMS', 'R-1', { ...TI, part: 2 }),
  listing('2026-03-02-am', '09:30', '13:00', 'ADM-2024-000033', 0, 'J-BELLO', 'R-2'),
  listing('2026-03-02-am', '09:30', '10:30', 'FAM-2025-000044', 0, 'J-CHEN', 'V-1'),
  listing('2026-03-02-am', '10:30', '11:15', 'LAB-2025-000120', 0, 'J-CHEN', 'V-1'),
  listing('2026-03-02-am', '11:15', '12:45', 'CV-2022-000900', 0, 'J-CHEN', 'V-1'),
  listing('2026-03-02-pm', '14:00', '14:30', 'CR-2025-000311', 0, 'J-ADAMS', 'R-2'),
  listing('2026-03-03-am', '09:30', '10:30', 'CR-2024-000555', 0, 'J-CHEN', 'R-2', {
    interpreters: [{ language: 'fr', interpreter: 'I-FR' }],
  }),
  listing('2026-03-03-am', '10:30', '12:30', 'CR-2023-000102', 0, 'J-CHEN', 'R-2', { supporter: 'SUP-1' }),
  listing('2026-03-03-pm', '14:00', '16:30', 'CR-2025-000311', 1, 'J-BELLO', 'R-2'),
];

const PLAN = { format: PLAN_FORMAT, assignments: ASSIGNMENTS } as unknown as SchedulePlan;

describe('checkMove', () => {
  it('starts from a plan that keeps every rule', () => {
    expect(checkPlan(exampleInstance(), PLAN).violations).toEqual([]);
  });

  it('allows a move that breaks nothing, and gives the moved plan (length kept, date from the session)', () => {
    const result = checkMove(exampleInstance(), PLAN, {
      case: 'CR-2025-000311',
      hearing: 0,
      part: 1,
      session: '2026-03-02-pm',
      start: '15:00',
      judge: 'J-ADAMS',
      room: 'R-2',
    });
    expect(result.violations).toEqual([]);
    expect(result.ok).toBe(true);
    const moved = result.plan.assignments.find((a) => a.case === 'CR-2025-000311' && a.hearing === 0);
    expect(moved).toMatchObject({ start: '15:00', end: '15:30', date: '2026-03-02', kept: false });
  });

  it('refuses a judge in two places at once, saying so', () => {
    const result = checkMove(exampleInstance(), PLAN, {
      case: 'LAB-2025-000120',
      hearing: 0,
      part: 1,
      session: '2026-03-02-am',
      start: '10:30',
      judge: 'J-BELLO',
      room: 'V-1',
    });
    expect(result.ok).toBe(false);
    expect(result.violations.map((v) => v.constraint)).toContain('double_booked');
    expect(result.violations.every((v) => v.message.length > 0)).toBe(true);
  });

  it('refuses a hearing after its next one (order), and a remote hearing into a physical room is not remote', () => {
    const order = checkMove(exampleInstance(), PLAN, {
      case: 'CR-2025-000311',
      hearing: 0,
      part: 1,
      session: '2026-03-03-pm',
      start: '14:00',
      judge: 'J-ADAMS',
      room: 'R-1',
    });
    expect(order.violations.map((v) => v.constraint)).toContain('hearing_order');
    const physical = applyMove(exampleInstance(), PLAN, {
      case: 'FAM-2025-000044',
      hearing: 0,
      part: 1,
      session: '2026-03-02-am',
      start: '09:30',
      judge: 'J-CHEN',
      room: 'R-1',
    });
    expect(physical?.assignments.find((a) => a.case === 'FAM-2025-000044')?.remote).toBe(false);
  });

  it('refuses a listing the plan does not hold', () => {
    const result = checkMove(exampleInstance(), PLAN, {
      case: 'NOPE',
      hearing: 0,
      part: 1,
      session: '2026-03-02-am',
      start: '09:30',
      judge: 'J-CHEN',
      room: 'R-1',
    });
    expect(result).toMatchObject({ ok: false, violations: [{ constraint: 'unknown_reference' }] });
  });
});

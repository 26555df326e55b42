import type { CaseInput, ScheduleInstance } from '../model/instance';
import { PLAN_FORMAT, type PlanAssignment, type SchedulePlan } from '../plan';
import { exampleInstance } from '../testing/example-instance';
import { checkPlan } from './check-plan';
import { type PlanMove, applyMove, checkMove } from './check-move';

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

const moveOf = (a: PlanAssignment, over: Partial<PlanMove> = {}): PlanMove => ({
  case: a.case,
  hearing: a.hearing,
  part: a.part,
  session: a.session,
  start: a.start,
  judge: a.judge,
  room: a.room,
  ...over,
});

/** The example court where the assault trial's vulnerable witness is a child, and court 2 (where it sits) has a live link. */
function withChildWitness(): ScheduleInstance {
  const instance = exampleInstance();
  return {
    ...instance,
    rooms: instance.rooms.map((r) => (r.id === 'R-2' ? { ...r, equipment: ['live_link'] } : r)),
    cases: instance.cases.map((c) => (c.id === 'CR-2023-000102' ? { ...c, witnesses: [{ id: 'W-BRYN', child: true }] } : c)),
  };
}

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

  describe('refuses a move that puts someone or something in two places at once', () => {
    // The burglary trial (I-FR, room R-2, 3 March morning) moved to the afternoon before HHJ Adams, in R-1:
    // on the example court it breaks nothing; the robbery trial sits then (HHJ Bello, R-2).
    const burglary = ASSIGNMENTS.find((a) => a.case === 'CR-2024-000555') as PlanAssignment;
    const afternoon = { session: '2026-03-03-pm', start: '14:00', judge: 'J-ADAMS', room: 'R-1' };
    const broken = (instance: ScheduleInstance, plan: SchedulePlan, over: Partial<PlanMove> = {}) =>
      checkMove(instance, plan, moveOf(burglary, { ...afternoon, ...over })).violations.map((v) => v.constraint);
    const withCase = (id: string, change: (item: CaseInput) => CaseInput) => {
      const instance = exampleInstance();
      return { ...instance, cases: instance.cases.map((c) => (c.id === id ? change(c) : c)) };
    };

    it('moves freely when nothing is shared', () => {
      expect(broken(exampleInstance(), PLAN)).toEqual([]);
    });

    it('an interpreter', () => {
      // The robbery now needs French too, from I-FR (available every day): I-FR cannot be at both trials.
      const instance = withCase('CR-2025-000311', (c) => ({ ...c, interpreterLanguages: ['fr'] }));
      instance.interpreters = instance.interpreters?.map((i) => (i.id === 'I-FR' ? { ...i, available: {} } : i));
      const plan = {
        ...PLAN,
        assignments: ASSIGNMENTS.map((a) =>
          a.case === 'CR-2025-000311' ? { ...a, interpreters: [{ language: 'fr', interpreter: 'I-FR' }] } : a,
        ),
      };
      expect(checkPlan(instance, plan).violations).toEqual([]);
      expect(broken(instance, plan)).toEqual(['double_booked']);
    });

    it('a room', () => {
      expect(broken(exampleInstance(), PLAN, { room: 'R-2' })).toEqual(['double_booked']);
    });

    it('counsel', () => {
      // Defence counsel of the robbery now also acts in the burglary.
      const instance = withCase('CR-2024-000555', (c) => ({ ...c, counsel: [...(c.counsel ?? []), 'DEF-JONES'] }));
      expect(checkPlan(instance, PLAN).violations).toEqual([]);
      expect(broken(instance, PLAN)).toEqual(['double_booked']);
    });

    it('a witness of another case (the same person)', () => {
      // DC-OKAFOR, a witness at the robbery trial, is now a witness of the burglary too.
      const instance = withCase('CR-2024-000555', (c) => ({ ...c, witnesses: [{ id: 'DC-OKAFOR' }] }));
      expect(checkPlan(instance, PLAN).violations).toEqual([]);
      expect(broken(instance, PLAN)).toEqual(['double_booked']);
    });
  });

  it('refuses a child witness moved into a night session', () => {
    // The assault trial's witness is a child (and court 2 has a live link, as a child witness needs).
    const instance = withChildWitness();
    expect(checkPlan(instance, PLAN).violations).toEqual([]);
    const assault = ASSIGNMENTS.find((a) => a.case === 'CR-2023-000102') as PlanAssignment;
    const result = checkMove(instance, PLAN, moveOf(assault, { session: '2026-03-03-night', start: '18:00', judge: 'J-BELLO' }));
    expect(result.violations.map((v) => v.constraint)).toEqual(['night_for_vulnerable_witness']);
    // By day (the next morning) it breaks nothing.
    expect(checkMove(instance, PLAN, moveOf(assault, { session: '2026-03-04-am', start: '09:30', judge: 'J-ADAMS' })).ok).toBe(true);
  });

  it('refuses a move that runs past the end of its session', () => {
    const labour = ASSIGNMENTS.find((a) => a.case === 'LAB-2025-000120') as PlanAssignment;
    // 45 minutes from 16:00 ends at 16:45; the afternoon sitting ends at 16:30.
    const result = checkMove(exampleInstance(), PLAN, moveOf(labour, { session: '2026-03-02-pm', start: '16:00' }));
    expect(result.violations.map((v) => v.constraint)).toEqual(['outside_session']);
    expect(checkMove(exampleInstance(), PLAN, moveOf(labour, { session: '2026-03-02-pm', start: '15:45' })).ok).toBe(true);
  });

  it('refuses a move to a judge without the specialism the case requires', () => {
    // The family case needs a family judge; HHJ Adams is free that afternoon but is not one.
    const family = ASSIGNMENTS.find((a) => a.case === 'FAM-2025-000044') as PlanAssignment;
    const result = checkMove(exampleInstance(), PLAN, moveOf(family, { session: '2026-03-02-pm', start: '14:30', judge: 'J-ADAMS' }));
    expect(result.violations.map((v) => v.constraint)).toEqual(['judge_lacks_specialism']);
    expect(checkMove(exampleInstance(), PLAN, moveOf(family, { session: '2026-03-02-pm', start: '14:30' })).ok).toBe(true);
  });

  it('refuses a move that makes a judge sit longer than their daily maximum', () => {
    // DJ Chen sits 180 of 240 minutes on 3 March; the robbery trial's 150 more would make 330.
    const trial = ASSIGNMENTS.find((a) => a.case === 'CR-2025-000311' && a.hearing === 1) as PlanAssignment;
    const result = checkMove(exampleInstance(), PLAN, moveOf(trial, { judge: 'J-CHEN' }));
    expect(result.violations.map((v) => v.constraint)).toEqual(['judge_over_daily_hours']);
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

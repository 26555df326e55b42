import { parseIsoDate } from '../calendar';
import { SchedulingError } from '../errors';
import type { CaseInput } from '../model/instance';
import { DEFAULT_POLICY, caseWeight } from '../model/policy';
import { PLAN_FORMAT, type PlanAssignment } from '../plan';
import { exampleInstance } from '../testing/example-instance';
import { checkPlan, type HardConstraint } from './check-plan';

/**
 * The checker on the README's example court, against a hand-made plan that keeps every rule,
 * and variants of it that each break one.
 */
type Row = [
  date: string,
  session: string,
  start: string,
  end: string,
  caseId: string,
  hearing: number,
  part: number,
  parts: number,
  judge: string,
  room: string,
  extra?: Partial<PlanAssignment>,
];

const VALID: Row[] = [
  [
    '2026-03-02',
    '2026-03-02-am',
    '09:30',
    '11:00',
    'TIP-2024-000017',
    0,
    1,
    2,
    'J-ADAMS',
    'R-1',
    { interpreters: [{ language: 'ti', interpreter: 'I-TI' }], intermediary: 'INT-1' },
  ],
  [
    '2026-03-02',
    '2026-03-02-am',
    '11:15',
    '12:45',
    'TIP-2024-000017',
    0,
    2,
    2,
    'J-ADAMS',
    'R-1',
    { interpreters: [{ language: 'ti', interpreter: 'I-TI' }], intermediary: 'INT-1' },
  ],
  ['2026-03-02', '2026-03-02-am', '09:30', '13:00', 'ADM-2024-000033', 0, 1, 1, 'J-BELLO', 'R-2'],
  ['2026-03-02', '2026-03-02-am', '09:30', '10:30', 'FAM-2025-000044', 0, 1, 1, 'J-CHEN', 'V-1'],
  ['2026-03-02', '2026-03-02-am', '10:30', '11:15', 'LAB-2025-000120', 0, 1, 1, 'J-CHEN', 'V-1'],
  ['2026-03-02', '2026-03-02-am', '11:15', '12:45', 'CV-2022-000900', 0, 1, 1, 'J-CHEN', 'V-1'],
  ['2026-03-02', '2026-03-02-pm', '14:00', '14:30', 'CR-2025-000311', 0, 1, 1, 'J-ADAMS', 'R-2'],
  [
    '2026-03-03',
    '2026-03-03-am',
    '09:30',
    '10:30',
    'CR-2024-000555',
    0,
    1,
    1,
    'J-CHEN',
    'R-2',
    { interpreters: [{ language: 'fr', interpreter: 'I-FR' }] },
  ],
  ['2026-03-03', '2026-03-03-am', '10:30', '12:30', 'CR-2023-000102', 0, 1, 1, 'J-CHEN', 'R-2', { supporter: 'SUP-1' }],
  ['2026-03-03', '2026-03-03-pm', '14:00', '16:30', 'CR-2025-000311', 1, 1, 1, 'J-BELLO', 'R-2'],
];

function assignment([date, session, start, end, caseId, hearing, part, parts, judge, room, extra]: Row): PlanAssignment {
  return {
    case: caseId,
    hearing,
    part,
    parts,
    type: 'trial',
    session,
    date,
    start,
    end,
    judge,
    room,
    remote: room.startsWith('V'),
    interpreters: [],
    ...extra,
  };
}

function plan(rows: Row[]) {
  return { format: PLAN_FORMAT, assignments: rows.map(assignment) };
}

/** The valid plan with the rows of `caseId`'s hearing `hearing` (block `part`) replaced. */
function variant(changes: { caseId: string; hearing?: number; part?: number; row?: Row | null }[], extra: Row[] = []): Row[] {
  const rows = VALID.filter(
    (row) =>
      !changes.some((change) => change.caseId === row[4] && (change.hearing ?? row[5]) === row[5] && (change.part ?? row[6]) === row[6]),
  );
  return [...rows, ...changes.flatMap((change) => (change.row ? [change.row] : [])), ...extra];
}

function constraintsBroken(rows: Row[]): HardConstraint[] {
  return [...new Set(checkPlan(exampleInstance(), plan(rows)).violations.map((violation) => violation.constraint))].sort();
}

describe('checkPlan', () => {
  it('accepts a plan that keeps every rule, and scores it', () => {
    const { violations, score } = checkPlan(exampleInstance(), plan(VALID));

    expect(violations).toEqual([]);
    expect(score).toMatchObject({ hearingsPlaced: 10, hearings: 10, unscheduledWaiting: 0, moves: 0, custodyBreaches: 1 });
    expect(score.total).toBeCloseTo(score.waiting + DEFAULT_POLICY.custodyBreachPenalty, 6);
  });

  it.each<[string, Row[], HardConstraint[]]>([
    [
      'a judge in two hearings at once',
      variant([
        { caseId: 'CV-2022-000900', row: ['2026-03-02', '2026-03-02-am', '09:30', '11:00', 'CV-2022-000900', 0, 1, 1, 'J-ADAMS', 'V-1'] },
      ]),
      ['double_booked'],
    ],
    [
      'counsel in two hearings at once',
      variant([
        { caseId: 'CV-2022-000900', row: ['2026-03-03', '2026-03-03-pm', '14:00', '15:30', 'CV-2022-000900', 0, 1, 1, 'J-ADAMS', 'V-1'] },
      ]),
      ['double_booked'],
    ],
    [
      'a child or vulnerable witness at night',
      variant([
        {
          caseId: 'CR-2023-000102',
          row: ['2026-03-03', '2026-03-03-night', '18:00', '20:00', 'CR-2023-000102', 0, 1, 1, 'J-BELLO', 'R-2', { supporter: 'SUP-1' }],
        },
      ]),
      ['night_for_vulnerable_witness'],
    ],
    [
      "a child witness's evidence in one block longer than the policy allows",
      variant([
        { caseId: 'TIP-2024-000017', part: 2, row: null },
        {
          caseId: 'TIP-2024-000017',
          part: 1,
          row: [
            '2026-03-02',
            '2026-03-02-am',
            '09:30',
            '12:30',
            'TIP-2024-000017',
            0,
            1,
            1,
            'J-ADAMS',
            'R-1',
            { interpreters: [{ language: 'ti', interpreter: 'I-TI' }], intermediary: 'INT-1' },
          ],
        },
      ]),
      ['block_too_long', 'wrong_duration'],
    ],
    [
      'trafficking with a child victim before a judge without the specialism',
      variant([
        {
          caseId: 'TIP-2024-000017',
          part: 1,
          row: [
            '2026-03-03',
            '2026-03-03-am',
            '09:30',
            '11:00',
            'TIP-2024-000017',
            0,
            1,
            2,
            'J-BELLO',
            'R-1',
            { interpreters: [{ language: 'ti', interpreter: 'I-TI' }], intermediary: 'INT-1' },
          ],
        },
      ]),
      ['hearing_order', 'judge_lacks_specialism'],
    ],
    [
      'a judge on leave',
      variant([
        { caseId: 'ADM-2024-000033', row: ['2026-03-04', '2026-03-04-am', '09:30', '13:00', 'ADM-2024-000033', 0, 1, 1, 'J-BELLO', 'R-2'] },
      ]),
      ['judge_not_sitting'],
    ],
    [
      'a judge sitting longer than their daily maximum',
      variant([
        { caseId: 'FAM-2025-000044', row: ['2026-03-03', '2026-03-03-pm', '14:00', '15:00', 'FAM-2025-000044', 0, 1, 1, 'J-CHEN', 'V-1'] },
        { caseId: 'LAB-2025-000120', row: ['2026-03-03', '2026-03-03-pm', '15:00', '15:45', 'LAB-2025-000120', 0, 1, 1, 'J-CHEN', 'V-1'] },
      ]),
      ['judge_over_daily_hours'],
    ],
    [
      'a remote hearing the case does not allow',
      variant([
        { caseId: 'ADM-2024-000033', row: ['2026-03-02', '2026-03-02-am', '09:30', '13:00', 'ADM-2024-000033', 0, 1, 1, 'J-BELLO', 'V-1'] },
      ]),
      ['double_booked', 'remote_not_allowed'],
    ],
    [
      'a child witness in a room without a live link',
      variant([
        {
          caseId: 'TIP-2024-000017',
          part: 1,
          row: [
            '2026-03-04',
            '2026-03-04-am',
            '09:30',
            '11:00',
            'TIP-2024-000017',
            0,
            1,
            2,
            'J-ADAMS',
            'R-2',
            { interpreters: [{ language: 'ti', interpreter: 'I-TI' }], intermediary: 'INT-1' },
          ],
        },
        {
          caseId: 'TIP-2024-000017',
          part: 2,
          row: [
            '2026-03-04',
            '2026-03-04-am',
            '11:15',
            '12:45',
            'TIP-2024-000017',
            0,
            2,
            2,
            'J-ADAMS',
            'R-2',
            { interpreters: [{ language: 'ti', interpreter: 'I-TI' }], intermediary: 'INT-1' },
          ],
        },
      ]),
      ['live_link_missing'],
    ],
    [
      'an interpreter who does not speak the language',
      variant([
        {
          caseId: 'CR-2024-000555',
          row: [
            '2026-03-03',
            '2026-03-03-am',
            '09:30',
            '10:30',
            'CR-2024-000555',
            0,
            1,
            1,
            'J-CHEN',
            'R-2',
            { interpreters: [{ language: 'fr', interpreter: 'I-TI' }] },
          ],
        },
      ]),
      ['interpreter_wrong'],
    ],
    [
      'no interpreter at all',
      variant([
        { caseId: 'CR-2024-000555', row: ['2026-03-03', '2026-03-03-am', '09:30', '10:30', 'CR-2024-000555', 0, 1, 1, 'J-CHEN', 'R-2'] },
      ]),
      ['interpreter_wrong'],
    ],
    [
      'an intermediary where a supporter is needed',
      variant([
        {
          caseId: 'CR-2023-000102',
          row: ['2026-03-03', '2026-03-03-am', '10:30', '12:30', 'CR-2023-000102', 0, 1, 1, 'J-CHEN', 'R-2', { supporter: 'INT-1' }],
        },
      ]),
      ['support_wrong'],
    ],
    [
      'no intermediary for a child witness',
      variant([
        {
          caseId: 'TIP-2024-000017',
          part: 2,
          row: [
            '2026-03-02',
            '2026-03-02-am',
            '11:15',
            '12:45',
            'TIP-2024-000017',
            0,
            2,
            2,
            'J-ADAMS',
            'R-1',
            { interpreters: [{ language: 'ti', interpreter: 'I-TI' }] },
          ],
        },
      ]),
      ['support_wrong'],
    ],
    [
      'a trial on the same day as its case-management hearing',
      variant([
        {
          caseId: 'CR-2025-000311',
          hearing: 0,
          row: ['2026-03-03', '2026-03-03-am', '09:30', '10:00', 'CR-2025-000311', 0, 1, 1, 'J-ADAMS', 'R-1'],
        },
      ]),
      ['hearing_order'],
    ],
    ['a trial without its case-management hearing', variant([{ caseId: 'CR-2025-000311', hearing: 0, row: null }]), ['hearing_order']],
    [
      'a hearing starting before its session',
      variant([
        { caseId: 'LAB-2025-000120', row: ['2026-03-02', '2026-03-02-pm', '13:30', '14:15', 'LAB-2025-000120', 0, 1, 1, 'J-CHEN', 'V-1'] },
      ]),
      ['outside_session'],
    ],
    [
      'a room not open in the session',
      variant([
        {
          caseId: 'CV-2022-000900',
          row: ['2026-03-03', '2026-03-03-night', '18:00', '19:30', 'CV-2022-000900', 0, 1, 1, 'J-BELLO', 'R-1'],
        },
      ]),
      ['room_not_open'],
    ],
    [
      'a judge nobody knows',
      variant([
        {
          caseId: 'LAB-2025-000120',
          row: ['2026-03-02', '2026-03-02-am', '10:30', '11:15', 'LAB-2025-000120', 0, 1, 1, 'J-NOBODY', 'V-1'],
        },
      ]),
      ['unknown_reference'],
    ],
    ['a hearing listed twice', variant([], [VALID[4]]), ['double_booked', 'duplicate']],
  ])('finds %s', (_name, rows, expected) => {
    expect(constraintsBroken(rows)).toEqual(expected);
  });

  it('counts a published hearing that moved, and one that stayed does not', () => {
    const published = { case: 'CV-2022-000900', hearing: 0, session: '2026-03-02-am', start: '11:15', judge: 'J-CHEN', room: 'V-1' };
    const stayed = checkPlan({ ...exampleInstance(), published: [published] }, plan(VALID));
    const moved = checkPlan({ ...exampleInstance(), published: [{ ...published, start: '09:30' }] }, plan(VALID));

    expect(stayed.score.moves).toBe(0);
    expect(moved.score.moves).toBe(1);
    expect(moved.score.total - stayed.score.total).toBeCloseTo(DEFAULT_POLICY.movePenalty, 6);
  });

  it('counts an unscheduled hearing as waiting to the end of the plan plus the penalty', () => {
    const instance = exampleInstance();
    const labour = instance.cases.find((item) => item.id === 'LAB-2025-000120') as CaseInput;
    const filed = (parseIsoDate(labour.filed) as number) - (parseIsoDate(instance.horizon.start) as number);
    const { weight } = caseWeight(labour, filed, 0, DEFAULT_POLICY);

    const { score } = checkPlan(instance, plan(variant([{ caseId: 'LAB-2025-000120', row: null }])));

    expect(score.hearingsPlaced).toBe(9);
    expect(score.unscheduledPenalty).toBeCloseTo(weight * DEFAULT_POLICY.unscheduledPenaltyDays, 6);
    // The plan's last day is Wed 4 March: unscheduled, it waits until the 5th at least.
    expect(score.unscheduledWaiting).toBeCloseTo(weight * (3 - filed), 6);
  });

  it('refuses a plan that is not one, with every problem of form', () => {
    const attempt = () => checkPlan(exampleInstance(), { format: 'something else', assignments: [{ case: 7 }] });

    expect(attempt).toThrow(SchedulingError);
    try {
      attempt();
    } catch (error) {
      expect((error as SchedulingError).code).toBe('schedule.plan_invalid');
      expect((error as SchedulingError).problems.map((problem) => problem.path)).toEqual(
        expect.arrayContaining(['format', 'assignments[0].case', 'assignments[0].interpreters']),
      );
    }
  });
});

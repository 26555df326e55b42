import { parseIsoDate } from '../calendar';
import { SchedulingError } from '../errors';
import type { CaseInput, ScheduleInstance } from '../model/instance';
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

  describe('finds each resource in two places at once, and only that resource', () => {
    /** The example court with a (family) judge and a courtroom more, so that a listing can overlap another on one resource alone. */
    function court(over: Partial<ScheduleInstance> = {}, cases: Record<string, Partial<CaseInput>> = {}): ScheduleInstance {
      const instance = exampleInstance();
      return {
        ...instance,
        judges: [
          ...instance.judges,
          {
            id: 'J-DAVIS',
            name: 'DJ Davis',
            specialisms: ['family'],
            sittingPattern: { weekdays: [1, 2, 3, 4, 5], kinds: ['day'] },
            maxSittingMinutesPerDay: 300,
          },
        ],
        rooms: [...instance.rooms, { id: 'R-3', name: 'Court 3', virtual: false }],
        cases: instance.cases.map((c) => ({ ...c, ...cases[c.id] })),
        ...over,
      };
    }
    const example = exampleInstance();
    const broken = (instance: ScheduleInstance, rows: Row[]) =>
      [...new Set(checkPlan(instance, plan(rows)).violations.map((violation) => violation.constraint))].sort();

    it('an interpreter', () => {
      // The civil case now needs Arabic, given by I-TI while I-TI interprets the trafficking trial's second block.
      const needsArabic = (over: Partial<ScheduleInstance> = {}) => court(over, { 'CV-2022-000900': { interpreterLanguages: ['ar'] } });
      const cv = (interpreter: string): Row => [
        '2026-03-02',
        '2026-03-02-am',
        '11:15',
        '12:45',
        'CV-2022-000900',
        0,
        1,
        1,
        'J-CHEN',
        'V-1',
        { interpreters: [{ language: 'ar', interpreter }] },
      ];
      expect(broken(needsArabic(), variant([{ caseId: 'CV-2022-000900', row: cv('I-TI') }]))).toEqual(['double_booked']);
      const another = { interpreters: [...(example.interpreters ?? []), { id: 'I-AR', languages: ['ar'] }] };
      expect(broken(needsArabic(another), variant([{ caseId: 'CV-2022-000900', row: cv('I-AR') }]))).toEqual([]);
    });

    it.each([
      ['an intermediary', 'intermediary'],
      ['a supporter', 'supporter'],
    ] as const)('%s', (_name, role) => {
      // The family case now needs one, given the very one the trafficking trial (intermediary) or the assault trial (supporter) has.
      const [taken, spare] = role === 'intermediary' ? ['INT-1', 'INT-2'] : ['SUP-1', 'SUP-2'];
      const needing = court(
        { supporters: [...(example.supporters ?? []), { id: spare, role }] },
        { 'FAM-2025-000044': { needs: { [role]: true } } },
      );
      // Where the other hearing with that person is: the trafficking trial's first block, or the assault trial.
      const at: [string, string, string, string] =
        role === 'intermediary' ? ['2026-03-02', '2026-03-02-am', '09:30', '10:30'] : ['2026-03-03', '2026-03-03-am', '11:00', '12:00'];
      const judge = role === 'intermediary' ? 'J-CHEN' : 'J-DAVIS';
      const fam = (person: string): Row => [...at, 'FAM-2025-000044', 0, 1, 1, judge, 'V-1', { [role]: person }];
      expect(broken(needing, variant([{ caseId: 'FAM-2025-000044', row: fam(taken) }]))).toEqual(['double_booked']);
      expect(broken(needing, variant([{ caseId: 'FAM-2025-000044', row: fam(spare) }]))).toEqual([]);
    });

    it('a witness of two cases (the same person_key)', () => {
      // DC-OKAFOR is a witness of the trafficking case and of the robbery; without the prosecutor both share, only the witness is common.
      const shared = (witness: string) => court({}, { 'CR-2025-000311': { counsel: ['DEF-JONES'], witnesses: [{ id: witness }] } });
      const rows = variant([
        {
          caseId: 'CR-2025-000311',
          hearing: 0,
          row: ['2026-03-02', '2026-03-02-am', '09:30', '10:00', 'CR-2025-000311', 0, 1, 1, 'J-DAVIS', 'R-3'],
        },
      ]);
      expect(broken(shared('DC-OKAFOR'), rows)).toEqual(['double_booked']);
      expect(broken(shared('DC-SOMEONE-ELSE'), rows)).toEqual([]);
    });

    it('a room', () => {
      // The labour case before another judge, in the room where the administrative trial sits all morning.
      const labour = (room: string): Row => ['2026-03-02', '2026-03-02-am', '10:30', '11:15', 'LAB-2025-000120', 0, 1, 1, 'J-DAVIS', room];
      expect(broken(court(), variant([{ caseId: 'LAB-2025-000120', row: labour('R-2') }]))).toEqual(['double_booked']);
      expect(broken(court(), variant([{ caseId: 'LAB-2025-000120', row: labour('R-3') }]))).toEqual([]);
    });

    it('a booking that overlaps an earlier long one but not the one just before it', () => {
      // Room R-2: the administrative trial 09:30–13:00, the labour case 09:30–10:15 and the civil case 11:15–12:45 in it too.
      const rows = variant([
        { caseId: 'LAB-2025-000120', row: ['2026-03-02', '2026-03-02-am', '09:30', '10:15', 'LAB-2025-000120', 0, 1, 1, 'J-DAVIS', 'R-2'] },
        { caseId: 'CV-2022-000900', row: ['2026-03-02', '2026-03-02-am', '11:15', '12:45', 'CV-2022-000900', 0, 1, 1, 'J-CHEN', 'R-2'] },
      ]);
      const overlaps = checkPlan(court(), plan(rows)).violations.filter((violation) => violation.constraint === 'double_booked');
      // Both listings sit in R-2 during the administrative trial: each is a double booking of its own.
      expect(overlaps).toHaveLength(2);
    });
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

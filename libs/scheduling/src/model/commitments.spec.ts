import { checkMove } from '../check/check-move';
import { checkPlan } from '../check/check-plan';
import type { CommitmentInput, ScheduleInstance } from './instance';
import { solveSchedule } from '../solver/solve';
import { commitmentOverlaps } from '../testing/commitment-overlaps';
import { exampleInstance } from '../testing/example-instance';
import { validateInstance } from './validate-instance';
import { problemsOf } from '../testing/instance-problems';

/*
 * Bookings outside the plan (audit of issue 11, gap 3): hearings listed by hand or in another
 * court keep whom they name busy. The solver works around them, the checker and a manual move
 * count them, and they never count against the plan between themselves.
 */

const FAST = { seed: 7, timeLimitSeconds: 5, maxIterations: 30, maxBoundIterations: 20 } as const;

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const clockOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const withCommitments = (commitments: readonly CommitmentInput[]): ScheduleInstance => ({ ...exampleInstance(), commitments });

/** The whole of the example's sitting days, for whom a court elsewhere holds all day. */
const allDay = (id: string, date: string, whom: Omit<CommitmentInput, 'id' | 'date' | 'start' | 'end'>): CommitmentInput => ({
  id,
  date,
  start: '08:00',
  end: '21:30',
  ...whom,
});

describe('commitments: bookings outside the plan', () => {
  describe('validation', () => {
    it('accepts well-formed commitments, ids the court does not know included', () => {
      expect(
        problemsOf(
          withCommitments([
            { id: 'H-1', date: '2026-03-02', start: '09:00', end: '10:00', judges: ['J-ADAMS'], people: ['PROS-HALE', 'NOBODY-HERE'] },
            { id: 'H-2', date: '2026-04-30', start: '14:00', end: '15:00' },
          ]),
        ),
      ).toEqual([]);
    });

    it('refuses a malformed commitment with a sentence per problem', () => {
      const problems = problemsOf({
        ...exampleInstance(),
        commitments: [
          { id: '', date: '2026-02-30', start: '25:00', end: '10:00' },
          { id: 'H-2', date: '2026-03-02', start: '11:00', end: '10:30' },
          { id: 'H-3', date: '2026-03-02', start: '11:00', end: '11:00' },
          { id: 'H-4', date: '2026-03-02', start: '09:00', end: '10:00', judges: 'J-ADAMS', people: ['PROS-HALE', 7] },
          { id: 'H-5', date: '2026-03-02', start: '09:00', end: '10:00', witnesses: ['W-AMINA'] },
          'not a booking',
        ],
      });
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^commitments\[0\]\.id: /),
          expect.stringMatching(/^commitments\[0\]\.date: /),
          expect.stringMatching(/^commitments\[0\]\.start: /),
          'commitments[1].end: must be after start (the same day)',
          'commitments[2].end: must be after start (the same day)',
          'commitments[3].judges: must be a list of ids',
          'commitments[3].people: must be a list of ids',
          expect.stringMatching(/^commitments\[4\]\.witnesses: .*judges, rooms, interpreters, supporters, people/),
          expect.stringMatching(/^commitments\[5\]: /),
        ]),
      );
      expect(problems.filter((problem) => problem.startsWith('commitments['))).toHaveLength(9);
    });

    it('refuses commitments that are not a list', () => {
      expect(problemsOf({ ...exampleInstance(), commitments: { id: 'H-1' } })).toEqual([expect.stringMatching(/^commitments: /)]);
    });
  });

  describe('the solver', () => {
    // Without commitments the example's plan uses each of these on these days; held elsewhere, none may be.
    const commitments: CommitmentInput[] = [
      allDay('JUDGE', '2026-03-02', { judges: ['J-ADAMS'] }),
      allDay('ROOM', '2026-03-02', { rooms: ['R-1'] }),
      allDay('INTERPRETER', '2026-03-03', { interpreters: ['I-TI'] }),
      allDay('SUPPORTER', '2026-03-03', { supporters: ['SUP-1', 'INT-1'] }),
      allDay('COUNSEL', '2026-03-02', { people: ['DEF-JONES'] }),
      allDay('WITNESS', '2026-03-04', { people: ['DC-OKAFOR'] }),
      { id: 'ELSEWHERE', date: '2026-03-02', start: '09:00', end: '17:00', judges: ['J-UNKNOWN'], people: ['SOMEONE-ELSE'] },
    ];

    it('places no judge, room, interpreter, supporter, counsel or witness into a commitment', () => {
      const free = solveSchedule(validateInstance(exampleInstance()), FAST).plan;
      const instance = validateInstance(withCommitments(commitments));
      // Not vacuous: the plan made without them runs into several.
      const clashes = new Set(commitmentOverlaps(instance, free.assignments).map((overlap) => overlap.split(' / ')[1]));
      expect(clashes.size).toBeGreaterThanOrEqual(3);

      const { plan } = solveSchedule(instance, FAST);
      expect(plan.assignments.length).toBeGreaterThan(0);
      expect(commitmentOverlaps(instance, plan.assignments)).toEqual([]);
      expect(checkPlan(instance, JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
    });

    it("counts a commitment's minutes in the judge's daily maximum", () => {
      const sitting = (assignments: readonly { judge: string; date: string; start: string; end: string }[]) =>
        assignments
          .filter((a) => a.judge === 'J-ADAMS' && a.date === '2026-03-02')
          .reduce((sum, a) => sum + minutesOf(a.end) - minutesOf(a.start), 0);
      // Not vacuous: without it, the plan has J-ADAMS sit more than the hour a 4-hour hearing listed by hand leaves of 300.
      expect(sitting(solveSchedule(validateInstance(exampleInstance()), FAST).plan.assignments)).toBeGreaterThan(60);

      const instance = validateInstance(
        withCommitments([{ id: 'BY-HAND', date: '2026-03-02', start: '16:30', end: '20:30', judges: ['J-ADAMS'] }]),
      );
      const { plan } = solveSchedule(instance, FAST);
      expect(plan.assignments.length).toBeGreaterThan(0);
      expect(sitting(plan.assignments)).toBeLessThanOrEqual(60);
      expect(checkPlan(instance, JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
    });

    it('still states a bound no greater than its objective', () => {
      const { plan } = solveSchedule(validateInstance(withCommitments(commitments)), FAST);
      expect(plan.bound?.value).toBeLessThanOrEqual(plan.objective.total + 1e-6 * plan.objective.total);
    });
  });

  describe('the checker', () => {
    const free = () => solveSchedule(validateInstance(exampleInstance()), FAST).plan;

    it('reports a listing overlapping a commitment as double_booked, naming the commitment', () => {
      const plan = free();
      const listing = plan.assignments[0];
      const counsel = exampleInstance().cases.find((item) => item.id === listing.case)?.counsel ?? [];
      expect(counsel.length).toBeGreaterThan(0);
      const instance = withCommitments([
        { id: 'BY-HAND', date: listing.date, start: listing.start, end: listing.end, judges: [listing.judge] },
        { id: 'OTHER-COURT', date: listing.date, start: listing.start, end: listing.end, people: [counsel[0]] },
      ]);
      const { violations } = checkPlan(instance, JSON.parse(JSON.stringify(plan)));
      expect(violations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            constraint: 'double_booked',
            params: expect.objectContaining({
              commitment: 'BY-HAND',
              resource: { kind: 'judge', id: listing.judge },
              listing: expect.objectContaining({ case: listing.case, hearing: listing.hearing, part: listing.part }),
            }),
          }),
          expect.objectContaining({
            constraint: 'double_booked',
            params: expect.objectContaining({ commitment: 'OTHER-COURT', resource: { kind: 'person', id: counsel[0] } }),
          }),
        ]),
      );
      expect(violations.every((v) => v.constraint === 'double_booked' && v.params?.commitment !== undefined)).toBe(true);
    });

    it("counts a commitment's minutes in the judge's day, and a commitment alone against no plan", () => {
      const plan = free();
      const minutesByDay = new Map<string, number>();
      for (const a of plan.assignments) {
        const key = `${a.judge}|${a.date}`;
        minutesByDay.set(key, (minutesByDay.get(key) ?? 0) + minutesOf(a.end) - minutesOf(a.start));
      }
      const [busiest, minutes] = [...minutesByDay].sort((a, b) => b[1] - a[1])[0];
      const [judge, date] = busiest.split('|');
      const max = exampleInstance().judges.find((j) => j.id === judge)?.maxSittingMinutesPerDay as number;
      const over = max - minutes + 30;
      expect(over).toBeGreaterThan(30);
      // Before any session opens, so that it overlaps no listing: only the day's total is at fault.
      const byHand = { id: 'BY-HAND', date, start: '06:00', end: clockOf(minutesOf('06:00') + over), judges: [judge] };
      expect(byHand.end <= '09:30').toBe(true);
      expect(checkPlan(withCommitments([byHand]), JSON.parse(JSON.stringify(plan))).violations).toEqual([
        expect.objectContaining({ constraint: 'judge_over_daily_hours', params: { judge, date, minutes: max + 30, max } }),
      ]);

      // Two commitments overlapping each other count their hours once.
      const twice = [byHand, { ...byHand, id: 'BY-HAND-AGAIN' }];
      expect(checkPlan(withCommitments(twice), JSON.parse(JSON.stringify(plan))).violations).toEqual([
        expect.objectContaining({ constraint: 'judge_over_daily_hours', params: { judge, date, minutes: max + 30, max } }),
      ]);

      // A day the plan lists nobody (no session): a whole day booked outside it is not the plan's to answer for.
      expect(plan.assignments.some((a) => a.date === '2026-03-05')).toBe(false);
      const longDay = allDay('LONG-DAY', '2026-03-05', { judges: [judge] });
      expect(checkPlan(withCommitments([longDay]), JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
    });

    it('does not count two commitments overlapping each other against the plan', () => {
      const plan = free();
      const instance = withCommitments([
        // Both before the sessions open: they overlap each other only (and, half an hour in all, leave the judge's day within its maximum).
        { id: 'A', date: '2026-03-02', start: '08:00', end: '08:20', judges: ['J-ADAMS'], rooms: ['R-1'], people: ['DEF-JONES'] },
        { id: 'B', date: '2026-03-02', start: '08:10', end: '08:30', judges: ['J-ADAMS'], rooms: ['R-1'], people: ['DEF-JONES'] },
      ]);
      expect(checkPlan(instance, JSON.parse(JSON.stringify(plan))).violations).toEqual([]);
    });

    it('finds a listing after a long commitment that hides a shorter one', () => {
      const plan = free();
      const listing = plan.assignments.find((a) => a.start > '09:30') ?? plan.assignments[0];
      const instance = withCommitments([
        { id: 'LONG', date: listing.date, start: '08:00', end: '21:00', judges: [listing.judge] },
        { id: 'SHORT', date: listing.date, start: '08:30', end: '08:45', judges: [listing.judge] },
      ]);
      const { violations } = checkPlan(instance, JSON.parse(JSON.stringify(plan)));
      expect(violations).toContainEqual(
        expect.objectContaining({
          constraint: 'double_booked',
          params: expect.objectContaining({ commitment: 'LONG', listing: expect.objectContaining({ case: listing.case }) }),
        }),
      );
    });

    it('refuses a manual move into a commitment, and allows it clear of it', () => {
      const instance = validateInstance(
        withCommitments([{ id: 'BY-HAND', date: '2026-03-04', start: '14:00', end: '16:30', judges: ['J-ADAMS'] }]),
      );
      const { plan } = solveSchedule(instance, FAST);
      const listing = plan.assignments.find((a) => a.judge === 'J-ADAMS' && a.date !== '2026-03-04' && a.parts === 1);
      expect(listing).toBeDefined();
      const moving = listing as NonNullable<typeof listing>;
      const into = checkMove(instance, plan, { ...moving, session: '2026-03-04-pm', start: '14:00' });
      expect(into.ok).toBe(false);
      expect(into.violations).toContainEqual(
        expect.objectContaining({
          constraint: 'double_booked',
          params: expect.objectContaining({ commitment: 'BY-HAND', resource: { kind: 'judge', id: 'J-ADAMS' } }),
        }),
      );
      // The same move with no commitment in the way breaks nothing on that account.
      const without = checkMove({ ...instance, commitments: [] }, plan, { ...moving, session: '2026-03-04-pm', start: '14:00' });
      expect(without.violations.filter((v) => v.params?.commitment !== undefined)).toEqual([]);
    });
  });
});

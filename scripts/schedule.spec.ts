import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScheduleArgs, runSchedule } from './schedule';

const EXAMPLE = join(__dirname, '..', 'libs', 'scheduling', 'examples', 'small-court.json');

describe('schedule command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'schedule-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads its arguments, and says what is wrong with bad ones', () => {
    expect(parseScheduleArgs(['solve', '--in', 'i.json', '--out', 'p.json', '--seed', '7', '--time-limit', '2.5'])).toEqual({
      command: 'solve',
      input: 'i.json',
      output: 'p.json',
      seed: 7,
      timeLimitSeconds: 2.5,
    });
    expect(parseScheduleArgs(['check', '--in', 'i.json', '--plan', 'p.json'])).toEqual({
      command: 'check',
      input: 'i.json',
      plan: 'p.json',
    });
    expect(parseScheduleArgs(['solve', '--in', 'i.json'])).toMatch(/^solve needs --out/);
    expect(parseScheduleArgs(['solve', '--in', 'i.json', '--out', 'p.json', '--seed', 'x'])).toMatch(/^--seed must be a whole number/);
    expect(parseScheduleArgs(['check', '--in', 'i.json', '--plan', 'p.json', '--seed', '1'])).toMatch(/^unknown argument --seed for check/);
    expect(parseScheduleArgs(['plan'])).toMatch(/^unknown command plan/);
  });

  it('solves the example, writes a plan the checker passes, and check agrees', () => {
    const plan = join(dir, 'plan.json');
    const lines: string[] = [];

    expect(
      runSchedule({ command: 'solve', input: EXAMPLE, output: plan, seed: 1, timeLimitSeconds: 5, iterations: 20 }, (line) =>
        lines.push(line),
      ),
    ).toBe(0);
    expect(lines).toEqual(expect.arrayContaining(['check: 0 hard-constraint violations', 'the plan states the same objective']));
    expect(JSON.parse(readFileSync(plan, 'utf8')).assignments).toHaveLength(10);

    const checked: string[] = [];
    expect(runSchedule({ command: 'check', input: EXAMPLE, plan }, (line) => checked.push(line))).toBe(0);
    expect(checked[0]).toBe('check: 0 hard-constraint violations');
  });

  it('exits 1 on a plan that breaks a rule, naming it', () => {
    const plan = join(dir, 'plan.json');
    runSchedule({ command: 'solve', input: EXAMPLE, output: plan, seed: 1, timeLimitSeconds: 5, iterations: 0 }, () => undefined);
    const document = JSON.parse(readFileSync(plan, 'utf8'));
    const [first, second] = document.assignments;
    second.judge = first.judge;
    second.session = first.session;
    second.date = first.date;
    second.start = first.start;
    writeFileSync(plan, JSON.stringify(document));
    const lines: string[] = [];

    expect(runSchedule({ command: 'check', input: EXAMPLE, plan }, (line) => lines.push(line))).toBe(1);
    expect(lines[0]).toMatch(/^check: \d+ hard-constraint violations? \(.*double_booked/);
  });

  it('exits 2 on an instance that is not valid, listing its problems', () => {
    const input = join(dir, 'instance.json');
    writeFileSync(
      input,
      JSON.stringify({
        format: 'ejustice.schedule-instance/1',
        horizon: { start: '2026-03-02' },
        sessions: [],
        judges: [],
        rooms: [],
        cases: [{ id: 'X' }],
      }),
    );
    const lines: string[] = [];

    expect(
      runSchedule({ command: 'solve', input, output: join(dir, 'plan.json'), seed: 1, timeLimitSeconds: 1 }, (line) => lines.push(line)),
    ).toBe(2);
    expect(lines).toEqual([
      'The instance has 3 problems; fix them and run again.',
      '  cases[0].type: must be one of trafficking, criminal, civil, family, labour, administrative',
      '  cases[0].filed: must be a calendar date written YYYY-MM-DD',
      '  cases[0].hearings: must be a list',
    ]);
  });
});

import { cpus, loadavg } from 'node:os';
import {
  buildModel,
  checkPlan,
  controllableGap,
  greedySchedule,
  solveModel,
  validateInstance,
  type SchedulePlan,
} from '@ejustice/scheduling';
import { generateInstance } from '@ejustice/scheduling/testing/instance-generator';

/**
 * `./ejustice bench scheduler [--sizes 2000,10000,50000] [--seed S] [--time-limits 5,8.5,50] [--judges 40] [--days 90]`
 *
 * The hearing scheduler on seeded courts (libs/scheduling/src/testing/instance-generator.ts: 40
 * judges, 90 working days of morning and afternoon sessions, night court two evenings a week)
 * with 2,000, 10,000 and 50,000 pending cases. For each size: wall time (validation, model and
 * solve), hard-constraint violations found by the independent checker, custody breaches (and
 * how many no plan could avoid), share of hearings placed, the objective, the objectives of a
 * first-in-first-out greedy and of a priority-ordered greedy on the same instance, the lower
 * bound and the controllable gap (objective − bound) ÷ (bound − fixed). Ends with one line
 * `BENCH_SCHEDULER_JSON {...}`.
 */
interface Options {
  readonly sizes: number[];
  readonly seed: number;
  readonly timeLimits: number[];
  readonly judges: number;
  readonly days: number;
}

const DEFAULT_LIMIT_SECONDS = (cases: number) => (cases <= 2_000 ? 5 : cases <= 10_000 ? 8.5 : 50);

function parseArgs(args: string[]): Options {
  const options = { sizes: [2_000, 10_000, 50_000], seed: 1, timeLimits: [] as number[], judges: 40, days: 90 };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1] ?? ''];
    const numbers = value.split(',').map(Number);
    if (numbers.some((number) => !Number.isFinite(number) || number <= 0))
      throw new Error(`${flag} needs positive numbers, got "${value}"`);
    if (flag === '--sizes') options.sizes = numbers;
    else if (flag === '--seed') options.seed = numbers[0];
    else if (flag === '--time-limits') options.timeLimits = numbers;
    else if (flag === '--judges') options.judges = numbers[0];
    else if (flag === '--days') options.days = numbers[0];
    else throw new Error(`unknown argument ${flag} (--sizes, --seed, --time-limits, --judges, --days)`);
  }
  return options;
}

interface Row {
  readonly cases: number;
  readonly hearings: number;
  readonly timeLimitSeconds: number;
  readonly generateSeconds: number;
  readonly wallSeconds: number;
  readonly violations: number;
  readonly custodyBreaches: number;
  readonly custodyBreachesUnavoidable: number;
  readonly shareOfHearingsPlaced: number;
  readonly objective: number;
  readonly fixed: number;
  readonly bound: number;
  readonly gap: number | null;
  readonly fifo: Baseline;
  readonly priority: Baseline;
  readonly improvementIterations: number;
  readonly boundIterations: number;
  readonly phases: NonNullable<SchedulePlan['solver']>['phases'];
}

interface Baseline {
  readonly objective: number;
  readonly gap: number | null;
  readonly custodyBreaches: number;
  readonly shareOfHearingsPlaced: number;
  readonly seconds: number;
}

function run(options: Options): Row[] {
  const rows: Row[] = [];
  options.sizes.forEach((cases, index) => {
    const timeLimitSeconds = options.timeLimits[index] ?? DEFAULT_LIMIT_SECONDS(cases);
    let started = performance.now();
    const generated = JSON.stringify(generateInstance({ seed: options.seed, cases, judges: options.judges, workingDays: options.days }));
    const generateSeconds = (performance.now() - started) / 1_000;

    started = performance.now();
    const instance = validateInstance(JSON.parse(generated));
    const model = buildModel(instance);
    const { plan } = solveModel(model, {
      seed: options.seed,
      timeLimitSeconds: Math.max(0.1, timeLimitSeconds - (performance.now() - started) / 1_000),
    });
    const wallSeconds = (performance.now() - started) / 1_000;

    const { violations } = checkPlan(instance, JSON.parse(JSON.stringify(plan)));
    const bound = plan.bound as NonNullable<SchedulePlan['bound']>;
    const fixed = plan.objective.fixed;
    const baseline = (order: 'fifo' | 'priority'): Baseline => {
      const began = performance.now();
      const engine = greedySchedule(model, order);
      return {
        objective: engine.objective,
        gap: controllableGap(engine.objective, bound.value, fixed),
        custodyBreaches: engine.breaches,
        shareOfHearingsPlaced: engine.placedHearings / model.hearings.length,
        seconds: (performance.now() - began) / 1_000,
      };
    };
    const row: Row = {
      cases,
      hearings: model.hearings.length,
      timeLimitSeconds,
      generateSeconds,
      wallSeconds,
      violations: violations.length,
      custodyBreaches: plan.summary.custodyBreaches,
      custodyBreachesUnavoidable: plan.summary.custodyBreachesUnavoidable,
      shareOfHearingsPlaced: plan.summary.shareOfHearingsPlaced,
      objective: plan.objective.total,
      fixed,
      bound: bound.value,
      gap: bound.gap,
      fifo: baseline('fifo'),
      priority: baseline('priority'),
      improvementIterations: plan.solver?.improvementIterations ?? 0,
      boundIterations: bound.iterations,
      phases: plan.solver?.phases ?? [],
    };
    rows.push(row);
    printRow(row);
  });
  return rows;
}

const count = (value: number) => Math.round(value).toLocaleString('en-GB');
const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`);

function printRow(row: Row): void {
  console.log(`\n${count(row.cases)} cases (${count(row.hearings)} hearings and blocks), time limit ${row.timeLimitSeconds} s`);
  console.log(
    `  wall time             ${row.wallSeconds.toFixed(2)} s (instance generated in ${row.generateSeconds.toFixed(2)} s, not counted)`,
  );
  console.log(`  phases                ${row.phases.map((phase) => `${phase.name} ${phase.seconds.toFixed(1)} s`).join(', ')}`);
  console.log(`  violations            ${row.violations}`);
  console.log(
    `  custody breaches      ${row.custodyBreaches} (${row.custodyBreachesUnavoidable} unavoidable in any plan, ${row.custodyBreaches - row.custodyBreachesUnavoidable} others)`,
  );
  console.log(`  hearings placed       ${percent(row.shareOfHearingsPlaced)}`);
  console.log(
    `  objective             ${count(row.objective)} (fixed part ${count(row.fixed)}, controllable ${count(row.objective - row.fixed)})`,
  );
  for (const [name, baseline] of [['FIFO greedy', row.fifo] as const, ['priority greedy', row.priority] as const]) {
    console.log(
      `  ${name.padEnd(21)} ${count(baseline.objective)} (gap ${percent(baseline.gap)}, ${baseline.custodyBreaches} custody breaches, ${percent(baseline.shareOfHearingsPlaced)} placed, ${baseline.seconds.toFixed(1)} s)`,
    );
  }
  console.log(
    `  lower bound           ${count(row.bound)} (controllable ${count(row.bound - row.fixed)}; ${row.boundIterations} iterations)`,
  );
  console.log(`  controllable gap      ${percent(row.gap)} (${row.improvementIterations} improvement iterations)`);
}

function printTable(rows: Row[]): void {
  const header = [
    'cases',
    'wall s',
    'violations',
    'custody breaches (unavoidable)',
    'placed',
    'objective',
    'FIFO greedy',
    'priority greedy',
    'bound',
    'gap',
    'FIFO gap',
    'priority gap',
  ];
  const lines = rows.map((row) => [
    count(row.cases),
    row.wallSeconds.toFixed(1),
    String(row.violations),
    `${row.custodyBreaches} (${row.custodyBreachesUnavoidable})`,
    percent(row.shareOfHearingsPlaced),
    count(row.objective),
    count(row.fifo.objective),
    count(row.priority.objective),
    count(row.bound),
    percent(row.gap),
    percent(row.fifo.gap),
    percent(row.priority.gap),
  ]);
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(2))
      .join(', ');
  console.log(
    `scheduler bench: sizes ${options.sizes.join(', ')}, ${options.judges} judges, ${options.days} working days, seed ${options.seed}`,
  );
  console.log(`machine: ${cpus().length} cores, load average ${load()} (1, 5, 15 min)`);
  const rows = run(options);
  printTable(rows);
  console.log(`\nload average at the end: ${load()}`);
  console.log(`BENCH_SCHEDULER_JSON ${JSON.stringify({ options, cores: cpus().length, loadAverage: loadavg(), rows })}`);
  process.exit(rows.every((row) => row.violations === 0) ? 0 : 1);
}

main();

import { readFileSync, writeFileSync } from 'node:fs';
import {
  SchedulingError,
  buildModel,
  checkPlan,
  describeProblems,
  solveModel,
  validateInstance,
  type PlanCheckResult,
  type SchedulePlan,
} from '@ejustice/scheduling';
import { generateInstance } from '@ejustice/scheduling/testing/instance-generator';

/**
 * `./ejustice schedule solve --in instance.json --out plan.json [--seed S] [--time-limit SECONDS] [--iterations N] [--bound-iterations M]`
 *   solves a whole instance (libs/scheduling/README.md), writes the plan, checks it with the
 *   independent checker and prints a summary. Exit 1 if the plan breaks a hard constraint.
 *   The plan records its seed and iteration counts: given them (and time enough), solve
 *   reproduces it exactly.
 * `./ejustice schedule check --in instance.json --plan plan.json`
 *   verifies any plan against every hard constraint and prints its score. Exit 1 on a violation.
 * `./ejustice schedule generate --cases N [--seed S] [--judges J] [--days D] --out instance.json`
 *   writes a generated instance (the benchmark's court) to try the solver on.
 * Exit code 2 for bad arguments or an input that is not a valid instance or plan.
 */
const USAGE = [
  'usage: schedule solve --in instance.json --out plan.json [--seed S] [--time-limit SECONDS] [--iterations N] [--bound-iterations M]',
  '       schedule check --in instance.json --plan plan.json',
  '       schedule generate --cases N [--seed S] [--judges J] [--days D] --out instance.json',
].join('\n');

export type ScheduleCommand =
  | {
      readonly command: 'solve';
      readonly input: string;
      readonly output: string;
      readonly seed: number;
      readonly timeLimitSeconds: number;
      readonly iterations?: number;
      readonly boundIterations?: number;
    }
  | { readonly command: 'check'; readonly input: string; readonly plan: string }
  | {
      readonly command: 'generate';
      readonly output: string;
      readonly cases: number;
      readonly seed: number;
      readonly judges: number;
      readonly days: number;
    };

const FLAGS: Record<ScheduleCommand['command'], { readonly required: readonly string[]; readonly optional: readonly string[] }> = {
  solve: { required: ['--in', '--out'], optional: ['--seed', '--time-limit', '--iterations', '--bound-iterations'] },
  check: { required: ['--in', '--plan'], optional: [] },
  generate: { required: ['--cases', '--out'], optional: ['--seed', '--judges', '--days'] },
};

/** The command, or a message saying what is wrong with the arguments. */
export function parseScheduleArgs(args: readonly string[]): ScheduleCommand | string {
  const [command, ...rest] = args;
  if (command !== 'solve' && command !== 'check' && command !== 'generate') return `unknown command ${command ?? '(none)'}\n${USAGE}`;
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (![...FLAGS[command].required, ...FLAGS[command].optional].includes(flag))
      return `unknown argument ${flag} for ${command}\n${USAGE}`;
    if (value === undefined) return `${flag} needs a value\n${USAGE}`;
    flags.set(flag, value);
  }
  const missing = FLAGS[command].required.filter((flag) => !flags.has(flag));
  if (missing.length) return `${command} needs ${missing.join(' and ')}\n${USAGE}`;
  const number = (flag: string, fallback: number, min: number, integer = true): number | string => {
    const text = flags.get(flag);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value)))
      return `${flag} must be ${integer ? 'a whole number' : 'a number'} of at least ${min}\n${USAGE}`;
    return value;
  };
  if (command === 'check') return { command, input: flags.get('--in') as string, plan: flags.get('--plan') as string };
  if (command === 'generate') {
    const values = [number('--cases', 0, 1), number('--seed', 1, 0), number('--judges', 40, 1), number('--days', 90, 1)];
    const problem = values.find((value) => typeof value === 'string');
    if (problem !== undefined) return problem as string;
    const [cases, seed, judges, days] = values as number[];
    return { command, output: flags.get('--out') as string, cases, seed, judges, days };
  }
  const seed = number('--seed', 1, 0);
  const timeLimitSeconds = number('--time-limit', 30, 0.1, false);
  const iterations = flags.has('--iterations') ? number('--iterations', 0, 0) : undefined;
  const boundIterations = flags.has('--bound-iterations') ? number('--bound-iterations', 1, 1) : undefined;
  for (const value of [seed, timeLimitSeconds, iterations, boundIterations]) if (typeof value === 'string') return value;
  return {
    command,
    input: flags.get('--in') as string,
    output: flags.get('--out') as string,
    seed: seed as number,
    timeLimitSeconds: timeLimitSeconds as number,
    ...(iterations === undefined ? {} : { iterations: iterations as number }),
    ...(boundIterations === undefined ? {} : { boundIterations: boundIterations as number }),
  };
}

/** Runs a command; returns the exit code. */
export function runSchedule(command: ScheduleCommand, print: (line: string) => void): number {
  try {
    if (command.command === 'generate') {
      const instance = generateInstance({ seed: command.seed, cases: command.cases, judges: command.judges, workingDays: command.days });
      writeFileSync(command.output, `${JSON.stringify(instance, null, 1)}\n`);
      print(
        `wrote ${command.output}: ${command.cases} cases, ${command.judges} judges, ${instance.sessions.length} sessions (seed ${command.seed})`,
      );
      return 0;
    }
    const instance = validateInstance(readJson(command.input, 'instance'));
    if (command.command === 'check') {
      const result = checkPlan(instance, readJson(command.plan, 'plan'));
      const plan = readJson(command.plan, 'plan') as Partial<SchedulePlan>;
      printCheck(result, plan, print);
      return result.violations.length === 0 ? 0 : 1;
    }
    const model = buildModel(instance);
    print(
      `schedule: ${count(model.cases.length)} cases, ${count(model.hearings.length)} hearings (blocks counted), ${model.judges.length} judges, ${model.sessions.length} sessions over ${model.horizonDays} days; seed ${command.seed}, time limit ${command.timeLimitSeconds} s`,
    );
    const { plan } = solveModel(model, {
      seed: command.seed,
      timeLimitSeconds: command.timeLimitSeconds,
      maxIterations: command.iterations,
      maxBoundIterations: command.boundIterations,
      onProgress: (progress) =>
        print(`  ${progress.phase.padEnd(10)} ${progress.seconds.toFixed(1).padStart(6)} s  objective ${count(progress.objective)}`),
    });
    writeFileSync(command.output, `${JSON.stringify(plan, null, 1)}\n`);
    printSummary(plan, print);
    const result = checkPlan(instance, JSON.parse(JSON.stringify(plan)));
    printCheck(result, plan, print);
    print(`wrote ${command.output}`);
    return result.violations.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof SchedulingError) {
      print(`${error.message}`);
      for (const line of describeProblems(error.problems)) print(`  ${line}`);
      return 2;
    }
    throw error;
  }
}

function printSummary(plan: SchedulePlan, print: (line: string) => void): void {
  const { summary, objective, bound, solver } = plan;
  print(
    `placed ${count(summary.hearingsPlaced)} of ${count(summary.hearings)} hearings (${(summary.shareOfHearingsPlaced * 100).toFixed(1)} %); ${count(summary.casesFullyPlaced)} of ${count(summary.cases)} cases fully listed`,
  );
  const atRisk = plan.custodyRisk.filter((risk) => risk.status === 'at_risk').length;
  print(
    `custody: ${summary.custodyBreaches} limit(s) breached, ${summary.custodyBreachesUnavoidable} of them unavoidable in any plan; ${atRisk} at risk beyond the plan (see custodyRisk)`,
  );
  print(
    `objective ${count(objective.total)} = waiting ${count(objective.waiting)} + unscheduled ${count(objective.unscheduledWaiting + objective.unscheduledPenalty)} + moves ${count(objective.movePenalty)} + custody ${count(objective.custodyPenalty)}; fixed ${count(objective.fixed)}`,
  );
  if (bound) print(`bound ${count(bound.value)}; controllable gap ${bound.gap === null ? 'n/a' : `${(bound.gap * 100).toFixed(2)} %`}`);
  if (solver)
    print(
      `solved in ${solver.seconds.toFixed(1)} s: ${solver.improvementIterations} improvement and ${solver.boundIterations} bound iterations, stopped by ${solver.stoppedBy}`,
    );
}

function printCheck(result: PlanCheckResult, plan: Partial<SchedulePlan>, print: (line: string) => void): void {
  const { violations, score } = result;
  const byConstraint = new Map<string, number>();
  for (const violation of violations) byConstraint.set(violation.constraint, (byConstraint.get(violation.constraint) ?? 0) + 1);
  print(
    `check: ${violations.length} hard-constraint violation${violations.length === 1 ? '' : 's'}${violations.length ? ` (${[...byConstraint].map(([name, n]) => `${name} ${n}`).join(', ')})` : ''}`,
  );
  for (const violation of violations.slice(0, 20)) print(`  ${violation.constraint}: ${violation.message}`);
  if (violations.length > 20) print(`  … and ${violations.length - 20} more`);
  print(
    `score ${count(score.total)}: waiting ${count(score.waiting)}, unscheduled ${count(score.unscheduledWaiting + score.unscheduledPenalty)}, ${score.moves} published hearing(s) moved, ${score.custodyBreaches} custody breach(es); ${count(score.hearingsPlaced)} of ${count(score.hearings)} hearings placed`,
  );
  const stated = plan.objective?.total;
  if (typeof stated === 'number') {
    const agrees = Math.abs(stated - score.total) <= 1e-6 * Math.max(1, Math.abs(score.total)) + 0.01;
    print(
      agrees
        ? 'the plan states the same objective'
        : `warning: the plan states an objective of ${count(stated)}, not ${count(score.total)}`,
    );
  }
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SchedulingError(
      what === 'plan' ? 'schedule.plan_invalid' : 'schedule.instance_invalid',
      `Cannot read the ${what} file ${path}: ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SchedulingError(
      what === 'plan' ? 'schedule.plan_invalid' : 'schedule.instance_invalid',
      `The ${what} file ${path} is not JSON: ${(error as Error).message}`,
    );
  }
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-GB');
}

if (require.main === module) {
  const command = parseScheduleArgs(process.argv.slice(2));
  if (typeof command === 'string') {
    console.error(command);
    process.exit(2);
  }
  process.exit(runSchedule(command, (line) => console.log(line)));
}

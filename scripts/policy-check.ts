import { checkPolicyProperties, type PolicyCheckReport } from '@ejustice/media-policy/testing/policy-properties';

/**
 * `./ejustice policy-check [--cases N] [--seed S]`: runs the media policy's properties
 * (libs/media-policy/src/testing/policy-properties.ts) over at least N random hearings in all
 * (default 100,000), shared equally among the properties — the same properties the unit tests
 * run a few hundred times each. Prints each property's count and a total line; on a
 * counterexample prints it (shrunk, with the seed and path to replay it) and exits 1.
 * Exit code 2 for bad arguments.
 */
const USAGE = 'usage: policy-check [--cases N] [--seed S]';
const DEFAULT_CASES = 100_000;

export interface PolicyCheckOptions {
  readonly cases: number;
  readonly seed: number;
}

/** The options, or a message saying what is wrong with the arguments. */
export function parsePolicyCheckArgs(args: readonly string[], defaultSeed: number): PolicyCheckOptions | string {
  let cases = DEFAULT_CASES;
  let seed = defaultSeed;
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    const number = Number(value);
    if (value === undefined || !Number.isSafeInteger(number)) return `${flag} needs a whole number\n${USAGE}`;
    if (flag === '--cases' && number > 0) cases = number;
    else if (flag === '--seed') seed = number;
    else return `unknown or invalid argument ${flag} ${value}\n${USAGE}`;
  }
  return { cases, seed };
}

export function runPolicyCheck(options: PolicyCheckOptions, print: (line: string) => void): PolicyCheckReport {
  print(`media policy: checking at least ${options.cases} cases (seed ${options.seed}; replay with --seed ${options.seed})`);
  let started = performance.now();
  const report = checkPolicyProperties({
    cases: options.cases,
    seed: options.seed,
    onOutcome: (outcome) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      started = performance.now();
      print(`${outcome.failed ? 'FAIL' : 'ok  '} ${String(outcome.cases).padStart(7)} cases ${seconds.padStart(6)} s  ${outcome.name}`);
      if (outcome.failed) print(`\n${outcome.report ?? 'no report'}\n`);
    },
  });
  print(`media policy: ${report.total} cases checked, ${report.failures} failure${report.failures === 1 ? '' : 's'}`);
  return report;
}

if (require.main === module) {
  const options = parsePolicyCheckArgs(process.argv.slice(2), Math.floor(Math.random() * 2 ** 31));
  if (typeof options === 'string') {
    console.error(options);
    process.exit(2);
  }
  const began = performance.now();
  const report = runPolicyCheck(options, (line) => console.log(line));
  console.log(`(${((performance.now() - began) / 1000).toFixed(1)} s)`);
  process.exit(report.failures === 0 ? 0 : 1);
}

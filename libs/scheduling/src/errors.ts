/** Stable codes for what can go wrong with a scheduling input; each app maps them in one place. */
export const SCHEDULING_ERROR_CODES = ['schedule.instance_invalid', 'schedule.plan_invalid'] as const;
export type SchedulingErrorCode = (typeof SCHEDULING_ERROR_CODES)[number];

/** One thing wrong with an input, at a JSON path such as `cases[12].hearings[0].minutes`. */
export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * An input the scheduler cannot use, with every problem found (not only the first), so that
 * whoever prepared it can fix them all in one go.
 */
export class SchedulingError extends Error {
  constructor(
    readonly code: SchedulingErrorCode,
    message: string,
    readonly problems: readonly InputProblem[] = [],
  ) {
    super(message);
    this.name = 'SchedulingError';
  }
}

/** The problems as lines a person can read, at most `limit` of them. */
export function describeProblems(problems: readonly InputProblem[], limit = 30): string[] {
  const lines = problems.slice(0, limit).map((problem) => `${problem.path}: ${problem.message}`);
  if (problems.length > limit) lines.push(`… and ${problems.length - limit} more`);
  return lines;
}

import { SchedulingError } from '../errors';
import { validateInstance } from '../model/validate-instance';

/** What validation says of a document, one `path: message` line per problem; none when it is valid. Anything else it throws is rethrown. */
export function problemsOf(document: unknown): string[] {
  try {
    validateInstance(document);
  } catch (error) {
    if (!(error instanceof SchedulingError) || error.code !== 'schedule.instance_invalid') throw error;
    return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
  }
  return [];
}

/**
 * The rows an `UPDATE … RETURNING` (or a `DELETE … RETURNING`) run with `EntityManager.query` gave
 * back. TypeORM's PostgreSQL driver answers those with `[rows, affected]`, not with the rows alone
 * as for a SELECT or an INSERT; this reads either.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return Array.isArray(result) ? (result as T[]) : [];
}

/** How many rows such a statement changed: a conditional UPDATE that found its row answers 1. */
export function affectedRows(result: unknown): number {
  return returnedRows(result).length;
}

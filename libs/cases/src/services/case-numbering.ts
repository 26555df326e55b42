import type { EntityManager } from 'typeorm';
import { type CaseType, formatCaseNumber } from '@ejustice/vocabulary/case-type';

/**
 * Takes the next number for a court, case type and year. The upsert increments the counter row
 * and holds its lock until the surrounding transaction ends: concurrent acceptances queue on
 * that row, and a transaction that rolls back gives its number back, so numbers have no gaps.
 */
export async function allocateCaseNumber(
  m: EntityManager,
  court: { id: string; code: string },
  caseType: CaseType,
  year: number,
): Promise<string> {
  const rows: { last_value: number }[] = await m.query(
    `INSERT INTO case_number_counters (court_id, case_type, year, last_value)
     VALUES ($1, $2, $3, 1)
     ON CONFLICT (court_id, case_type, year)
     DO UPDATE SET last_value = case_number_counters.last_value + 1
     RETURNING last_value`,
    [court.id, caseType, year],
  );
  return formatCaseNumber(court.code, caseType, year, rows[0].last_value);
}

/** The year of a date in a time zone (a case opened at 23:30 on 31 December local time is of that year). */
export function yearIn(date: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date));
}

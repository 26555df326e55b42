import { QueryFailedError, type EntityManager } from 'typeorm';
import { type AuditLog, DomainError, userActor } from '@ejustice/platform';
import type { AvailabilityFields, ResourceSessionKind } from '../contract/scheduling-resources.contract';
import type { SchedulingActor } from '../runs/schedule-run-permission';

/*
 * What the resource use cases share: the actor who writes, the audit event in the change's own
 * transaction, and whether the court's published timetable still refers to a resource.
 */

export type ResourceActor = SchedulingActor & { readonly userId: string };

const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === UNIQUE_VIOLATION && driver.constraint === constraint;
}

/** Appends the audit event of a change to the court's scheduling resources, last in its transaction. */
export async function auditResourceChange(
  audit: AuditLog,
  m: EntityManager,
  actor: ResourceActor,
  courtId: string,
  action: string,
  subject: { type: string; id: string },
  data: Record<string, unknown>,
): Promise<void> {
  await audit.record(m, { action, actor: userActor(actor.userId), subject, courtId, data });
}

/**
 * Whether the court's published timetable (its hearings, and the published plan they came from)
 * refers to this session, room, interpreter or supporter: removing it would leave a hearing
 * nowhere, so it is refused.
 */
export async function usedByPublishedTimetable(
  m: EntityManager,
  courtId: string,
  what: 'session' | 'room' | 'interpreter' | 'supporter',
  id: string,
): Promise<boolean> {
  const column = what === 'session' ? 'session_id' : what === 'room' ? 'room_id' : null;
  if (column) {
    const rows: unknown[] = await m.query(`SELECT 1 FROM published_hearings WHERE court_id = $1 AND ${column} = $2 LIMIT 1`, [courtId, id]);
    if (rows.length > 0) return true;
  }
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM schedule_runs r CROSS JOIN LATERAL jsonb_array_elements(r.plan -> 'assignments') a
      WHERE r.court_id = $1 AND r.status = 'published'
        AND (a ->> 'session' = $2 OR a ->> 'room' = $2 OR a ->> 'intermediary' = $2 OR a ->> 'supporter' = $2
             OR (a -> 'interpreters') @> jsonb_build_array(jsonb_build_object('interpreter', $2::text)))
      LIMIT 1`,
    [courtId, id],
  );
  return rows.length > 0;
}

/** Whether a hearing still to be held is booked into the room (listed by hand or published). */
export async function roomBooked(m: EntityManager, id: string): Promise<boolean> {
  const rows: unknown[] = await m.query(`SELECT 1 FROM hearings WHERE room_id = $1 AND status = 'scheduled' LIMIT 1`, [id]);
  return rows.length > 0;
}

export function bookedRoom(id: string): DomainError {
  return new DomainError(
    'conflict',
    'scheduling.room_booked',
    'Hearings still to be held are booked into this room, so it cannot be removed; list them elsewhere first, or add days off for the room instead.',
    { details: { id } },
  );
}

export function inUse(what: string, id: string): DomainError {
  return new DomainError(
    'conflict',
    `scheduling.${what}_in_use`,
    `The court’s published timetable still lists hearings with this ${what}, so it cannot be removed; run the scheduler and publish a timetable without it first, or add days off instead.`,
    { details: { id } },
  );
}

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `scheduling.${what}_not_found`, `No such ${what} in this court.`);
}

/** Availability columns as the routes give them. */
export function availabilityOf(row: { available_weekdays: number[] | null; available_kinds: string[] | null }): AvailabilityFields {
  return {
    availableWeekdays: row.available_weekdays,
    availableKinds: row.available_kinds as ResourceSessionKind[] | null,
  };
}

/** A set of weekdays or kinds as stored: sorted, each once; null stays null (every day, every kind). */
export function normalised<T extends string | number>(values: readonly T[] | null | undefined): T[] | null {
  if (values === null || values === undefined) return null;
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

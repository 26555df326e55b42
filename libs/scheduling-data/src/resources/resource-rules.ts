import { DomainError } from '@ejustice/platform';
import { DEFAULT_POLICY, INSTANCE_FORMAT, SchedulingError, validateInstance } from '@ejustice/scheduling';
import type { Role } from '@ejustice/vocabulary';
import {
  RESOURCE_LIMITS,
  type SessionPatternRequest,
  type SessionRequest,
  type UnavailabilityOwnerType,
  type UnavailabilityRequest,
} from '../contract/scheduling-resources.contract';
import type { SchedulingActor } from '../runs/schedule-run-permission';

/*
 * A court's scheduling resources as pure decisions: who may read and maintain them, a recurring
 * pattern of sittings expanded to sessions, overlaps found, a policy checked against the solver's
 * own rules. The use cases in this folder load, lock, write and audit.
 */

/** Who reads the court's resources: its clerks and judges (a judge checks their own sitting), and its administrators. */
export const RESOURCE_READ_ROLES: readonly Role[] = ['clerk', 'judge', 'admin'];
/** Who maintains them: the registry (clerks), and the court's administrators. */
export const RESOURCE_WRITE_ROLES: readonly Role[] = ['clerk', 'admin'];

function assertOwnCourt(actor: SchedulingActor, courtId: string): void {
  if (actor.courtId !== courtId) {
    throw new DomainError(
      'forbidden',
      'scheduling.other_court',
      'You may see and maintain only your own court’s scheduling data; ask a clerk of that court.',
    );
  }
}

export function assertMayReadResources(actor: SchedulingActor, courtId: string): void {
  if (!actor.roles.some((r) => RESOURCE_READ_ROLES.includes(r))) {
    throw new DomainError(
      'forbidden',
      'scheduling.role_forbidden',
      'Only the court’s clerks, judges and administrators may see its scheduling resources.',
    );
  }
  assertOwnCourt(actor, courtId);
}

export function assertMayMaintainResources(actor: SchedulingActor, courtId: string): void {
  if (!actor.roles.some((r) => RESOURCE_WRITE_ROLES.includes(r))) {
    throw new DomainError(
      'forbidden',
      'scheduling.resources_role_forbidden',
      'Only a clerk or an administrator of the court may change its judges’ sittings, rooms, sessions, interpreters, supporters or policy; ask the registry.',
    );
  }
  assertOwnCourt(actor, courtId);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` that is a real calendar day; refused otherwise. */
export function dayNumber(isoDate: string, field: string): number {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) {
    throw new DomainError('invalid', 'scheduling.date_invalid', `${field} is not a calendar day (${isoDate}); give it as YYYY-MM-DD.`, {
      fields: [{ field, message: 'must be a calendar day, YYYY-MM-DD' }],
    });
  }
  return Math.round(ms / 86_400_000);
}

function isoOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (a date's weekday is the same in every time zone). */
function isoWeekday(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** A range of days, both included, from no later than to, at most `maxDays` long. */
export function checkDateRange(from: string, to: string, maxDays: number = RESOURCE_LIMITS.rangeDays): { from: number; to: number } {
  const a = dayNumber(from, 'from');
  const b = dayNumber(to, 'to');
  if (b < a) {
    throw new DomainError('invalid', 'scheduling.range_invalid', `The range ends (${to}) before it starts (${from}); swap the dates.`);
  }
  if (b - a + 1 > maxDays) {
    throw new DomainError(
      'invalid',
      'scheduling.range_too_long',
      `The range covers ${b - a + 1} days; at most ${maxDays} are allowed at once, so split it.`,
    );
  }
  return { from: a, to: b };
}

/** Hours of a sitting: it starts before it ends, on the same day (a night session ends by midnight). */
export function checkHours(start: string, end: string): void {
  if (start >= end) {
    throw new DomainError(
      'invalid',
      'scheduling.session_hours_invalid',
      `A session must end after it starts, on the same day (${start}–${end}); a night session ends by 23:59.`,
    );
  }
}

/**
 * The sessions a pattern creates: each sitting on each of its weekdays from `from` to `to`, in
 * date then start order. Refused when the range is too long, hours are inverted, or it would
 * create more sessions than one request may.
 */
export function expandSessionPattern(pattern: SessionPatternRequest): SessionRequest[] {
  const range = checkDateRange(pattern.from, pattern.to);
  for (const s of pattern.sittings) checkHours(s.start, s.end);
  const out: SessionRequest[] = [];
  for (let day = range.from; day <= range.to; day++) {
    const weekday = isoWeekday(day);
    for (const s of pattern.sittings) {
      if (!s.weekdays.includes(weekday)) continue;
      out.push({ date: isoOfDay(day), kind: s.kind, start: s.start, end: s.end, ...(s.rooms ? { rooms: [...s.rooms] } : {}) });
    }
  }
  if (out.length > RESOURCE_LIMITS.patternSessions) {
    throw new DomainError(
      'invalid',
      'scheduling.pattern_too_large',
      `The pattern would create ${out.length} sessions; at most ${RESOURCE_LIMITS.patternSessions} at once, so shorten the range.`,
    );
  }
  if (out.length === 0) {
    throw new DomainError(
      'invalid',
      'scheduling.pattern_empty',
      'The pattern creates no session: none of its weekdays falls between the two dates.',
    );
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start));
}

interface Hours {
  readonly date: string;
  readonly start: string;
  readonly end: string;
}

/** Two sittings of one court overlap when they share a day and a minute (09:00–13:00 and 13:00–16:00 do not). */
export function overlaps(a: Hours, b: Hours): boolean {
  return a.date === b.date && a.start < b.end && b.start < a.end;
}

/**
 * The first overlap among the proposed sessions, or between one of them and an existing session
 * of the court: refused with a sentence naming both, so the clerk knows which to change.
 */
export function assertNoOverlap(proposed: readonly Hours[], existing: readonly (Hours & { readonly id: string })[]): void {
  const say = (h: Hours) => `${h.date} ${h.start}–${h.end}`;
  for (const [i, p] of proposed.entries()) {
    const clash = existing.find((e) => overlaps(p, e));
    if (clash) {
      throw new DomainError(
        'conflict',
        'scheduling.session_overlap',
        `The session on ${say(p)} overlaps the court’s session on ${say(clash)}; nothing was created. Change the hours or delete that session first.`,
        { details: { date: p.date, existingSessionId: clash.id } },
      );
    }
    const twin = proposed.slice(0, i).find((q) => overlaps(p, q));
    if (twin) {
      throw new DomainError(
        'conflict',
        'scheduling.session_overlap',
        `Two sittings of the request overlap on ${p.date} (${twin.start}–${twin.end} and ${p.start}–${p.end}); nothing was created.`,
        { details: { date: p.date } },
      );
    }
  }
}

/** The one owner of days off, of exactly one kind; refused otherwise. */
export function unavailabilityOwner(request: UnavailabilityRequest): { type: UnavailabilityOwnerType; id: string } {
  const owners = (
    [
      ['judge', request.judgeUserId],
      ['room', request.roomId],
      ['interpreter', request.interpreterId],
      ['supporter', request.supporterId],
    ] as const
  ).filter(([, id]) => id !== undefined && id !== null);
  if (owners.length !== 1) {
    throw new DomainError(
      'invalid',
      'scheduling.unavailability_owner',
      'Days off belong to exactly one judge, room, interpreter or supporter; give one of judgeUserId, roomId, interpreterId, supporterId.',
    );
  }
  const [type, id] = owners[0];
  return { type, id: id as string };
}

/** A policy's weights and rules, as JSON, at most this long (a few specialist rules fit many times). */
const POLICY_MAX_CHARS = 20_000;

/**
 * A court's policy weights, checked against the solver's own rules (validateInstance on an
 * instance holding only the policy): every key a field of libs/scheduling `Policy`, every weight
 * in its range (none negative). Refused with every problem at once.
 */
export function checkPolicyOverrides(policy: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (JSON.stringify(policy).length > POLICY_MAX_CHARS) {
    throw new DomainError(
      'invalid',
      'scheduling.policy_invalid',
      `The policy is longer than ${POLICY_MAX_CHARS} characters; keep to the settings that differ from the defaults.`,
    );
  }
  const known = Object.keys(DEFAULT_POLICY);
  const problems: { field: string; message: string }[] = Object.keys(policy)
    .filter((key) => !known.includes(key))
    .map((key) => ({ field: `policy.${key}`, message: `is not a policy setting (${known.join(', ')})` }));
  try {
    validateInstance({ format: INSTANCE_FORMAT, horizon: { start: '2000-01-03' }, policy, sessions: [], judges: [], rooms: [], cases: [] });
  } catch (error) {
    if (!(error instanceof SchedulingError)) throw error;
    problems.push(...error.problems.map((p) => ({ field: p.path, message: p.message })));
  }
  if (problems.length > 0) {
    throw new DomainError(
      'invalid',
      'scheduling.policy_invalid',
      `The policy was not saved: ${problems
        .slice(0, 10)
        .map((p) => `${p.field} ${p.message}`)
        .join('; ')}.`,
      { fields: problems.slice(0, 50) },
    );
  }
  return { ...policy };
}

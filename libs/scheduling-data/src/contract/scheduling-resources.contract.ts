/**
 * The REST contract of a court's scheduling resources and policy, declared once for the api and
 * the browser: `/api/courts/:courtId/scheduling/...` (judges' profiles, rooms, sessions,
 * interpreters, supporters, their days off, the court's policy). Plain types and constants only.
 * Read by the court's clerks, judges and administrators; written by its clerks and administrators.
 */

/** Day court or night court (libs/scheduling SESSION_KINDS). */
export const RESOURCE_SESSION_KINDS = ['day', 'night'] as const;
export type ResourceSessionKind = (typeof RESOURCE_SESSION_KINDS)[number];

/** What a supporter does for a vulnerable witness (libs/scheduling SUPPORT_ROLES). */
export const RESOURCE_SUPPORT_ROLES = ['intermediary', 'supporter'] as const;
export type ResourceSupportRole = (typeof RESOURCE_SUPPORT_ROLES)[number];

/** Bounds on every list and string the routes take or give. */
export const RESOURCE_LIMITS = Object.freeze({
  /** Rooms, interpreters, supporters, judges, days off: at most this many in one answer. */
  list: 500,
  /** Sessions: the widest date range one list or one pattern may cover. */
  rangeDays: 366,
  /** Sessions one pattern may create. */
  patternSessions: 1_000,
  /** Sittings (weekdays, kind, hours) in one pattern. */
  patternSittings: 14,
  /** Specialisms, equipment, languages, rooms of a session: at most this many. */
  tags: 30,
  tagLength: 60,
  nameLength: 200,
  roomNameLength: 120,
});

/** ISO weekdays, 1 = Monday … 7 = Sunday; `null` means every day (or every kind). */
export interface AvailabilityFields {
  readonly availableWeekdays: readonly number[] | null;
  readonly availableKinds: readonly ResourceSessionKind[] | null;
}

/** `PUT .../scheduling/judges/:userId`: the judge's sitting (replaces the profile). */
export interface JudgeProfileRequest {
  readonly specialisms: readonly string[];
  readonly sittingWeekdays: readonly number[] | null;
  readonly sittingKinds: readonly ResourceSessionKind[] | null;
  readonly maxSittingMinutesPerDay: number;
}

/** `GET .../scheduling/judges`: every judge of the court, with their profile or none (the scheduler leaves them out). */
export interface JudgeProfileView {
  readonly userId: string;
  readonly displayName: string;
  readonly profile: JudgeProfileRequest | null;
}

/** `POST .../scheduling/rooms` and `PUT .../rooms/:id`. */
export interface RoomRequest extends AvailabilityFields {
  readonly name: string;
  readonly virtual: boolean;
  /** E.g. `live_link`. */
  readonly equipment: readonly string[];
}
export interface RoomView extends RoomRequest {
  readonly id: string;
}

/** `POST .../scheduling/interpreters` and `PUT .../interpreters/:id`. */
export interface InterpreterRequest extends AvailabilityFields {
  readonly name: string;
  readonly languages: readonly string[];
}
export interface InterpreterView extends InterpreterRequest {
  readonly id: string;
}

/** `POST .../scheduling/supporters` and `PUT .../supporters/:id`. */
export interface SupporterRequest extends AvailabilityFields {
  readonly name: string;
  readonly role: ResourceSupportRole;
}
export interface SupporterView extends SupporterRequest {
  readonly id: string;
}

/** One sitting of the court: a day (`YYYY-MM-DD`) and wall-clock hours (`HH:MM`) in the court's time zone. */
export interface SessionRequest {
  readonly date: string;
  readonly kind: ResourceSessionKind;
  readonly start: string;
  readonly end: string;
  /** The rooms open in it; none listed opens every room available that day. */
  readonly rooms?: readonly string[];
}

export interface SessionView {
  readonly id: string;
  readonly date: string;
  readonly kind: ResourceSessionKind;
  readonly start: string;
  readonly end: string;
  readonly rooms: readonly string[];
  /** The same hours as instants (ISO 8601, UTC), placed in the court's time zone. */
  readonly startsAt: string;
  readonly endsAt: string;
}

/** `GET .../scheduling/sessions?from=&to=`: at most `RESOURCE_LIMITS.rangeDays` days. */
export interface SessionRangeQuery {
  readonly from: string;
  readonly to: string;
}

/** One recurring sitting of a pattern: on these weekdays, of this kind, at these hours. */
export interface SessionSitting {
  readonly weekdays: readonly number[];
  readonly kind: ResourceSessionKind;
  readonly start: string;
  readonly end: string;
  readonly rooms?: readonly string[];
}

/**
 * `POST .../scheduling/sessions/pattern`: every sitting on each of its weekdays from `from` to
 * `to` (both included), all created or none (409 `scheduling.session_overlap` when one would
 * overlap another session of the court, or another of the pattern, on the same day).
 */
export interface SessionPatternRequest {
  readonly from: string;
  readonly to: string;
  readonly sittings: readonly SessionSitting[];
}

export interface SessionPatternCreated {
  readonly created: readonly SessionView[];
}

export const UNAVAILABILITY_OWNER_TYPES = ['judge', 'room', 'interpreter', 'supporter'] as const;
export type UnavailabilityOwnerType = (typeof UNAVAILABILITY_OWNER_TYPES)[number];

/** `POST .../scheduling/unavailability`: days off (both included) of exactly one judge, room, interpreter or supporter. */
export interface UnavailabilityRequest {
  readonly judgeUserId?: string;
  readonly roomId?: string;
  readonly interpreterId?: string;
  readonly supporterId?: string;
  readonly from: string;
  readonly to: string;
}

export interface UnavailabilityView {
  readonly id: string;
  readonly owner: { readonly type: UnavailabilityOwnerType; readonly id: string };
  readonly from: string;
  readonly to: string;
}

/** `GET` and `PUT .../scheduling/policy`: the court's scheduling policy (defaults when never set). */
export interface SchedulingPolicyRequest {
  /** The solver's time budget, 1–600 seconds. */
  readonly timeLimitSeconds: number;
  /** How many days ahead a run plans, 1–366. */
  readonly horizonDays: number;
  /** The hour of the nightly run in the court's time zone (0–23), or null for none. */
  readonly nightlyHour: number | null;
  /** The policy weights: a partial libs/scheduling `Policy`; what is left out takes its default. */
  readonly policy: Readonly<Record<string, unknown>>;
}

export interface SchedulingPolicyView extends SchedulingPolicyRequest {
  /** When the court last set it; null while it plans with the defaults. */
  readonly updatedAt: string | null;
}

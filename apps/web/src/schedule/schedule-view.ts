/**
 * The schedule page's view model, pure: which runs are still working (and are polled), the
 * figures of a finished draft, the board's grid by judge or by room, the targets a listing can be
 * moved to, and the sentences for refusals.
 */
import type { i18n as I18n } from 'i18next';
import type { ScheduleMoveRequest, ScheduleMoveViolation } from '@ejustice/scheduling-data/contract/schedule-moves.contract';
import type { ScheduleRunLabels, ScheduleRunStatus } from '@ejustice/scheduling-data/contract/schedule-run.contract';
import { isApiError } from '../api/problem';
import { errorMessage } from '../i18n/error-message';
import type { Language } from '../i18n/languages';

/** How often a run still queued or running is asked for again. */
export const POLL_EVERY_MS = 1500;

/** A run still queued or running: its page polls it until it ends. */
export function isWorking(status: ScheduleRunStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** A plan's listing as the board shows it (libs/scheduling/src/plan.ts PlanAssignment, the part the board reads). */
export interface BoardListing {
  readonly case: string;
  readonly hearing: number;
  readonly part: number;
  readonly parts: number;
  readonly type: string;
  readonly session: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly judge: string;
  readonly room: string;
  readonly remote: boolean;
  readonly why?: string;
}

export interface BoardUnscheduled {
  readonly case: string;
  readonly reason: string;
}

/** The part of a plan (format `ejustice.schedule-plan/1`) the page reads. */
export interface BoardPlan {
  readonly assignments: readonly BoardListing[];
  readonly unscheduled: readonly BoardUnscheduled[];
  readonly hearings: number;
  readonly hearingsPlaced: number;
  readonly publishedMoved: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The plan of a run's view, read defensively (the contract types it `unknown`): undefined when
 * the run has none or it is not a plan this page understands.
 */
export function readPlan(plan: unknown): BoardPlan | undefined {
  if (!isRecord(plan) || plan.format !== 'ejustice.schedule-plan/1' || !Array.isArray(plan.assignments)) return undefined;
  const summary = isRecord(plan.summary) ? plan.summary : {};
  const assignments = plan.assignments.filter(
    (a): a is BoardListing =>
      isRecord(a) &&
      ['case', 'session', 'date', 'start', 'end', 'judge', 'room', 'type'].every((k) => typeof a[k] === 'string') &&
      ['hearing', 'part', 'parts'].every((k) => typeof a[k] === 'number'),
  );
  const unscheduled = (Array.isArray(plan.unscheduled) ? plan.unscheduled : []).filter(
    (u): u is BoardUnscheduled => isRecord(u) && typeof u.case === 'string' && typeof u.reason === 'string',
  );
  const count = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
  return {
    assignments,
    unscheduled,
    hearings: count(summary.hearings, assignments.length),
    hearingsPlaced: count(summary.hearingsPlaced, assignments.length),
    publishedMoved: count(summary.publishedMoved, 0),
  };
}

/** A session as the court holds it: its day and real hours. */
export interface SessionLabel {
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly night: boolean;
}

/** What the plan's ids mean to a clerk, by id (the run view's `labels`); an id without one is shown as it is. */
export interface BoardLabels {
  readonly judges: ReadonlyMap<string, string>;
  readonly rooms: ReadonlyMap<string, { readonly name: string; readonly virtual: boolean }>;
  readonly sessions: ReadonlyMap<string, SessionLabel>;
  readonly cases: ReadonlyMap<string, string>;
}

/** The run view's labels as maps; none (a run without a plan, an older server) labels nothing. */
export function readLabels(labels: ScheduleRunLabels | null | undefined): BoardLabels {
  return {
    judges: new Map((labels?.judges ?? []).map((j) => [j.id, j.name])),
    rooms: new Map((labels?.rooms ?? []).map((r) => [r.id, { name: r.name, virtual: r.virtual }])),
    sessions: new Map((labels?.sessions ?? []).map(({ id, ...session }) => [id, session])),
    cases: new Map((labels?.cases ?? []).map((c) => [c.id, c.number])),
  };
}

export const NO_LABELS: BoardLabels = readLabels(null);

/** A judge by name, a case by number: the id only when the server gave no label for it. */
export const judgeLabel = (labels: BoardLabels, id: string): string => labels.judges.get(id) ?? id;
export const caseLabel = (labels: BoardLabels, id: string): string => labels.cases.get(id) ?? id;

/** A room by name, a virtual one said so (`virtual` formats the name, e.g. "Room A (virtual)"). */
export function roomLabel(labels: BoardLabels, id: string, virtual: (name: string) => string): string {
  const room = labels.rooms.get(id);
  if (!room) return id;
  return room.virtual ? virtual(room.name) : room.name;
}

/** One listing's identity in the plan: a case's hearing and block. */
export function listingKey(listing: Pick<BoardListing, 'case' | 'hearing' | 'part'>): string {
  return `${listing.case}#${listing.hearing}#${listing.part}`;
}

export type BoardAxis = 'judge' | 'room';

/** A column of the board: one session of one day. */
export interface BoardColumn {
  readonly session: string;
  readonly date: string;
  /** The session's hours when labelled; else the earliest start and latest end listed in it. */
  readonly from: string;
  readonly to: string;
  readonly night: boolean;
}

export interface BoardRow {
  /** The judge's or room's id as the plan names it. */
  readonly id: string;
  /** Its name (a room's bare name), or the id when unlabelled. */
  readonly label: string;
  /** Listings per column (same order as `columns`), each by start. */
  readonly cells: readonly (readonly BoardListing[])[];
}

export interface BoardGrid {
  readonly columns: readonly BoardColumn[];
  readonly rows: readonly BoardRow[];
}

/** The plan as a calendar: days × sessions across, judges (or rooms) down, by name. */
export function boardGrid(plan: BoardPlan, axis: BoardAxis, labels: BoardLabels = NO_LABELS): BoardGrid {
  const bySession = new Map<string, BoardColumn>();
  for (const a of plan.assignments) {
    const seen = bySession.get(a.session);
    bySession.set(a.session, {
      session: a.session,
      date: a.date,
      from: seen && seen.from < a.start ? seen.from : a.start,
      to: seen && seen.to > a.end ? seen.to : a.end,
      night: false,
    });
  }
  for (const column of bySession.values()) {
    const known = labels.sessions.get(column.session);
    if (known) bySession.set(column.session, { ...column, from: known.start, to: known.end, night: known.night });
  }
  const columns = [...bySession.values()].sort(
    (x, y) => x.date.localeCompare(y.date) || x.from.localeCompare(y.from) || x.session.localeCompare(y.session),
  );
  const index = new Map(columns.map((c, i) => [c.session, i]));
  const nameOf = (id: string) => (axis === 'judge' ? judgeLabel(labels, id) : (labels.rooms.get(id)?.name ?? id));
  const ids = [...new Set(plan.assignments.map((a) => a[axis]))].sort((x, y) => nameOf(x).localeCompare(nameOf(y)) || x.localeCompare(y));
  const rows = ids.map((id) => {
    const cells: BoardListing[][] = columns.map(() => []);
    for (const a of plan.assignments) if (a[axis] === id) cells[index.get(a.session) as number].push(a);
    for (const cell of cells) cell.sort((x, y) => x.start.localeCompare(y.start) || x.case.localeCompare(y.case));
    return { id, label: nameOf(id), cells };
  });
  return { columns, rows };
}

/** Minutes a listing lasts. */
export function listingMinutes(listing: Pick<BoardListing, 'start' | 'end'>): number {
  const minutes = (time: string) => {
    const [h, m] = time.split(':').map(Number);
    return h * 60 + m;
  };
  return minutes(listing.end) - minutes(listing.start);
}

/** Where a listing can be moved on the board: the sessions, judges and rooms the plan names, judges and rooms by name. */
export interface MoveTargets {
  readonly sessions: readonly BoardColumn[];
  readonly judges: readonly { readonly id: string; readonly label: string }[];
  readonly rooms: readonly { readonly id: string; readonly label: string }[];
}

export function moveTargets(plan: BoardPlan, labels: BoardLabels = NO_LABELS): MoveTargets {
  const rows = (axis: BoardAxis) => boardGrid(plan, axis, labels).rows.map(({ id, label }) => ({ id, label }));
  return { sessions: boardGrid(plan, 'judge', labels).columns, judges: rows('judge'), rooms: rows('room') };
}

export interface MoveDraft {
  readonly session: string;
  readonly start: string;
  readonly judge: string;
  readonly room: string;
}

/** The move form's starting values: where the listing is now. */
export function moveDraftOf(listing: BoardListing): MoveDraft {
  return { session: listing.session, start: listing.start, judge: listing.judge, room: listing.room };
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The request for a move, or undefined while the form does not describe one (bad time, nothing changed). */
export function moveRequest(listing: BoardListing, draft: MoveDraft): ScheduleMoveRequest | undefined {
  if (!CLOCK.test(draft.start)) return undefined;
  const unchanged = (['session', 'start', 'judge', 'room'] as const).every((k) => draft[k] === listing[k]);
  if (unchanged) return undefined;
  return { case: listing.case, hearing: listing.hearing, part: listing.part, ...draft };
}

/** The refused move's broken constraints, from a 409 `scheduling.move_refused` (its `violations`). */
export function refusedViolations(error: unknown): ScheduleMoveViolation[] {
  if (!isApiError(error) || error.code !== 'scheduling.move_refused') return [];
  const list = error.extensions.violations;
  return Array.isArray(list)
    ? list.filter((v): v is ScheduleMoveViolation => isRecord(v) && typeof v.constraint === 'string' && typeof v.message === 'string')
    : [];
}

/** The scheduling codes the page says in the person's language; any other falls back to errorMessage. */
export const SCHEDULE_ERROR_CODES = [
  'scheduling.role_forbidden',
  'scheduling.publish_role_forbidden',
  'scheduling.other_court',
  'scheduling.run_not_found',
  'scheduling.run_not_draft',
  'scheduling.run_has_no_plan',
  'scheduling.move_refused',
  'scheduling.data_invalid',
  'scheduling.draft_stale',
  'scheduling.judge_double_booked',
  'scheduling.run_already_published',
  'scheduling.run_superseded',
  'scheduling.run_not_finished',
  'scheduling.run_failed',
  'scheduling.hearing_under_way',
] as const;

/**
 * A failure in the person's language: a scheduling code the page knows under `schedule.errors.`,
 * anything else as the app says it (the server's sentence for codes nobody translated yet).
 */
export function scheduleErrorMessage(error: unknown, i18n: Pick<I18n, 't' | 'exists'>): string {
  if (isApiError(error) && (SCHEDULE_ERROR_CODES as readonly string[]).includes(error.code)) {
    return i18n.t(`schedule.errors.${error.code.slice('scheduling.'.length)}`);
  }
  return errorMessage(error, i18n);
}

/** The optimality gap as a percentage (the contract's gap is a fraction). */
export function formatGap(gap: number | null, language: Language): string {
  return gap === null ? '—' : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(gap);
}

export function formatNumber(value: number | null, language: Language): string {
  return value === null ? '—' : new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(value);
}

/** A plan date (`YYYY-MM-DD`) as the person reads dates, with the weekday. */
export function formatPlanDate(date: string, language: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/**
 * The schedule page's view model, pure: which runs are still working (and are polled), the
 * figures of a finished draft, the board's grid by judge or by room, the targets a listing can be
 * moved to, and the sentences for refusals.
 */
import type { i18n as I18n } from 'i18next';
import type {
  CustodyRiskParams,
  HeldBy,
  ListingExplanation,
  UnscheduledParams,
} from '@ejustice/scheduling-data/contract/schedule-explanations.contract';
import {
  CUSTODY_RISK_CODES,
  HELD_BY_REASONS,
  LISTING_DAY_CODES,
  PRIORITY_GROUNDS,
  SCHEDULE_CONSTRAINTS,
  UNSCHEDULED_CODES,
} from '@ejustice/scheduling-data/contract/schedule-explanations.contract';
import type {
  ScheduleMoveRequest,
  ScheduleMoveViolation,
  ScheduleViolationListing,
  ScheduleViolationParams,
} from '@ejustice/scheduling-data/contract/schedule-moves.contract';
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
  /** Why this case, why this day: the server's English sentence, and the same as facts. */
  readonly why?: string;
  readonly explanation?: ListingExplanation;
}

export interface BoardUnscheduled {
  readonly case: string;
  /** The server's English sentence, and the same as a code with its facts. */
  readonly reason: string;
  readonly code?: string;
  readonly params?: UnscheduledParams;
}

/** A custody case whose time limit the plan does not meet (`breach`), or may not (`at_risk`: the limit is after the plan). */
export interface BoardCustodyRisk {
  readonly case: string;
  readonly limit: string;
  readonly status: 'breach' | 'at_risk';
  readonly unavoidable: boolean;
  /** The server's English sentence, and the same as a code with its facts. */
  readonly reason: string;
  readonly code?: string;
  readonly params?: CustodyRiskParams;
}

/** The part of a plan (format `ejustice.schedule-plan/1`) the page reads. */
export interface BoardPlan {
  readonly assignments: readonly BoardListing[];
  readonly unscheduled: readonly BoardUnscheduled[];
  /** Breaches first, then by limit: what a clerk must see before publishing. */
  readonly custodyRisk: readonly BoardCustodyRisk[];
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
  const custodyRisk = (Array.isArray(plan.custodyRisk) ? plan.custodyRisk : [])
    .filter(
      (r): r is BoardCustodyRisk =>
        isRecord(r) &&
        typeof r.case === 'string' &&
        typeof r.limit === 'string' &&
        (r.status === 'breach' || r.status === 'at_risk') &&
        typeof r.unavoidable === 'boolean' &&
        typeof r.reason === 'string',
    )
    .sort((a, b) => (a.status === b.status ? (a.limit < b.limit ? -1 : a.limit > b.limit ? 1 : 0) : a.status === 'breach' ? -1 : 1));
  const count = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
  return {
    assignments,
    unscheduled,
    custodyRisk,
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
  'scheduling.draft_invalid',
  'scheduling.judge_double_booked',
  'scheduling.room_double_booked',
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

/**
 * A reason as the page says it: in the person's language from its code, or, for a code (or a shape)
 * this page does not know, the server's English sentence, marked `lang="en"`.
 */
export interface SaidReason {
  readonly text: string;
  readonly lang?: 'en';
}

/** What saying a reason needs: the translations, the language (numbers, dates, lists) and the labels of ids. */
export interface ReasonContext {
  readonly i18n: Pick<I18n, 't' | 'exists'>;
  readonly language: Language;
  readonly labels: BoardLabels;
}

const R = 'schedule.reasons';
const inList = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isStrings = (value: unknown): value is readonly string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** A plan date (`YYYY-MM-DD`) with its year: limits, filing dates. */
export function formatPlanDay(date: string, language: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

function list(items: readonly string[], language: Language, type: 'conjunction' | 'disjunction'): string {
  return new Intl.ListFormat(language, { style: 'long', type }).format(items);
}

/** An interpreter language (`fr`, `ti`) by its name in the person's language; anything else as given. */
function languageName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function number(value: number, language: Language, digits = 0): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

function specialisms(names: readonly string[], ctx: ReasonContext): string {
  return list(
    names.map((name) => ctx.i18n.t(`${R}.specialism.${name}`, { defaultValue: name })),
    ctx.language,
    'conjunction',
  );
}

/** One reason that held a hearing off some days, as a phrase (and its days, when several reasons share them). */
function heldPhrase(held: HeldBy, ctx: ReasonContext, withDays: boolean): string {
  const { t } = ctx.i18n;
  const specialist = held.specialisms.length > 0;
  const support = held.intermediary && held.supporter ? 'both' : held.intermediary ? 'intermediary' : 'supporter';
  const room = held.liveLink ? '_live_link' : held.inPerson ? '_in_person' : '';
  const key = {
    night_session: 'night_session',
    session_too_short: 'session_too_short',
    no_judge: specialist ? 'no_judge_specialist' : 'no_judge',
    no_room: `no_room${room}`,
    no_interpreter: 'no_interpreter',
    no_support: `no_support_${support}`,
    judges_full: specialist ? 'judges_full_specialist' : 'judges_full',
    people_busy: 'people_busy',
    rooms_full: `rooms_full${room}`,
    interpreters_busy: 'interpreters_busy',
    support_busy: `support_busy_${support}`,
  }[held.reason];
  const languages = held.languages.map((code) => languageName(code, ctx.language));
  const phrase = t(`${R}.held.${key}`, {
    minutes: number(held.minutes, ctx.language),
    specialisms: specialisms(held.specialisms, ctx),
    languages: list(languages, ctx.language, held.reason === 'no_interpreter' ? 'disjunction' : 'conjunction'),
    interpolation: { escapeValue: false },
  });
  return withDays
    ? t(`${R}.held.withDays`, { reason: phrase, days: number(held.days, ctx.language), interpolation: { escapeValue: false } })
    : phrase;
}

function isHeldBy(value: unknown): value is HeldBy {
  return (
    isRecord(value) &&
    inList(HELD_BY_REASONS, value.reason) &&
    isNumber(value.days) &&
    isNumber(value.minutes) &&
    isStrings(value.specialisms) &&
    isStrings(value.languages)
  );
}

/** The reasons that held a hearing, most days first, joined by "or" (each with its days when more than one). */
function heldPhrases(heldBy: unknown, ctx: ReasonContext, withDays: boolean): string | undefined {
  if (!Array.isArray(heldBy) || !heldBy.every(isHeldBy)) return undefined;
  return list(
    heldBy.map((held) => heldPhrase(held, ctx, withDays && heldBy.length > 1)),
    ctx.language,
    'disjunction',
  );
}

/** A listing a violation names: the case by number, its hearing (1-based) and block. */
function listingPhrase(listing: ScheduleViolationListing, ctx: ReasonContext): string {
  const values = {
    case: caseLabel(ctx.labels, listing.case),
    hearing: number(listing.hearing + 1, ctx.language),
    part: number(listing.part, ctx.language),
    parts: number(listing.parts ?? 0, ctx.language),
    interpolation: { escapeValue: false },
  };
  const key =
    listing.parts === undefined ? (listing.part > 1 ? 'listingPartOnly' : 'listing') : listing.parts > 1 ? 'listingPart' : 'listing';
  return ctx.i18n.t(`${R}.${key}`, values);
}

function isListing(value: unknown): value is ScheduleViolationListing {
  return isRecord(value) && typeof value.case === 'string' && isNumber(value.hearing) && isNumber(value.part);
}

/** The translation key of a violation's sentence (some constraints have variants), or undefined for one the page does not know. */
export function violationKey(violation: ScheduleMoveViolation): string | undefined {
  const params = violation.params;
  if (!inList(SCHEDULE_CONSTRAINTS, violation.constraint) || !isRecord(params)) return undefined;
  switch (violation.constraint) {
    case 'unknown_reference':
      return typeof params.unknown === 'string' ? `unknown_reference_${params.unknown}` : undefined;
    case 'wrong_duration':
      return Array.isArray(params.blocks) && params.blocks.length > 1 ? 'wrong_duration_blocks' : 'wrong_duration';
    case 'interpreter_wrong':
      return typeof params.language === 'string' ? 'interpreter_wrong' : 'interpreter_wrong_extra';
    case 'support_wrong':
      return typeof params.role === 'string' ? `support_wrong_${params.role}` : undefined;
    case 'double_booked':
      return isRecord(params.other) ? 'double_booked' : typeof params.commitment === 'string' ? 'double_booked_commitment' : undefined;
    case 'hearing_order':
      return !isNumber(params.minDays)
        ? 'hearing_order'
        : params.minDays > 0
          ? 'hearing_order_days'
          : params.breakMinutes
            ? 'hearing_order_break'
            : 'hearing_order_after';
    default:
      return violation.constraint;
  }
}

/** Why a manual move is refused, in the person's language (the server's sentence for a code this page does not know). */
export function sayViolation(violation: ScheduleMoveViolation, ctx: ReasonContext): SaidReason {
  const fallback: SaidReason = { text: violation.message, lang: 'en' };
  const key = violationKey(violation);
  const params = violation.params as ScheduleViolationParams;
  if (!key || !ctx.i18n.exists(`${R}.violation.${key}`)) return fallback;
  const { t } = ctx.i18n;
  const { language, labels } = ctx;
  const values: Record<string, string> = {};
  if (params.listing !== undefined) {
    if (!isListing(params.listing)) return fallback;
    values.listing = listingPhrase(params.listing, ctx);
  }
  if (params.other !== undefined) {
    if (!isListing(params.other)) return fallback;
    values.other = listingPhrase(params.other, ctx);
  }
  if (isRecord(params.resource) && typeof params.resource.id === 'string') {
    const { kind, id } = params.resource;
    const name =
      kind === 'judge'
        ? judgeLabel(labels, id)
        : kind === 'room'
          ? roomLabel(labels, id, (room) => t('schedule.board.virtualRoom', { room }))
          : id;
    values.who = t(`${R}.resource.${kind}`, { name, defaultValue: name, interpolation: { escapeValue: false } });
  }
  for (const field of ['date', 'sessionDate'] as const) {
    const value = params[field];
    if (typeof value === 'string') values[field] = formatPlanDate(value, language);
  }
  for (const field of ['start', 'end', 'sessionStart', 'sessionEnd'] as const) {
    const value = params[field];
    if (typeof value === 'string') values[field] = value;
  }
  for (const field of ['minutes', 'max', 'required', 'minDays', 'breakMinutes'] as const) {
    const value = params[field];
    if (isNumber(value)) values[field] = number(value, language);
  }
  if (Array.isArray(params.blocks) && params.blocks.every(isNumber))
    values.blocks = list(
      params.blocks.map((m) => number(m, language)),
      language,
      'conjunction',
    );
  if (typeof params.judge === 'string') values.judge = judgeLabel(labels, params.judge);
  if (typeof params.room === 'string') values.room = roomLabel(labels, params.room, (room) => t('schedule.board.virtualRoom', { room }));
  if (params.kind === 'day' || params.kind === 'night') values.kind = t(`${R}.sessionKind.${params.kind}`);
  if (isStrings(params.specialisms)) values.specialisms = specialisms(params.specialisms, ctx);
  if (typeof params.language === 'string') values.language = languageName(params.language, language);
  if (isStrings(params.given)) values.given = params.given.length ? list(params.given, language, 'conjunction') : t(`${R}.none`);
  // Every placeholder of the sentence must be filled; a sentence with a hole is not said.
  const template = t(`${R}.violation.${key}`);
  const needed = [...template.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]);
  if (needed.some((name) => values[name] === undefined)) return fallback;
  return { text: t(`${R}.violation.${key}`, { ...values, interpolation: { escapeValue: false } }) };
}

/** Why a case is left out, in the person's language (the server's sentence for a code this page does not know). */
export function sayUnscheduled(entry: BoardUnscheduled, ctx: ReasonContext): SaidReason {
  const fallback: SaidReason = { text: entry.reason, lang: 'en' };
  const params = entry.params;
  if (
    !inList(UNSCHEDULED_CODES, entry.code) ||
    !isRecord(params) ||
    !isNumber(params.hearing) ||
    !isNumber(params.part) ||
    !isNumber(params.parts)
  )
    return fallback;
  const { t } = ctx.i18n;
  const { language } = ctx;
  const hearing =
    params.parts > 1
      ? t(`${R}.hearingPart`, {
          number: number(params.hearing + 1, language),
          part: number(params.part, language),
          parts: number(params.parts, language),
        })
      : t(`${R}.hearing`, {
          number: number(params.hearing + 1, language),
          type: t(`hearingTypes.${params.type}`, { defaultValue: params.type }),
          interpolation: { escapeValue: false },
        });
  const reasons = heldPhrases(params.heldBy, ctx, entry.code === 'crowded_out');
  if ((entry.code === 'cannot_be_listed' || entry.code === 'crowded_out') && !reasons) return fallback;
  if (entry.code === 'beyond_plan' && !isNumber(params.minDays)) return fallback;
  if (entry.code === 'crowded_out' && !isNumber(params.days)) return fallback;
  return {
    text: t(`${R}.unscheduled.${entry.code}`, {
      hearing,
      reasons,
      minDays: isNumber(params.minDays) ? number(params.minDays, language) : '',
      days: isNumber(params.days) ? number(params.days, language) : '',
      interpolation: { escapeValue: false },
    }),
  };
}

/** Why a custody limit is not met, in the person's language (the server's sentence for a code this page does not know). */
export function sayCustodyRisk(entry: BoardCustodyRisk, ctx: ReasonContext): SaidReason {
  const fallback: SaidReason = { text: entry.reason, lang: 'en' };
  const params = entry.params;
  if (!inList(CUSTODY_RISK_CODES, entry.code) || !isRecord(params) || typeof params.limit !== 'string') return fallback;
  const { t } = ctx.i18n;
  const { language } = ctx;
  const options = { interpolation: { escapeValue: false } };
  const limit = formatPlanDay(params.limit, language);
  switch (entry.code) {
    case 'limit_passed':
    case 'after_plan':
      return { text: t(`${R}.custody.${entry.code}`, { limit, ...options }) };
    case 'unavoidable': {
      const parts: string[] = [];
      if (isNumber(params.hearings) && isNumber(params.gapDays) && isNumber(params.daysLeft))
        parts.push(
          t(`${R}.custody.chain`, {
            hearings: number(params.hearings, language),
            gapDays: number(params.gapDays, language),
            daysLeft: number(params.daysLeft, language),
          }),
        );
      const reasons = heldPhrases(params.heldBy, ctx, false);
      if (reasons) parts.push(reasons);
      const why = parts.length ? list(parts, language, 'conjunction') : t(`${R}.custody.noSession`);
      return { text: t(`${R}.custody.unavoidable`, { limit, why, ...options }) };
    }
    case 'crowded_out': {
      const reasons = heldPhrases(params.heldBy, ctx, false);
      return { text: t(`${R}.custody.crowded_out`, { limit, why: reasons || t(`${R}.custody.taken`), ...options }) };
    }
    default:
      return fallback;
  }
}

/** A listing's explanation in the person's language: why this case, why this day; undefined when the page cannot say it. */
export function sayExplanation(
  explanation: unknown,
  ctx: ReasonContext,
): { readonly whyCase: readonly string[]; readonly whyDay: readonly string[] } | undefined {
  const e = explanation as ListingExplanation;
  if (
    !isRecord(explanation) ||
    !inList(LISTING_DAY_CODES, e.day) ||
    typeof e.date !== 'string' ||
    typeof e.filed !== 'string' ||
    !isNumber(e.yearsWaited) ||
    !isNumber(e.rank) ||
    !isNumber(e.of) ||
    !isNumber(e.adjournments) ||
    !isStrings(e.adjournmentReasons)
  )
    return undefined;
  const { t } = ctx.i18n;
  const { language } = ctx;
  const options = { interpolation: { escapeValue: false } };
  const whyCase: string[] = [];
  if (e.tier === 'custody' && typeof e.custodyLimit === 'string')
    whyCase.push(t(`${R}.why.tier.custody`, { limit: formatPlanDay(e.custodyLimit, language), ...options }));
  else if (e.tier === 'child_vulnerable' && inList(PRIORITY_GROUNDS, e.ground)) whyCase.push(t(`${R}.why.tier.${e.ground}`));
  else if (e.tier === 'trafficking') whyCase.push(t(`${R}.why.tier.trafficking`));
  whyCase.push(t(`${R}.why.waited`, { filed: formatPlanDay(e.filed, language), years: number(e.yearsWaited, language, 1), ...options }));
  if (e.adjournments > 0) {
    const reasons = e.adjournmentReasons.map((reason) => t(`${R}.adjournment.${reason}`, { defaultValue: reason.replace(/_/g, ' ') }));
    whyCase.push(
      t(`${R}.why.adjourned`, { times: number(e.adjournments, language), reasons: list(reasons, language, 'conjunction'), ...options }),
    );
  }
  whyCase.push(t(`${R}.why.rank`, { rank: number(e.rank, language), of: number(e.of, language) }));

  const date = formatPlanDay(e.date, language);
  const whyDay: string[] = [];
  const reasons = heldPhrases(e.heldBy, ctx, e.day === 'first_with_room');
  if (e.day === 'first_with_room') {
    if (!reasons || !isNumber(e.sittingDays)) return undefined;
    whyDay.push(t(`${R}.why.day.first_with_room`, { date, days: number(e.sittingDays, language), reasons, ...options }));
  } else {
    whyDay.push(t(`${R}.why.day.${e.day}`, { date, ...options }));
    if (e.day === 'earliest' && reasons) whyDay.push(t(`${R}.why.heldBefore`, { reasons, ...options }));
  }
  if (e.day !== 'kept') {
    if (isNumber(e.afterBreakMinutes)) whyDay.push(t(`${R}.why.afterBreak`, { minutes: number(e.afterBreakMinutes, language) }));
    else if (isNumber(e.afterDays)) whyDay.push(t(`${R}.why.afterDays`, { days: number(e.afterDays, language) }));
  }
  return { whyCase, whyDay };
}

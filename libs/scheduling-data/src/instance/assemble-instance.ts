import {
  type AdjournmentReason,
  type AvailabilityInput,
  type CaseInput,
  type DateRangeInput,
  INSTANCE_FORMAT,
  type Policy,
  type PublishedHearingInput,
  type ScheduleInstance,
  type SessionKind,
  type SupportRole,
} from '@ejustice/scheduling';
import type { CaseType, HearingType } from '@ejustice/vocabulary';

/*
 * From the rows of one court to the solver's instance: a pure mapping, no database, no clock.
 * The query service (scheduling-instance.queries.ts) loads the rows; this decides what they mean.
 */

export interface AvailabilityRow {
  readonly weekdays: readonly number[] | null;
  readonly kinds: readonly SessionKind[] | null;
}

export interface CourtSchedulingRows {
  readonly courtId: string;
  /** The plan's first day, and its last (sessions outside are left out). */
  readonly horizon: { readonly start: string; readonly end: string };
  readonly policy: Partial<Policy>;
  readonly sessions: readonly { id: string; date: string; kind: SessionKind; start: string; end: string; rooms: readonly string[] }[];
  readonly judges: readonly {
    id: string;
    name: string;
    specialisms: readonly string[];
    sitting: AvailabilityRow;
    maxSittingMinutesPerDay: number;
    leave: readonly DateRangeInput[];
  }[];
  readonly rooms: readonly {
    id: string;
    name: string;
    virtual: boolean;
    equipment: readonly string[];
    available: AvailabilityRow;
    off: readonly DateRangeInput[];
  }[];
  readonly interpreters: readonly {
    id: string;
    languages: readonly string[];
    available: AvailabilityRow;
    off: readonly DateRangeInput[];
  }[];
  readonly supporters: readonly { id: string; role: SupportRole; available: AvailabilityRow; off: readonly DateRangeInput[] }[];
  readonly cases: readonly PendingCaseRows[];
  /** The hearings of the court's published timetable still to be held (published_hearings); none before the first publication. */
  readonly published?: readonly PublishedHearingRow[];
  /**
   * Hearings not on the published timetable (listed by hand, in another court) that keep a judge
   * of the court, counsel of a pending case, one of the court's rooms or one of its interpreters
   * or supporters busy: fixed commitments the plan works around.
   */
  readonly commitments?: readonly CommitmentRow[];
}

/** A hearing outside the scheduler, in the court's time zone, with who of this court's plan it binds. */
export interface CommitmentRow {
  readonly hearingId: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly judges: readonly string[];
  readonly people: readonly string[];
  /** The court's room it is booked into (none, or one). */
  readonly rooms?: readonly string[];
  /** The court's interpreters and supporters seated in it (by id). */
  readonly interpreters?: readonly string[];
  readonly supporters?: readonly string[];
}

/** One hearing of the published timetable, where the plan put it. */
export interface PublishedHearingRow {
  readonly caseId: string;
  /** Index of the hearing in the case's hearings still needed. */
  readonly needIndex: number;
  readonly part: number;
  readonly sessionId: string;
  readonly start: string;
  readonly judgeId: string;
  readonly roomId: string;
  /** The hearing is open or in recess, or closed (a block held of a need whose later blocks are still to come). */
  readonly underWay?: boolean;
  /** The court's interpreters and supporters seated in it (hearing_participants.court_interpreter_id, .court_supporter_id). */
  readonly interpreterIds?: readonly string[];
  readonly supporterIds?: readonly string[];
}

export interface PendingCaseRows {
  readonly id: string;
  readonly type: CaseType;
  /** The case's filing date, an ISO date in the court's time zone. */
  readonly filed: string;
  /** The day (court time) its latest hearing held was closed, if it has had one. */
  readonly lastHeard?: string | null;
  readonly facts: {
    offence: string | null;
    custodyLimit: string | null;
    interpreterLanguages: readonly string[];
    needsIntermediary: boolean;
    needsSupporter: boolean;
    needsLiveLink: boolean;
    remoteAllowed: boolean;
    judgeSpecialisms: readonly string[];
  } | null;
  readonly people: readonly { role: 'victim' | 'witness'; personKey: string | null; child: boolean; vulnerable: boolean }[];
  readonly counsel: readonly string[];
  /** In order. */
  readonly hearings: readonly { type: HearingType; minutes: number; minDaysAfterPrevious: number | null }[];
  readonly adjournments: readonly { date: string; reason: AdjournmentReason }[];
}

/** Leaves out what is empty, so the instance reads like a hand-written one. */
function availability(row: AvailabilityRow, off: readonly DateRangeInput[] = []): AvailabilityInput | undefined {
  const out: { weekdays?: readonly number[]; kinds?: readonly SessionKind[]; unavailable?: readonly DateRangeInput[] } = {};
  if (row.weekdays) out.weekdays = [...row.weekdays].sort((a, b) => a - b);
  if (row.kinds) out.kinds = row.kinds;
  if (off.length > 0) out.unavailable = off;
  return Object.keys(out).length === 0 ? undefined : out;
}

function caseInput(row: PendingCaseRows, horizonStart: string): CaseInput {
  const f = row.facts;
  const victims = row.people.filter((p) => p.role === 'victim').map((p) => ({ child: p.child, vulnerable: p.vulnerable }));
  const witnesses = row.people
    .filter((p) => p.role === 'witness' && p.personKey !== null)
    .map((p) => ({ id: p.personKey as string, child: p.child, vulnerable: p.vulnerable }));
  const needs = f ? { intermediary: f.needsIntermediary, supporter: f.needsSupporter, liveLink: f.needsLiveLink } : undefined;
  return {
    id: row.id,
    type: row.type,
    ...(f?.offence ? { offence: f.offence } : {}),
    filed: row.filed,
    // Planning from a day before the hearing was held (a past day re-planned) counts it as held on the plan's first day.
    ...(row.lastHeard ? { lastHeard: row.lastHeard < horizonStart ? row.lastHeard : horizonStart } : {}),
    ...(f?.custodyLimit ? { custody: { limit: f.custodyLimit } } : {}),
    ...(victims.length ? { victims } : {}),
    ...(witnesses.length ? { witnesses } : {}),
    ...(row.counsel.length ? { counsel: [...row.counsel] } : {}),
    ...(f?.interpreterLanguages.length ? { interpreterLanguages: [...f.interpreterLanguages] } : {}),
    ...(needs && (needs.intermediary || needs.supporter || needs.liveLink) ? { needs } : {}),
    ...(f?.remoteAllowed ? { remoteAllowed: true } : {}),
    ...(f?.judgeSpecialisms.length ? { judgeSpecialisms: [...f.judgeSpecialisms] } : {}),
    hearings: row.hearings.map((h) => ({
      type: h.type,
      minutes: h.minutes,
      ...(h.minDaysAfterPrevious === null ? {} : { minDaysAfterPrevious: h.minDaysAfterPrevious }),
    })),
    ...(row.adjournments.length ? { adjournments: row.adjournments.map((a) => ({ date: a.date, reason: a.reason })) } : {}),
  };
}

/**
 * The solver's instance for one court. Only cases that still need a hearing are in it; sessions
 * outside the horizon are left out. The published timetable goes in as `published` (the solver
 * moves as few of its hearings as it can), but only the hearings it can still place: in a
 * session of the horizon, with a judge and a room the court still plans with, of a case still
 * pending, and a hearing the case still needs. One outside (held before the horizon, a judge who
 * left) is not the solver's to keep or move, except a hearing under way, which goes in marked
 * `underWay` wherever it sits: the solver pins it, or leaves its need alone when it sat before.
 */
export function assembleInstance(rows: CourtSchedulingRows): ScheduleInstance {
  const sessions = rows.sessions.filter((s) => s.date >= rows.horizon.start && s.date <= rows.horizon.end);
  const cases = rows.cases.filter((c) => c.hearings.length > 0);
  const published = publishedInput(rows.published ?? [], {
    sessions: new Set(sessions.map((s) => s.id)),
    judges: new Set(rows.judges.map((j) => j.id)),
    rooms: new Set(rows.rooms.map((r) => r.id)),
    needs: new Map(cases.map((c) => [c.id, c.hearings.length])),
  });
  const commitments = (rows.commitments ?? [])
    .filter(
      (c) =>
        c.date >= rows.horizon.start &&
        c.date <= rows.horizon.end &&
        c.judges.length + c.people.length + (c.rooms?.length ?? 0) + (c.interpreters?.length ?? 0) + (c.supporters?.length ?? 0) > 0,
    )
    .map((c) => ({
      id: c.hearingId,
      date: c.date,
      start: c.start,
      end: c.end,
      ...(c.judges.length ? { judges: [...c.judges] } : {}),
      ...(c.rooms?.length ? { rooms: [...c.rooms] } : {}),
      ...(c.interpreters?.length ? { interpreters: [...c.interpreters] } : {}),
      ...(c.supporters?.length ? { supporters: [...c.supporters] } : {}),
      ...(c.people.length ? { people: [...c.people] } : {}),
    }));
  return {
    format: INSTANCE_FORMAT,
    court: rows.courtId,
    horizon: { start: rows.horizon.start },
    policy: rows.policy,
    sessions: sessions.map((s) => ({
      id: s.id,
      date: s.date,
      kind: s.kind,
      start: s.start,
      end: s.end,
      ...(s.rooms.length ? { rooms: [...s.rooms] } : {}),
    })),
    judges: rows.judges.map((j) => {
      const pattern = availability(j.sitting);
      return {
        id: j.id,
        name: j.name,
        ...(j.specialisms.length ? { specialisms: [...j.specialisms] } : {}),
        ...(pattern ? { sittingPattern: pattern } : {}),
        maxSittingMinutesPerDay: j.maxSittingMinutesPerDay,
        ...(j.leave.length ? { leave: j.leave } : {}),
      };
    }),
    rooms: rows.rooms.map((r) => {
      const available = availability(r.available, r.off);
      return { id: r.id, name: r.name, virtual: r.virtual, equipment: [...r.equipment], ...(available ? { available } : {}) };
    }),
    interpreters: rows.interpreters.map((i) => {
      const available = availability(i.available, i.off);
      return { id: i.id, languages: [...i.languages], ...(available ? { available } : {}) };
    }),
    supporters: rows.supporters.map((s) => {
      const available = availability(s.available, s.off);
      return { id: s.id, role: s.role, ...(available ? { available } : {}) };
    }),
    cases: cases.map((c) => caseInput(c, rows.horizon.start)),
    ...(published.length ? { published } : {}),
    ...(commitments.length ? { commitments } : {}),
  };
}

function publishedInput(
  rows: readonly PublishedHearingRow[],
  known: { sessions: Set<string>; judges: Set<string>; rooms: Set<string>; needs: Map<string, number> },
): PublishedHearingInput[] {
  return rows
    .filter(
      (p) =>
        p.needIndex < (known.needs.get(p.caseId) ?? 0) &&
        // A hearing under way stays in the instance wherever it sits: before the horizon its need is in progress.
        ((p.underWay === true && !known.sessions.has(p.sessionId)) ||
          (known.sessions.has(p.sessionId) && known.judges.has(p.judgeId) && known.rooms.has(p.roomId))),
    )
    .map((p) => ({
      case: p.caseId,
      hearing: p.needIndex,
      part: p.part,
      session: p.sessionId,
      start: p.start,
      judge: p.judgeId,
      room: p.roomId,
      ...(p.underWay ? { underWay: true } : {}),
      ...(p.interpreterIds?.length ? { interpreters: [...p.interpreterIds] } : {}),
      ...(p.supporterIds?.length ? { supporters: [...p.supporterIds] } : {}),
    }));
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@ejustice/platform';
import type { ScheduleInstance } from '@ejustice/scheduling';
import {
  type AvailabilityRow,
  type CommitmentRow,
  type CourtSchedulingRows,
  type PendingCaseRows,
  type PublishedHearingRow,
  assembleInstance,
} from './assemble-instance';

/** What a court plans with: its time budget, how far ahead, its weights (defaults when unset). */
export interface CourtSchedulingSettings {
  readonly timeLimitSeconds: number;
  readonly horizonDays: number;
  readonly policy: Record<string, unknown>;
  readonly timeZone: string;
}

/** The migration's defaults, for a court that has not set its own. */
const DEFAULT_TIME_LIMIT_SECONDS = 10;
const DEFAULT_HORIZON_DAYS = 28;

/** `YYYY-MM-DD` of an instant in a time zone. */
export function isoDateIn(instant: Date, timeZone: string): string {
  return instant.toLocaleDateString('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type Ranges = Map<string, { from: string; to: string }[]>;

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

function avail(row: { available_weekdays?: number[] | null; available_kinds?: string[] | null }): AvailabilityRow {
  return { weekdays: row.available_weekdays ?? null, kinds: (row.available_kinds as AvailabilityRow['kinds']) ?? null };
}

/**
 * Loads one court's pending cases and resources from the database and assembles the solver's
 * instance (the mapping is assembleInstance, pure). Reads only; one REPEATABLE READ snapshot so
 * that a case and its hearings needed are seen as of one moment, or, for a caller that already
 * holds a transaction (publishing), inside that one: a second connection asked for while holding
 * one waits forever once as many callers hold one as the pool has.
 */
@Injectable()
export class SchedulingInstanceQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async settings(courtId: string, within?: EntityManager): Promise<CourtSchedulingSettings> {
    const rows: {
      time_zone: string;
      time_limit_seconds: number | null;
      horizon_days: number | null;
      policy: Record<string, unknown> | null;
    }[] = await (within ?? this.db).query(
      `SELECT c.time_zone, p.time_limit_seconds, p.horizon_days, p.policy
           FROM courts c LEFT JOIN court_scheduling_policies p ON p.court_id = c.id WHERE c.id = $1`,
      [courtId],
    );
    if (rows.length === 0) throw new DomainError('not_found', 'scheduling.court_not_found', 'No such court.');
    const r = rows[0];
    return {
      timeZone: r.time_zone,
      timeLimitSeconds: r.time_limit_seconds ?? DEFAULT_TIME_LIMIT_SECONDS,
      horizonDays: r.horizon_days ?? DEFAULT_HORIZON_DAYS,
      policy: r.policy ?? {},
    };
  }

  /**
   * The instance for `courtId`, planning from `horizonStart` for the court's horizon; `within`: read
   * in the caller's transaction (its isolation, its locks) instead of a snapshot of its own.
   */
  async instanceFor(courtId: string, horizonStart: string, within?: EntityManager): Promise<ScheduleInstance> {
    const settings = await this.settings(courtId, within);
    const read = async (m: EntityManager): Promise<ScheduleInstance> => {
      const q = <T>(sql: string, params: unknown[]): Promise<T[]> => m.query(sql, params);
      const end = addDays(horizonStart, settings.horizonDays - 1);
      const sessions = await q<{ id: string; date: string; kind: 'day' | 'night'; start: string; end: string; rooms: string[] }>(
        `SELECT s.id, to_char(s.sitting_on, 'YYYY-MM-DD') AS date, s.kind, to_char(s.starts_at, 'HH24:MI') AS start,
                to_char(s.ends_at, 'HH24:MI') AS end,
                COALESCE(array_agg(sr.room_id::text ORDER BY sr.room_id) FILTER (WHERE sr.room_id IS NOT NULL), '{}') AS rooms
           FROM court_sessions s LEFT JOIN court_session_rooms sr ON sr.session_id = s.id
          WHERE s.court_id = $1 AND s.sitting_on BETWEEN $2 AND $3
          GROUP BY s.id ORDER BY s.sitting_on, s.starts_at, s.id`,
        [courtId, horizonStart, end],
      );
      const off = await q<{ owner: string; from: string; to: string }>(
        `SELECT COALESCE(u.judge_user_id, u.room_id, u.interpreter_id, u.supporter_id)::text AS owner,
                to_char(u.from_date, 'YYYY-MM-DD') AS "from", to_char(u.to_date, 'YYYY-MM-DD') AS "to"
           FROM scheduling_unavailability u
           LEFT JOIN users ju ON ju.id = u.judge_user_id
           LEFT JOIN scheduling_rooms r ON r.id = u.room_id
           LEFT JOIN court_interpreters i ON i.id = u.interpreter_id
           LEFT JOIN court_supporters s ON s.id = u.supporter_id
          WHERE $1 IN (ju.court_id, r.court_id, i.court_id, s.court_id) AND u.to_date >= $2 AND u.from_date <= $3
          ORDER BY u.from_date, u.id`,
        [courtId, horizonStart, end],
      );
      const ranges: Ranges = new Map([...groupBy(off, (o) => o.owner)].map(([k, v]) => [k, v.map(({ from, to }) => ({ from, to }))]));
      const judges = await q<{
        id: string;
        name: string;
        specialisms: string[];
        sitting_weekdays: number[] | null;
        sitting_kinds: string[] | null;
        max: number;
      }>(
        `SELECT u.id, u.display_name AS name, p.specialisms, p.sitting_weekdays, p.sitting_kinds, p.max_sitting_minutes_per_day AS max
           FROM judge_profiles p JOIN users u ON u.id = p.user_id
          WHERE u.court_id = $1 AND u.disabled_at IS NULL
            AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'judge')
          ORDER BY u.id`,
        [courtId],
      );
      const rooms = await q<{
        id: string;
        name: string;
        is_virtual: boolean;
        equipment: string[];
        available_weekdays: number[] | null;
        available_kinds: string[] | null;
      }>(
        `SELECT id, name, is_virtual, equipment, available_weekdays, available_kinds FROM scheduling_rooms WHERE court_id = $1 ORDER BY id`,
        [courtId],
      );
      const interpreters = await q<{
        id: string;
        languages: string[];
        available_weekdays: number[] | null;
        available_kinds: string[] | null;
      }>(`SELECT id, languages, available_weekdays, available_kinds FROM court_interpreters WHERE court_id = $1 ORDER BY id`, [courtId]);
      const supporters = await q<{
        id: string;
        role: 'intermediary' | 'supporter';
        available_weekdays: number[] | null;
        available_kinds: string[] | null;
      }>(`SELECT id, role, available_weekdays, available_kinds FROM court_supporters WHERE court_id = $1 ORDER BY id`, [courtId]);
      const cases = await this.pendingCases(q, courtId, settings.timeZone);
      const published = await q<PublishedHearingRow>(
        `SELECT ph.case_id AS "caseId", ph.need_index AS "needIndex", ph.part, ph.session_id AS "sessionId", ph.starts_at AS start,
                ph.judge_id AS "judgeId", ph.room_id AS "roomId",
                -- Closed and still on the timetable: a block held of a need whose later blocks are still to come (a need
                -- heard leaves it). Like a hearing under way, it stays where it sat and is never listed again.
                h.status IN ('open', 'in_recess', 'closed') AS "underWay",
                -- Who of the court's interpreters and supporters sits in it: the plan keeps them with it.
                ARRAY(SELECT hp.court_interpreter_id::text FROM hearing_participants hp
                       WHERE hp.hearing_id = ph.hearing_id AND hp.state <> 'removed' AND hp.court_interpreter_id IS NOT NULL
                       ORDER BY hp.created_at, hp.id) AS "interpreterIds",
                ARRAY(SELECT hp.court_supporter_id::text FROM hearing_participants hp
                       WHERE hp.hearing_id = ph.hearing_id AND hp.state <> 'removed' AND hp.court_supporter_id IS NOT NULL
                       ORDER BY hp.created_at, hp.id) AS "supporterIds"
           FROM published_hearings ph JOIN schedule_runs r ON r.id = ph.run_id AND r.status = 'published'
           JOIN hearings h ON h.id = ph.hearing_id
          WHERE ph.court_id = $1
          ORDER BY ph.case_id, ph.need_index, ph.part`,
        [courtId],
      );
      // Hearings off the published timetable, in any court, that hold one of this court's judges or a pending case's
      // counsel, or (listed by hand here) one of its rooms, interpreters or supporters.
      const judgeIds = judges.map((j) => j.id);
      const roomIds = rooms.map((r) => r.id);
      const counselIds = [...new Set(cases.flatMap((c) => c.counsel))];
      const commitments = await q<CommitmentRow>(
        `WITH outside AS (
         SELECT h.id, h.scheduled_start AT TIME ZONE $1 AS s, h.scheduled_end AT TIME ZONE $1 AS e,
                ARRAY(SELECT DISTINCT u FROM unnest(array_append(array_agg(hp.user_id::text) FILTER (WHERE hp.hearing_role = 'judge'), h.presiding_judge_id::text)) u
                       WHERE u = ANY($4::text[]) ORDER BY u) AS judges,
                ARRAY(SELECT DISTINCT u FROM unnest(array_agg(hp.user_id::text)) u WHERE u = ANY($5::text[]) ORDER BY u) AS people,
                CASE WHEN h.room_id::text = ANY($6::text[]) THEN ARRAY[h.room_id::text] ELSE ARRAY[]::text[] END AS rooms,
                ARRAY(SELECT DISTINCT i FROM unnest(array_agg(hp.court_interpreter_id::text)) i WHERE i = ANY($7::text[]) ORDER BY i) AS interpreters,
                ARRAY(SELECT DISTINCT p FROM unnest(array_agg(hp.court_supporter_id::text)) p WHERE p = ANY($8::text[]) ORDER BY p) AS supporters
           FROM hearings h LEFT JOIN hearing_participants hp ON hp.hearing_id = h.id AND hp.state <> 'removed'
          WHERE h.status IN ('scheduled', 'open', 'in_recess')
            AND h.scheduled_end > ($2::date::timestamp AT TIME ZONE $1) AND h.scheduled_start < (($3::date + 1)::timestamp AT TIME ZONE $1)
            AND NOT EXISTS (SELECT 1 FROM published_hearings ph WHERE ph.hearing_id = h.id)
            AND (h.presiding_judge_id::text = ANY($4::text[]) OR h.room_id::text = ANY($6::text[]) OR EXISTS (
                  SELECT 1 FROM hearing_participants p WHERE p.hearing_id = h.id AND p.state <> 'removed'
                     AND (p.user_id::text = ANY($4::text[] || $5::text[])
                          OR p.court_interpreter_id::text = ANY($7::text[]) OR p.court_supporter_id::text = ANY($8::text[]))))
          GROUP BY h.id)
         -- One booking per day the hearing spans (a hearing over two days holds both).
         SELECT o.id AS "hearingId", to_char(d, 'YYYY-MM-DD') AS date,
                CASE WHEN d = o.s::date THEN to_char(o.s, 'HH24:MI') ELSE '00:00' END AS start,
                CASE WHEN d = o.e::date THEN to_char(o.e, 'HH24:MI') ELSE '24:00' END AS "end", o.judges, o.people, o.rooms,
                o.interpreters, o.supporters
           FROM outside o CROSS JOIN LATERAL generate_series(o.s::date, o.e::date, interval '1 day') AS g(day), LATERAL (SELECT g.day::date AS d) AS dd
          WHERE NOT (d = o.e::date AND o.e::time = '00:00')
          ORDER BY o.s, o.id, d`,
        [settings.timeZone, horizonStart, end, judgeIds, counselIds, roomIds, interpreters.map((i) => i.id), supporters.map((s) => s.id)],
      );
      const rows: CourtSchedulingRows = {
        courtId,
        horizon: { start: horizonStart, end },
        policy: settings.policy,
        sessions,
        judges: judges.map((j) => ({
          id: j.id,
          name: j.name,
          specialisms: j.specialisms,
          sitting: avail({ available_weekdays: j.sitting_weekdays, available_kinds: j.sitting_kinds }),
          maxSittingMinutesPerDay: j.max,
          leave: ranges.get(j.id) ?? [],
        })),
        rooms: rooms.map((r) => ({
          id: r.id,
          name: r.name,
          virtual: r.is_virtual,
          equipment: r.equipment,
          available: avail(r),
          off: ranges.get(r.id) ?? [],
        })),
        interpreters: interpreters.map((i) => ({ id: i.id, languages: i.languages, available: avail(i), off: ranges.get(i.id) ?? [] })),
        supporters: supporters.map((s) => ({ id: s.id, role: s.role, available: avail(s), off: ranges.get(s.id) ?? [] })),
        cases,
        published,
        commitments,
      };
      return assembleInstance(rows);
    };
    return within ? read(within) : this.db.transaction('REPEATABLE READ', read);
  }

  /** Active cases of the court that still need a hearing, with their facts, people, counsel, adjournments. */
  private async pendingCases(
    q: <T>(sql: string, params: unknown[]) => Promise<T[]>,
    courtId: string,
    timeZone: string,
  ): Promise<PendingCaseRows[]> {
    const cases = await q<{
      id: string;
      case_type: PendingCaseRows['type'];
      filed: string;
      offence: string | null;
      custody_limit: string | null;
      interpreter_languages: string[] | null;
      needs_intermediary: boolean | null;
      needs_supporter: boolean | null;
      needs_live_link: boolean | null;
      remote_allowed: boolean | null;
      judge_specialisms: string[] | null;
      has_facts: boolean;
      last_heard: string | null;
    }>(
      `SELECT c.id, c.case_type, to_char(c.opened_at AT TIME ZONE $2, 'YYYY-MM-DD') AS filed,
              (SELECT to_char(max(n.heard_at) AT TIME ZONE $2, 'YYYY-MM-DD') FROM case_hearing_needs n WHERE n.case_id = c.id) AS last_heard,
              f.offence, to_char(f.custody_limit, 'YYYY-MM-DD') AS custody_limit, f.interpreter_languages, f.needs_intermediary,
              f.needs_supporter, f.needs_live_link, f.remote_allowed, f.judge_specialisms, f.case_id IS NOT NULL AS has_facts
         FROM cases c LEFT JOIN case_scheduling_facts f ON f.case_id = c.id
        WHERE c.court_id = $1 AND c.status = 'active'
          AND EXISTS (SELECT 1 FROM case_hearing_needs n WHERE n.case_id = c.id AND n.heard_at IS NULL)
        ORDER BY c.opened_at, c.id`,
      [courtId, timeZone],
    );
    const ids = cases.map((c) => c.id);
    const needs = groupBy(
      await q<{ case_id: string; type: PendingCaseRows['hearings'][number]['type']; minutes: number; min_days: number | null }>(
        `SELECT case_id, hearing_type AS type, minutes, min_days_after_previous AS min_days FROM case_hearing_needs
          WHERE case_id = ANY($1::uuid[]) AND heard_at IS NULL ORDER BY case_id, seq`,
        [ids],
      ),
      (r) => r.case_id,
    );
    const people = groupBy(
      await q<{ case_id: string; role: 'victim' | 'witness'; person_key: string | null; is_child: boolean; is_vulnerable: boolean }>(
        `SELECT case_id, role, person_key, is_child, is_vulnerable FROM case_scheduling_people
          WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, role, person_key, id`,
        [ids],
      ),
      (r) => r.case_id,
    );
    const counsel = groupBy(
      await q<{ case_id: string; counsel: string }>(
        `SELECT DISTINCT case_id, counsel_user_id::text AS counsel FROM parties
          WHERE case_id = ANY($1::uuid[]) AND counsel_user_id IS NOT NULL ORDER BY case_id, counsel`,
        [ids],
      ),
      (r) => r.case_id,
    );
    const adjournments = groupBy(
      await q<{ case_id: string; date: string; reason: PendingCaseRows['adjournments'][number]['reason'] }>(
        `SELECT case_id, to_char(adjourned_on, 'YYYY-MM-DD') AS date, reason FROM case_adjournments
          WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, adjourned_on, id`,
        [ids],
      ),
      (r) => r.case_id,
    );
    return cases.map((c) => ({
      id: c.id,
      type: c.case_type,
      filed: c.filed,
      lastHeard: c.last_heard,
      facts: c.has_facts
        ? {
            offence: c.offence,
            custodyLimit: c.custody_limit,
            interpreterLanguages: c.interpreter_languages ?? [],
            needsIntermediary: c.needs_intermediary === true,
            needsSupporter: c.needs_supporter === true,
            needsLiveLink: c.needs_live_link === true,
            remoteAllowed: c.remote_allowed === true,
            judgeSpecialisms: c.judge_specialisms ?? [],
          }
        : null,
      people: (people.get(c.id) ?? []).map((p) => ({
        role: p.role,
        personKey: p.person_key,
        child: p.is_child,
        vulnerable: p.is_vulnerable,
      })),
      counsel: (counsel.get(c.id) ?? []).map((r) => r.counsel),
      hearings: (needs.get(c.id) ?? []).map((n) => ({ type: n.type, minutes: n.minutes, minDaysAfterPrevious: n.min_days })),
      adjournments: (adjournments.get(c.id) ?? []).map((a) => ({ date: a.date, reason: a.reason })),
    }));
  }
}

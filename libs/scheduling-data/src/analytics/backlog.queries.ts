import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@ejustice/platform';
import {
  type BacklogCaseRecord,
  type CourtCapacity,
  type CustodyCase,
  ageProfile,
  backlogIndicators,
  burnDownForecast,
  custodyRiskList,
} from '@ejustice/scheduling';
import {
  type BacklogForecast,
  type BacklogForecastQuery,
  type BacklogReport,
  type BacklogReportQuery,
  CUSTODY_WARNING_DAYS,
} from '../contract/backlog.contract';
import { addDays, isoDateIn, SchedulingInstanceQueries } from '../instance/scheduling-instance.queries';
import { type SchedulingActor, assertMayPlan } from '../runs/schedule-run-permission';
import {
  DEFAULT_FORECAST_WEEKS,
  assertCalendarDate,
  DEFAULT_SCENARIO_SIZES,
  forecastScenarios,
  parseScenarios,
  resolveBacklogRange,
} from './backlog-request';

/** The past the forecast's rates are taken from: half a year smooths out a month of leave or a strike. */
const LOOKBACK_WEEKS = 26;
/** The day sessions a week is measured over: the four weeks from the forecast's first day. */
const CAPACITY_WEEKS = 4;
/** A night sitting's length where the court has none yet (18:00 to 21:00). */
const DEFAULT_NIGHT_SESSION_HOURS = 3;

type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/**
 * The backlog dashboard's figures for one court, read in one REPEATABLE READ snapshot and
 * computed by the pure analytics of @ejustice/scheduling. Dates are the court's calendar dates.
 * Clerks and judges of the court only (the same rule as the scheduler's: the risk list names
 * custody cases and when they come).
 */
@Injectable()
export class BacklogQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly instances: SchedulingInstanceQueries,
    private readonly clock: Clock,
  ) {}

  async report(actor: SchedulingActor, courtId: string, query: BacklogReportQuery & { asOf?: string }): Promise<BacklogReport> {
    assertMayPlan(actor, courtId);
    assertCalendarDate('asOf', query.asOf);
    const { timeZone } = await this.instances.settings(courtId);
    const asOf = query.asOf ?? isoDateIn(this.clock.now(), timeZone);
    const range = resolveBacklogRange(query, asOf);
    return this.snapshot(async (q) => {
      const indicators = backlogIndicators(await this.caseRecords(q, courtId, timeZone, range.from, range.to), range);
      const pending = await this.caseRecords(q, courtId, timeZone, asOf, asOf);
      const profile = ageProfile(
        pending.filter((c) => c.filed <= asOf && (c.disposed === null || c.disposed > asOf)),
        asOf,
      );
      const risks = custodyRiskList(await this.custodyCases(q, courtId, timeZone, asOf), asOf, CUSTODY_WARNING_DAYS);
      return {
        courtId,
        asOf,
        period: indicators.period,
        from: indicators.from,
        to: indicators.to,
        periods: indicators.periods,
        ageProfile: profile,
        custodyWarningDays: CUSTODY_WARNING_DAYS,
        custodyRisks: risks,
      };
    });
  }

  async forecast(actor: SchedulingActor, courtId: string, query: BacklogForecastQuery & { asOf?: string }): Promise<BacklogForecast> {
    assertMayPlan(actor, courtId);
    assertCalendarDate('asOf', query.asOf);
    const scenarios = parseScenarios(query.scenario);
    const { timeZone } = await this.instances.settings(courtId);
    const asOf = query.asOf ?? isoDateIn(this.clock.now(), timeZone);
    const weeks = query.weeks ?? DEFAULT_FORECAST_WEEKS;
    const sizes = {
      night_sessions: query.nightSessions ?? DEFAULT_SCENARIO_SIZES.night_sessions,
      virtual_rooms: query.virtualRooms ?? DEFAULT_SCENARIO_SIZES.virtual_rooms,
    };
    return this.snapshot(async (q) => {
      const lookbackFrom = addDays(asOf, -7 * LOOKBACK_WEEKS);
      const yesterday = addDays(asOf, -1);
      const records = await this.caseRecords(q, courtId, timeZone, lookbackFrom, asOf);
      const pending = records.filter((c) => c.filed <= asOf && (c.disposed === null || c.disposed > asOf)).length;
      const incoming = records.filter((c) => c.filed >= lookbackFrom && c.filed <= yesterday).length;
      const resolved = records.filter((c) => c.disposed !== null && c.disposed >= lookbackFrom && c.disposed <= yesterday).length;
      const needs = await this.pendingNeeds(q, courtId, timeZone, asOf);
      const capacity = await this.capacity(q, courtId, asOf, needs.remoteShare);
      const input = {
        asOf,
        pending,
        incomingPerWeek: incoming / LOOKBACK_WEEKS,
        resolvedPerWeek: resolved / LOOKBACK_WEEKS,
        hearingHoursPerCase: needs.hoursPerCase,
        weeks,
      };
      const drawn = burnDownForecast(input, forecastScenarios(scenarios, sizes, capacity));
      return {
        courtId,
        asOf,
        lookbackWeeks: LOOKBACK_WEEKS,
        pending,
        incomingPerWeek: input.incomingPerWeek,
        resolvedPerWeek: input.resolvedPerWeek,
        hearingHoursPerCase: needs.hoursPerCase,
        capacity,
        scenarioSizes: sizes,
        weekStarts: drawn.weekStarts,
        lines: drawn.lines,
      };
    });
  }

  private snapshot<T>(work: (q: Query) => Promise<T>): Promise<T> {
    return this.db.transaction('REPEATABLE READ', (m: EntityManager) => work((sql, params) => m.query(sql, params)));
  }

  /** Every case of the court filed by `to` and not disposed of before `from`, with court-calendar dates. */
  private async caseRecords(q: Query, courtId: string, timeZone: string, from: string, to: string): Promise<BacklogCaseRecord[]> {
    return q<BacklogCaseRecord>(
      `SELECT case_type AS type, to_char(opened_at AT TIME ZONE $2, 'YYYY-MM-DD') AS filed,
              to_char(disposed_at AT TIME ZONE $2, 'YYYY-MM-DD') AS disposed
         FROM cases
        WHERE court_id = $1 AND (opened_at AT TIME ZONE $2)::date <= $4::date
          AND (disposed_at IS NULL OR (disposed_at AT TIME ZONE $2)::date >= $3::date)`,
      [courtId, timeZone, from, to],
    );
  }

  /** Custody cases still pending, with their first hearing scheduled from `asOf` on. */
  private async custodyCases(q: Query, courtId: string, timeZone: string, asOf: string): Promise<CustodyCase[]> {
    return q<CustodyCase>(
      `SELECT c.id AS "caseId", c.number AS "caseNumber", c.case_type AS type,
              to_char(f.custody_limit, 'YYYY-MM-DD') AS "custodyLimit",
              (SELECT to_char(min(h.scheduled_start AT TIME ZONE $2), 'YYYY-MM-DD') FROM hearings h
                WHERE h.case_id = c.id AND h.status IN ('scheduled', 'open', 'in_recess')
                  AND (h.scheduled_start AT TIME ZONE $2)::date >= $3::date) AS "firstScheduledHearing"
         FROM cases c JOIN case_scheduling_facts f ON f.case_id = c.id
        WHERE c.court_id = $1 AND c.status <> 'disposed' AND f.in_custody AND f.custody_limit IS NOT NULL`,
      [courtId, timeZone, asOf],
    );
  }

  /** Hours still needed per pending case, and the share that may be heard remotely, over cases with hearings recorded. */
  private async pendingNeeds(
    q: Query,
    courtId: string,
    timeZone: string,
    asOf: string,
  ): Promise<{ hoursPerCase: number | null; remoteShare: number }> {
    const [row] = await q<{ cases: string; minutes: string | null; remote: string }>(
      `SELECT count(*) AS cases, sum(n.minutes) AS minutes, count(*) FILTER (WHERE f.remote_allowed) AS remote
         FROM cases c
         JOIN (SELECT case_id, sum(minutes) AS minutes FROM case_hearing_needs GROUP BY case_id) n ON n.case_id = c.id
         LEFT JOIN case_scheduling_facts f ON f.case_id = c.id
        WHERE c.court_id = $1 AND (c.opened_at AT TIME ZONE $2)::date <= $3::date
          AND (c.disposed_at IS NULL OR (c.disposed_at AT TIME ZONE $2)::date > $3::date)`,
      [courtId, timeZone, asOf],
    );
    const cases = Number(row.cases);
    if (cases === 0) return { hoursPerCase: null, remoteShare: 0 };
    return { hoursPerCase: Number(row.minutes) / 60 / cases, remoteShare: Number(row.remote) / cases };
  }

  /** The court's sittings the scenarios are priced from (see CourtCapacity). */
  private async capacity(q: Query, courtId: string, asOf: string, remoteShare: number): Promise<CourtCapacity> {
    const [row] = await q<{ night_hours: string | null; night_rooms: string; day_hours: string | null }>(
      `SELECT (SELECT avg(extract(epoch FROM ends_at - starts_at)) / 3600 FROM court_sessions
                WHERE court_id = $1 AND kind = 'night') AS night_hours,
              (SELECT count(*) FROM scheduling_rooms
                WHERE court_id = $1 AND (available_kinds IS NULL OR 'night' = ANY (available_kinds))) AS night_rooms,
              (SELECT sum(extract(epoch FROM ends_at - starts_at)) / 3600 FROM court_sessions
                WHERE court_id = $1 AND kind = 'day' AND sitting_on >= $2::date AND sitting_on < $3::date) AS day_hours`,
      [courtId, asOf, addDays(asOf, 7 * CAPACITY_WEEKS)],
    );
    return {
      nightSessionHours: row.night_hours === null ? DEFAULT_NIGHT_SESSION_HOURS : Number(row.night_hours),
      nightRooms: Number(row.night_rooms),
      daySessionHoursPerWeek: row.day_hours === null ? 0 : Number(row.day_hours) / CAPACITY_WEEKS,
      remoteShare,
    };
  }
}

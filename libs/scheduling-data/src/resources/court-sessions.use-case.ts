import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog, DomainError } from '@ejustice/platform';
import {
  RESOURCE_LIMITS,
  type ResourceSessionKind,
  type SessionPatternCreated,
  type SessionPatternRequest,
  type SessionRangeQuery,
  type SessionRequest,
  type SessionView,
} from '../contract/scheduling-resources.contract';
import {
  assertMayMaintainResources,
  assertMayReadResources,
  assertNoOverlap,
  checkDateRange,
  checkHours,
  dayNumber,
  expandSessionPattern,
} from './resource-rules';
import { type ResourceActor, auditResourceChange, inUse, notFound, usedByPublishedTimetable } from './resource-store';

interface SessionRow {
  id: string;
  date: string;
  kind: ResourceSessionKind;
  start: string;
  end: string;
  rooms: string[];
  starts_at: Date;
  ends_at: Date;
}

/** The court's sessions with their rooms, the hours also as instants in the court's time zone. */
const SESSIONS_SQL = `
  SELECT s.id, to_char(s.sitting_on, 'YYYY-MM-DD') AS date, s.kind, to_char(s.starts_at, 'HH24:MI') AS start,
         to_char(s.ends_at, 'HH24:MI') AS end,
         COALESCE(array_agg(sr.room_id::text ORDER BY sr.room_id) FILTER (WHERE sr.room_id IS NOT NULL), '{}') AS rooms,
         (s.sitting_on + s.starts_at) AT TIME ZONE c.time_zone AS starts_at, (s.sitting_on + s.ends_at) AT TIME ZONE c.time_zone AS ends_at
    FROM court_sessions s JOIN courts c ON c.id = s.court_id LEFT JOIN court_session_rooms sr ON sr.session_id = s.id`;

function toView(row: SessionRow): SessionView {
  return {
    id: row.id,
    date: row.date,
    kind: row.kind,
    start: row.start,
    end: row.end,
    rooms: row.rooms,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
  };
}

/**
 * The court's sittings, day court and night court: listed for a range of days; created one at a
 * time or as a recurring pattern in one request (all or none); deleted while no published
 * hearing is in one. Two sessions of the court never overlap on a day: the scheduler treats each
 * as the court sitting, so an overlap would double its hours.
 */
@Injectable()
export class CourtSessions {
  private readonly logger = new Logger(CourtSessions.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: ResourceActor, courtId: string, range: SessionRangeQuery): Promise<SessionView[]> {
    assertMayReadResources(actor, courtId);
    checkDateRange(range.from, range.to);
    const rows: SessionRow[] = await this.db.query(
      `${SESSIONS_SQL} WHERE s.court_id = $1 AND s.sitting_on BETWEEN $2 AND $3
        GROUP BY s.id, c.time_zone ORDER BY s.sitting_on, s.starts_at, s.id LIMIT ${RESOURCE_LIMITS.patternSessions}`,
      [courtId, range.from, range.to],
    );
    return rows.map(toView);
  }

  async create(actor: ResourceActor, courtId: string, request: SessionRequest): Promise<SessionView> {
    assertMayMaintainResources(actor, courtId);
    dayNumber(request.date, 'date');
    checkHours(request.start, request.end);
    const [created] = await this.created(actor, courtId, [request], (ids) => ({
      action: 'court_session.created',
      id: ids[0],
      data: { ...request },
    }));
    return created;
  }

  async createPattern(actor: ResourceActor, courtId: string, pattern: SessionPatternRequest): Promise<SessionPatternCreated> {
    assertMayMaintainResources(actor, courtId);
    const sessions = expandSessionPattern(pattern);
    const created = await this.created(actor, courtId, sessions, (ids) => ({
      action: 'court_session.pattern_created',
      id: ids[0],
      data: { from: pattern.from, to: pattern.to, sittings: pattern.sittings, sessions: ids.length },
    }));
    return { created };
  }

  async remove(actor: ResourceActor, courtId: string, id: string): Promise<void> {
    assertMayMaintainResources(actor, courtId);
    await this.db.transaction(async (m) => {
      const found: { date: string }[] = await m.query(
        `SELECT to_char(sitting_on, 'YYYY-MM-DD') AS date FROM court_sessions WHERE id = $1 AND court_id = $2 FOR UPDATE`,
        [id, courtId],
      );
      if (found.length === 0) throw notFound('session');
      if (await usedByPublishedTimetable(m, courtId, 'session', id)) throw inUse('session', id);
      await m.query(`DELETE FROM court_sessions WHERE id = $1`, [id]);
      await auditResourceChange(
        this.audit,
        m,
        actor,
        courtId,
        'court_session.deleted',
        { type: 'court_session', id },
        { date: found[0].date },
      );
    });
    this.logger.log(`remove() [court:${courtId}] [session:${id}]`);
  }

  /** Creates the sessions, with their rooms, in one transaction serialised per court (so two requests cannot overlap each other). */
  private async created(
    actor: ResourceActor,
    courtId: string,
    sessions: readonly SessionRequest[],
    audited: (ids: string[]) => { action: string; id: string; data: Record<string, unknown> },
  ): Promise<SessionView[]> {
    const views = await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('court_sessions'), hashtext($1))`, [courtId]);
      await this.assertRoomsOfCourt(m, courtId, sessions);
      const dates = [...new Set(sessions.map((s) => s.date))];
      const existing: { id: string; date: string; start: string; end: string }[] = await m.query(
        `SELECT id, to_char(sitting_on, 'YYYY-MM-DD') AS date, to_char(starts_at, 'HH24:MI') AS start, to_char(ends_at, 'HH24:MI') AS end
           FROM court_sessions WHERE court_id = $1 AND sitting_on = ANY($2::date[])`,
        [courtId, dates],
      );
      assertNoOverlap(sessions, existing);
      const ids: string[] = [];
      for (const s of sessions) {
        const [{ id }]: { id: string }[] = await m.query(
          `INSERT INTO court_sessions (court_id, sitting_on, kind, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [courtId, s.date, s.kind, s.start, s.end],
        );
        const rooms = [...new Set(s.rooms ?? [])];
        if (rooms.length > 0) {
          await m.query(`INSERT INTO court_session_rooms (session_id, room_id) SELECT $1, unnest($2::uuid[])`, [id, rooms]);
        }
        ids.push(id);
      }
      const rows: SessionRow[] = await m.query(
        `${SESSIONS_SQL} WHERE s.id = ANY($1::uuid[]) GROUP BY s.id, c.time_zone ORDER BY s.sitting_on, s.starts_at, s.id`,
        [ids],
      );
      const { action, id, data } = audited(ids);
      await auditResourceChange(this.audit, m, actor, courtId, action, { type: 'court_session', id }, data);
      return rows.map(toView);
    });
    this.logger.log(`created() [court:${courtId}] [sessions:${views.length}]`);
    return views;
  }

  private async assertRoomsOfCourt(m: EntityManager, courtId: string, sessions: readonly SessionRequest[]): Promise<void> {
    const wanted = [...new Set(sessions.flatMap((s) => s.rooms ?? []))];
    if (wanted.length === 0) return;
    const known: { id: string }[] = await m.query(`SELECT id FROM scheduling_rooms WHERE court_id = $1 AND id = ANY($2::uuid[])`, [
      courtId,
      wanted,
    ]);
    const missing = wanted.filter((id) => !known.some((k) => k.id === id));
    if (missing.length > 0) {
      throw new DomainError(
        'not_found',
        'scheduling.room_not_found',
        `No such room in this court: ${missing.join(', ')}. Create the room first.`,
        {
          details: { rooms: missing },
        },
      );
    }
  }
}

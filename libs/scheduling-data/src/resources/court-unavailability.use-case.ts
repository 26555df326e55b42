import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog, DomainError } from '@ejustice/platform';
import {
  RESOURCE_LIMITS,
  type SessionRangeQuery,
  type UnavailabilityOwnerType,
  type UnavailabilityRequest,
  type UnavailabilityView,
} from '../contract/scheduling-resources.contract';
import { assertMayMaintainResources, assertMayReadResources, checkDateRange, unavailabilityOwner } from './resource-rules';
import { type ResourceActor, auditResourceChange, notFound } from './resource-store';

interface Row {
  id: string;
  judge_user_id: string | null;
  room_id: string | null;
  interpreter_id: string | null;
  supporter_id: string | null;
  from: string;
  to: string;
}

/** Days off of the court's judges and resources: the owner's court decides whose they are. */
const OF_COURT_SQL = `
  SELECT u.id, u.judge_user_id, u.room_id, u.interpreter_id, u.supporter_id,
         to_char(u.from_date, 'YYYY-MM-DD') AS "from", to_char(u.to_date, 'YYYY-MM-DD') AS "to"
    FROM scheduling_unavailability u
    LEFT JOIN users ju ON ju.id = u.judge_user_id
    LEFT JOIN scheduling_rooms r ON r.id = u.room_id
    LEFT JOIN court_interpreters i ON i.id = u.interpreter_id
    LEFT JOIN court_supporters s ON s.id = u.supporter_id
   WHERE $1 IN (ju.court_id, r.court_id, i.court_id, s.court_id)`;

const COLUMN: Record<UnavailabilityOwnerType, string> = {
  judge: 'judge_user_id',
  room: 'room_id',
  interpreter: 'interpreter_id',
  supporter: 'supporter_id',
};

function toView(row: Row): UnavailabilityView {
  const owner: UnavailabilityView['owner'] = row.judge_user_id
    ? { type: 'judge', id: row.judge_user_id }
    : row.room_id
      ? { type: 'room', id: row.room_id }
      : row.interpreter_id
        ? { type: 'interpreter', id: row.interpreter_id }
        : { type: 'supporter', id: row.supporter_id as string };
  return { id: row.id, owner, from: row.from, to: row.to };
}

/**
 * Leave and days off (courses, repairs) of exactly one judge, room, interpreter or supporter of
 * the court: listed, added, removed. The scheduler lists nobody and nothing on those days.
 */
@Injectable()
export class CourtUnavailability {
  private readonly logger = new Logger(CourtUnavailability.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** Days off that touch the range (all of them when none is given), earliest first. */
  async list(actor: ResourceActor, courtId: string, range: Partial<SessionRangeQuery>): Promise<UnavailabilityView[]> {
    assertMayReadResources(actor, courtId);
    if (range.from !== undefined && range.to !== undefined) checkDateRange(range.from, range.to);
    const rows: Row[] = await this.db.query(
      `${OF_COURT_SQL} AND ($2::date IS NULL OR u.to_date >= $2) AND ($3::date IS NULL OR u.from_date <= $3)
        ORDER BY u.from_date, u.id LIMIT ${RESOURCE_LIMITS.list}`,
      [courtId, range.from ?? null, range.to ?? null],
    );
    return rows.map(toView);
  }

  async add(actor: ResourceActor, courtId: string, request: UnavailabilityRequest): Promise<UnavailabilityView> {
    assertMayMaintainResources(actor, courtId);
    const owner = unavailabilityOwner(request);
    checkDateRange(request.from, request.to);
    const view = await this.db.transaction(async (m) => {
      await this.assertOwnerOfCourt(m, courtId, owner);
      const [row]: Row[] = await m.query(
        `INSERT INTO scheduling_unavailability (${COLUMN[owner.type]}, from_date, to_date) VALUES ($1, $2, $3)
         RETURNING id, judge_user_id, room_id, interpreter_id, supporter_id,
                   to_char(from_date, 'YYYY-MM-DD') AS "from", to_char(to_date, 'YYYY-MM-DD') AS "to"`,
        [owner.id, request.from, request.to],
      );
      await auditResourceChange(
        this.audit,
        m,
        actor,
        courtId,
        'scheduling_unavailability.added',
        { type: 'scheduling_unavailability', id: row.id },
        { owner, from: request.from, to: request.to },
      );
      return toView(row);
    });
    this.logger.log(`add() [court:${courtId}] [${owner.type}:${owner.id}] [from:${request.from}] [to:${request.to}]`);
    return view;
  }

  async remove(actor: ResourceActor, courtId: string, id: string): Promise<void> {
    assertMayMaintainResources(actor, courtId);
    await this.db.transaction(async (m) => {
      const rows: Row[] = await m.query(`${OF_COURT_SQL} AND u.id = $2 FOR UPDATE OF u`, [courtId, id]);
      if (rows.length === 0) throw notFound('unavailability');
      const { owner, from, to } = toView(rows[0]);
      await m.query(`DELETE FROM scheduling_unavailability WHERE id = $1`, [id]);
      await auditResourceChange(
        this.audit,
        m,
        actor,
        courtId,
        'scheduling_unavailability.removed',
        { type: 'scheduling_unavailability', id },
        { owner, from, to },
      );
    });
    this.logger.log(`remove() [court:${courtId}] [unavailability:${id}]`);
  }

  private async assertOwnerOfCourt(m: EntityManager, courtId: string, owner: { type: UnavailabilityOwnerType; id: string }): Promise<void> {
    if (owner.type === 'judge') {
      const rows: { has_profile: boolean }[] = await m.query(
        `SELECT EXISTS (SELECT 1 FROM judge_profiles p WHERE p.user_id = u.id) AS has_profile FROM users u
          WHERE u.id = $1 AND u.court_id = $2 AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'judge')
          FOR SHARE OF u`,
        [owner.id, courtId],
      );
      if (rows.length === 0) throw notFound('judge');
      if (!rows[0].has_profile) {
        throw new DomainError(
          'conflict',
          'scheduling.judge_has_no_profile',
          'This judge has no sitting profile yet, so the scheduler does not list them; set their profile first, then their leave.',
        );
      }
      return;
    }
    const table = { room: 'scheduling_rooms', interpreter: 'court_interpreters', supporter: 'court_supporters' }[owner.type];
    const rows: unknown[] = await m.query(`SELECT 1 FROM ${table} WHERE id = $1 AND court_id = $2 FOR SHARE`, [owner.id, courtId]);
    if (rows.length === 0) throw notFound(owner.type);
  }
}

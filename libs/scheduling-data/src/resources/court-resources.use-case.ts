import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog, DomainError } from '@ejustice/platform';
import {
  type InterpreterRequest,
  type InterpreterView,
  RESOURCE_LIMITS,
  type ResourceSupportRole,
  type RoomRequest,
  type RoomView,
  type SupporterRequest,
  type SupporterView,
} from '../contract/scheduling-resources.contract';
import { assertMayMaintainResources, assertMayReadResources } from './resource-rules';
import {
  type ResourceActor,
  auditResourceChange,
  availabilityOf,
  bookedRoom,
  inUse,
  isUniqueViolation,
  normalised,
  notFound,
  roomBooked,
  usedByPublishedTimetable,
} from './resource-store';

type Row = Record<string, unknown> & { id: string; available_weekdays: number[] | null; available_kinds: string[] | null };

/** How one kind of resource is stored: its table, its own columns, its view. */
interface ResourceTable<Request, View> {
  readonly what: 'room' | 'interpreter' | 'supporter';
  readonly table: string;
  /** The audit subject and the prefix of its actions (`scheduling_room.created`). */
  readonly subject: string;
  /** Its own columns, in order, and their values from a request (availability is added to every table). */
  readonly columns: readonly string[];
  readonly values: (request: Request) => unknown[];
  readonly view: (row: Row) => View;
  /** A unique constraint a request can run into, with the sentence saying what to change. */
  readonly unique?: { readonly constraint: string; readonly code: string; readonly message: string };
}

/**
 * The court's rooms, interpreters and supporters: listed for its clerks, judges and
 * administrators; created, changed and removed by its clerks and administrators, each change
 * audited in its own transaction. A resource the published timetable still lists is not removed
 * (409 `scheduling.<what>_in_use`); days off say it is not there for a while.
 */
class ResourceStore<Request extends { availableWeekdays: readonly number[] | null; availableKinds: readonly string[] | null }, View> {
  private readonly logger: Logger;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly spec: ResourceTable<Request, View>,
  ) {
    this.logger = new Logger(`Court${spec.what[0].toUpperCase()}${spec.what.slice(1)}s`);
  }

  private get columns(): string[] {
    return [...this.spec.columns, 'available_weekdays', 'available_kinds'];
  }

  private values(request: Request): unknown[] {
    return [...this.spec.values(request), normalised(request.availableWeekdays), normalised(request.availableKinds)];
  }

  private data(request: Request): Record<string, unknown> {
    return Object.fromEntries(this.columns.map((c, i) => [c, this.values(request)[i]]));
  }

  async list(actor: ResourceActor, courtId: string): Promise<View[]> {
    assertMayReadResources(actor, courtId);
    const rows: Row[] = await this.db.query(
      `SELECT id, ${this.columns.join(', ')} FROM ${this.spec.table} WHERE court_id = $1 ORDER BY name, id LIMIT ${RESOURCE_LIMITS.list}`,
      [courtId],
    );
    return rows.map(this.spec.view);
  }

  async create(actor: ResourceActor, courtId: string, request: Request): Promise<View> {
    assertMayMaintainResources(actor, courtId);
    const view = await this.written(() =>
      this.db.transaction(async (m) => {
        const placeholders = this.columns.map((_, i) => `$${i + 2}`).join(', ');
        const [row]: Row[] = await m.query(
          `INSERT INTO ${this.spec.table} (court_id, ${this.columns.join(', ')}) VALUES ($1, ${placeholders}) RETURNING id, ${this.columns.join(', ')}`,
          [courtId, ...this.values(request)],
        );
        await auditResourceChange(
          this.audit,
          m,
          actor,
          courtId,
          `${this.spec.subject}.created`,
          { type: this.spec.subject, id: row.id },
          this.data(request),
        );
        return this.spec.view(row);
      }),
    );
    this.logger.log(`create() [court:${courtId}] [${this.spec.what}:${(view as { id: string }).id}]`);
    return view;
  }

  async update(actor: ResourceActor, courtId: string, id: string, request: Request): Promise<View> {
    assertMayMaintainResources(actor, courtId);
    const view = await this.written(() =>
      this.db.transaction(async (m) => {
        const sets = this.columns.map((c, i) => `${c} = $${i + 3}`).join(', ');
        const [rows]: [Row[], number] = await m.query(
          `UPDATE ${this.spec.table} SET ${sets} WHERE id = $1 AND court_id = $2 RETURNING id, ${this.columns.join(', ')}`,
          [id, courtId, ...this.values(request)],
        );
        if (rows.length === 0) throw notFound(this.spec.what);
        await auditResourceChange(
          this.audit,
          m,
          actor,
          courtId,
          `${this.spec.subject}.updated`,
          { type: this.spec.subject, id },
          this.data(request),
        );
        return this.spec.view(rows[0]);
      }),
    );
    this.logger.log(`update() [court:${courtId}] [${this.spec.what}:${id}]`);
    return view;
  }

  async remove(actor: ResourceActor, courtId: string, id: string): Promise<void> {
    assertMayMaintainResources(actor, courtId);
    await this.db.transaction(async (m) => {
      const found: unknown[] = await m.query(`SELECT 1 FROM ${this.spec.table} WHERE id = $1 AND court_id = $2 FOR UPDATE`, [id, courtId]);
      if (found.length === 0) throw notFound(this.spec.what);
      if (await usedByPublishedTimetable(m, courtId, this.spec.what, id)) throw inUse(this.spec.what, id);
      // Past hearings let it go (they keep no room); one still to be held, listed by hand, does not.
      if (this.spec.what === 'room' && (await roomBooked(m, id))) throw bookedRoom(id);
      await m.query(`DELETE FROM ${this.spec.table} WHERE id = $1`, [id]);
      await auditResourceChange(this.audit, m, actor, courtId, `${this.spec.subject}.deleted`, { type: this.spec.subject, id }, {});
    });
    this.logger.log(`remove() [court:${courtId}] [${this.spec.what}:${id}]`);
  }

  private async written<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const unique = this.spec.unique;
      if (unique && isUniqueViolation(error, unique.constraint)) throw new DomainError('conflict', unique.code, unique.message);
      throw error;
    }
  }
}

@Injectable()
export class CourtRooms extends ResourceStore<RoomRequest, RoomView> {
  constructor(@InjectDataSource() db: DataSource, audit: AuditLog) {
    super(db, audit, {
      what: 'room',
      table: 'scheduling_rooms',
      subject: 'scheduling_room',
      columns: ['name', 'is_virtual', 'equipment'],
      values: (r) => [r.name, r.virtual, [...new Set(r.equipment)].sort()],
      view: (row) => ({
        id: row.id,
        name: row.name as string,
        virtual: row.is_virtual as boolean,
        equipment: row.equipment as string[],
        ...availabilityOf(row),
      }),
      unique: {
        constraint: 'scheduling_rooms_name_per_court',
        code: 'scheduling.room_name_taken',
        message: 'The court already has a room of that name; choose another name, or change that room instead.',
      },
    });
  }
}

@Injectable()
export class CourtInterpreters extends ResourceStore<InterpreterRequest, InterpreterView> {
  constructor(@InjectDataSource() db: DataSource, audit: AuditLog) {
    super(db, audit, {
      what: 'interpreter',
      table: 'court_interpreters',
      subject: 'court_interpreter',
      columns: ['name', 'languages'],
      values: (r) => [r.name, [...new Set(r.languages)].sort()],
      view: (row) => ({ id: row.id, name: row.name as string, languages: row.languages as string[], ...availabilityOf(row) }),
    });
  }
}

@Injectable()
export class CourtSupporters extends ResourceStore<SupporterRequest, SupporterView> {
  constructor(@InjectDataSource() db: DataSource, audit: AuditLog) {
    super(db, audit, {
      what: 'supporter',
      table: 'court_supporters',
      subject: 'court_supporter',
      columns: ['name', 'role'],
      values: (r) => [r.name, r.role],
      view: (row) => ({ id: row.id, name: row.name as string, role: row.role as ResourceSupportRole, ...availabilityOf(row) }),
    });
  }
}

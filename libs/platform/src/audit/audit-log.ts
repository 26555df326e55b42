import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Clock } from '../time/clock';
import { RequestContext } from '../context/request-context';
import type { Actor } from './actor';
import { AuditEvent } from './audit-event.entity';
import { GENESIS_HASH, auditEventHash } from './audit-hash';

export interface AuditEntry {
  /** Dotted, past-tense name of what happened: `case.sealed`, `hearing_link.issued`. */
  readonly action: string;
  readonly actor: Actor;
  readonly subject: { readonly type: string; readonly id?: string | null };
  readonly courtId?: string | null;
  readonly caseId?: string | null;
  readonly hearingId?: string | null;
  /** Facts of legal weight. Never a password, a token, or a protected person's real name. */
  readonly data?: Record<string, unknown>;
}

/**
 * Any 64-bit number unique to this lock. Serialises appends so every event links to the one
 * before it; held until the surrounding transaction ends, so the chain never forks.
 */
const AUDIT_CHAIN_LOCK_KEY = 7_301_202_611;
/** Pending events chained per sealing transaction; more wait for the next one. */
const SEAL_BATCH = 500;

interface PendingRow {
  pos: string;
  id: string;
  occurred_at: Date;
  court_id: string | null;
  actor_type: AuditEvent['actorType'];
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  case_id: string | null;
  hearing_id: string | null;
  data: Record<string, unknown>;
  request_id: string | null;
}

@Injectable()
export class AuditLog {
  /** The seal running now (one at a time per process), numbered in the order seals start. */
  private sealing: { readonly number: number; readonly ids: Promise<ReadonlySet<string>> } | undefined;
  private seals = 0;

  constructor(private readonly clock: Clock) {}

  /**
   * Appends an event in the caller's transaction: the event exists if and only if the state
   * change it records was committed. Call it last in the transaction, since it holds the chain
   * lock until commit.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<AuditEvent> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditLog.record() must run inside the transaction of the change it records');
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK_KEY]);
    const head: { seq: string; hash: string }[] = await manager.query('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    const event = manager.create(AuditEvent, {
      seq: head.length === 0 ? 1 : Number(head[0].seq) + 1,
      id: randomUUID(),
      occurredAt: this.clock.now(),
      courtId: entry.courtId ?? null,
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id ?? null,
      caseId: entry.caseId ?? null,
      hearingId: entry.hearingId ?? null,
      data: entry.data ?? {},
      requestId: RequestContext.requestId() ?? null,
      prevHash: head.length === 0 ? GENESIS_HASH : head[0].hash,
    });
    event.hash = auditEventHash(event);
    // `data` is free-form JSON, which TypeORM's deep-partial type cannot express.
    await manager.insert(AuditEvent, event as QueryDeepPartialEntity<AuditEvent>);
    return event;
  }

  /**
   * Writes an event in the caller's transaction without taking the chain's lock: it exists if and
   * only if the change it records commits, and takes its place in the chain at the next seal
   * (`seal()`, which the caller awaits after its commit; the AuditSealer of every app catches what
   * a crash between the two left behind). For actions whose transactions would otherwise queue
   * one behind the other on the chain's lock, each waiting for the previous one's disk flush.
   */
  async defer(manager: EntityManager, entry: AuditEntry): Promise<{ id: string }> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditLog.defer() must run inside the transaction of the change it records');
    }
    const pending = this.pendingInsert(entry);
    await manager.query(pending.sql, pending.params);
    return { id: pending.id };
  }

  /**
   * What `defer()` writes, as a statement for the caller to run in its own transaction (alone,
   * or as one part of a larger statement, so the event costs no round trip of its own), with
   * its parameters numbered from `firstParam`. The same rules as `defer()`: the event exists if
   * and only if the caller's transaction commits, and the caller awaits `seal(db, id)` after it.
   */
  pendingInsert(entry: AuditEntry, firstParam = 1): { id: string; sql: string; params: unknown[] } {
    const id = randomUUID();
    const params = [
      id,
      this.clock.now(),
      entry.courtId ?? null,
      entry.actor.type,
      entry.actor.id,
      entry.action,
      entry.subject.type,
      entry.subject.id ?? null,
      entry.caseId ?? null,
      entry.hearingId ?? null,
      JSON.stringify(entry.data ?? {}),
      RequestContext.requestId() ?? null,
    ];
    const placeholders = params.map((_, i) => `$${firstParam + i}`).join(', ');
    return {
      id,
      sql: `INSERT INTO audit_pending (id, occurred_at, court_id, actor_type, actor_id, action, subject_type, subject_id, case_id, hearing_id, data, request_id) VALUES (${placeholders})`,
      params,
    };
  }

  /**
   * Chains every pending event committed before this call; with `id` (what `defer()` returned),
   * until that event is in the chain. Concurrent callers share sealing transactions: the seal
   * running now serves the caller if it chained the caller's event, and otherwise the next one
   * does (begun after this call, so it sees every commit before it), which serves everyone who
   * asked meanwhile.
   */
  async seal(db: DataSource, id?: string): Promise<void> {
    const asked = this.seals;
    if (this.sealing && id !== undefined) {
      const chained = await this.sealing.ids.catch(() => undefined);
      if (chained?.has(id)) return;
    }
    for (;;) {
      if (!this.sealing) this.startSeal(db);
      const seal = this.sealing as { number: number; ids: Promise<ReadonlySet<string>> };
      // Begun after this call: it saw the caller's commit (and chained its event, or found it chained by another process).
      if (seal.number > asked) return void (await seal.ids);
      await seal.ids.catch(() => undefined);
    }
  }

  private startSeal(db: DataSource): void {
    const seal = { number: (this.seals += 1), ids: sealPendingAuditEvents(db) };
    this.sealing = seal;
    void seal.ids
      .catch(() => undefined)
      .finally(() => {
        if (this.sealing === seal) this.sealing = undefined;
      });
  }
}

/**
 * Moves pending events into the chain, oldest first, under the chain's lock: each gets the next
 * sequence number and links to the head, exactly as `record()` would have chained it, and leaves
 * `audit_pending` in the same transaction. One flush for a whole batch, and four round trips
 * (every filer waits for one of these, so they are few): begin and lock, read, insert, delete and
 * commit. Returns the ids of the events it chained.
 */
export async function sealPendingAuditEvents(db: DataSource): Promise<ReadonlySet<string>> {
  const sealed = new Set<string>();
  for (;;) {
    const ids = await sealBatch(db);
    for (const id of ids) sealed.add(id);
    if (ids.length < SEAL_BATCH) return sealed;
  }
}

/** Whether any event waits to be chained, asked without the lock: nothing is the periodic sweep's common answer. */
export async function hasPendingAuditEvents(db: DataSource): Promise<boolean> {
  return ((await db.query('SELECT 1 FROM audit_pending LIMIT 1')) as unknown[]).length > 0;
}

async function sealBatch(db: DataSource): Promise<string[]> {
  const runner = db.createQueryRunner();
  await runner.connect();
  let open = false;
  try {
    // Without parameters, one round trip for both (the simple query protocol); the lock is taken
    // before the next statement reads, so the head it reads is the head.
    await runner.query(`BEGIN; SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
    open = true;
    const rows: (PendingRow & { head_seq: string | null; head_hash: string | null })[] = await runner.query(
      `SELECT p.*, h.seq AS head_seq, h.hash AS head_hash
         FROM (SELECT * FROM audit_pending ORDER BY pos LIMIT $1) p
         LEFT JOIN LATERAL (SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1) h ON true
        ORDER BY p.pos`,
      [SEAL_BATCH],
    );
    if (rows.length > 0) {
      let seq = rows[0].head_seq === null ? 0 : Number(rows[0].head_seq);
      let prevHash = rows[0].head_hash ?? GENESIS_HASH;
      const events = rows.map((row) => {
        const event = runner.manager.create(AuditEvent, {
          seq: (seq += 1),
          id: row.id,
          occurredAt: row.occurred_at,
          courtId: row.court_id,
          actorType: row.actor_type,
          actorId: row.actor_id,
          action: row.action,
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          caseId: row.case_id,
          hearingId: row.hearing_id,
          data: row.data,
          requestId: row.request_id,
          prevHash,
        });
        event.hash = auditEventHash(event);
        prevHash = event.hash;
        return event;
      });
      await runner.manager.insert(AuditEvent, events as QueryDeepPartialEntity<AuditEvent>[]);
    }
    // Positions are bigints read from the table itself: written inline, so delete and commit go together.
    const positions = rows.map((r) => BigInt(r.pos).toString());
    await runner.query(`${positions.length > 0 ? `DELETE FROM audit_pending WHERE pos IN (${positions.join(',')}); ` : ''}COMMIT`);
    open = false;
    return rows.map((r) => r.id);
  } catch (error) {
    if (open) await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

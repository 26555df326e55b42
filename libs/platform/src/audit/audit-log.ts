import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

@Injectable()
export class AuditLog {
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
}

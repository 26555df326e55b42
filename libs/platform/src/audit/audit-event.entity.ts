import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ACTOR_TYPES = ['user', 'participant', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/**
 * One link of the audit chain. Append-only: the database refuses UPDATE, DELETE and TRUNCATE.
 * `hash` = SHA-256(prev_hash || canonical JSON of the event's fields), so altering, removing or
 * reordering any row breaks every link after it, which `npm run audit:verify` reports.
 */
@Entity({ name: 'audit_events' })
export class AuditEvent {
  /** Gapless position in the chain, assigned under the chain lock. */
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq: number;

  @Column({ type: 'uuid', unique: true })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'court_id', type: 'uuid', nullable: true })
  courtId: string | null;

  @Column({ name: 'actor_type', type: 'text' })
  actorType: ActorType;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'hearing_id', type: 'uuid', nullable: true })
  hearingId: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}

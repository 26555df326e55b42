import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '@ejustice/identity';
import type { FilingHistoryAction, FilingStatus } from '../domain/filing-type';
import { Filing } from './filing.entity';

/** One step of a filing's life, written in the transaction of the step. */
@Entity({ name: 'filing_status_history' })
export class FilingStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'filing_id', type: 'uuid' })
  filingId: string;

  @ManyToOne(() => Filing, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filing_id' })
  filing?: Relation<Filing>;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'text' })
  action: FilingHistoryAction;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: FilingStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: FilingStatus;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_user_id' })
  actor?: Relation<User> | null;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}

import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Court, User } from '@ejustice/identity';
import type { SchedulePlan } from '@ejustice/scheduling';
import type { ScheduleRunStatus } from '../contract/schedule-run.contract';

/** One run of the solver on a court's data: queued, running, then a draft plan or a failure. */
@Entity({ name: 'schedule_runs' })
export class ScheduleRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @ManyToOne(() => Court, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'court_id' })
  court?: Relation<Court>;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by' })
  requester?: Relation<User>;

  @Column({ type: 'text' })
  status: ScheduleRunStatus;

  /** Percent, 0 to 100. */
  @Column({ type: 'integer' })
  progress: number;

  @Column({ name: 'horizon_start', type: 'date' })
  horizonStart: string;

  @Column({ type: 'integer' })
  seed: number;

  @Column({ name: 'time_limit_seconds', type: 'integer' })
  timeLimitSeconds: number;

  @Column({ type: 'double precision', nullable: true })
  objective: number | null;

  @Column({ type: 'double precision', nullable: true })
  bound: number | null;

  @Column({ type: 'double precision', nullable: true })
  gap: number | null;

  @Column({ name: 'cases_count', type: 'integer', nullable: true })
  casesCount: number | null;

  @Column({ type: 'jsonb', nullable: true })
  plan: SchedulePlan | null;

  /** Why the run failed, in a sentence a clerk can act on. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'queued_at', type: 'timestamptz' })
  queuedAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Court, User } from '@ejustice/identity';
import type { SchedulePlan } from '@ejustice/scheduling';
import type {
  ScheduleRunMode,
  ScheduleRunPublication,
  ScheduleRunPhase,
  ScheduleRunStatus,
  ScheduleRunTrigger,
} from '../contract/schedule-run.contract';

/**
 * One run of the solver on a court's data: queued, running, then a draft plan or a failure; a
 * draft may be published, and is superseded by the next publication.
 */
@Entity({ name: 'schedule_runs' })
export class ScheduleRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @ManyToOne(() => Court, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'court_id' })
  court?: Relation<Court>;

  /** The clerk or judge who asked; null for the nightly run and for a re-plan. */
  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by' })
  requester?: Relation<User>;

  @Column({ type: 'text' })
  status: ScheduleRunStatus;

  @Column({ type: 'text' })
  trigger: ScheduleRunTrigger;

  @Column({ type: 'text' })
  mode: ScheduleRunMode;

  /** Percent, 0 to 100. */
  @Column({ type: 'integer' })
  progress: number;

  @Column({ type: 'text', nullable: true })
  phase: ScheduleRunPhase | null;

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

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'published_by' })
  publisher?: Relation<User> | null;

  /** The Idempotency-Key the publication came with: the same request again gets the same answer. */
  @Column({ name: 'publish_key', type: 'text', nullable: true })
  publishKey: string | null;

  /** What the publication did (kept, moved, created, released, notified): the answer to a repeated request. */
  @Column({ type: 'jsonb', nullable: true })
  publication: ScheduleRunPublication | null;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}

/**
 * A hearing of the court's published timetable, where the plan put it (migration 1796000200000).
 * The hearing itself is a row of `hearings` (libs/hearings); a trigger takes it off this table
 * when it is adjourned.
 */
@Entity({ name: 'published_hearings' })
export class PublishedHearing {
  @PrimaryColumn({ name: 'hearing_id', type: 'uuid' })
  hearingId: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @ManyToOne(() => ScheduleRun, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'run_id' })
  run?: Relation<ScheduleRun>;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  /** Index of the hearing in the case's hearings still needed, as in the plan. */
  @Column({ name: 'need_index', type: 'integer' })
  needIndex: number;

  @Column({ type: 'integer' })
  part: number;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  /** `HH:MM`, the session's day. */
  @Column({ name: 'starts_at', type: 'text' })
  startsAt: string;

  @Column({ name: 'judge_id', type: 'uuid' })
  judgeId: string;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId: string;

  @Column({ type: 'boolean' })
  remote: boolean;
}

/** Left by the database when a published hearing is adjourned; a re-plan run takes it (run_id). */
@Entity({ name: 'schedule_replan_requests' })
export class ScheduleReplanRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @Column({ name: 'hearing_id', type: 'uuid' })
  hearingId: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;
}

import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Case } from '@ejustice/cases';
import { User } from '@ejustice/identity';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { HearingType } from '@ejustice/vocabulary/hearing-type';

@Entity({ name: 'hearings' })
export class Hearing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<Case>;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'hearing_type', type: 'text' })
  hearingType: HearingType;

  @Column({ type: 'text' })
  status: HearingStatus;

  @Column({ name: 'scheduled_start', type: 'timestamptz' })
  scheduledStart: Date;

  @Column({ name: 'scheduled_end', type: 'timestamptz' })
  scheduledEnd: Date;

  /** The database refuses to book one judge into two live hearings that overlap. */
  @Column({ name: 'presiding_judge_id', type: 'uuid', nullable: true })
  presidingJudgeId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'presiding_judge_id' })
  presidingJudge?: Relation<User> | null;

  /**
   * The court room it sits in (a scheduling room of its court): where the published timetable put
   * it, or where a clerk booked it when listing it by hand; null: none booked. The database
   * refuses two hearings still to be held in one room at overlapping times, checked at the commit.
   */
  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId: string | null;

  @Column({ name: 'room_locked', type: 'boolean' })
  roomLocked: boolean;

  /** The language of the floor; null: the court's (`courts.language`). */
  @Column({ name: 'floor_language', type: 'text', nullable: true })
  floorLanguage: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

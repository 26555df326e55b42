import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Court, User } from '@ejustice/identity';
import type { CaseStatus, CaseType, Confidentiality } from '@ejustice/vocabulary/case-type';
import { Party } from './party.entity';

@Entity({ name: 'cases' })
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @ManyToOne(() => Court, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'court_id' })
  court?: Relation<Court>;

  @Column({ type: 'text' })
  number: string;

  @Column({ name: 'case_type', type: 'text' })
  caseType: CaseType;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  status: CaseStatus;

  @Column({ type: 'text' })
  confidentiality: Confidentiality;

  /** Custody, protective orders, child victims: the court deals with these first. */
  @Column({ type: 'boolean' })
  urgent: boolean;

  @Column({ name: 'assigned_judge_id', type: 'uuid', nullable: true })
  assignedJudgeId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_judge_id' })
  assignedJudge?: Relation<User> | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'disposed_at', type: 'timestamptz', nullable: true })
  disposedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => Party, (p) => p.case)
  parties?: Relation<Party[]>;
}

import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '@ejustice/identity';
import type { Confidentiality } from '@ejustice/vocabulary/case-type';
import { Case } from './case.entity';

/** One numbered entry on a case's docket; `seq` is gapless per case (unique in SQL). */
@Entity({ name: 'docket_entries' })
export class DocketEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<Case>;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ name: 'entry_type', type: 'text' })
  entryType: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text' })
  confidentiality: Confidentiality;

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt: Date;

  @Column({ name: 'entered_by', type: 'uuid', nullable: true })
  enteredBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entered_by' })
  enteredByUser?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

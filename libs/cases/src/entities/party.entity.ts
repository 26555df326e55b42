import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '@ejustice/identity';
import type { PartyRole } from '@ejustice/vocabulary/case-type';
import { Case } from './case.entity';

/**
 * A person or body in a case. A protected party (a trafficking victim, a vulnerable witness) is
 * shown by pseudonym to everyone not entitled to know who they are; `fullName` must never leave
 * the server for such a viewer (see case-access.ts).
 */
@Entity({ name: 'parties' })
export class Party {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, (c) => c.parties, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<Case>;

  @Column({ name: 'party_role', type: 'text' })
  partyRole: PartyRole;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ name: 'is_protected', type: 'boolean' })
  isProtected: boolean;

  @Column({ type: 'text', nullable: true })
  pseudonym: string | null;

  /** The party's own account, if they have one (a filer). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User> | null;

  /** The account of the lawyer (or, for the prosecution, the prosecutor) acting for this party. */
  @Column({ name: 'counsel_user_id', type: 'uuid', nullable: true })
  counselUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'counsel_user_id' })
  counsel?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

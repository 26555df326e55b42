import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Party } from '@ejustice/cases';
import { User } from '@ejustice/identity';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import { Hearing } from './hearing.entity';

/**
 * A person expected in a hearing: an account holder (judge, counsel...) or someone who will
 * join through a one-time link (a witness, a supporter). For a protected party, `displayName`
 * is what the court knows them as; what each viewer is shown is decided by media-policy.
 */
@Entity({ name: 'hearing_participants' })
export class HearingParticipant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'hearing_id', type: 'uuid' })
  hearingId: string;

  @ManyToOne(() => Hearing, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hearing_id' })
  hearing?: Relation<Hearing>;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User> | null;

  @Column({ name: 'party_id', type: 'uuid', nullable: true })
  partyId: string | null;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_id' })
  party?: Relation<Party> | null;

  @Column({ name: 'hearing_role', type: 'text' })
  hearingRole: HearingRole;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  state: ParticipantState;

  /**
   * For an interpreter, the language they interpret into (their channel; their pair is the floor's
   * language and this one); for anyone else, the language they need. Null: none stated.
   */
  @Column({ type: 'text', nullable: true })
  language: string | null;

  /** One of the court's interpreters (court_interpreters), when the seat is theirs: the scheduler knows them busy in it. */
  @Column({ name: 'court_interpreter_id', type: 'uuid', nullable: true })
  courtInterpreterId: string | null;

  /** One of the court's supporters or intermediaries (court_supporters), when the seat is theirs. */
  @Column({ name: 'court_supporter_id', type: 'uuid', nullable: true })
  courtSupporterId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

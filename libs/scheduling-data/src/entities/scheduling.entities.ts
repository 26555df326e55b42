import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Case } from '@ejustice/cases';
import { Court, User } from '@ejustice/identity';
import type { HearingType } from '@ejustice/vocabulary';
import type { AdjournmentReason, Policy, SessionKind, SupportRole } from '@ejustice/scheduling';

/*
 * The scheduling model's tables (migrations/1795900600000-CreateSchedulingModel.ts). Cases,
 * courts and judges are the court record's; these rows add what the scheduler needs to know.
 */

/** The court's scheduling policy: the solver's time budget, how far ahead to plan, the weights. */
@Entity({ name: 'court_scheduling_policies' })
export class CourtSchedulingPolicy {
  @PrimaryColumn({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @ManyToOne(() => Court, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'court_id' })
  court?: Relation<Court>;

  @Column({ name: 'time_limit_seconds', type: 'integer' })
  timeLimitSeconds: number;

  @Column({ name: 'horizon_days', type: 'integer' })
  horizonDays: number;

  @Column({ type: 'jsonb' })
  policy: Partial<Policy>;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** What drives a pending case's priority and its placement, beyond the case record itself. */
@Entity({ name: 'case_scheduling_facts' })
export class CaseSchedulingFacts {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<Case>;

  @Column({ type: 'text', nullable: true })
  offence: string | null;

  @Column({ name: 'in_custody', type: 'boolean' })
  inCustody: boolean;

  /** The custody time limit's expiry, an ISO date; set exactly when the defendant is in custody. */
  @Column({ name: 'custody_limit', type: 'date', nullable: true })
  custodyLimit: string | null;

  @Column({ name: 'interpreter_languages', type: 'text', array: true })
  interpreterLanguages: string[];

  @Column({ name: 'needs_intermediary', type: 'boolean' })
  needsIntermediary: boolean;

  @Column({ name: 'needs_supporter', type: 'boolean' })
  needsSupporter: boolean;

  @Column({ name: 'needs_live_link', type: 'boolean' })
  needsLiveLink: boolean;

  @Column({ name: 'remote_allowed', type: 'boolean' })
  remoteAllowed: boolean;

  @Column({ name: 'judge_specialisms', type: 'text', array: true })
  judgeSpecialisms: string[];

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A victim or witness as the scheduler sees them: never a name, a key across cases for a witness. */
@Entity({ name: 'case_scheduling_people' })
export class CaseSchedulingPerson {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<Case>;

  @Column({ type: 'text' })
  role: 'victim' | 'witness';

  @Column({ name: 'person_key', type: 'text', nullable: true })
  personKey: string | null;

  @Column({ name: 'party_id', type: 'uuid', nullable: true })
  partyId: string | null;

  @Column({ name: 'is_child', type: 'boolean' })
  isChild: boolean;

  @Column({ name: 'is_vulnerable', type: 'boolean' })
  isVulnerable: boolean;
}

/** A hearing the case still needs, in order (`seq`), with its estimated duration. */
@Entity({ name: 'case_hearing_needs' })
export class CaseHearingNeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<Case>;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ name: 'hearing_type', type: 'text' })
  hearingType: HearingType;

  @Column({ type: 'integer' })
  minutes: number;

  @Column({ name: 'min_days_after_previous', type: 'integer', nullable: true })
  minDaysAfterPrevious: number | null;
}

@Entity({ name: 'case_adjournments' })
export class CaseAdjournment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<Case>;

  @Column({ name: 'hearing_id', type: 'uuid', nullable: true })
  hearingId: string | null;

  @Column({ name: 'adjourned_on', type: 'date' })
  adjournedOn: string;

  @Column({ type: 'text' })
  reason: AdjournmentReason;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A judge's sitting: specialisms, the weekdays and kinds of session, the most minutes a day. */
@Entity({ name: 'judge_profiles' })
export class JudgeProfile {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'text', array: true })
  specialisms: string[];

  @Column({ name: 'sitting_weekdays', type: 'smallint', array: true, nullable: true })
  sittingWeekdays: number[] | null;

  @Column({ name: 'sitting_kinds', type: 'text', array: true, nullable: true })
  sittingKinds: SessionKind[] | null;

  @Column({ name: 'max_sitting_minutes_per_day', type: 'integer' })
  maxSittingMinutesPerDay: number;
}

/** A courtroom, or a virtual room (a remote hearing), with its equipment (`live_link`). */
@Entity({ name: 'scheduling_rooms' })
export class SchedulingRoom {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @ManyToOne(() => Court, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'court_id' })
  court?: Relation<Court>;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'is_virtual', type: 'boolean' })
  isVirtual: boolean;

  @Column({ type: 'text', array: true })
  equipment: string[];

  @Column({ name: 'available_weekdays', type: 'smallint', array: true, nullable: true })
  availableWeekdays: number[] | null;

  @Column({ name: 'available_kinds', type: 'text', array: true, nullable: true })
  availableKinds: SessionKind[] | null;
}

/** A sitting of the court on one day: day court or night court, with its hours. */
@Entity({ name: 'court_sessions' })
export class CourtSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @ManyToOne(() => Court, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'court_id' })
  court?: Relation<Court>;

  @Column({ name: 'sitting_on', type: 'date' })
  sittingOn: string;

  @Column({ type: 'text' })
  kind: SessionKind;

  @Column({ name: 'starts_at', type: 'time' })
  startsAt: string;

  @Column({ name: 'ends_at', type: 'time' })
  endsAt: string;
}

@Entity({ name: 'court_session_rooms' })
export class CourtSessionRoom {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @PrimaryColumn({ name: 'room_id', type: 'uuid' })
  roomId: string;

  @ManyToOne(() => CourtSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<CourtSession>;

  @ManyToOne(() => SchedulingRoom, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id' })
  room?: Relation<SchedulingRoom>;
}

@Entity({ name: 'court_interpreters' })
export class CourtInterpreter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @ManyToOne(() => Court, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'court_id' })
  court?: Relation<Court>;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  languages: string[];

  @Column({ name: 'available_weekdays', type: 'smallint', array: true, nullable: true })
  availableWeekdays: number[] | null;

  @Column({ name: 'available_kinds', type: 'text', array: true, nullable: true })
  availableKinds: SessionKind[] | null;
}

/** An intermediary or a supporter the court can call on for a vulnerable witness. */
@Entity({ name: 'court_supporters' })
export class CourtSupporter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @ManyToOne(() => Court, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'court_id' })
  court?: Relation<Court>;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: SupportRole;

  @Column({ name: 'available_weekdays', type: 'smallint', array: true, nullable: true })
  availableWeekdays: number[] | null;

  @Column({ name: 'available_kinds', type: 'text', array: true, nullable: true })
  availableKinds: SessionKind[] | null;
}

/** Days off (leave, courses, repairs) of exactly one judge, room, interpreter or supporter. */
@Entity({ name: 'scheduling_unavailability' })
export class SchedulingUnavailability {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'judge_user_id', type: 'uuid', nullable: true })
  judgeUserId: string | null;

  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId: string | null;

  @Column({ name: 'interpreter_id', type: 'uuid', nullable: true })
  interpreterId: string | null;

  @Column({ name: 'supporter_id', type: 'uuid', nullable: true })
  supporterId: string | null;

  @Column({ name: 'from_date', type: 'date' })
  fromDate: string;

  @Column({ name: 'to_date', type: 'date' })
  toDate: string;
}

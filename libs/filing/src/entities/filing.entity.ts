import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Case, type CaseType, type Confidentiality } from '@ejustice/cases';
import { Court, User } from '@ejustice/identity';
import type { FilingStatus, FilingType, UrgencyGround } from '../domain/filing-type';

/** One submission to the court (ECF "filing"): its documents, its review, its outcome. */
@Entity({ name: 'filings' })
export class Filing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @ManyToOne(() => Court, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'court_id' })
  court?: Relation<Court>;

  @Column({ name: 'filer_user_id', type: 'uuid' })
  filerUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filer_user_id' })
  filer?: Relation<User>;

  @Column({ name: 'filing_type', type: 'text' })
  filingType: FilingType;

  @Column({ name: 'opens_case', type: 'boolean' })
  opensCase: boolean;

  /** The case filed into; for an opening filing, the case its acceptance opened. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<Case> | null;

  @Column({ name: 'new_case_type', type: 'text', nullable: true })
  newCaseType: CaseType | null;

  @Column({ name: 'new_case_title', type: 'text', nullable: true })
  newCaseTitle: string | null;

  @Column({ name: 'new_case_confidentiality', type: 'text', nullable: true })
  newCaseConfidentiality: Confidentiality | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  confidentiality: Confidentiality;

  @Column({ type: 'boolean' })
  urgent: boolean;

  @Column({ name: 'urgency_grounds', type: 'text', array: true })
  urgencyGrounds: UrgencyGround[];

  @Column({ type: 'text' })
  status: FilingStatus;

  /** The official time of filing: when the last byte was received and the filing committed. */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of the canonical request (metadata and document hashes), to tell a replay from a reuse. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'claimed_by' })
  claimant?: Relation<User> | null;

  @Column({ name: 'claim_expires_at', type: 'timestamptz', nullable: true })
  claimExpiresAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by' })
  decider?: Relation<User> | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ name: 'reason_note', type: 'text', nullable: true })
  reasonNote: string | null;

  @Column({ name: 'fee_amount', type: 'integer' })
  feeAmount: number;

  @Column({ name: 'fee_currency', type: 'text' })
  feeCurrency: string;

  @Column({ name: 'fee_waived', type: 'boolean' })
  feeWaived: boolean;

  @Column({ name: 'fee_waiver_reason', type: 'text', nullable: true })
  feeWaiverReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

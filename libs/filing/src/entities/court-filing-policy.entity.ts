import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Court } from '@ejustice/identity';
import type { ReasonCode } from '../domain/court-policy';
import type { FilingType } from '../domain/filing-type';

/** A court's own filing policy; a null column means the platform default. */
@Entity({ name: 'court_filing_policies' })
export class CourtFilingPolicyRow {
  @PrimaryColumn({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @ManyToOne(() => Court, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'court_id' })
  court?: Relation<Court>;

  @Column({
    name: 'max_document_bytes',
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  maxDocumentBytes: number | null;

  @Column({ name: 'max_documents', type: 'integer', nullable: true })
  maxDocuments: number | null;

  @Column({ name: 'claim_minutes', type: 'integer', nullable: true })
  claimMinutes: number | null;

  @Column({ name: 'fee_currency', type: 'text', nullable: true })
  feeCurrency: string | null;

  @Column({ name: 'fee_schedule', type: 'jsonb', nullable: true })
  feeSchedule: Partial<Record<FilingType, number>> | null;

  @Column({ name: 'reason_codes', type: 'jsonb', nullable: true })
  reasonCodes: ReasonCode[] | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

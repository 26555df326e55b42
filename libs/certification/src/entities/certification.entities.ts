import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CopyStatus, PaymentStatus } from '../domain/certified-copy';

/** A request for a certified copy and, once issued, its entry in the register (migration 1795900700000). */
@Entity({ name: 'certified_copies' })
export class CertifiedCopy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ name: 'requester_user_id', type: 'uuid', nullable: true })
  requesterUserId: string | null;

  @Column({ name: 'requester_email', type: 'text', nullable: true })
  requesterEmail: string | null;

  /** SHA-256 of the key a member of the public follows the request with; the key itself is never stored. */
  @Column({ name: 'access_key_sha256', type: 'char', length: 64, nullable: true })
  accessKeySha256: string | null;

  @Column({ type: 'integer' })
  copies: number;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ name: 'fee_per_copy', type: 'integer' })
  feePerCopy: number;

  @Column({ name: 'fee_amount', type: 'integer' })
  feeAmount: number;

  @Column({ name: 'fee_currency', type: 'text' })
  feeCurrency: string;

  @Column({ name: 'fee_waiver_reason', type: 'text', nullable: true })
  feeWaiverReason: 'victim' | null;

  @Column({ name: 'payment_status', type: 'text' })
  paymentStatus: PaymentStatus;

  @Column({ name: 'payment_recorded_by', type: 'uuid', nullable: true })
  paymentRecordedBy: string | null;

  @Column({ name: 'payment_recorded_at', type: 'timestamptz', nullable: true })
  paymentRecordedAt: Date | null;

  @Column({ name: 'payment_note', type: 'text', nullable: true })
  paymentNote: string | null;

  @Column({ type: 'text' })
  status: CopyStatus;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason: string | null;

  @Column({ name: 'verification_code', type: 'text', nullable: true })
  verificationCode: string | null;

  @Column({ name: 'storage_key', type: 'text', nullable: true })
  storageKey: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({
    name: 'size_bytes',
    type: 'bigint',
    nullable: true,
    transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) },
  })
  sizeBytes: number | null;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt: Date | null;

  @Column({ name: 'certified_by', type: 'uuid', nullable: true })
  certifiedBy: string | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason: string | null;

  /** When the requester was told the copy is ready (e-mail); set once, so a retried job does not tell twice. */
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  /** When the mail server refused that e-mail for good (a 5xx reply), and its reply code: it is not sent again. */
  @Column({ name: 'delivery_refused_at', type: 'timestamptz', nullable: true })
  deliveryRefusedAt: Date | null;

  @Column({ name: 'delivery_refusal_code', type: 'smallint', nullable: true })
  deliveryRefusalCode: number | null;
}

/** A judge's authorisation for one user to request a certified copy of one sealed document. */
@Entity({ name: 'certified_copy_authorisations' })
export class CertifiedCopyAuthorisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'judge_user_id', type: 'uuid' })
  judgeUserId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A download link given to a requester: only its token's SHA-256 is kept, with its expiry. */
@Entity({ name: 'certified_copy_download_links' })
export class CertifiedCopyDownloadLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'copy_id', type: 'uuid' })
  copyId: string;

  @Column({ name: 'token_sha256', type: 'char', length: 64 })
  tokenSha256: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}

/** A court's choices for certified copies; no row means the defaults (clerks approve every request). */
@Entity({ name: 'court_certification_policies' })
export class CourtCertificationPolicy {
  @PrimaryColumn({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @Column({ name: 'auto_approve_public', type: 'boolean' })
  autoApprovePublic: boolean;
}

export const CERTIFICATION_ENTITIES = [CertifiedCopy, CertifiedCopyAuthorisation, CertifiedCopyDownloadLink, CourtCertificationPolicy];

import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { type Confidentiality, DocketEntry } from '@ejustice/cases';
import type { DocumentReviewStatus } from '../domain/filing-type';
import { DocumentBlob } from './document-blob.entity';
import { Filing } from './filing.entity';

/** One PDF of a filing: position 0 is the lead document, the others its attachments. */
@Entity({ name: 'filing_documents' })
export class FilingDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'filing_id', type: 'uuid' })
  filingId: string;

  @ManyToOne(() => Filing, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filing_id' })
  filing?: Relation<Filing>;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  /** The sanitised name the filer's file had. */
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @ManyToOne(() => DocumentBlob, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sha256' })
  blob?: Relation<DocumentBlob>;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes: number;

  @Column({ name: 'page_count', type: 'integer' })
  pageCount: number;

  @Column({ type: 'text' })
  confidentiality: Confidentiality;

  @Column({ name: 'review_status', type: 'text' })
  reviewStatus: DocumentReviewStatus;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ name: 'reason_note', type: 'text', nullable: true })
  reasonNote: string | null;

  @Column({ name: 'docket_entry_id', type: 'uuid', nullable: true })
  docketEntryId: string | null;

  @ManyToOne(() => DocketEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'docket_entry_id' })
  docketEntry?: Relation<DocketEntry> | null;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A stored file, named by the SHA-256 of its bytes; shared by every filing that sent those bytes. */
@Entity({ name: 'document_blobs' })
export class DocumentBlob {
  @PrimaryColumn({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes: number;

  @Column({ name: 'page_count', type: 'integer' })
  pageCount: number;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

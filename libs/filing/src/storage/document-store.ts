import type { Readable } from 'node:stream';
import type { AuditCheckpointStore } from '@ejustice/platform';

/** A file received and fsynced in the staging area, with the hash computed while it streamed in. */
export interface StagedFile {
  readonly path: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  /** The sanitised name the filer's file had. */
  readonly fileName: string;
  /** Where staging it spent its time (for the filing's phase metrics), when it was staged here. */
  readonly stagingMs?: StagingTimings;
}

export interface StagingTimings {
  readonly hash: number;
  readonly write: number;
  readonly sync: number;
}

export interface StoredObject {
  readonly key: string;
  readonly modifiedAt: Date;
}

/**
 * Where accepted documents live, content-addressed by SHA-256. `put` is idempotent (the same bytes
 * always land under the same key) and durable when it returns; it is called inside the
 * transaction that inserts the row, so a committed row always names a stored file. Files without
 * a row (a transaction that failed after `put`) are swept by the worker after a grace period.
 */
export abstract class DocumentStore implements AuditCheckpointStore {
  abstract readonly backend: 'local' | 's3';
  static keyFor(sha256: string): string {
    return `documents/${sha256.slice(0, 2)}/${sha256}`;
  }
  abstract put(file: StagedFile): Promise<string>;
  abstract open(key: string): Promise<Readable>;
  abstract exists(key: string): Promise<boolean>;
  abstract remove(key: string): Promise<void>;
  /** Every stored document, for the orphan sweep. */
  abstract list(): AsyncIterable<StoredObject>;
  // Signed checkpoints of the audit chain live beside the documents, under `audit-checkpoints/`
  // (never swept: the orphan sweep lists `documents/` only). See AuditCheckpointStore.
  abstract putCheckpoint(chain: string, name: string, body: Buffer): Promise<void>;
  abstract getCheckpoint(chain: string, name: string): Promise<Buffer>;
  abstract listCheckpoints(chain: string): Promise<string[]>;
}

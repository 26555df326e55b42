import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { unlink } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, Clock } from '@ejustice/platform';
import { DocumentStore } from './document-store';
import { UploadStaging } from './upload-staging';

/**
 * Deletes stored files that no row names (a transaction that failed after its files were put)
 * and staged uploads of processes that died, once they are older than the grace period. Each
 * stored file is re-checked and deleted under the same advisory lock that a submission takes
 * before it puts the file and inserts its row, so a file being filed right now is never removed.
 */
@Injectable()
export class SweepOrphanDocuments {
  private readonly logger = new Logger(SweepOrphanDocuments.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: DocumentStore,
    private readonly staging: UploadStaging,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(): Promise<{ documents: number; staged: number }> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.filing.orphanGraceMinutes * 60_000);
    let documents = 0;
    for await (const object of this.store.list()) {
      if (object.modifiedAt >= cutoff) continue;
      const sha = object.key.split('/').pop() as string;
      const removed = await this.db.transaction(async (m) => {
        const [{ locked }]: { locked: boolean }[] = await m.query(
          `SELECT pg_try_advisory_xact_lock(hashtextextended('document-blob:' || $1, 0)) AS locked`,
          [sha],
        );
        if (!locked) return false;
        const rows: unknown[] = await m.query('SELECT 1 FROM document_blobs WHERE sha256 = $1', [sha]);
        if (rows.length > 0) return false;
        await this.store.remove(object.key);
        return true;
      });
      if (removed) documents += 1;
    }
    let staged = 0;
    for await (const path of this.staging.stale(cutoff)) {
      await unlink(path).catch(() => undefined);
      staged += 1;
    }
    this.logger.log(`execute() swept [documents:${documents}] [staged:${staged}]`);
    return { documents, staged };
  }
}

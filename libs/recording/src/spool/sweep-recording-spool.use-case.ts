import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, Clock } from '@ejustice/platform';
import { RecordingSpool, hashFile } from './recording-spool';

/**
 * Clears the recording spool of files nothing will register any more. A spool file whose bytes
 * are a registered segment was left by a crash between the registration's commit and the file's
 * removal: it goes once older than the store's orphan grace. A file never registered goes only
 * after the longer spool grace (RECORDING_SPOOL_GRACE_MINUTES): a media node that restarts
 * registers what its ffmpeg finished, and until then the file is the only copy of the record.
 * Files still being written are young (ffmpeg writes a segment continuously) and are left alone.
 *
 * The spool is the media node's local directory: this sweeps the spool of the machine it runs on.
 */
@Injectable()
export class SweepRecordingSpool {
  private readonly logger = new Logger(SweepRecordingSpool.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly spool: RecordingSpool,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(): Promise<{ registered: number; abandoned: number }> {
    const now = this.clock.now().getTime();
    const registeredCutoff = new Date(now - this.config.filing.orphanGraceMinutes * 60_000);
    const abandonedCutoff = new Date(now - this.config.recording.spoolGraceMinutes * 60_000);
    let registered = 0;
    let abandoned = 0;
    for await (const { path, modifiedAt } of this.spool.stale(registeredCutoff)) {
      // Gone since it was listed: its registration removed it, or another sweep of this spool did.
      const hashed = await hashFile(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (hashed === null) continue;
      const { sha256, sizeBytes } = hashed;
      const rows: unknown[] = await this.db.query(`SELECT 1 FROM recording_segments WHERE sha256 = $1 AND size_bytes = $2 LIMIT 1`, [
        sha256,
        sizeBytes,
      ]);
      if (rows.length > 0) {
        await this.spool.discard(path);
        registered += 1;
        continue;
      }
      if (modifiedAt < abandonedCutoff) {
        await this.spool.discard(path);
        abandoned += 1;
        this.logger.warn(`execute() removed a segment file never registered [file:${path}] [sha256:${sha256}]`);
      }
    }
    this.logger.log(`execute() swept [registered:${registered}] [abandoned:${abandoned}]`);
    return { registered, abandoned };
  }
}

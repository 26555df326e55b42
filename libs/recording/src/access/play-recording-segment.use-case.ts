import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DocumentStore } from '@ejustice/filing/storage/document-store';
import type { UserPrincipal } from '@ejustice/identity';
import { AuditLog, DomainError, userActor } from '@ejustice/platform';
import { RecordingErrors } from '../domain/recording-errors';
import { admitToRecordings } from './recording-gate';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SegmentPlayback {
  readonly stream: Readable;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/**
 * Plays one segment of a court recording to its bench or a clerk of its court: every playback
 * is an audit event (`recording.played`), committed before the first byte is sent.
 */
@Injectable()
export class PlayRecordingSegment {
  private readonly logger = new Logger(PlayRecordingSegment.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: DocumentStore,
    private readonly audit: AuditLog,
  ) {}

  async execute(principal: UserPrincipal, segmentId: string): Promise<SegmentPlayback> {
    if (!UUID.test(segmentId)) throw RecordingErrors.segmentNotFound();
    const rows: {
      track_id: string;
      sequence: number;
      sha256: string;
      size_bytes: string;
      storage_key: string;
      recording_id: string;
      hearing_id: string;
    }[] = await this.db.query(
      `SELECT s.track_id, s.sequence, s.sha256, s.size_bytes, s.storage_key, t.recording_id, r.hearing_id
         FROM recording_segments s JOIN recording_tracks t ON t.id = s.track_id JOIN hearing_recordings r ON r.id = t.recording_id
        WHERE s.id = $1`,
      [segmentId],
    );
    if (rows.length === 0) throw RecordingErrors.segmentNotFound();
    const s = rows[0];
    const hearing = await admitToRecordings(this.db, principal, s.hearing_id, RecordingErrors.segmentNotFound);
    if (!(await this.store.exists(s.storage_key))) {
      this.logger.error(`execute() stored file missing [segment:${segmentId}] [key:${s.storage_key}]`);
      throw new DomainError(
        'gone',
        'recording.segment_file_missing',
        'The file of this segment is missing from the document store. Tell the court administrator: `./ejustice recording-verify` names every damaged segment.',
      );
    }
    await this.db.transaction((m) =>
      this.audit.record(m, {
        action: 'recording.played',
        actor: userActor(principal.userId),
        subject: { type: 'recording_segment', id: segmentId },
        courtId: hearing.courtId,
        caseId: hearing.caseId,
        hearingId: hearing.hearingId,
        data: { recordingId: s.recording_id, trackId: s.track_id, segmentId, sequence: s.sequence, sha256: s.sha256 },
      }),
    );
    return { stream: await this.store.open(s.storage_key), sizeBytes: Number(s.size_bytes), sha256: s.sha256 };
  }
}

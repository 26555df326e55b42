import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DocumentStore, type StagedFile } from '@ejustice/filing/storage/document-store';
import { type Actor, AuditLog, SYSTEM_ACTOR, participantActor, userActor } from '@ejustice/platform';
import type { RecordingStatus } from '../contract/recording-contract';
import { RecordingErrors } from '../domain/recording-errors';
import { type RecordingCommand, decideRecordingCommand } from '../domain/recording-transitions';
import {
  type FinishedSegment,
  type RecordingActor,
  RecordingLedger,
  type RegisteredSegment,
  type TrackOpening,
} from '../recording-ledger.port';
import { RecordingSpool, hashFile } from '../spool/recording-spool';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface HearingFacts {
  readonly hearingId: string;
  readonly courtId: string;
  readonly caseId: string;
}

interface RecordingRow {
  id: string;
  hearing_id: string;
  court_id: string;
  case_id: string;
  status: RecordingStatus;
}

interface TrackRow {
  id: string;
  recording_id: string;
  started_at: Date;
  ended_at: Date | null;
  hearing_id: string;
  court_id: string;
  case_id: string;
}

interface SegmentRow {
  id: string;
  sha256: string;
  size_bytes: string;
  storage_key: string;
}

/**
 * The court recording's record in PostgreSQL, the document store and the audit chain. Every
 * change is written with its audit event in one transaction; a registered segment's SHA-256 is in
 * the data of its `recording.segment_registered` event, so `recording-verify` can hold each
 * stored file against the chain. The media node decides when (the judge's commands, the
 * sitting); this only records, and refuses what would make the record inconsistent.
 */
@Injectable()
export class PgRecordingLedger extends RecordingLedger {
  private readonly logger = new Logger(PgRecordingLedger.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly store: DocumentStore,
    private readonly spool: RecordingSpool,
  ) {
    super();
  }

  async start(hearingId: string, actor: RecordingActor, at: Date): Promise<{ recordingId: string }> {
    if (!UUID.test(hearingId)) throw RecordingErrors.hearingNotFound();
    return this.db.transaction(async (m) => {
      // Two starts of one hearing at once: the second waits here and then finds the first's recording.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('hearing-recording:' || $1, 0))`, [hearingId]);
      const hearing = await this.hearingFacts(m, hearingId);
      const open: { id: string }[] = await m.query(`SELECT id FROM hearing_recordings WHERE hearing_id = $1 AND status <> 'stopped'`, [
        hearingId,
      ]);
      if (open.length > 0) return { recordingId: open[0].id };
      await this.assertInHearing(m, actor.participantId, hearingId, 'person starting the recording');
      const [{ id }]: { id: string }[] = await m.query(
        `INSERT INTO hearing_recordings (hearing_id, status, started_at, started_by) VALUES ($1, 'running', $2, $3) RETURNING id`,
        [hearingId, at, actor.participantId],
      );
      await this.audit.record(m, {
        ...scope(hearing),
        action: 'recording.started',
        actor: toActor(actor),
        subject: { type: 'recording', id },
        data: { recordingId: id, at: at.toISOString() },
      });
      this.logger.log(`start() started [hearing:${hearingId}] [recording:${id}]`);
      return { recordingId: id };
    });
  }

  pause(recordingId: string, actor: RecordingActor, at: Date): Promise<void> {
    return this.command(recordingId, 'pause', actor, at);
  }

  resume(recordingId: string, actor: RecordingActor, at: Date): Promise<void> {
    return this.command(recordingId, 'resume', actor, at);
  }

  stop(recordingId: string, actor: RecordingActor, at: Date): Promise<void> {
    return this.command(recordingId, 'stop', actor, at);
  }

  async current(hearingId: string): Promise<{ recordingId: string; status: 'running' | 'paused' } | null> {
    if (!UUID.test(hearingId)) return null;
    const rows: { id: string; status: 'running' | 'paused' }[] = await this.db.query(
      `SELECT id, status FROM hearing_recordings WHERE hearing_id = $1 AND status <> 'stopped'`,
      [hearingId],
    );
    return rows.length === 0 ? null : { recordingId: rows[0].id, status: rows[0].status };
  }

  async openTrack(track: TrackOpening): Promise<{ trackId: string }> {
    if (!UUID.test(track.recordingId)) throw RecordingErrors.recordingNotFound();
    if ((track.kind === 'audio') !== (track.codec === 'opus')) {
      throw RecordingErrors.invalidSegment(`a ${track.kind} track cannot carry ${track.codec}`);
    }
    return this.db.transaction(async (m) => {
      // Locked against a pause or stop committing meanwhile: no track opens on a paused recording.
      const recording = await this.lockRecording(m, track.recordingId);
      if (recording.status !== 'running') throw RecordingErrors.notRunning();
      await this.assertInHearing(m, track.participantId, recording.hearing_id, 'recorded participant');
      const [{ id }]: { id: string }[] = await m.query(
        `INSERT INTO recording_tracks (recording_id, participant_id, source, kind, codec, started_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [track.recordingId, track.participantId, track.source, track.kind, track.codec, track.startedAt],
      );
      await this.audit.record(m, {
        ...scope(facts(recording)),
        action: 'recording.track_opened',
        actor: SYSTEM_ACTOR,
        subject: { type: 'recording_track', id },
        data: {
          recordingId: track.recordingId,
          trackId: id,
          participantId: track.participantId,
          source: track.source,
          kind: track.kind,
          codec: track.codec,
          startedAt: track.startedAt.toISOString(),
        },
      });
      return { trackId: id };
    });
  }

  async closeTrack(trackId: string, at: Date): Promise<void> {
    if (!UUID.test(trackId)) throw RecordingErrors.trackNotFound();
    await this.db.transaction(async (m) => {
      const track = await this.lockTrack(m, trackId);
      // Closed already (by the pause or stop that ended it, or a retry): the first end stands.
      if (track.ended_at !== null) return;
      const endedAt = at < track.started_at ? track.started_at : at;
      await m.query(`UPDATE recording_tracks SET ended_at = $2 WHERE id = $1`, [trackId, endedAt]);
      await this.audit.record(m, {
        ...scope(facts(track)),
        action: 'recording.track_closed',
        actor: SYSTEM_ACTOR,
        subject: { type: 'recording_track', id: trackId },
        data: { recordingId: track.recording_id, trackId, endedAt: endedAt.toISOString() },
      });
    });
  }

  async registerSegment(segment: FinishedSegment): Promise<RegisteredSegment> {
    assertSegmentShape(segment);
    const earlier = await this.registered(this.db.manager, segment.trackId, segment.sequence);
    if (earlier) return this.answerRepeat(earlier, segment);

    const spoolPath = await this.spool.locate(segment.path);
    if (spoolPath === null) throw RecordingErrors.spoolFileMissing(segment.path);
    const staged = await this.spool.stage(spoolPath);
    try {
      if (staged.sizeBytes === 0) throw RecordingErrors.invalidSegment('the file is empty');
      const outcome = await this.db.transaction((m) => this.record(m, segment, staged));
      if (outcome.repeat) return this.answerRepeat(outcome.segment, segment);
      // Committed: the stored copy and the chain hold the segment now; the spool file has served.
      await this.spool.discard(spoolPath);
      return toRegistered(outcome.segment);
    } finally {
      // Renamed into the store or uploaded (gone), or left by a failure before that.
      await this.spool.discard(staged.path);
    }
  }

  private async record(m: EntityManager, segment: FinishedSegment, staged: StagedFile): Promise<{ segment: SegmentRow; repeat: boolean }> {
    // Registrations of one track queue here, so the order check and the insert see each other.
    const track = await this.lockTrack(m, segment.trackId);
    const twin = await this.registered(m, segment.trackId, segment.sequence);
    if (twin) return { segment: twin, repeat: true };
    const [{ last }]: { last: number | null }[] = await m.query(
      `SELECT max(sequence) AS last FROM recording_segments WHERE track_id = $1`,
      [segment.trackId],
    );
    if (last !== null && segment.sequence < last) throw RecordingErrors.segmentOutOfOrder(segment.sequence, last);

    // The same lock a filing takes around put + insert, and the orphan sweep around its check +
    // delete: the sweep can never remove the file between this put and this commit.
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('document-blob:' || $1, 0))`, [staged.sha256]);
    const storageKey = await this.store.put(staged);
    await m.query(
      `INSERT INTO document_blobs (sha256, size_bytes, page_count, storage_key) VALUES ($1, $2, 0, $3) ON CONFLICT (sha256) DO NOTHING`,
      [staged.sha256, staged.sizeBytes, storageKey],
    );
    const segmentId = randomUUID();
    // The event goes in before the row that names it (the row's foreign key points at the event);
    // the chain's lock is held from here to the commit, one insert later.
    const event = await this.audit.record(m, {
      ...scope(facts(track)),
      action: 'recording.segment_registered',
      actor: SYSTEM_ACTOR,
      subject: { type: 'recording_segment', id: segmentId },
      data: {
        recordingId: track.recording_id,
        trackId: segment.trackId,
        sequence: segment.sequence,
        sha256: staged.sha256,
        sizeBytes: staged.sizeBytes,
        offsetMs: segment.offsetMs,
        durationMs: segment.durationMs,
      },
    });
    await m.query(
      `INSERT INTO recording_segments (id, track_id, sequence, offset_ms, duration_ms, sha256, size_bytes, storage_key, audit_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        segmentId,
        segment.trackId,
        segment.sequence,
        segment.offsetMs,
        segment.durationMs,
        staged.sha256,
        staged.sizeBytes,
        storageKey,
        event.id,
      ],
    );
    return {
      segment: { id: segmentId, sha256: staged.sha256, size_bytes: String(staged.sizeBytes), storage_key: storageKey },
      repeat: false,
    };
  }

  /**
   * The segment was registered before (a retry after a lost answer or a restart): the first
   * registration stands. A spool file still there with the same bytes was left by a crash between
   * the commit and its removal, and goes now; other bytes under the same number are refused.
   */
  private async answerRepeat(earlier: SegmentRow, segment: FinishedSegment): Promise<RegisteredSegment> {
    const spoolPath = await this.spool.locate(segment.path);
    if (spoolPath !== null) {
      const { sha256 } = await hashFile(spoolPath);
      if (sha256 !== earlier.sha256) throw RecordingErrors.segmentConflict(segment.sequence);
      await this.spool.discard(spoolPath);
    }
    return toRegistered(earlier);
  }

  private async registered(m: EntityManager, trackId: string, sequence: number): Promise<SegmentRow | null> {
    const rows: SegmentRow[] = await m.query(
      `SELECT id, sha256, size_bytes, storage_key FROM recording_segments WHERE track_id = $1 AND sequence = $2`,
      [trackId, sequence],
    );
    return rows[0] ?? null;
  }

  private async command(recordingId: string, command: RecordingCommand, actor: RecordingActor, at: Date): Promise<void> {
    if (!UUID.test(recordingId)) throw RecordingErrors.recordingNotFound();
    await this.db.transaction(async (m) => {
      const recording = await this.lockRecording(m, recordingId);
      const decision = decideRecordingCommand(recording.status, command);
      if (decision.kind === 'unchanged') return;
      if (decision.kind === 'refused') throw RecordingErrors.stopped();
      await m.query(`UPDATE hearing_recordings SET status = $2, stopped_at = $3 WHERE id = $1`, [
        recordingId,
        decision.to,
        decision.to === 'stopped' ? at : null,
      ]);
      // A pause (a recess, a consultation) and a stop end every track still open: the next sitting opens new ones.
      const closed: { id: string }[] = decision.endsTracks
        ? await m.query(
            `WITH ended AS (
               UPDATE recording_tracks SET ended_at = greatest($2::timestamptz, started_at)
                WHERE recording_id = $1 AND ended_at IS NULL RETURNING id
             ) SELECT id FROM ended`,
            [recordingId, at],
          )
        : [];
      await this.audit.record(m, {
        ...scope(facts(recording)),
        action: decision.action,
        actor: toActor(actor),
        subject: { type: 'recording', id: recordingId },
        data: { recordingId, at: at.toISOString(), tracksEnded: closed.map((t) => t.id).sort() },
      });
    });
  }

  private async hearingFacts(m: EntityManager, hearingId: string): Promise<HearingFacts> {
    const rows: { court_id: string; case_id: string }[] = await m.query(`SELECT court_id, case_id FROM hearings WHERE id = $1`, [
      hearingId,
    ]);
    if (rows.length === 0) throw RecordingErrors.hearingNotFound();
    return { hearingId, courtId: rows[0].court_id, caseId: rows[0].case_id };
  }

  private async lockRecording(m: EntityManager, recordingId: string): Promise<RecordingRow> {
    const rows: RecordingRow[] = await m.query(
      `SELECT r.id, r.hearing_id, r.status, h.court_id, h.case_id
         FROM hearing_recordings r JOIN hearings h ON h.id = r.hearing_id
        WHERE r.id = $1 FOR UPDATE OF r`,
      [recordingId],
    );
    if (rows.length === 0) throw RecordingErrors.recordingNotFound();
    return rows[0];
  }

  private async lockTrack(m: EntityManager, trackId: string): Promise<TrackRow> {
    if (!UUID.test(trackId)) throw RecordingErrors.trackNotFound();
    const rows: TrackRow[] = await m.query(
      `SELECT t.id, t.recording_id, t.started_at, t.ended_at, r.hearing_id, h.court_id, h.case_id
         FROM recording_tracks t JOIN hearing_recordings r ON r.id = t.recording_id JOIN hearings h ON h.id = r.hearing_id
        WHERE t.id = $1 FOR UPDATE OF t`,
      [trackId],
    );
    if (rows.length === 0) throw RecordingErrors.trackNotFound();
    return rows[0];
  }

  private async assertInHearing(m: EntityManager, participantId: string, hearingId: string, who: string): Promise<void> {
    const rows: unknown[] = UUID.test(participantId)
      ? await m.query(`SELECT 1 FROM hearing_participants WHERE id = $1 AND hearing_id = $2`, [participantId, hearingId])
      : [];
    if (rows.length === 0) throw RecordingErrors.notInHearing(who);
  }
}

function assertSegmentShape(segment: FinishedSegment): void {
  if (!UUID.test(segment.trackId)) throw RecordingErrors.trackNotFound();
  if (!Number.isSafeInteger(segment.sequence) || segment.sequence < 0)
    throw RecordingErrors.invalidSegment('its sequence must be 0 or more');
  if (!Number.isSafeInteger(segment.offsetMs) || segment.offsetMs < 0)
    throw RecordingErrors.invalidSegment('its offset must be 0 ms or more');
  if (!Number.isSafeInteger(segment.durationMs) || segment.durationMs < 0 || segment.durationMs > 2_147_483_647) {
    throw RecordingErrors.invalidSegment('its duration must be 0 ms or more');
  }
}

function facts(row: { hearing_id: string; court_id: string; case_id: string }): HearingFacts {
  return { hearingId: row.hearing_id, courtId: row.court_id, caseId: row.case_id };
}

function scope(h: HearingFacts): { hearingId: string; courtId: string; caseId: string } {
  return { hearingId: h.hearingId, courtId: h.courtId, caseId: h.caseId };
}

/** As the room audits its changes: the account when the participant has one. */
function toActor(actor: RecordingActor): Actor {
  return actor.userId ? userActor(actor.userId) : participantActor(actor.participantId);
}

function toRegistered(row: SegmentRow): RegisteredSegment {
  return { segmentId: row.id, sha256: row.sha256, sizeBytes: Number(row.size_bytes), storageKey: row.storage_key };
}

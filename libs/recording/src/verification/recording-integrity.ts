import type { DataSource } from 'typeorm';
import { DocumentStore } from '@ejustice/filing/storage/document-store';
import { describeAuditReport, verifyAuditChain } from '@ejustice/platform';
import type { RecordingVerificationView } from '../contract/recording-contract';
import { RecordingErrors } from '../domain/recording-errors';
import { hashStream } from '../spool/recording-spool';
import { type ChainSegment, type FoundSegment, type SegmentCheck, shortId, verifyRecording } from './verify-recording';

export interface RecordingIntegrityReport {
  readonly view: RecordingVerificationView;
  /** One line per segment, then the chain's line and the verdict: what `recording-verify` prints. */
  readonly lines: readonly string[];
}

interface ChainRow {
  seq: string;
  subject_id: string;
  data: { trackId: string; sequence: number; sha256: string; sizeBytes: number };
}

/**
 * Re-hashes every stored segment of a hearing's recordings and holds each against the audit
 * chain's `recording.segment_registered` events (verifyRecording), after walking the whole chain
 * to see that it is intact. Reads only: used by `./ejustice recording-verify` and by the api.
 */
export class RecordingIntegrity {
  constructor(
    private readonly db: DataSource,
    private readonly store: DocumentStore,
  ) {}

  async verify(hearingId: string, checkedAt: Date): Promise<RecordingIntegrityReport> {
    const hearing: unknown[] = await this.db.query(`SELECT 1 FROM hearings WHERE id = $1`, [hearingId]);
    if (hearing.length === 0) throw RecordingErrors.hearingNotFound();
    const chainReport = await verifyAuditChain(this.db);
    const chain = await this.registered(hearingId);
    const found = await this.found(hearingId);
    const labels = await this.trackLabels(hearingId);
    const verdict = verifyRecording(chain, found);

    const label = (c: SegmentCheck) =>
      `track ${shortId(c.trackId)} (${labels.get(c.trackId) ?? 'not in the record'}) segment ${c.sequence}`;
    const problems = verdict.checks
      .filter((c): c is SegmentCheck & { problem: NonNullable<SegmentCheck['problem']> } => c.problem !== null)
      .map((c) => ({ segment: label(c), segmentId: c.segmentId, problem: c.problem, detail: c.detail }));
    const ok = chainReport.intact && verdict.ok;
    const chainLine = describeAuditReport(chainReport);
    const lines = [
      ...verdict.checks.map((c) => `${(c.problem ?? 'ok').toUpperCase().padEnd(9)} ${label(c)}: ${c.detail}`),
      chainLine,
      ok
        ? `Recordings of hearing ${hearingId}: ${chain.length} segments checked, every one present, in order, as the audit chain registered it.`
        : `Recordings of hearing ${hearingId} FAILED verification: ${[
            ...(chainReport.intact ? [] : ['the audit chain is broken']),
            ...problems.map((p) => `${p.segment} ${p.problem}`),
          ].join('; ')}.`,
    ];
    return {
      view: {
        hearingId,
        checkedAt: checkedAt.toISOString(),
        ok,
        chain: { intact: chainReport.intact, detail: chainLine },
        segmentsChecked: verdict.checks.length,
        problems,
      },
      lines,
    };
  }

  private async registered(hearingId: string): Promise<ChainSegment[]> {
    const rows: ChainRow[] = await this.db.query(
      `SELECT seq, subject_id, data FROM audit_events WHERE hearing_id = $1 AND action = 'recording.segment_registered' ORDER BY seq`,
      [hearingId],
    );
    return rows.map((r) => ({
      eventSeq: Number(r.seq),
      segmentId: r.subject_id,
      trackId: r.data.trackId,
      sequence: r.data.sequence,
      sha256: r.data.sha256,
      sizeBytes: r.data.sizeBytes,
    }));
  }

  private async found(hearingId: string): Promise<FoundSegment[]> {
    const rows: { id: string; track_id: string; sequence: number; storage_key: string }[] = await this.db.query(
      `SELECT s.id, s.track_id, s.sequence, s.storage_key
         FROM recording_segments s JOIN recording_tracks t ON t.id = s.track_id JOIN hearing_recordings r ON r.id = t.recording_id
        WHERE r.hearing_id = $1 ORDER BY s.track_id, s.sequence`,
      [hearingId],
    );
    const found: FoundSegment[] = [];
    for (const row of rows) {
      found.push({ segmentId: row.id, trackId: row.track_id, sequence: row.sequence, stored: await this.rehash(row.storage_key) });
    }
    return found;
  }

  /** The hash of the stored file, read back whole; null when the store has no file under the key. */
  private async rehash(key: string): Promise<{ sha256: string; sizeBytes: number } | null> {
    const present = await this.store.exists(key).catch(() => false);
    if (!present) return null;
    return hashStream(await this.store.open(key));
  }

  private async trackLabels(hearingId: string): Promise<Map<string, string>> {
    const rows: { id: string; source: string; hearing_role: string }[] = await this.db.query(
      `SELECT t.id, t.source, p.hearing_role
         FROM recording_tracks t JOIN hearing_recordings r ON r.id = t.recording_id JOIN hearing_participants p ON p.id = t.participant_id
        WHERE r.hearing_id = $1`,
      [hearingId],
    );
    return new Map(rows.map((r) => [r.id, `${r.hearing_role.replace(/_/g, ' ')}, ${r.source}`]));
  }
}

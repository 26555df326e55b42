import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The court recording (issue 9): a hearing's recordings (started, paused and stopped by the
 * judge), their tracks (one continuous run of one participant's producer) and the tracks'
 * segment files. A segment's bytes live in the document store under their SHA-256 (a
 * `document_blobs` row, as for filed documents, keeps the orphan sweep away from them), and the
 * audit event that put its hash into the chain is named beside it.
 *
 * Segments are the record: the apps may add them, never change or remove them.
 */
export class CreateRecordings1796000100000 implements MigrationInterface {
  name = 'CreateRecordings1796000100000';

  async up(q: QueryRunner): Promise<void> {
    // A segment's bytes are a stored document like a filed PDF, but they have no pages.
    await q.query(`
      ALTER TABLE document_blobs
        DROP CONSTRAINT document_blobs_page_count_check,
        ADD CONSTRAINT document_blobs_page_count_check CHECK (page_count >= 0)`);
    await q.query(`
      CREATE TABLE hearing_recordings (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hearing_id  uuid NOT NULL REFERENCES hearings (id) ON DELETE RESTRICT,
        status      text NOT NULL CHECK (status IN ('running', 'paused', 'stopped')),
        started_at  timestamptz NOT NULL,
        started_by  uuid NOT NULL,
        stopped_at  timestamptz,
        -- Whoever started it sits in this very hearing.
        CONSTRAINT hearing_recordings_started_by_participant FOREIGN KEY (started_by, hearing_id)
          REFERENCES hearing_participants (id, hearing_id) ON DELETE RESTRICT,
        CONSTRAINT hearing_recordings_stop_complete CHECK ((status = 'stopped') = (stopped_at IS NOT NULL)),
        CONSTRAINT hearing_recordings_stop_after_start CHECK (stopped_at IS NULL OR stopped_at >= started_at)
      )`);
    // One recording at a time per hearing: a second `start` finds the running or paused one.
    await q.query(`CREATE UNIQUE INDEX hearing_recordings_one_open ON hearing_recordings (hearing_id) WHERE status <> 'stopped'`);
    await q.query(`CREATE INDEX hearing_recordings_hearing_idx ON hearing_recordings (hearing_id, started_at)`);
    await q.query(`
      CREATE TABLE recording_tracks (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recording_id   uuid NOT NULL REFERENCES hearing_recordings (id) ON DELETE RESTRICT,
        participant_id uuid NOT NULL REFERENCES hearing_participants (id) ON DELETE RESTRICT,
        source         text NOT NULL CHECK (source IN ('microphone', 'camera', 'screen')),
        kind           text NOT NULL CHECK (kind IN ('audio', 'video')),
        codec          text NOT NULL CHECK (codec IN ('opus', 'vp8')),
        started_at     timestamptz NOT NULL,
        ended_at       timestamptz,
        -- Recorded as sent: Opus for audio, VP8 for video, never re-encoded.
        CONSTRAINT recording_tracks_codec_of_kind CHECK ((kind = 'audio') = (codec = 'opus')),
        CONSTRAINT recording_tracks_end_after_start CHECK (ended_at IS NULL OR ended_at >= started_at)
      )`);
    await q.query(`CREATE INDEX recording_tracks_recording_idx ON recording_tracks (recording_id, started_at)`);
    await q.query(`
      CREATE TABLE recording_segments (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        track_id       uuid NOT NULL REFERENCES recording_tracks (id) ON DELETE RESTRICT,
        sequence       integer NOT NULL CHECK (sequence >= 0),
        offset_ms      bigint NOT NULL CHECK (offset_ms >= 0),
        duration_ms    integer NOT NULL CHECK (duration_ms >= 0),
        sha256         char(64) NOT NULL REFERENCES document_blobs (sha256) ON DELETE RESTRICT CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes     bigint NOT NULL CHECK (size_bytes > 0),
        storage_key    text NOT NULL,
        audit_event_id uuid NOT NULL UNIQUE REFERENCES audit_events (id) ON DELETE RESTRICT,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recording_segments_once UNIQUE (track_id, sequence)
      )`);
    // The default privileges (CreateAppRole) gave the apps UPDATE and DELETE too; a segment is never changed.
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ejustice_app') THEN
          REVOKE ALL ON recording_segments FROM ejustice_app;
          GRANT SELECT, INSERT ON recording_segments TO ejustice_app;
        END IF;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recording_segments`);
    await q.query(`DROP TABLE recording_tracks`);
    await q.query(`DROP TABLE hearing_recordings`);
    // Only recordings stored files without pages; their files are left to the orphan sweep.
    await q.query(`DELETE FROM document_blobs WHERE page_count = 0`);
    await q.query(`
      ALTER TABLE document_blobs
        DROP CONSTRAINT document_blobs_page_count_check,
        ADD CONSTRAINT document_blobs_page_count_check CHECK (page_count > 0)`);
  }
}

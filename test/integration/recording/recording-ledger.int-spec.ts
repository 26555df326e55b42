import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AuditEvent, AuditModule, ClockModule, ConfigModule, DatabaseModule, verifyAuditChain } from '@ejustice/platform';
import { RecordingLedger, RecordingLedgerModule } from '@ejustice/recording';
import { TEST_DATABASE_APP_URL, closeTestDb, testConfig, testDb } from '@ejustice/testing';
import { freshRecordingDirs, makeOpusSegments, recordSegments, recordedHearing, spoolCopy } from '../../e2e/recording/recording-support';

/*
 * The recording's ledger against the real PostgreSQL (real migrations, the apps' role), the real
 * document store on disk and real Opus/WebM segment files made by ffmpeg, called as the media
 * node calls it.
 */

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function eventsOf(hearingId: string, action?: string) {
  const { rows } = await testDb().query(
    `SELECT id, seq, action, actor_type, actor_id, subject_type, subject_id, data FROM audit_events
      WHERE hearing_id = $1 AND ($2::text IS NULL OR action = $2) ORDER BY seq`,
    [hearingId, action ?? null],
  );
  return rows;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'DomainError', code });
}

describe('the recording ledger (integration: real PostgreSQL, disk and ffmpeg files)', () => {
  let moduleRef: TestingModule;
  let ledger: RecordingLedger;
  let storage: string;
  let spool: string;
  let tones: string[];

  beforeAll(async () => {
    ({ storage, spool } = freshRecordingDirs('ledger'));
    tones = await makeOpusSegments(4);
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(testConfig({ STORAGE_DIR: storage })),
        ClockModule,
        DatabaseModule.forRoot(),
        AuditModule,
        RecordingLedgerModule,
      ],
    }).compile();
    await moduleRef.init();
    ledger = moduleRef.get(RecordingLedger);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await closeTestDb();
  });

  it('uses the spool beside the storage directory by default', () => {
    expect(testConfig({ STORAGE_DIR: storage }).recording.spoolDir).toBe(spool);
  });

  it('starts a recording once per hearing, audited as the judge', async () => {
    const h = await recordedHearing();
    const at = new Date('2026-12-01T09:00:00Z');
    const { recordingId } = await ledger.start(h.hearingId, h.judgeActor, at);
    expect(await ledger.start(h.hearingId, h.judgeActor, new Date())).toEqual({ recordingId });
    expect(await ledger.current(h.hearingId)).toEqual({ recordingId, status: 'running' });

    const { rows } = await testDb().query(
      `SELECT status, started_at, started_by, stopped_at FROM hearing_recordings WHERE hearing_id = $1`,
      [h.hearingId],
    );
    expect(rows).toEqual([{ status: 'running', started_at: at, started_by: h.judgeSeat.id, stopped_at: null }]);
    expect(await eventsOf(h.hearingId)).toEqual([
      expect.objectContaining({
        action: 'recording.started',
        actor_type: 'user',
        actor_id: h.judge.id,
        subject_type: 'recording',
        subject_id: recordingId,
        data: { recordingId, at: at.toISOString() },
      }),
    ]);
  });

  it('starts at most one recording when two starts race', async () => {
    const h = await recordedHearing();
    const [a, b] = await Promise.all([0, 1].map(() => ledger.start(h.hearingId, h.judgeActor, new Date())));
    expect(a).toEqual(b);
    expect(await eventsOf(h.hearingId, 'recording.started')).toHaveLength(1);
  });

  it('refuses a start by someone not seated in the hearing, writing nothing', async () => {
    const h = await recordedHearing();
    const other = await recordedHearing();
    await expectCode(ledger.start(h.hearingId, other.judgeActor, new Date()), 'recording.participant_not_in_hearing');
    await expectCode(ledger.start('00000000-0000-4000-8000-000000000000', h.judgeActor, new Date()), 'recording.hearing_not_found');
    expect(await ledger.current(h.hearingId)).toBeNull();
    expect(await eventsOf(h.hearingId)).toEqual([]);
  });

  it('registers a segment: stored by its hash, a blob row, the segment row and its hash in the chain, in one go; the spool file goes', async () => {
    const h = await recordedHearing();
    const { recordingId, trackId, segments } = await recordSegments(ledger, h, spool, tones.slice(0, 2));
    const sha = sha256Of(tones[0]);
    const size = readFileSync(tones[0]).length;

    expect(segments[0]).toEqual({
      segmentId: expect.any(String),
      sha256: sha,
      sizeBytes: size,
      storageKey: `documents/${sha.slice(0, 2)}/${sha}`,
    });
    expect(readFileSync(join(storage, segments[0].storageKey))).toEqual(readFileSync(tones[0]));
    expect(existsSync(join(spool, `${trackId}-0.webm`))).toBe(false);
    expect(existsSync(join(spool, `${trackId}-1.webm`))).toBe(false);

    const blob = await testDb().query(`SELECT size_bytes, page_count, storage_key FROM document_blobs WHERE sha256 = $1`, [sha]);
    expect(blob.rows).toEqual([{ size_bytes: String(size), page_count: 0, storage_key: segments[0].storageKey }]);

    const registered = await eventsOf(h.hearingId, 'recording.segment_registered');
    expect(registered.map((e) => e.data)).toEqual([
      { recordingId, trackId, sequence: 0, sha256: sha, sizeBytes: size, offsetMs: 0, durationMs: 1000 },
      {
        recordingId,
        trackId,
        sequence: 1,
        sha256: sha256Of(tones[1]),
        sizeBytes: readFileSync(tones[1]).length,
        offsetMs: 1000,
        durationMs: 1000,
      },
    ]);
    const rows = await testDb().query(
      `SELECT id, sequence, offset_ms, duration_ms, sha256, size_bytes, audit_event_id FROM recording_segments WHERE track_id = $1 ORDER BY sequence`,
      [trackId],
    );
    expect(rows.rows.map((r) => [r.id, r.sequence, r.sha256, r.audit_event_id])).toEqual([
      [segments[0].segmentId, 0, sha, registered[0].id],
      [segments[1].segmentId, 1, sha256Of(tones[1]), registered[1].id],
    ]);
    expect(registered[0]).toMatchObject({ subject_type: 'recording_segment', subject_id: segments[0].segmentId, actor_type: 'system' });
    const opened = await eventsOf(h.hearingId, 'recording.track_opened');
    expect(opened[0].data).toMatchObject({
      recordingId,
      trackId,
      participantId: h.witnessSeat.id,
      source: 'microphone',
      kind: 'audio',
      codec: 'opus',
    });
  });

  it('answers a repeated registration with the first one, once, however it races', async () => {
    const h = await recordedHearing();
    const { trackId, segments } = await recordSegments(ledger, h, spool, tones.slice(0, 1));

    // The media node retries after a crash that came between the commit and the spool file's removal.
    const leftOver = spoolCopy(spool, tones[0], `${trackId}-0-again.webm`);
    expect(await ledger.registerSegment({ trackId, sequence: 0, path: leftOver, offsetMs: 0, durationMs: 1000 })).toEqual(segments[0]);
    expect(existsSync(leftOver)).toBe(false);
    // And after it lost the answer: no spool file any more.
    expect(await ledger.registerSegment({ trackId, sequence: 0, path: leftOver, offsetMs: 0, durationMs: 1000 })).toEqual(segments[0]);

    // Two registrations of the next segment at once.
    const a = spoolCopy(spool, tones[1], `${trackId}-1-a.webm`);
    const b = spoolCopy(spool, tones[1], `${trackId}-1-b.webm`);
    const [first, second] = await Promise.all([
      ledger.registerSegment({ trackId, sequence: 1, path: a, offsetMs: 1000, durationMs: 1000 }),
      ledger.registerSegment({ trackId, sequence: 1, path: b, offsetMs: 1000, durationMs: 1000 }),
    ]);
    expect(first).toEqual(second);
    expect(existsSync(a) || existsSync(b)).toBe(false);
    expect((await eventsOf(h.hearingId, 'recording.segment_registered')).map((e) => e.data.sequence)).toEqual([0, 1]);
  });

  it('refuses other bytes under a registered number, a segment out of order, and a file outside the spool, keeping the file', async () => {
    const h = await recordedHearing();
    const { trackId } = await recordSegments(ledger, h, spool, tones.slice(0, 3));

    const other = spoolCopy(spool, tones[3], `${trackId}-1-other.webm`);
    await expectCode(
      ledger.registerSegment({ trackId, sequence: 1, path: other, offsetMs: 1000, durationMs: 1000 }),
      'recording.segment_conflict',
    );
    expect(existsSync(other)).toBe(true);
    const late = spoolCopy(spool, tones[3], `${trackId}-late.webm`);
    const outside = join(storage, 'not-in-spool.webm');
    writeFileSync(outside, readFileSync(tones[3]));
    await expectCode(
      ledger.registerSegment({ trackId, sequence: 3, path: outside, offsetMs: 3000, durationMs: 1000 }),
      'recording.spool_file_missing',
    );
    await expectCode(
      ledger.registerSegment({ trackId, sequence: 3, path: join(spool, '..', 'not-in-spool.webm'), offsetMs: 3000, durationMs: 1000 }),
      'recording.spool_file_missing',
    );
    await expectCode(
      ledger.registerSegment({ trackId, sequence: -1, path: late, offsetMs: 0, durationMs: 1000 }),
      'recording.invalid_segment',
    );
    expect(existsSync(outside)).toBe(true);
    expect(existsSync(late)).toBe(true);
    expect((await eventsOf(h.hearingId, 'recording.segment_registered')).map((e) => e.data.sequence)).toEqual([0, 1, 2]);

    // A gap is allowed (a lost segment shows as missing in verification); going back is not.
    expect(await ledger.registerSegment({ trackId, sequence: 5, path: late, offsetMs: 5000, durationMs: 1000 })).toMatchObject({
      sha256: sha256Of(tones[3]),
    });
    const back = spoolCopy(spool, tones[3], `${trackId}-back.webm`);
    await expectCode(
      ledger.registerSegment({ trackId, sequence: 4, path: back, offsetMs: 4000, durationMs: 1000 }),
      'recording.segment_out_of_order',
    );
    expect(existsSync(back)).toBe(true);
  });

  it('leaves nothing half-written when the registration fails after the file was stored, and the retry registers it', async () => {
    const h = await recordedHearing();
    const { recordingId, trackId } = await recordSegments(ledger, h, spool, []);
    // Bytes of its own: no earlier registration stored them.
    const [tone] = await makeOpusSegments(1, 20);
    const path = spoolCopy(spool, tone, `${trackId}-0.webm`);
    const sha = sha256Of(tone);
    // The segment's insert fails, after the file was put in the store and the blob row and the audit event were written.
    await testDb().query(`
      CREATE FUNCTION h3_fail_segment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await testDb().query(
      `CREATE TRIGGER h3_fail_segment BEFORE INSERT ON recording_segments FOR EACH ROW WHEN (NEW.track_id = '${trackId}') EXECUTE FUNCTION h3_fail_segment()`,
    );
    try {
      await expect(ledger.registerSegment({ trackId, sequence: 0, path, offsetMs: 0, durationMs: 1000 })).rejects.toThrow(/disk full/);
    } finally {
      await testDb().query(`DROP TRIGGER h3_fail_segment ON recording_segments`);
      await testDb().query(`DROP FUNCTION h3_fail_segment()`);
    }
    expect(existsSync(path)).toBe(true);
    expect((await testDb().query(`SELECT 1 FROM recording_segments WHERE track_id = $1`, [trackId])).rows).toEqual([]);
    expect((await testDb().query(`SELECT 1 FROM document_blobs WHERE sha256 = $1`, [sha])).rows).toEqual([]);
    expect(await eventsOf(h.hearingId, 'recording.segment_registered')).toEqual([]);
    // The stored file has no row: the orphan sweep's to remove once it is old (a retry keeps it).
    expect(existsSync(join(storage, 'documents', sha.slice(0, 2), sha))).toBe(true);

    const retried = await ledger.registerSegment({ trackId, sequence: 0, path, offsetMs: 0, durationMs: 1000 });
    expect(retried.sha256).toBe(sha);
    expect(existsSync(path)).toBe(false);
    expect((await eventsOf(h.hearingId, 'recording.segment_registered')).map((e) => e.data)).toEqual([
      { recordingId, trackId, sequence: 0, sha256: sha, sizeBytes: readFileSync(tone).length, offsetMs: 0, durationMs: 1000 },
    ]);
  });

  it('pauses (ending its tracks), resumes and stops; refuses a track while paused and any command after the stop but a stop', async () => {
    const h = await recordedHearing();
    const t0 = new Date('2026-12-01T10:00:00Z');
    const { recordingId } = await ledger.start(h.hearingId, h.judgeActor, t0);
    const { trackId } = await ledger.openTrack({
      recordingId,
      participantId: h.witnessSeat.id,
      source: 'camera',
      kind: 'video',
      codec: 'vp8',
      startedAt: t0,
    });
    const recess = new Date('2026-12-01T10:30:00Z');
    await ledger.pause(recordingId, h.judgeActor, recess);
    await ledger.pause(recordingId, h.judgeActor, new Date());
    expect(await ledger.current(h.hearingId)).toEqual({ recordingId, status: 'paused' });
    const track = await testDb().query(`SELECT ended_at FROM recording_tracks WHERE id = $1`, [trackId]);
    expect(track.rows).toEqual([{ ended_at: recess }]);
    await ledger.closeTrack(trackId, new Date('2026-12-01T10:45:00Z'));
    expect((await testDb().query(`SELECT ended_at FROM recording_tracks WHERE id = $1`, [trackId])).rows).toEqual([{ ended_at: recess }]);

    const opening = {
      recordingId,
      participantId: h.witnessSeat.id,
      source: 'microphone' as const,
      kind: 'audio' as const,
      codec: 'opus' as const,
      startedAt: recess,
    };
    await expectCode(ledger.openTrack(opening), 'recording.not_running');
    await ledger.resume(recordingId, h.judgeActor, new Date('2026-12-01T11:00:00Z'));
    const { trackId: second } = await ledger.openTrack({ ...opening, startedAt: new Date('2026-12-01T11:00:00Z') });
    const end = new Date('2026-12-01T12:00:00Z');
    await ledger.stop(recordingId, h.judgeActor, end);
    await ledger.stop(recordingId, h.judgeActor, new Date());
    await expectCode(ledger.resume(recordingId, h.judgeActor, new Date()), 'recording.stopped');
    await expectCode(ledger.pause(recordingId, h.judgeActor, new Date()), 'recording.stopped');
    await expectCode(ledger.openTrack(opening), 'recording.not_running');
    expect(await ledger.current(h.hearingId)).toBeNull();

    const { rows } = await testDb().query(`SELECT status, stopped_at FROM hearing_recordings WHERE id = $1`, [recordingId]);
    expect(rows).toEqual([{ status: 'stopped', stopped_at: end }]);
    const actions = (await eventsOf(h.hearingId)).map((e) => [e.action, e.data.tracksEnded ?? null]);
    expect(actions).toEqual([
      ['recording.started', null],
      ['recording.track_opened', null],
      ['recording.paused', [trackId]],
      ['recording.resumed', []],
      ['recording.track_opened', null],
      ['recording.stopped', [second]],
    ]);
    // A new recording may start after the stop.
    const again = await ledger.start(h.hearingId, h.judgeActor, new Date());
    expect(again.recordingId).not.toBe(recordingId);
  });

  it('refuses a track of someone outside the hearing, and a codec that is not the kind', async () => {
    const h = await recordedHearing();
    const other = await recordedHearing();
    const { recordingId } = await ledger.start(h.hearingId, h.judgeActor, new Date());
    const opening = {
      recordingId,
      participantId: other.witnessSeat.id,
      source: 'microphone' as const,
      kind: 'audio' as const,
      codec: 'opus' as const,
      startedAt: new Date(),
    };
    await expectCode(ledger.openTrack(opening), 'recording.participant_not_in_hearing');
    await expectCode(ledger.openTrack({ ...opening, participantId: h.witnessSeat.id, codec: 'vp8' }), 'recording.invalid_segment');
  });

  it('keeps segments append-only for the apps, and the chain intact', async () => {
    const h = await recordedHearing();
    const { trackId } = await recordSegments(ledger, h, spool, tones.slice(0, 1));
    const app = new Pool({ connectionString: TEST_DATABASE_APP_URL, max: 1 });
    try {
      await expect(app.query(`UPDATE recording_segments SET sha256 = repeat('0', 64) WHERE track_id = $1`, [trackId])).rejects.toThrow(
        /permission denied/,
      );
      await expect(app.query(`DELETE FROM recording_segments WHERE track_id = $1`, [trackId])).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    const ds = await new DataSource({ type: 'postgres', url: TEST_DATABASE_APP_URL, entities: [AuditEvent] }).initialize();
    try {
      expect(await verifyAuditChain(ds)).toMatchObject({ intact: true });
    } finally {
      await ds.destroy();
    }
  });
});

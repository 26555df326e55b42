// The court's recording of a live hearing, against the real api, media node (mediasoup), ffmpeg,
// PostgreSQL, Redis and document store: werift peers send ffmpeg's Opus and VP8 through the
// signalling socket, the presiding judge starts, and stops, the recording, and the media node
// records each raw producer into WebM segments registered through the recording ledger. Checks
// the segments (in the store, each hash in an audit event, decodable), that nothing is recorded
// during a recess or of a private consultation, who may start it, that a person joining is told
// before being admitted, and that `recording-verify` passes on the real recording and fails, naming
// the segment, once one byte of one is altered.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocalDocumentStore } from '@ejustice/filing/storage/local-document-store';
import { Metrics } from '@ejustice/platform';
import {
  ROOT_DIR,
  TEST_DATABASE_APP_URL,
  closeTestDb,
  type RunningApi,
  startApiServer,
  testDb,
  testEnv,
  uniqueSuffix,
} from '@ejustice/testing';
import type { HearingClient } from '@ejustice/testing/media/hearing-client';
import { type HearingRoomFixture, createHearingRoomFixture, enter, linkSession } from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import { type SendingMedia, startSending, waitForCount } from '@ejustice/testing/media/werift-participant';
import { runRecordingVerify } from '../../../scripts/recording-verify';
import { freshRecordingDirs } from '../recording/recording-support';

jest.setTimeout(180_000);

const run = promisify(execFile);

/** Segments of a few seconds: several per sitting in a short test. */
const SEGMENT_SECONDS = 3;
/**
 * How long tracks may take to start, and a pause or stop to register the last segments: ffmpeg
 * starting and each segment's hashing, storing and audit take long on a loaded test machine.
 */
const SLOW_MS = 60_000;
/**
 * How far a segment's place on the wall clock may be off: the track's time 0 is taken when the
 * node sees its first packet leave, a few milliseconds after it did.
 */
const CLOCK_SLACK_MS = 300;

interface TrackRow {
  id: string;
  participant_id: string;
  source: string;
  kind: string;
  codec: string;
  started_at: Date;
  ended_at: Date | null;
}

interface SegmentRow {
  id: string;
  track_id: string;
  sequence: number;
  offset_ms: string;
  duration_ms: number;
  sha256: string;
  size_bytes: string;
  storage_key: string;
  audit_event_id: string;
}

/** A stretch of wall-clock time in which nothing may be on the record. */
interface Gap {
  readonly what: string;
  readonly from: number;
  readonly to: number;
  readonly participantIds?: readonly string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the court recording of a live hearing (e2e)', () => {
  const pool = `e2e-recording-${uniqueSuffix()}`;
  const dirs = freshRecordingDirs('e2e-room');
  let api: RunningApi;
  let media: RunningMediaNode;
  let f: HearingRoomFixture;
  let judge: HearingClient;
  let witness: HearingClient;
  let counsel: HearingClient;
  let defendant: HearingClient;
  const closers: (() => unknown)[] = [];
  const gaps: Gap[] = [];

  beforeAll(async () => {
    const env = { MEDIA_POOL: pool, STORAGE_DIR: dirs.storage, RECORDING_SPOOL_DIR: dirs.spool };
    media = await startMediaNode({ env: { ...env, MEDIA_RECORDING_SEGMENT_SECONDS: String(SEGMENT_SECONDS) } });
    api = await startApiServer({ env });
    f = await createHearingRoomFixture(api.baseUrl);

    judge = await enterAs(f.judge.token);
    await judge.call('openHearing');
    send(await startSending(judge));

    witness = await enterByLink(f.witnessId);
    send(await startSending(witness));
    await judge.call('admit', { participantId: f.witnessId });
    await witness.call('setMuted', { muted: false });

    counsel = await enterAs(f.counsel.token);
    await judge.call('admit', { participantId: f.counsel.participantId });
    send(await startSending(counsel, { microphone: true }));
    await counsel.call('setMuted', { muted: false });
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await api?.close();
    await media?.close();
    await closeTestDb();
  });

  async function enterAs(bearer: string): Promise<HearingClient> {
    const { client } = await enter(api.baseUrl, bearer, f.hearingId);
    closers.push(() => client.close());
    return client;
  }

  async function enterByLink(participantId: string) {
    const { sessionToken } = await linkSession(api.baseUrl, f, participantId);
    return enterAs(sessionToken);
  }

  function send(m: SendingMedia): void {
    closers.push(() => m.close());
  }

  function room() {
    const r = media.rooms.room(f.hearingId);
    if (!r) throw new Error('no room');
    return r;
  }

  /** The tracks being recorded now (opened in the record), as participant/source pairs. */
  function recordingNow(): string[] {
    return room()
      .recordingTracks()
      .filter((t) => t.trackId !== null && !t.finishing)
      .map((t) => `${t.participantId}/${t.source}`)
      .sort();
  }

  async function tracks(): Promise<TrackRow[]> {
    const { rows } = await testDb().query(
      `SELECT t.id, t.participant_id, t.source, t.kind, t.codec, t.started_at, t.ended_at
         FROM recording_tracks t JOIN hearing_recordings r ON r.id = t.recording_id
        WHERE r.hearing_id = $1 ORDER BY t.started_at`,
      [f.hearingId],
    );
    return rows;
  }

  async function segments(): Promise<SegmentRow[]> {
    const { rows } = await testDb().query(
      `SELECT s.* FROM recording_segments s
         JOIN recording_tracks t ON t.id = s.track_id JOIN hearing_recordings r ON r.id = t.recording_id
        WHERE r.hearing_id = $1 ORDER BY s.track_id, s.sequence`,
      [f.hearingId],
    );
    return rows;
  }

  const judgeMedia = () => [`${f.judge.participantId}/camera`, `${f.judge.participantId}/microphone`];
  const witnessMedia = () => [`${f.witnessId}/camera`, `${f.witnessId}/microphone`];
  const counselMedia = () => [`${f.counsel.participantId}/microphone`];

  it('refuses the recording to anyone but the presiding judge, and records nothing for them', async () => {
    for (const client of [witness, counsel]) {
      const ack = await client.request('startRecording', {});
      expect(ack).toMatchObject({ ok: false, error: { code: 'room.forbidden' } });
    }
    const { rows } = await testDb().query('SELECT count(*)::int AS n FROM hearing_recordings WHERE hearing_id = $1', [f.hearingId]);
    expect(rows[0].n).toBe(0);
    expect(room().recordingTracks()).toEqual([]);
    expect((await judge.call('getRoomState')).hearing.recording).toBe('off');
  });

  it('starts on the judge’s word: everyone is told, and each raw producer in the courtroom gets a track', async () => {
    await expect(judge.call('startRecording')).resolves.toEqual({ recording: 'running' });
    for (const client of [judge, witness, counsel]) await client.waitFor('recordingChanged', (n) => n.recording === 'running');
    const expected = [...judgeMedia(), ...witnessMedia(), ...counselMedia()].sort();
    await waitForCount(() => recordingNow().length, expected.length, SLOW_MS);
    expect(recordingNow()).toEqual(expected);
    // Raw, never an anonymised variant: the track takes the participant's own producer.
    const producers = new Set(
      [f.judge.participantId, f.witnessId, f.counsel.participantId].flatMap(
        (id) =>
          room()
            .peerMedia(id)
            ?.producers.map((p) => p.producer.id) ?? [],
      ),
    );
    expect(
      room()
        .recordingTracks()
        .every((t) => producers.has(t.producerId)),
    ).toBe(true);
    const { rows } = await testDb().query(`SELECT action FROM audit_events WHERE hearing_id = $1 AND action = 'recording.started'`, [
      f.hearingId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('tells a person joining that the hearing is recorded before the judge admits them, and records nothing of the waiting room', async () => {
    const { sessionToken } = await linkSession(api.baseUrl, f, f.defendantId);
    const joined = await enter(api.baseUrl, sessionToken, f.hearingId);
    defendant = joined.client;
    closers.push(() => defendant.close());
    expect(joined.joined.self.state).toBe('waiting');
    expect(joined.joined.hearing.recording).toBe('running');
    send(await startSending(defendant, { microphone: true }));
    await defendant.call('setMuted', { muted: false });
    await sleep(1500);
    expect(
      room()
        .recordingTracks()
        .filter((t) => t.participantId === f.defendantId),
    ).toEqual([]);

    await judge.call('admit', { participantId: f.defendantId });
    await waitForCount(() => recordingNow().filter((t) => t.startsWith(f.defendantId)).length, 1, SLOW_MS);
    expect(recordingNow()).toContain(`${f.defendantId}/microphone`);
  });

  it('records nothing of a private consultation, and its members again once they are back in court', async () => {
    await sleep(SEGMENT_SECONDS * 1000 + 500);
    const { consultationId } = await counsel.call('openConsultation', { memberIds: [f.defendantId] });
    const from = Date.now();
    const members = [f.counsel.participantId, f.defendantId];
    expect(recordingNow().filter((t) => members.some((id) => t.startsWith(id)))).toEqual([]);
    // The courtroom goes on being recorded meanwhile.
    await sleep(SEGMENT_SECONDS * 1000 * 2);
    expect(recordingNow()).toEqual(expect.arrayContaining([...judgeMedia(), ...witnessMedia()]));
    expect(
      room()
        .recordingTracks()
        .filter((t) => members.includes(t.participantId)),
    ).toEqual([]);
    const to = Date.now();
    await counsel.call('closeConsultation', { consultationId });
    gaps.push({ what: 'the consultation', from, to, participantIds: members });
    await waitForCount(() => recordingNow().filter((t) => members.some((id) => t.startsWith(id))).length, 2, SLOW_MS);
  });

  it('records nothing during a recess, and records again when the court resumes', async () => {
    await sleep(SEGMENT_SECONDS * 1000 + 500);
    const before = (await tracks()).length;
    await judge.call('recessHearing');
    const from = Date.now();
    expect(room().recordingTracks()).toEqual([]);
    await sleep(SEGMENT_SECONDS * 1000 * 2);
    expect(room().recordingTracks()).toEqual([]);
    // No track opened while the court was in recess.
    expect((await tracks()).length).toBe(before);
    const to = Date.now();
    await judge.call('openHearing');
    gaps.push({ what: 'the recess', from, to });
    const everyone = [...judgeMedia(), ...witnessMedia(), ...counselMedia(), `${f.defendantId}/microphone`].sort();
    await waitForCount(() => recordingNow().length, everyone.length, SLOW_MS);
    expect(recordingNow()).toEqual(everyone);
  });

  it('pauses on the judge’s word (no track meanwhile) and resumes the same recording with new tracks', async () => {
    await sleep(SEGMENT_SECONDS * 1000);
    const before = (await tracks()).length;
    await expect(judge.request('pauseRecording', {}, SLOW_MS)).resolves.toEqual({ ok: true, data: { recording: 'paused' } });
    const from = Date.now();
    for (const client of [witness, defendant]) await client.waitFor('recordingChanged', (n) => n.recording === 'paused');
    expect(room().recordingTracks()).toEqual([]);
    const paused = await testDb().query('SELECT status FROM hearing_recordings WHERE hearing_id = $1', [f.hearingId]);
    expect(paused.rows).toEqual([{ status: 'paused' }]);
    expect((await tracks()).every((t) => t.ended_at !== null)).toBe(true);
    await sleep(SEGMENT_SECONDS * 1000 * 2);
    expect(room().recordingTracks()).toEqual([]);
    expect((await tracks()).length).toBe(before);
    const to = Date.now();
    await expect(judge.call('startRecording')).resolves.toEqual({ recording: 'running' });
    gaps.push({ what: 'the pause', from, to });
    const everyone = [...judgeMedia(), ...witnessMedia(), ...counselMedia(), `${f.defendantId}/microphone`].sort();
    await waitForCount(() => recordingNow().length, everyone.length, SLOW_MS);
    expect(recordingNow()).toEqual(everyone);
    const { rows } = await testDb().query('SELECT count(*)::int AS n FROM hearing_recordings WHERE hearing_id = $1', [f.hearingId]);
    expect(rows[0].n).toBe(1);
  });

  it('stops on the judge’s word: everyone is told, and every segment is registered by the time the judge is answered', async () => {
    await sleep(SEGMENT_SECONDS * 1000 * 2);
    await expect(judge.request('stopRecording', {}, SLOW_MS)).resolves.toEqual({ ok: true, data: { recording: 'off' } });
    for (const client of [judge, witness, counsel, defendant]) await client.waitFor('recordingChanged', (n) => n.recording === 'off');
    expect(room().recordingTracks()).toEqual([]);
    const { rows } = await testDb().query('SELECT status, stopped_at FROM hearing_recordings WHERE hearing_id = $1', [f.hearingId]);
    expect(rows).toEqual([{ status: 'stopped', stopped_at: expect.any(Date) }]);
    const all = await tracks();
    expect(all.every((t) => t.ended_at !== null)).toBe(true);
    // Every finished segment was registered: nothing is left in the spool.
    expect(await spoolFiles(dirs.spool)).toEqual([]);
    // The node's metrics say so too: no track running, every segment registered, none lost.
    const metric = async (name: string) =>
      ((await media.app.get(Metrics).registry.getSingleMetric(name)?.get())?.values ?? []).reduce((n, v) => n + v.value, 0);
    expect(await metric('ejustice_recording_tracks_active')).toBe(0);
    expect(await metric('ejustice_recording_segments_registered_total')).toBe((await segments()).length);
    expect(await metric('ejustice_recording_segment_failures_total')).toBe(0);
  });

  it('keeps each track as segments in the store, in order, each hashed into the audit chain, each decodable', async () => {
    const all = await tracks();
    const segs = await segments();
    // Judge, witness, counsel and defendant: every one of their producers was recorded.
    const recorded = new Set(all.map((t) => `${t.participant_id}/${t.source}`));
    expect([...recorded].sort()).toEqual([...judgeMedia(), ...witnessMedia(), ...counselMedia(), `${f.defendantId}/microphone`].sort());
    for (const t of all) expect(t.codec).toBe(t.kind === 'audio' ? 'opus' : 'vp8');
    // Each sitting of each producer is a track of its own: the recess split every track in two.
    expect(all.filter((t) => t.participant_id === f.witnessId && t.source === 'microphone').length).toBeGreaterThanOrEqual(2);

    const { rows: events } = await testDb().query(
      `SELECT id, data FROM audit_events WHERE hearing_id = $1 AND action = 'recording.segment_registered'`,
      [f.hearingId],
    );
    const eventById = new Map(events.map((e: { id: string; data: Record<string, unknown> }) => [e.id, e.data]));
    expect(segs.length).toBeGreaterThanOrEqual(all.length);
    for (const t of all) {
      const own = segs.filter((s) => s.track_id === t.id);
      expect([t.participant_id, t.source, own.length > 0]).toEqual([t.participant_id, t.source, true]);
      // In order, from 0, each starting where the one before ended (as the list has it).
      expect(own.map((s) => s.sequence)).toEqual(own.map((_, i) => i));
      for (let i = 1; i < own.length; i++) expect(Number(own[i].offset_ms)).toBeGreaterThan(Number(own[i - 1].offset_ms));
      // About SEGMENT_SECONDS each but the last (video is cut at a keyframe).
      for (const s of own.slice(0, -1)) expect(s.duration_ms).toBeGreaterThan(SEGMENT_SECONDS * 500);
    }
    const check = async (s: SegmentRow) => {
      const path = join(dirs.storage, s.storage_key);
      const bytes = await readFile(path);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      expect(sha256).toBe(s.sha256);
      expect(bytes.length).toBe(Number(s.size_bytes));
      expect(eventById.get(s.audit_event_id)).toMatchObject({ trackId: s.track_id, sequence: s.sequence, sha256 });
      // The file decodes from end to end (ffprobe decodes every frame to count them), as what its
      // track says it is, without a single decoding error.
      const track = all.find((t) => t.id === s.track_id);
      const probe = await run('ffprobe', [
        '-v',
        'error',
        '-count_frames',
        '-show_entries',
        'stream=codec_name,nb_read_frames',
        '-of',
        'csv=p=0',
        path,
      ]);
      expect(probe.stderr.trim()).toBe('');
      const [codec, frames] = probe.stdout.trim().split(',');
      expect(codec).toBe(track?.codec);
      expect(Number(frames)).toBeGreaterThan(0);
    };
    // A few at a time: one ffprobe per segment.
    for (let i = 0; i < segs.length; i += 4) await Promise.all(segs.slice(i, i + 4).map(check));
  }, 400_000);

  it('has no segment that covers a recess, a pause or, for its members, a private consultation', async () => {
    expect(gaps.map((g) => g.what)).toEqual(['the consultation', 'the recess', 'the pause']);
    const all = await tracks();
    const byId = new Map(all.map((t) => [t.id, t]));
    const overlaps: string[] = [];
    for (const s of await segments()) {
      const track = byId.get(s.track_id);
      if (!track) throw new Error(`segment ${s.id} has no track`);
      const start = track.started_at.getTime() + Number(s.offset_ms);
      const end = start + s.duration_ms;
      for (const gap of gaps) {
        if (gap.participantIds && !gap.participantIds.includes(track.participant_id)) continue;
        if (start < gap.to - CLOCK_SLACK_MS && end > gap.from + CLOCK_SLACK_MS)
          overlaps.push(`${track.participant_id}/${track.source} segment ${s.sequence} [${start}, ${end}] covers ${gap.what}`);
      }
    }
    expect(overlaps).toEqual([]);
    // No track of theirs was open during it either.
    for (const gap of gaps) {
      const open = all.filter(
        (t) =>
          (!gap.participantIds || gap.participantIds.includes(t.participant_id)) &&
          t.started_at.getTime() < gap.to - CLOCK_SLACK_MS &&
          (t.ended_at?.getTime() ?? Infinity) > gap.from + CLOCK_SLACK_MS,
      );
      expect([gap.what, open.map((t) => `${t.participant_id}/${t.source}`)]).toEqual([gap.what, []]);
    }
  });

  it('passes `./ejustice recording-verify`, and fails it, naming the segment, once a byte of one is altered', async () => {
    const segs = await segments();
    const store = new LocalDocumentStore(dirs.storage);
    const passed = await runRecordingVerify(TEST_DATABASE_APP_URL, store, f.hearingId);
    expect(passed.ok).toBe(true);
    expect(passed.lines.filter((l) => l.startsWith('OK '))).toHaveLength(segs.length);

    // The command itself, as a court officer runs it (built by ./ejustice build).
    const cli = join(ROOT_DIR, 'dist/scripts/recording-verify.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (./ejustice build).`);
    const env = { ...process.env, ...testEnv({ STORAGE_DIR: dirs.storage }) } as NodeJS.ProcessEnv;
    const ok = await run(process.execPath, [cli, f.hearingId], { env });
    expect(ok.stdout).toContain(`${f.hearingId}`);

    const victim = segs[Math.floor(segs.length / 2)];
    const path = join(dirs.storage, victim.storage_key);
    const original = await readFile(path);
    const altered = Buffer.from(original);
    altered[altered.length - 10] ^= 0xff;
    await writeFile(path, altered);
    try {
      const failed = await runRecordingVerify(TEST_DATABASE_APP_URL, store, f.hearingId);
      expect(failed.ok).toBe(false);
      const problems = failed.lines.filter((l) => /^(MISSING|EXTRA|REORDERED|ALTERED)/.test(l));
      expect(problems).toEqual([
        expect.stringMatching(new RegExp(`^ALTERED +track ${victim.track_id.slice(0, 8)} .* segment ${victim.sequence}:`)),
      ]);
      const refused = await run(process.execPath, [cli, f.hearingId], { env }).then(
        () => ({ code: 0 }),
        (e: { code: number }) => ({ code: e.code }),
      );
      expect(refused.code).toBe(2);
    } finally {
      await writeFile(path, original);
    }
  });
});

async function spoolFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

import { execFile } from 'node:child_process';
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Test, type TestingModule } from '@nestjs/testing';
import { LocalDocumentStore } from '@ejustice/filing';
import { AuditModule, ClockModule, ConfigModule, DatabaseModule } from '@ejustice/platform';
import { RecordingLedger, RecordingLedgerModule } from '@ejustice/recording';
import { ROOT_DIR, TEST_DATABASE_APP_URL, closeTestDb, testConfig, testDb, testEnv } from '@ejustice/testing';
import { runRecordingVerify } from '../../../scripts/recording-verify';
import { freshRecordingDirs, makeOpusSegments, recordSegments, recordedHearing } from '../../e2e/recording/recording-support';

const run = promisify(execFile);

/*
 * `./ejustice recording-verify <hearing>` against recordings made through the real ledger (real
 * PostgreSQL, the real audit chain, real Opus/WebM files in the document store on disk), then
 * tampered with on disk as someone with access to the store could: one byte changed, a file
 * deleted, two files swapped. The command must pass the untouched recording and name the
 * tampered segment otherwise, in the function and in the built command alike.
 */

describe('recording-verify (integration: real ledger, chain, store and command)', () => {
  let moduleRef: TestingModule;
  let ledger: RecordingLedger;
  let storage: string;
  let spool: string;
  let store: LocalDocumentStore;
  /** A tone range of its own per test: the store shares files with the same bytes. */
  let nextTone = 40;

  beforeAll(async () => {
    ({ storage, spool } = freshRecordingDirs('verify'));
    store = new LocalDocumentStore(storage);
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

  /** A hearing with a recording of three segments of the witness's microphone and one of the judge's camera. */
  async function recorded() {
    const h = await recordedHearing();
    const files = await makeOpusSegments(4, nextTone);
    nextTone += 4;
    const mic = await recordSegments(ledger, h, spool, files.slice(0, 3));
    const { trackId: camera } = await ledger.openTrack({
      recordingId: mic.recordingId,
      participantId: h.judgeSeat.id,
      source: 'camera',
      kind: 'video',
      codec: 'vp8',
      startedAt: new Date(),
    });
    const path = join(spool, `${camera}-0.webm`);
    writeFileSync(path, readFileSync(files[3]));
    const cam = await ledger.registerSegment({ trackId: camera, sequence: 0, path, offsetMs: 0, durationMs: 1000 });
    return { h, mic, camera, cam, stored: (key: string) => join(storage, key) };
  }

  async function command(hearingId: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const cli = join(ROOT_DIR, 'dist/scripts/recording-verify.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (./ejustice build).`);
    const env = { ...process.env, ...testEnv({ STORAGE_DIR: storage }) } as NodeJS.ProcessEnv;
    return run(process.execPath, [cli, hearingId], { env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  }

  it('passes an untouched recording, a line per segment, through the command too', async () => {
    const { h, mic, camera, cam } = await recorded();
    const result = await runRecordingVerify(TEST_DATABASE_APP_URL, store, h.hearingId);
    expect(result.ok).toBe(true);
    const line = (trackId: string, what: string, n: number, sha: string) =>
      new RegExp(`^OK +track ${trackId.slice(0, 8)} \\(${what}\\) segment ${n}: sha256 ${sha} as registered by audit event #\\d+$`);
    const expected = [
      ...[0, 1, 2].map((n) => ({ trackId: mic.trackId, re: line(mic.trackId, 'witness, microphone', n, mic.segments[n].sha256) })),
      { trackId: camera, re: line(camera, 'judge, camera', 0, cam.sha256) },
    ].sort((x, y) => x.trackId.localeCompare(y.trackId));
    expect(result.lines.slice(0, 4)).toEqual(expected.map((x) => expect.stringMatching(x.re)));
    expect(result.lines.at(-2)).toMatch(/^Audit chain intact/);
    expect(result.lines.at(-1)).toBe(
      `Recordings of hearing ${h.hearingId}: 4 segments checked, every one present, in order, as the audit chain registered it.`,
    );

    const cli = await command(h.hearingId);
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    expect(cli.stdout.trim().split('\n')).toEqual(result.lines);
  });

  it('fails when one byte of one stored segment changed, naming it as altered', async () => {
    const { h, mic, stored } = await recorded();
    const path = stored(mic.segments[1].storageKey);
    const bytes = readFileSync(path);
    bytes[bytes.length >> 1] ^= 0x01;
    writeFileSync(path, bytes);

    const result = await runRecordingVerify(TEST_DATABASE_APP_URL, store, h.hearingId);
    expect(result.ok).toBe(false);
    const named = `track ${mic.trackId.slice(0, 8)} (witness, microphone) segment 1`;
    expect(result.lines).toContainEqual(expect.stringMatching(new RegExp(`^ALTERED +${escape(named)}: its file's sha256 is [0-9a-f]{64}`)));
    expect(result.lines.filter((l) => /^(MISSING|EXTRA|REORDERED|ALTERED)/.test(l))).toHaveLength(1);

    const cli = await command(h.hearingId);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(`Recordings of hearing ${h.hearingId} FAILED verification: ${named} altered.`);
  });

  it('fails when a stored segment was deleted, naming it as missing', async () => {
    const { h, mic, stored } = await recorded();
    unlinkSync(stored(mic.segments[2].storageKey));

    const named = `track ${mic.trackId.slice(0, 8)} (witness, microphone) segment 2`;
    const result = await runRecordingVerify(TEST_DATABASE_APP_URL, store, h.hearingId);
    expect(result.ok).toBe(false);
    expect(result.lines).toContainEqual(
      `MISSING   ${named}: registered by audit event #${await eventSeq(mic.segments[2].segmentId)}, but its file is not in the document store`,
    );

    const cli = await command(h.hearingId);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(`Recordings of hearing ${h.hearingId} FAILED verification: ${named} missing.`);
  });

  it('fails when two stored segments were swapped, naming both', async () => {
    const { h, mic, stored } = await recorded();
    const a = stored(mic.segments[0].storageKey);
    const b = stored(mic.segments[1].storageKey);
    renameSync(a, `${a}.swap`);
    renameSync(b, a);
    renameSync(`${a}.swap`, b);

    const t = mic.trackId.slice(0, 8);
    const result = await runRecordingVerify(TEST_DATABASE_APP_URL, store, h.hearingId);
    expect(result.ok).toBe(false);
    expect(result.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^REORDERED +track ${t} \\(witness, microphone\\) segment 0: holds the bytes the audit chain registered for segment 1 of track ${t}`,
        ),
      ),
    );
    expect(result.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^REORDERED +track ${t} \\(witness, microphone\\) segment 1: holds the bytes the audit chain registered for segment 0 of track ${t}`,
        ),
      ),
    );

    const cli = await command(h.hearingId);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(
      `Recordings of hearing ${h.hearingId} FAILED verification: track ${t} (witness, microphone) segment 0 reordered; track ${t} (witness, microphone) segment 1 reordered.`,
    );
  });

  it('exits 1 when it cannot run: no such hearing, not a hearing id', async () => {
    expect(await command('00000000-0000-4000-8000-000000000000')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/could not run: There is no hearing with this id/),
    });
    expect(await command('not-a-hearing')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/not a hearing id. Usage: recording-verify <hearingId>/),
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function eventSeq(segmentId: string): Promise<number> {
  const { rows } = await testDb().query(
    `SELECT e.seq FROM recording_segments s JOIN audit_events e ON e.id = s.audit_event_id WHERE s.id = $1`,
    [segmentId],
  );
  return Number(rows[0].seq);
}

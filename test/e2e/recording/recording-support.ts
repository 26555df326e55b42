import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RecordingActor, RecordingLedger } from '@ejustice/recording';
import { createCase, createCourt, createHearing, createParticipant, createUser, type TestUser } from '@ejustice/testing';

const run = promisify(execFile);

/** A storage directory and, beside it as by default, the media node's recording spool. */
export function freshRecordingDirs(label: string): { storage: string; spool: string } {
  const storage = mkdtempSync(join(tmpdir(), `ejustice-recording-${label}-`));
  const spool = join(storage, 'recordings-spool');
  mkdirSync(spool, { recursive: true });
  return { storage, spool };
}

/**
 * Real segment files as the media node's ffmpeg writes them: Opus audio in WebM, one second
 * each, a different tone per segment so no two have the same bytes. The store keeps files by
 * their hash, so suites (and tests) that tamper with stored files each take tones of their own:
 * `tone` is the first one's number.
 */
export async function makeOpusSegments(count: number, tone = 0): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ejustice-recording-media-'));
  const files: string[] = [];
  for (let i = tone; i < tone + count; i++) {
    const file = join(dir, `tone-${i}.webm`);
    await run('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=${200 + 37 * i}:duration=1`,
      '-c:a',
      'libopus',
      '-b:a',
      '24k',
      '-f',
      'webm',
      file,
    ]);
    files.push(file);
  }
  return files;
}

/** Puts a copy of a segment file in the spool, as ffmpeg leaves a finished segment there. */
export function spoolCopy(spool: string, source: string, name: string): string {
  const path = join(spool, name);
  copyFileSync(source, path);
  return path;
}

export interface RecordedHearing {
  readonly courtId: string;
  readonly caseId: string;
  readonly hearingId: string;
  readonly judge: TestUser;
  readonly clerk: TestUser;
  readonly judgeSeat: { id: string };
  readonly witnessSeat: { id: string };
  readonly judgeActor: RecordingActor;
}

/** A court, a case and a hearing with its judge (and the court's clerk) and a witness, made by the factories. */
export async function recordedHearing(): Promise<RecordedHearing> {
  const court = await createCourt();
  const judge = await createUser({ roles: ['judge'], courtId: court.id });
  const clerk = await createUser({ roles: ['clerk'], courtId: court.id });
  const c = await createCase({ courtId: court.id, assignedJudgeId: judge.id });
  const hearing = await createHearing({ caseId: c.id, courtId: court.id, presidingJudgeId: judge.id, status: 'open', startInMinutes: -5 });
  const judgeSeat = await createParticipant({ hearingId: hearing.id, hearingRole: 'judge', userId: judge.id, state: 'admitted' });
  const witnessSeat = await createParticipant({ hearingId: hearing.id, hearingRole: 'witness', state: 'admitted' });
  return {
    courtId: court.id,
    caseId: c.id,
    hearingId: hearing.id,
    judge,
    clerk,
    judgeSeat,
    witnessSeat,
    judgeActor: { participantId: judgeSeat.id, userId: judge.id },
  };
}

/**
 * Records `files` as consecutive one-second segments of one microphone track of the witness,
 * through the ledger as the media node does. Returns the recording, the track and the segments.
 */
export async function recordSegments(
  ledger: RecordingLedger,
  h: RecordedHearing,
  spool: string,
  files: readonly string[],
): Promise<{ recordingId: string; trackId: string; segments: { segmentId: string; sha256: string; storageKey: string }[] }> {
  const at = new Date();
  const { recordingId } = await ledger.start(h.hearingId, h.judgeActor, at);
  const { trackId } = await ledger.openTrack({
    recordingId,
    participantId: h.witnessSeat.id,
    source: 'microphone',
    kind: 'audio',
    codec: 'opus',
    startedAt: at,
  });
  const segments = [];
  for (const [sequence, file] of files.entries()) {
    const path = spoolCopy(spool, file, `${trackId}-${sequence}.webm`);
    segments.push(await ledger.registerSegment({ trackId, sequence, path, offsetMs: sequence * 1000, durationMs: 1000 }));
  }
  return { recordingId, trackId, segments };
}

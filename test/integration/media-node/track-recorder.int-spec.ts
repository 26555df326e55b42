// One track of the court recording (apps/media/src/recording/track-recorder.ts) with the real
// mediasoup worker and Debian's ffmpeg: ffmpeg's test Opus and VP8 feed a producer, the recorder
// writes its segments, and an in-memory ledger stands in for the record (hashing and removing each
// spool file as the real one does; the real ledger is in test/integration/recording and the whole
// path in test/e2e/hearing-room/recording.e2e-spec.ts). Checks the time base, the order, the last
// segment on finish, the end when the producer goes, and that a refused or failed track leaves
// nothing behind.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Logger } from '@nestjs/common';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import type { FinishedSegment, RegisteredSegment, TrackOpening } from '@ejustice/recording';
import { createPlainRtpProducer, type PlainRtpProducer } from '@ejustice/testing/media/plain-rtp-producer';
import { rtpSpanMs, startRtpTimestampProbe } from '@ejustice/testing/media/rtp-timestamp-probe';
import { HEARING_MEDIA_CODECS } from '../../../apps/media/src/mediasoup/media-codecs';
import { TrackRecorder, type TrackLedger } from '../../../apps/media/src/recording/track-recorder';

jest.setTimeout(60_000);

const run = promisify(execFile);
const SEGMENT_SECONDS = 1;

interface Registered extends FinishedSegment {
  readonly sha256: string;
  readonly bytes: Buffer;
}

/** The record, in memory: what the real ledger checks of a segment, it checks too. */
class MemoryLedger implements TrackLedger {
  readonly opened: (TrackOpening & { trackId: string })[] = [];
  readonly closed: { trackId: string; at: Date }[] = [];
  readonly segments: Registered[] = [];
  refuseOpening = false;

  async openTrack(track: TrackOpening): Promise<{ trackId: string }> {
    if (this.refuseOpening) throw Object.assign(new Error('The recording is paused or stopped.'), { code: 'recording.not_running' });
    const trackId = `track-${this.opened.length + 1}`;
    this.opened.push({ ...track, trackId });
    return { trackId };
  }

  async closeTrack(trackId: string, at: Date): Promise<void> {
    this.closed.push({ trackId, at });
  }

  async registerSegment(segment: FinishedSegment): Promise<RegisteredSegment> {
    const last = this.segments.filter((s) => s.trackId === segment.trackId).at(-1);
    if (last && segment.sequence <= last.sequence) throw new Error(`segment ${segment.sequence} out of order`);
    const bytes = await readFile(segment.path);
    if (bytes.length === 0) throw new Error('empty segment');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.segments.push({ ...segment, sha256, bytes });
    await rm(segment.path);
    return { segmentId: `segment-${this.segments.length}`, sha256, sizeBytes: bytes.length, storageKey: `documents/${sha256}` };
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The RTP timestamp of the first packet the recorder's own consumer forwards to its ffmpeg: the
 * recording's time 0. Watched through the router's public observer, beside the recorder's own
 * listener on the same trace events (which it switches on for its calibration).
 */
function firstRecordedTimestamp(router: ms.Router): { readonly value: Promise<number>; stop(): void } {
  let resolve!: (timestamp: number) => void;
  const value = new Promise<number>((r) => (resolve = r));
  const onTransport = (transport: ms.Transport) => {
    if (!transport.appData.recorder) return;
    transport.observer.once('newconsumer', (consumer: ms.Consumer) =>
      consumer.on('trace', (trace) => {
        const timestamp = (trace.info as { rtpPacket?: { timestamp?: number } }).rtpPacket?.timestamp;
        if (trace.type === 'rtp' && timestamp !== undefined) resolve(timestamp);
      }),
    );
  };
  router.observer.on('newtransport', onTransport);
  return { value, stop: () => router.observer.off('newtransport', onTransport) };
}

describe('TrackRecorder (real worker, real ffmpeg)', () => {
  let worker: ms.Worker;
  let router: ms.Router;
  const sources: PlainRtpProducer[] = [];
  let spoolDir: string;

  beforeAll(async () => {
    // mediasoup reads the worker's path from MEDIASOUP_WORKER_BIN.
    if (!process.env.MEDIASOUP_WORKER_BIN) throw new Error('MEDIASOUP_WORKER_BIN is not set: these tests need the real mediasoup worker.');
    worker = await mediasoup.createWorker({ logLevel: 'warn' });
    router = await worker.createRouter({ mediaCodecs: HEARING_MEDIA_CODECS });
  });

  beforeEach(() => {
    spoolDir = mkdtempSync(join(tmpdir(), 'ejustice-track-recorder-'));
  });

  afterAll(async () => {
    for (const s of sources) await s.close();
    worker?.close();
  });

  async function source(codec: 'opus' | 'vp8'): Promise<PlainRtpProducer> {
    const s = await createPlainRtpProducer(router, { codec, ssrc: 10_000 + sources.length });
    sources.push(s);
    return s;
  }

  function options(ledger: TrackLedger, source: 'microphone' | 'camera', ffmpegBin = 'ffmpeg') {
    return {
      recordingId: 'recording-1',
      participantId: 'participant-1',
      source,
      listenIp: '127.0.0.1',
      ffmpegBin,
      spoolDir,
      segmentSeconds: SEGMENT_SECONDS,
      ledger,
    } as const;
  }

  it.each([
    ['microphone', 'opus'],
    ['camera', 'vp8'],
  ] as const)(
    'records a %s as sent into segments laid end to end from the first packet, registering the last on finish',
    async (kind, codec) => {
      const ledger = new MemoryLedger();
      const media = await source(codec);
      // What the router forwards of this producer, seen by a second consumer: the recorder's
      // consumer gets the same packets in the same step.
      const probe = await startRtpTimestampProbe(router, media.producer);
      const firstRecorded = firstRecordedTimestamp(router);
      const before = Date.now();
      const sut = await TrackRecorder.start(router, media.producer, options(ledger, kind)).finally(() => firstRecorded.stop());
      await sleep(4500);
      const finishedAt = Date.now();
      await sut.finish();
      await probe.close();

      // Opened at its first packet, with the producer's codec, and closed at the finish.
      expect(ledger.opened).toEqual([expect.objectContaining({ participantId: 'participant-1', source: kind, codec })]);
      const startedAt = ledger.opened[0].startedAt.getTime();
      expect(startedAt).toBeGreaterThanOrEqual(before);
      expect(ledger.closed).toEqual([{ trackId: 'track-1', at: expect.any(Date) }]);
      expect(ledger.closed[0].at.getTime()).toBeGreaterThanOrEqual(finishedAt);

      // In order from 0, each starting where the one before ended, together covering the run.
      const segments = ledger.segments;
      expect(segments.map((s) => s.sequence)).toEqual(segments.map((_, i) => i));
      expect(segments[0].offsetMs).toBe(0);
      for (let i = 1; i < segments.length; i++) {
        expect(Math.abs(segments[i].offsetMs - (segments[i - 1].offsetMs + segments[i - 1].durationMs))).toBeLessThanOrEqual(100);
      }
      const last = segments[segments.length - 1];
      // Everything sent up to the finish is on the track. Not compared with wall time: on a loaded
      // machine the test's own encoder falls behind the clock, and less media is sent than time
      // passes. Sent is what the probe read before the finish (the router forwarded it before the
      // recorder's consumer closed, so the recorder had it too), counted from the recording's own
      // first packet, both ends as RTP timestamps, so jitter and a late first packet need no room.
      // The track ends where its last frame begins (seen: exactly this span when nothing more came
      // before the close), so the margin is one frame (a video frame the close cut in two is
      // dropped by ffmpeg: 67 ms at 15 fps; an Opus packet is a whole 20 ms frame) and 5 ms for the
      // segment list's rounding. A tail lost at the finish (the last segment never completed) is
      // far more than a frame, and fails here.
      const lastSent = probe.lastTimestampBefore(finishedAt);
      if (lastSent === undefined) throw new Error(`the probe read nothing before the finish: ${media.sender.stderrTail()}`);
      const sentMs = rtpSpanMs(await firstRecorded.value, lastSent, probe.clockRate);
      const frameMs = codec === 'opus' ? 20 : 1000 / 15;
      expect(last.offsetMs + last.durationMs).toBeGreaterThanOrEqual(sentMs - frameMs - 5);
      // Nothing much after the finish: the last frame's own duration (67 ms at 15 fps) and the
      // moment the worker takes to close the consumer. This bound stays on the ledger's clock: it
      // is the mechanism (nothing forwarded after the consumer closed is on the track, and a live
      // sender cannot send media ahead of the time since its first packet), and a sender falling
      // behind the clock only leaves it more room.
      expect(last.offsetMs + last.durationMs).toBeLessThanOrEqual(ledger.closed[0].at.getTime() - startedAt + 250);
      // Audio is cut on time; video at the keyframes the sender makes every two seconds.
      expect(segments.length).toBeGreaterThanOrEqual(codec === 'opus' ? 4 : 2);

      // Each segment decodes on its own, as what it says it is: the stream copied, not re-encoded.
      for (const s of segments) {
        const path = join(spoolDir, `check-${s.sequence}.webm`);
        await writeFile(path, s.bytes);
        const probe = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', path]);
        expect(probe.stdout.trim()).toBe(codec);
        const decoded = await run('ffmpeg', ['-hide_banner', '-v', 'error', '-i', path, '-f', 'null', '-']);
        expect(decoded.stderr.trim()).toBe('');
        await rm(path);
      }
      // Every segment was handed over; the ffmpeg process is gone.
      expect(await filesUnder(spoolDir)).toEqual([]);
      expect(sut.stats().ffmpegPid).toBeUndefined();
    },
  );

  it('ends by itself when the producer closes, keeping what was recorded', async () => {
    const ledger = new MemoryLedger();
    const media = await source('opus');
    const sut = await TrackRecorder.start(router, media.producer, options(ledger, 'microphone'));
    await sleep(2500);
    media.producer.close();
    await sut.ended;
    expect(ledger.segments.length).toBeGreaterThanOrEqual(2);
    expect(ledger.closed).toHaveLength(1);
    expect(await filesUnder(spoolDir)).toEqual([]);
  });

  it('keeps nothing when the record refuses the track (the recording was paused meanwhile)', async () => {
    const ledger = new MemoryLedger();
    ledger.refuseOpening = true;
    const media = await source('opus');
    const sut = await TrackRecorder.start(router, media.producer, options(ledger, 'microphone'));
    await sleep(2500);
    await sut.finish();
    expect(ledger.segments).toEqual([]);
    expect(ledger.closed).toEqual([]);
    expect(await filesUnder(spoolDir)).toEqual([]);
  });

  it('finishes at once a track whose producer never sent anything (a muted microphone), with nothing to keep', async () => {
    // A pause or a stop waits for every track's last segment: a silent one has none, and must not
    // hold the judge (and every request queued behind the pause) until ffmpeg is killed.
    const ledger = new MemoryLedger();
    const media = await source('opus');
    await media.producer.pause();
    const sut = await TrackRecorder.start(router, media.producer, options(ledger, 'microphone'));
    await sleep(500);
    // At once means ffmpeg is killed on the spot, not sent a BYE and waited for, nor left to the
    // interrupt (3 s) and the kill (8 s): told by how ffmpeg ended and by the interrupt's warning
    // (which also ends the wait for a finish that may then never come), whatever the load.
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const log = jest.spyOn(Logger.prototype, 'log');
    const interrupted = new Promise<string>((resolve) =>
      warn.mockImplementation((message: unknown) => {
        if (String(message).startsWith('interrupt()')) resolve(`interrupted: ${String(message)}`);
      }),
    );
    try {
      await expect(Promise.race([sut.finish().then(() => 'finished'), interrupted])).resolves.toBe('finished');
      const ended = log.mock.calls.map(([message]) => String(message)).filter((m) => m.startsWith('finish() track ended'));
      expect(ended).toEqual([expect.stringContaining('[ffmpegSignal:SIGKILL]')]);
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
    expect(ledger.opened).toEqual([]);
    expect(ledger.segments).toEqual([]);
    expect(await filesUnder(spoolDir)).toEqual([]);
    expect(sut.stats().ffmpegPid).toBeUndefined();
  });

  it('refuses to start without a working ffmpeg, leaving no transport and no file behind', async () => {
    const media = await source('opus');
    const transportsBefore = (await router.dump()).transportIds.length;
    await expect(
      TrackRecorder.start(router, media.producer, options(new MemoryLedger(), 'microphone', '/nonexistent/ffmpeg')),
    ).rejects.toThrow(/ffmpeg/);
    expect((await router.dump()).transportIds.length).toBe(transportsBefore);
    expect(await filesUnder(spoolDir)).toEqual([]);
  });
});

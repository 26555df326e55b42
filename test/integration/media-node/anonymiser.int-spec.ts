// The anonymised variant of a protected witness's media (apps/media/src/anonymiser), end to end
// with the real mediasoup worker and Debian's ffmpeg, no mocks: a looping witness clip feeds the
// raw producers; the anonymiser's output and the raw stream are both recorded (decoded by ffmpeg)
// and compared: the voice's pitch, the picture's high-frequency energy, the delay of the clip's
// events; then ffmpeg is killed to see the variant fail closed and come back, and closed.
//
// Run: source scripts/node24.sh
//      export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh | tail -n1)"
//      npx jest --selectProjects integration --testPathPatterns anonymiser
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import { HEARING_MEDIA_CODECS } from '../../../apps/media/src/mediasoup/media-codecs';
import { type AnonymisedPicture, MediaAnonymiser } from '../../../apps/media/src/anonymiser';
import { pictureFigures, recordPair, voiceFigures } from '../../../bench/anonymiser/pipeline-measures';
import { summarise } from '../../../bench/sfu/statistics';
import { type WitnessSource, startWitnessSource, witnessClip } from '../../../bench/anonymiser/witness-source';

jest.setTimeout(120_000);

const LISTEN_IP = '127.0.0.1';
const FFMPEG = process.env.EJ_FFMPEG_BIN ?? '/usr/bin/ffmpeg';
/** The frames both sides are decoded to: the anonymised picture's own size, and the clip's. */
const FRAME = { width: 320, height: 180 };

function requireWorkerBin(): string {
  const bin = process.env.MEDIASOUP_WORKER_BIN;
  if (!bin) {
    throw new Error(
      'MEDIASOUP_WORKER_BIN is not set. These tests need the real mediasoup worker: run ' +
        '`export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh | tail -n1)"` first.',
    );
  }
  return bin;
}

/** Resolves with the ms it took for `predicate` to hold, polling every 20 ms; rejects after `timeoutMs`. */
async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - started;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const describeDelays = (delays: number[]) => {
  const s = summarise(delays);
  return `${s.count} events, p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}`;
};

describe('MediaAnonymiser (real worker, real ffmpeg)', () => {
  let worker: ms.Worker;
  let router: ms.Router;
  let source: WitnessSource;
  const anonymisers: MediaAnonymiser[] = [];

  async function anonymise(raw: ms.Producer, picture: AnonymisedPicture = 'blur'): Promise<MediaAnonymiser> {
    const anonymiser = await MediaAnonymiser.start(router, raw, {
      picture,
      listenIp: LISTEN_IP,
      ffmpegBin: FFMPEG,
      appData: { participantId: 'witness-1', source: raw.kind === 'audio' ? 'microphone' : 'camera' },
    });
    anonymisers.push(anonymiser);
    return anonymiser;
  }

  beforeAll(async () => {
    worker = await mediasoup.createWorker({ workerBin: requireWorkerBin(), logLevel: 'warn' });
    router = await worker.createRouter({ mediaCodecs: HEARING_MEDIA_CODECS });
    // Keyframes every half second (15 frames), more often than the anonymiser's own every 30
    // frames: an anonymised keyframe at each of them can only come from `-force_key_frames source`.
    const clip = await witnessClip({ ...FRAME, fps: 30, videoKbps: 500, toneHz: 440, seconds: 6, keyframeSeconds: 0.5 }, FFMPEG);
    source = await startWitnessSource(router, clip, { listenIp: LISTEN_IP, ffmpegBin: FFMPEG });
  });

  afterAll(async () => {
    for (const anonymiser of anonymisers) anonymiser.close();
    source?.close();
    worker?.close();
  });

  it('moves the voice by at least 4 semitones, tempo kept, and reports its delay', async () => {
    const anonymiser = await anonymise(source.audio);
    expect(anonymiser.producer.kind).toBe('audio');
    expect(anonymiser.producer.appData).toEqual({ participantId: 'witness-1', source: 'microphone', variant: 'anonymised' });
    await waitFor(() => anonymiser.flowing, 10_000, 'the anonymised voice to flow');

    const pair = await recordPair(router, source.audio, anonymiser.producer, { listenIp: LISTEN_IP, ffmpegBin: FFMPEG, seconds: 5 });
    const voice = voiceFigures(pair);
    console.log(
      `voice: raw ${voice.rawHz?.toFixed(1)} Hz, anonymised ${voice.anonymisedHz?.toFixed(1)} Hz, ` +
        `shift ${voice.shiftSemitones.toFixed(2)} semitones; added delay (tone onsets): ${describeDelays(voice.delaysMs)}`,
    );
    expect(voice.rawHz).toBeCloseTo(440, -1);
    expect(Math.abs(voice.shiftSemitones)).toBeGreaterThanOrEqual(4);
    // Tempo kept: the onsets come once a second on both sides, each raw one matched.
    expect(voice.delaysMs.length).toBeGreaterThanOrEqual(3);
    anonymiser.close();
  });

  it.each<AnonymisedPicture>(['blur', 'silhouette'])(
    'takes at least 80 %% of the high-frequency energy out of the picture (%s) and reports its delay',
    async (picture) => {
      const anonymiser = await anonymise(source.video, picture);
      expect(anonymiser.producer.kind).toBe('video');
      expect(anonymiser.producer.appData.variant).toBe('anonymised');
      await waitFor(() => anonymiser.flowing, 10_000, 'the anonymised picture to flow');

      const pair = await recordPair(router, source.video, anonymiser.producer, {
        listenIp: LISTEN_IP,
        ffmpegBin: FFMPEG,
        frameSize: FRAME,
        seconds: 4,
      });
      const figures = pictureFigures(pair);
      console.log(
        `picture (${picture}): ${figures.rawFrames} raw and ${figures.anonymisedFrames} anonymised frames, ` +
          `HF energy raw ${figures.rawHf.toFixed(1)}, anonymised ${figures.anonymisedHf.toFixed(2)}, ` +
          `ratio ${(figures.hfRatio * 100).toFixed(2)} %; added delay: flashes decoded ${describeDelays(figures.delaysMs)}; ` +
          `every frame at the RTP level ${describeDelays(figures.frameDelaysMs)}`,
      );
      // The frame rate is kept (30 fps in, give or take a frame of recording edge).
      expect(figures.anonymisedFrames).toBeGreaterThanOrEqual(figures.rawFrames * 0.9);
      expect(figures.rawHf).toBeGreaterThan(100);
      expect(figures.hfRatio).toBeLessThanOrEqual(0.2);
      // The delays (flashes decoded on both sides, every frame at the RTP level) are figures,
      // printed above and measured by the anonymiser benchmark on a quiet machine. Here the
      // recorders share two cores with another suite: in clean-clone CI runs they matched 78 of
      // 119 frames once, and 1 of 4 flashes once, while the picture's properties held. How many
      // samples a loaded recorder matches says nothing of the product, so it is not asserted.
      anonymiser.close();
    },
  );

  it("turns a viewer's keyframe request into one for the witness's stream, and the witness's keyframes into anonymised ones", async () => {
    const anonymiser = await anonymise(source.video, 'blur');
    await waitFor(() => anonymiser.flowing, 10_000, 'the anonymised picture to flow');
    const keyframes = { raw: [] as number[], anonymised: [] as number[] };
    const requestsToWitness: number[] = [];
    await source.video.enableTraceEvent(['keyframe', 'pli', 'fir']);
    await anonymiser.producer.enableTraceEvent(['keyframe', 'pli', 'fir']);
    source.video.on('trace', (trace) => {
      if (trace.type === 'keyframe') keyframes.raw.push(performance.now());
      if (trace.type === 'pli' || trace.type === 'fir') requestsToWitness.push(performance.now());
    });
    anonymiser.producer.on('trace', (trace) => {
      if (trace.type === 'keyframe') keyframes.anonymised.push(performance.now());
    });

    // A viewer of the anonymised variant (a DirectTransport: the packets come to this process).
    const viewerTransport = await router.createDirectTransport();
    const viewer = await viewerTransport.consume({ producerId: anonymiser.producer.id, rtpCapabilities: router.rtpCapabilities });
    let received = 0;
    viewer.on('rtp', () => received++);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const forwardedBefore = anonymiser.stats().keyFrameRequests;
    const asked = performance.now();
    await viewer.requestKeyFrame();
    await waitFor(() => requestsToWitness.some((t) => t >= asked), 2000, "a keyframe request towards the witness's stream");
    expect(anonymiser.stats().keyFrameRequests).toBeGreaterThan(forwardedBefore);
    await new Promise((resolve) => setTimeout(resolve, 3000));

    // Every keyframe of the witness (every 15 frames) came out as an anonymised keyframe of its
    // own: paired in order, each with the first anonymised one after it not yet paired. How long
    // each took is a figure (printed here, measured by the anonymiser benchmark on a quiet
    // machine), not an assertion: under another suite's load a pair once took more than 100 ms.
    // The window ends a second before now, so that a keyframe late under load has come out.
    const window = keyframes.raw.filter((t) => t > asked - 1500 && t < performance.now() - 1000);
    const later = keyframes.anonymised.filter((a) => a >= window[0]).sort((a, b) => a - b);
    const lags: number[] = [];
    const unmatched: number[] = [];
    for (const t of window) {
      const next = later.findIndex((a) => a >= t);
      if (next === -1) unmatched.push(t);
      else lags.push(later.splice(0, next + 1)[next] - t);
    }
    console.log(
      `keyframes: ${window.length} from the witness in the window, ${keyframes.anonymised.length} anonymised in all, ` +
        `${unmatched.length} of the witness's without an anonymised one; each anonymised after ${describeDelays(lags)}; ` +
        `request forwarded in ${(requestsToWitness.find((t) => t >= asked)! - asked).toFixed(1)} ms`,
    );
    expect(window.length).toBeGreaterThanOrEqual(4);
    expect(unmatched).toEqual([]);
    expect(received).toBeGreaterThan(0);
    viewerTransport.close();
    anonymiser.close();
  });

  it('fails closed when ffmpeg is killed, restarts it on the same producer, and leaves nothing behind when closed', async () => {
    const transportsBefore = (await router.dump()).transportIds.length;
    const anonymiser = await anonymise(source.video, 'silhouette');
    const events: string[] = [];
    anonymiser.on('flowing', () => events.push('flowing'));
    anonymiser.on('stalled', () => events.push('stalled'));
    anonymiser.on('close', () => events.push('close'));
    await waitFor(() => anonymiser.flowing, 10_000, 'the anonymised picture to flow');
    const producerId = anonymiser.producer.id;
    const viewerTransport = await router.createDirectTransport();
    const viewer = await viewerTransport.consume({ producerId, rtpCapabilities: router.rtpCapabilities });
    let received = 0;
    viewer.on('rtp', () => received++);
    await waitFor(() => received > 0, 3000, 'the viewer to receive');

    const firstPid = anonymiser.stats().ffmpegPid!;
    process.kill(firstPid, 'SIGKILL');
    const stalledMs = await waitFor(() => !anonymiser.flowing, 2000, 'the variant to stall');
    await waitFor(() => !processAlive(firstPid), 2000, 'the killed ffmpeg to be gone');
    // Fail closed: nothing reaches the viewer while it is stalled (the packets in flight aside).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const receivedWhileStalled = received;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(anonymiser.flowing).toBe(false);
    expect(received).toBe(receivedWhileStalled);

    const recoveredMs = await waitFor(() => anonymiser.flowing, 15_000, 'the variant to flow again');
    const stats = anonymiser.stats();
    expect(stats.restarts).toBe(1);
    expect(stats.ffmpegPid).not.toBe(firstPid);
    expect(anonymiser.producer.id).toBe(producerId);
    expect(anonymiser.producer.closed).toBe(false);
    // The viewer's consumer outlived the restart and receives again.
    const receivedAfterRestart = received;
    await waitFor(() => received > receivedAfterRestart, 3000, 'the viewer to receive again');
    console.log(
      `restart: flowing=false ${stalledMs.toFixed(0)} ms after SIGKILL; flowing again ${(stalledMs + recoveredMs).toFixed(0)} ms after it ` +
        '(back-off 250 ms, ffmpeg start, the next keyframe of the witness)',
    );

    anonymiser.close();
    anonymiser.close();
    await waitFor(() => !processAlive(stats.ffmpegPid!), 2000, 'ffmpeg to be gone after close()');
    expect(anonymiser.closed).toBe(true);
    expect(anonymiser.flowing).toBe(false);
    expect(anonymiser.producer.closed).toBe(true);
    expect(viewer.closed).toBe(true);
    // Its two transports are gone; the viewer's is still there.
    expect((await router.dump()).transportIds.length).toBe(transportsBefore + 1);
    expect(events).toEqual(['flowing', 'stalled', 'flowing', 'stalled', 'close']);
    viewerTransport.close();
  });

  it('refuses bad settings and a missing ffmpeg, leaving nothing behind', async () => {
    const transportsBefore = (await router.dump()).transportIds.length;
    await expect(
      MediaAnonymiser.start(router, source.video, { picture: 'pixelate' as AnonymisedPicture, listenIp: LISTEN_IP, appData: {} }),
    ).rejects.toThrow(TypeError);
    await expect(
      MediaAnonymiser.start(router, source.video, { picture: 'blur', listenIp: LISTEN_IP, ffmpegBin: '/nonexistent/ffmpeg', appData: {} }),
    ).rejects.toThrow(/ffmpeg/);
    expect((await router.dump()).transportIds.length).toBe(transportsBefore);
  });
});

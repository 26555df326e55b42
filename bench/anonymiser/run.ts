/*
 * Anonymiser benchmark: what the anonymised variant of a protected witness's media costs.
 *
 * 1. Added delay. One witness (640x360 at 30 fps and Opus, from the witness clip, whose picture
 *    flashes and whose tone starts once a second) is anonymised; the raw and the anonymised
 *    producers are recorded at once (decoded by ffmpeg), and each event's arrival on both sides
 *    gives the delay the anonymiser adds: p50/p95 for the voice, for the blurred picture and for
 *    the silhouette.
 * 2. Capacity. Steps of 1, 2, 4, 6, 8, 10, ... witnesses at once, each a looping `-c copy` sender
 *    of the clip (audio + video, no encoder) and two anonymisers (voice, picture) on one mediasoup
 *    worker. Per step, over a window after a warm-up: the anonymisers' ffmpeg CPU (% of one core,
 *    all and per witness), the senders', the worker's and the machine's; the anonymised frame and
 *    packet rates against the raw ones; the drift of the anonymised arrivals against their media
 *    time (a pipeline falling behind). A step keeps up when every pipeline flowed the whole
 *    window, delivered at least 95 % of its input's frames and packets, and drifted less than
 *    200 ms. The sweep stops at the first step that does not.
 *
 * Prints tables and one JSON line (prefixed "BENCH_ANONYMISER_JSON "). Never part of the tests.
 *
 *   ./ejustice bench anonymiser [--steps 1,2,4,6,8,10,12,16] [--picture blur|silhouette]
 *                               [--latency-seconds 15] [--warmup 5] [--window 10] [--ffmpeg /usr/bin/ffmpeg]
 *   (each option also BENCH_ANONYMISER_<NAME> in the environment, e.g. BENCH_ANONYMISER_STEPS=1,2,4)
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Logger } from '@nestjs/common';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import { type AnonymisedPicture, MediaAnonymiser } from '../../apps/media/src/anonymiser';
import { HEARING_MEDIA_CODECS } from '../../apps/media/src/mediasoup/media-codecs';
import { loadAverage, startCpuWindow } from '../sfu/proc-cpu';
import { cleanUpAll, onCleanup } from '../sfu/processes';
import { fmt, formatTable, summarise } from '../sfu/statistics';
import { pictureFigures, recordPair, voiceFigures } from './pipeline-measures';
import { RtpMeter } from './rtp-meter';
import { DEFAULT_WITNESS_CLIP, type WitnessSource, startWitnessSource, witnessClip } from './witness-source';

const LISTEN_IP = '127.0.0.1';
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Options {
  readonly steps: number[];
  readonly picture: AnonymisedPicture;
  readonly latencySeconds: number;
  readonly warmupSeconds: number;
  readonly windowSeconds: number;
  readonly ffmpeg: string;
  readonly maxMinutes: number;
}

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unknown argument '${argv[i]}'`);
    given.set(m[1], m[2] ?? argv[++i] ?? '');
  }
  const value = (name: string, fallback: string) =>
    given.get(name) ?? env[`BENCH_ANONYMISER_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback;
  const number = (name: string, fallback: number) => {
    const n = Number(value(name, String(fallback)));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  const picture = value('picture', 'blur');
  if (picture !== 'blur' && picture !== 'silhouette') throw new Error('--picture is blur or silhouette');
  const steps = value('steps', '1,2,4,6,8,10,12,14,16,20,24')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  if (steps.length === 0) throw new Error('--steps needs at least one whole number');
  return {
    steps,
    picture,
    latencySeconds: number('latency-seconds', 15),
    warmupSeconds: number('warmup', 5),
    windowSeconds: number('window', 10),
    ffmpeg: value('ffmpeg', env.EJ_FFMPEG_BIN ?? '/usr/bin/ffmpeg'),
    maxMinutes: number('max-minutes', 20),
  };
}

/** One anonymised witness of the capacity sweep. */
interface Witness {
  readonly source: WitnessSource;
  readonly voice: MediaAnonymiser;
  readonly picture: MediaAnonymiser;
  readonly meters: { rawAudio: RtpMeter; rawVideo: RtpMeter; audio: RtpMeter; video: RtpMeter };
  stalls: number;
}

interface StepFigures {
  readonly witnesses: number;
  readonly cpu: { voice: number; picture: number; senders: number; worker: number; machine: number };
  readonly videoFpsIn: number;
  readonly videoFpsOutMin: number;
  readonly audioPpsIn: number;
  readonly audioPpsOutMin: number;
  readonly maxDriftMs: number;
  readonly stalls: number;
  readonly keepsUp: boolean;
  readonly why: string;
}

async function measureLatency(router: ms.Router, clip: string, options: Options) {
  const source = await startWitnessSource(router, clip, { listenIp: LISTEN_IP, ffmpegBin: options.ffmpeg });
  const anonymisers: MediaAnonymiser[] = [];
  const start = async (raw: ms.Producer, picture: AnonymisedPicture) => {
    const a = await MediaAnonymiser.start(router, raw, { picture, listenIp: LISTEN_IP, ffmpegBin: options.ffmpeg, appData: {} });
    anonymisers.push(a);
    await waitUntil(() => a.flowing, 20_000, `the ${raw.kind} anonymiser to flow`);
    return a;
  };
  try {
    const recording = {
      listenIp: LISTEN_IP,
      ffmpegBin: options.ffmpeg,
      frameSize: { width: 320, height: 180 },
      seconds: options.latencySeconds,
    };
    const voice = await start(source.audio, 'blur');
    const blur = await start(source.video, 'blur');
    log(`recording raw and anonymised voice and blurred picture for ${options.latencySeconds} s...`);
    const [voicePair, blurPair] = await Promise.all([
      recordPair(router, source.audio, voice.producer, recording),
      recordPair(router, source.video, blur.producer, recording),
    ]);
    blur.close();
    const silhouette = await start(source.video, 'silhouette');
    log(`recording raw and silhouette picture for ${options.latencySeconds} s...`);
    const silhouettePair = await recordPair(router, source.video, silhouette.producer, recording);
    return { voice: voiceFigures(voicePair), blur: pictureFigures(blurPair), silhouette: pictureFigures(silhouettePair) };
  } finally {
    for (const a of anonymisers) a.close();
    source.close();
  }
}

async function startWitness(router: ms.Router, meterTransport: ms.DirectTransport, clip: string, options: Options): Promise<Witness> {
  const source = await startWitnessSource(router, clip, { listenIp: LISTEN_IP, ffmpegBin: options.ffmpeg });
  try {
    const appData = {};
    const voice = await MediaAnonymiser.start(router, source.audio, {
      picture: options.picture,
      listenIp: LISTEN_IP,
      ffmpegBin: options.ffmpeg,
      appData,
    });
    const picture = await MediaAnonymiser.start(router, source.video, {
      picture: options.picture,
      listenIp: LISTEN_IP,
      ffmpegBin: options.ffmpeg,
      appData,
    });
    const meters = {
      rawAudio: await RtpMeter.start(meterTransport, router, source.audio),
      rawVideo: await RtpMeter.start(meterTransport, router, source.video),
      audio: await RtpMeter.start(meterTransport, router, voice.producer),
      video: await RtpMeter.start(meterTransport, router, picture.producer),
    };
    const witness: Witness = { source, voice, picture, meters, stalls: 0 };
    voice.on('stalled', () => witness.stalls++);
    picture.on('stalled', () => witness.stalls++);
    return witness;
  } catch (error) {
    source.close();
    throw error;
  }
}

function closeWitness(w: Witness): void {
  w.voice.close();
  w.picture.close();
  for (const meter of Object.values(w.meters)) meter.consumer.close();
  w.source.close();
}

async function measureStep(router: ms.Router, worker: ms.Worker, clip: string, n: number, options: Options): Promise<StepFigures> {
  const meterTransport = await router.createDirectTransport();
  const witnesses: Witness[] = [];
  const unregister = onCleanup(() => {
    for (const w of witnesses) closeWitness(w);
    meterTransport.close();
  });
  try {
    for (let i = 0; i < n; i++) witnesses.push(await startWitness(router, meterTransport, clip, options));
    await waitUntil(() => witnesses.every((w) => w.voice.flowing && w.picture.flowing), 30_000, 'every anonymiser to flow');
    await sleep(options.warmupSeconds * 1000);
    for (const w of witnesses) {
      w.stalls = 0;
      for (const meter of Object.values(w.meters)) meter.mark();
    }
    const pids = (pick: (w: Witness) => number | undefined) => witnesses.map(pick).filter((p): p is number => p !== undefined);
    const cpu = startCpuWindow([
      { label: 'voice', pids: pids((w) => w.voice.stats().ffmpegPid) },
      { label: 'picture', pids: pids((w) => w.picture.stats().ffmpegPid) },
      { label: 'senders', pids: pids((w) => w.source.sender.pid) },
      { label: 'worker', pids: [worker.pid] },
    ]);
    await sleep(options.windowSeconds * 1000);
    const usage = cpu.end();
    const readings = witnesses.map((w) => ({
      rawAudio: w.meters.rawAudio.read(),
      rawVideo: w.meters.rawVideo.read(),
      audio: w.meters.audio.read(),
      video: w.meters.video.read(),
      stalls: w.stalls,
      flowing: w.voice.flowing && w.picture.flowing,
    }));
    const problems: string[] = [];
    const stalls = readings.reduce((sum, r) => sum + r.stalls, 0);
    if (stalls > 0 || readings.some((r) => !r.flowing)) problems.push(`${stalls} stalls`);
    if (readings.some((r) => r.video.framesPerSecond < 0.95 * r.rawVideo.framesPerSecond)) problems.push('video frames lost');
    if (readings.some((r) => r.audio.packetsPerSecond < 0.95 * r.rawAudio.packetsPerSecond)) problems.push('audio packets lost');
    const maxDriftMs = Math.max(
      ...readings.flatMap((r) => [r.audio.driftMs, r.video.driftMs]).map((d) => (Number.isFinite(d) ? d : Infinity)),
    );
    if (!(maxDriftMs < 200)) problems.push(`drift ${fmt(maxDriftMs)} ms`);
    return {
      witnesses: n,
      cpu: {
        voice: usage.groups.voice,
        picture: usage.groups.picture,
        senders: usage.groups.senders,
        worker: usage.groups.worker,
        machine: usage.machinePercent,
      },
      videoFpsIn: summarise(readings.map((r) => r.rawVideo.framesPerSecond)).p50,
      videoFpsOutMin: Math.min(...readings.map((r) => r.video.framesPerSecond)),
      audioPpsIn: summarise(readings.map((r) => r.rawAudio.packetsPerSecond)).p50,
      audioPpsOutMin: Math.min(...readings.map((r) => r.audio.packetsPerSecond)),
      maxDriftMs,
      stalls,
      keepsUp: problems.length === 0,
      why: problems.join(', '),
    };
  } finally {
    for (const w of witnesses) closeWitness(w);
    meterTransport.close();
    unregister();
    // Let the killed processes go and the sockets close before the next step.
    await sleep(1000);
  }
}

async function waitUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

const delayLine = (label: string, delays: number[]) => {
  const s = summarise(delays);
  return [label, String(s.count), fmt(s.p50), fmt(s.p95), fmt(s.min), fmt(s.max)];
};

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const workerBin = process.env.MEDIASOUP_WORKER_BIN;
  if (!workerBin || !existsSync(workerBin)) {
    throw new Error(
      'MEDIASOUP_WORKER_BIN is not set: run through ./ejustice bench anonymiser, or export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh | tail -n1)"',
    );
  }
  // Each anonymiser logs its start and end; a sweep of dozens would drown the figures.
  Logger.overrideLogger(['warn', 'error']);
  const deadline = setTimeout(() => {
    console.error(`\nThe run reached its bound of ${options.maxMinutes} minutes (--max-minutes): stopping.`);
    void cleanUpAll().finally(() => process.exit(2));
  }, options.maxMinutes * 60_000);
  deadline.unref();
  process.once('SIGINT', () => void cleanUpAll().finally(() => process.exit(130)));

  const loadBefore = loadAverage();
  log(
    `anonymiser benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadBefore}, ` +
      `Node ${process.version}, mediasoup ${mediasoup.version}, ${options.ffmpeg}`,
  );
  if (loadavg()[0] > 2)
    log(`note: the 1-minute load average is ${loadavg()[0].toFixed(2)}: other work shares the machine, figures will be noisy.`);
  const clipOptions = DEFAULT_WITNESS_CLIP;
  log(
    `witness clip: ${clipOptions.width}x${clipOptions.height} at ${clipOptions.fps} fps, VP8 ${clipOptions.videoKbps} kbit/s, ` +
      `Opus 32 kbit/s, a flash and a tone onset every second (encoding it once)...`,
  );
  const clip = await witnessClip(clipOptions, options.ffmpeg);

  const worker = await mediasoup.createWorker({ workerBin, logLevel: 'warn' });
  onCleanup(() => worker.close());
  const router = await worker.createRouter({ mediaCodecs: HEARING_MEDIA_CODECS });

  log("\n1. Added delay: each event decoded on the anonymised side minus on the raw side (each side's decoder included);");
  log('   for video also every frame at the RTP level, matched by timestamp (no decoder on either side)');
  const latency = await measureLatency(router, clip, options);
  log(
    formatTable(
      ['variant', 'events', 'p50 ms', 'p95 ms', 'min ms', 'max ms'],
      [
        delayLine('voice (tone onsets)', latency.voice.delaysMs),
        delayLine('picture, blur (flashes, decoded)', latency.blur.delaysMs),
        delayLine('picture, blur (every frame, RTP)', latency.blur.frameDelaysMs),
        delayLine('picture, silhouette (flashes, decoded)', latency.silhouette.delaysMs),
        delayLine('picture, silhouette (every frame, RTP)', latency.silhouette.frameDelaysMs),
      ],
    ),
  );
  log(
    `voice: ${fmt(latency.voice.rawHz, 1)} Hz -> ${fmt(latency.voice.anonymisedHz, 1)} Hz (${fmt(latency.voice.shiftSemitones, 2)} semitones); ` +
      `high-frequency energy left: blur ${fmt(latency.blur.hfRatio * 100, 2)} %, silhouette ${fmt(latency.silhouette.hfRatio * 100, 2)} %`,
  );

  log(
    `\n2. Capacity: witnesses anonymised at once (${options.picture}, ${options.warmupSeconds} s warm-up, ${options.windowSeconds} s window)`,
  );
  const steps: StepFigures[] = [];
  for (const n of options.steps) {
    log(`step: ${n} witnesses (${n} senders, ${2 * n} anonymisers)...`);
    let figures: StepFigures;
    try {
      figures = await measureStep(router, worker, clip, n, options);
    } catch (error) {
      log(`  step failed: ${(error as Error).message}`);
      break;
    }
    steps.push(figures);
    log(
      `  anonymisers ${fmt(figures.cpu.voice + figures.cpu.picture, 1)} % CPU (${fmt((figures.cpu.voice + figures.cpu.picture) / n, 1)} % per witness), ` +
        `video ${fmt(figures.videoFpsOutMin, 1)}/${fmt(figures.videoFpsIn, 1)} fps, audio ${fmt(figures.audioPpsOutMin, 1)}/${fmt(figures.audioPpsIn, 1)} pkt/s, ` +
        `drift ${fmt(figures.maxDriftMs)} ms, machine ${fmt(figures.cpu.machine)} %: ${figures.keepsUp ? 'keeps up' : `does not keep up (${figures.why})`}`,
    );
    if (!figures.keepsUp) break;
  }
  log('');
  log(
    formatTable(
      [
        'witnesses',
        'voice %',
        'picture %',
        'per witness %',
        'senders %',
        'worker %',
        'machine %',
        'video fps out/in',
        'audio pkt/s out/in',
        'drift ms',
        'keeps up',
      ],
      steps.map((s) => [
        String(s.witnesses),
        fmt(s.cpu.voice, 1),
        fmt(s.cpu.picture, 1),
        fmt((s.cpu.voice + s.cpu.picture) / s.witnesses, 1),
        fmt(s.cpu.senders, 1),
        fmt(s.cpu.worker, 1),
        fmt(s.cpu.machine),
        `${fmt(s.videoFpsOutMin, 1)}/${fmt(s.videoFpsIn, 1)}`,
        `${fmt(s.audioPpsOutMin, 1)}/${fmt(s.audioPpsIn, 1)}`,
        fmt(s.maxDriftMs),
        s.keepsUp ? 'yes' : `no: ${s.why}`,
      ]),
    ),
  );
  const carried = [...steps].reverse().find((s) => s.keepsUp);
  log('');
  log(
    carried
      ? `carried: ${carried.witnesses} anonymised witnesses (voice + ${options.picture} picture) on ${cpus().length} cores, ` +
          `${fmt((carried.cpu.voice + carried.cpu.picture) / carried.witnesses, 1)} % of one core each in ffmpeg` +
          (steps.at(-1)?.keepsUp ? ' (the largest step tried: the machine may carry more)' : '')
      : 'carried: not even one witness kept up',
  );
  log('CPU in % of one core (/proc/<pid>/stat); "machine" in % of all cores, other people\'s work included.');
  log(`load average before ${loadBefore}, after ${loadAverage()}`);
  log(`BENCH_ANONYMISER_JSON ${JSON.stringify({ options, latency, steps, carried: carried?.witnesses ?? 0 })}`);
  await cleanUpAll();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  await cleanUpAll();
  process.exit(1);
});

/*
 * Recording and interpretation benchmark (issue 9), on the SFU benchmark's load and modules
 * (bench/sfu): N hearings of M participants (default six), each participant sending Opus and VP8
 * over WebRTC from werift peers and receiving everyone else's, through the real api and media node.
 * Each step of the sweep is measured once per mode, each time on a fresh media node with the same
 * streams (same seed):
 *   - off: forwarding only;
 *   - record: the presiding judge starts the court recording once everyone is let in (one
 *     PlainTransport consumer and one stream-copying ffmpeg per producer, children of the node);
 *   - interpretation: the last participant is an interpreter into French speaking into the
 *     channel, half the witnesses listen to it.
 * Printed: the media node's CPU per mode (workers, Node process, recording ffmpegs: its whole
 * process tree), the cost of recording per recorded producer and of interpretation per channel as
 * the difference with `off` (% of one core), and the largest number of recorded hearings carried
 * with live forwarding intact (the SFU benchmark's criterion, plus every producer recorded). One
 * JSON line prefixed "BENCH_RECORDING_JSON ". Logs in bench/out/recording-<time>/.
 *
 *   ./ejustice bench recording [--hearings 1,2,3] [--participants 6] [--modes off,record,interpretation] ...   (--help)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Client } from 'pg';
import { version as mediasoupVersion } from 'mediasoup';
import { dropDatabase, migrateUp } from '../../scripts/migrate';
import { BENCH_CHANNEL, type HearingFeatures, consumersPerHearing, withHearingFeatures } from '../sfu/hearing-features';
import { type LoadShape, type RunningLoad, startLoad } from '../sfu/load';
import { type SideFigures, measureWindow } from '../sfu/measure';
import { platformSide } from '../sfu/platform-side';
import { type PlatformEnvironment, mediaNodeEnvironment, platformEnvironment, startApi } from '../sfu/platform-stack';
import { loadAverage } from '../sfu/proc-cpu';
import { HostProcess, cleanUpAll, onCleanup, stopAfter, stopOnSignals, stopping } from '../sfu/processes';
import { recordClip } from '../sfu/rtp-clip';
import { BENCH_PASSWORD, type SeededHearing, seedHearings } from '../sfu/seed';
import { fmt } from '../sfu/statistics';
import { ownRedis } from '../support/redis-server';
import { type RecordingStep, costsTable, nodeCpu, recordingTable, stepCosts, summarizeRecording, summaryLines } from './figures';
import { type Mode, USAGE, parseRecordingOptions } from './options';

const ROOT = resolve(__dirname, '../../..');
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const FEATURES: Readonly<Record<Mode, HearingFeatures>> = {
  off: { record: false },
  record: { record: true },
  interpretation: { record: false, interpretation: BENCH_CHANNEL },
};

/** Segments registered for these hearings' recordings (null if they cannot be read). */
async function segmentsOf(databaseUrl: string, hearings: readonly SeededHearing[]): Promise<number | null> {
  const db = new Client({ connectionString: databaseUrl });
  try {
    await db.connect();
    const r = await db.query(
      `SELECT count(*)::int AS n FROM recording_segments s
         JOIN recording_tracks t ON t.id = s.track_id
         JOIN hearing_recordings r ON r.id = t.recording_id
        WHERE r.hearing_id = ANY($1::uuid[])`,
      [hearings.map((h) => h.hearingId)],
    );
    return r.rows[0].n as number;
  } catch (error) {
    log(`  (could not count the registered segments: ${error instanceof Error ? error.message : String(error)})`);
    return null;
  } finally {
    await db.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const options = parseRecordingOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const workerBin = process.env.MEDIASOUP_WORKER_BIN;
  if (!workerBin || !existsSync(workerBin)) {
    throw new Error(
      'MEDIASOUP_WORKER_BIN is not set: run through ./ejustice bench recording, or export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh | tail -n1)"',
    );
  }
  stopAfter(options.maxMinutes);

  const startedAt = new Date();
  const logDir = join(ROOT, 'bench/out', `recording-${startedAt.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(logDir, { recursive: true });
  const cores = cpus().length;
  const loadBefore = loadAverage();
  log(
    `Recording and interpretation benchmark: ${cores} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadBefore}, ` +
      `Node ${process.version}, mediasoup ${mediasoupVersion}`,
  );
  if (loadavg()[0] > 2)
    log(`note: the 1-minute load average is ${loadavg()[0].toFixed(2)}: other work shares the machine, figures will be noisy.`);

  log("encoding the load's media once with ffmpeg...");
  const clipSeconds = 10;
  const clipOptions = { video: { ...options.video, seconds: clipSeconds }, audio: { kbps: options.audioKbps, seconds: clipSeconds } };
  const clips = { video: await recordClip('video', clipOptions), audio: await recordClip('audio', clipOptions) };
  const v = options.video;
  log(
    `load per participant: sends Opus ${fmt(clips.audio.kbps)} kbit/s and VP8 ${v.width}x${v.height}@${v.fps} ${fmt(clips.video.kbps)} kbit/s ` +
      `(the SFU benchmark's clip, replayed), receives everyone else's; ${options.participants} participants per hearing, ` +
      `the judge letting everyone in; ${options.workers} mediasoup worker(s).`,
  );

  log(`preparing ${options.databaseUrl.replace(/\/\/[^@]*@/, '//')} (dropped and migrated) and the api...`);
  await dropDatabase(options.databaseUrl);
  await migrateUp(options.databaseUrl);
  // Fresh hearings for every measurement: a closed sitting does not open again.
  const seeded: Partial<Record<Mode, SeededHearing[]>>[] = [];
  for (const n of options.hearings) {
    const step: Partial<Record<Mode, SeededHearing[]>> = {};
    for (const mode of options.modes) {
      const seed = mode === 'interpretation' ? { interpreterLanguage: BENCH_CHANNEL } : {};
      step[mode] = await seedHearings(options.databaseUrl, n, options.participants - 1, seed);
    }
    seeded.push(step);
  }
  const redis = await ownRedis(options.redisUrl);
  onCleanup(() => redis.stop());
  const env: PlatformEnvironment = platformEnvironment(ROOT, options.databaseUrl, redis.url, workerBin);
  const api = await startApi(env, join(logDir, 'api.log'));
  const tag = randomBytes(3).toString('hex');

  const steps: RecordingStep[] = [];
  for (const [i, n] of options.hearings.entries()) {
    log(`\nstep ${i + 1}/${options.hearings.length}: ${n} hearings x ${options.participants} participants`);
    // Rotate which mode goes first, so a drift in the machine's load does not favour one mode.
    const order = options.modes.map((_, k) => options.modes[(k + i) % options.modes.length]);
    const modes: Partial<Record<Mode, SideFigures>> = {};
    let segmentsRegistered: number | null | undefined;
    for (const mode of order) {
      const hearings = seeded[i][mode] ?? [];
      const name = `step${i + 1}-${mode}`;
      const host = await HostProcess.start(
        'platform media node',
        join(__dirname, '../sfu/platform-host.js'),
        await mediaNodeEnvironment(env, {
          nodeId: `bench-recording-${tag}-${name}`,
          workers: options.workers,
          rtcPortBase: options.rtcPortBase,
        }),
        join(logDir, `media-node-${name}.log`),
      );
      const side = withHearingFeatures(platformSide(api.url, hearings, BENCH_PASSWORD), options.participants, FEATURES[mode]);
      // The same seed in every mode of a step: the same streams at the same phases.
      const shape: LoadShape = { hearings: n, participants: options.participants, seed: i + 1, clips, decrypt: false };
      let load: RunningLoad | undefined;
      let figures: SideFigures;
      try {
        const started = performance.now();
        load = await startLoad(side, shape, log);
        const setupSeconds = (performance.now() - started) / 1000;
        await sleep(options.warmupSeconds * 1000);
        figures = {
          ...(await measureWindow({
            side: 'platform',
            host,
            load,
            hearings: n,
            participantsPerHearing: options.participants,
            seconds: options.durationSeconds,
            children: true,
          })),
          setupSeconds,
        };
      } finally {
        // The judge closes the sitting, which ends the recording (its last segments registered).
        await load?.close();
        await host.stop();
      }
      if (mode === 'record') segmentsRegistered = await segmentsOf(options.databaseUrl, hearings);
      modes[mode] = figures;
      const cpu = nodeCpu(figures);
      const expected = n * consumersPerHearing(options.participants, mode === 'interpretation');
      log(
        `  ${mode}: ${figures.consumersForwarding}/${figures.consumers} consumers forwarding (${expected} expected), ` +
          `loss ${fmt(figures.receiverLossPct, 2)} %, media node ${fmt(cpu.total, 1)} % CPU (workers ${fmt(cpu.workers, 1)}, ` +
          `node ${fmt(cpu.node, 1)}, recording ffmpeg ${fmt(cpu.recordingFfmpeg, 1)} in ${figures.recordingFfmpegProcesses ?? 0} processes ` +
          `for ${figures.producers} producers, other ${fmt(cpu.otherChildren, 1)}), generator ${fmt(figures.cpu.generator, 1)} %, ` +
          `machine ${fmt(figures.cpu.machine, 0)} %, set up in ${fmt(figures.setupSeconds, 1)} s` +
          (mode === 'record' ? `, ${segmentsRegistered ?? '?'} segments registered` : ''),
      );
    }
    steps.push({ hearings: n, modes, ...(options.modes.includes('record') && { segmentsRegistered }) });
  }
  await api.stop();

  const summary = summarizeRecording(steps, cores, options.lossThresholdPct);
  log('');
  log(recordingTable(steps, options.participants, options.lossThresholdPct, cores));
  log('');
  log(costsTable(steps));
  log('');
  for (const line of summaryLines(summary, options.participants, cores, options.lossThresholdPct)) log(line);
  const loadAfter = loadAverage();
  log(
    `\nload average before ${loadBefore}, after ${loadAfter}; ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s in all; ` +
      `logs in ${relative(process.cwd(), logDir) || logDir}`,
  );
  log(
    `BENCH_RECORDING_JSON ${JSON.stringify({
      startedAt: startedAt.toISOString(),
      machine: { cores, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      options: { ...options, databaseUrl: undefined, redisUrl: undefined, help: undefined },
      load: {
        audio: { codec: 'opus', kbps: clips.audio.kbps, pps: clips.audio.packetsPerSecond },
        video: { codec: 'vp8', ...options.video, measuredKbps: clips.video.kbps, pps: clips.video.packetsPerSecond },
        transport: 'WebRTC (ICE-lite, DTLS, SRTP) over UDP on 127.0.0.1 from werift peers',
      },
      steps: steps.map((s) => ({ ...s, costs: stepCosts(s) })),
      summary,
    })}`,
  );
}

stopOnSignals();

main()
  .then(() => cleanUpAll())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    if (stopping()) return;
    console.error(error instanceof Error ? error.stack : error);
    await cleanUpAll();
    process.exit(1);
  });

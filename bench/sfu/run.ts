/*
 * SFU benchmark for hearing rooms (issue 4). In one run:
 *
 * 1. Forwarding under load. For each step of the sweep, N hearings of M participants, each
 *    participant sending Opus and VP8 (one ffmpeg encoding, replayed) and receiving everyone
 *    else, over real WebRTC (ICE, DTLS, SRTP) from werift peers:
 *      - through the platform: the real api (tickets, one-time links) and the real media node,
 *        the judge opening the sitting and admitting the witnesses, consumers created by the Room
 *        under the media policy;
 *      - through a bare mediasoup script with the same workers, routers, transports, producers and
 *        consumers, and nothing else.
 *    Printed per side: consumers forwarding, packets/s forwarded (mediasoup) and received
 *    (receivers), loss, CPU of the mediasoup workers, of the SFU's Node process and of the load
 *    generator, and the platform ÷ bare ratio of each.
 * 2. Special-measures orders in a live hearing (the judge and N witnesses, werift peers as in the
 *    load): R rounds of the judge screening witness 1 from the others over REST, then revoking
 *    the order; p50/p95/p99 of the time from the order to the last consumer it forbids closed at
 *    its client (goal: p99 <= 100 ms), and from the revocation to the last one offered again,
 *    each split at the api's answer and its Redis notice. Every round is checked (order-changes.ts).
 * 3. Join-to-first-frame in Debian's Chromium (fake camera and microphone): K witnesses join a
 *    live hearing whose judge (also Chromium) is sending; p50/p95 of the time from the judge's
 *    Admit click to the witness's first decoded frame, and from opening the link to that frame.
 * 4. Protection latencies in Chromium (the judge, a witness and a defendant screened from her):
 *    P rounds of the screen lifted (until the defendant's page holds her camera, and decodes it),
 *    made again (until it no longer holds it), and the witness's "I need a break" (until the alert
 *    shows on the judge's page); p50/p95/max against the issue's goal of a second
 *    (chromium-protection.ts).
 *
 * Prints tables and one JSON line (prefixed "BENCH_SFU_JSON "); the processes' logs go to
 * bench/out/sfu-<time>/. Bounded by --max-minutes; Ctrl-C stops every process it started.
 * Never part of the tests.
 *
 *   ./ejustice bench sfu [--hearings 2,4,6] [--participants 4] [--orders 100] [--joins 20] [--protection 20] ...   (--help for all)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { version as mediasoupVersion } from 'mediasoup';
import { dropDatabase, migrateUp } from '../../scripts/migrate';
import { ownRedis } from '../support/redis-server';
import { bareSide } from './bare-side';
import { type JoinFigures, runChromiumJoins } from './chromium-joins';
import { type ProtectionFigures, type ProtectionHearing, runChromiumProtection, seedProtectionHearing } from './chromium-protection';
import { BENCH_CHANNEL, consumersPerHearing, withHearingFeatures } from './hearing-features';
import { type LoadShape, type RunningLoad, type SfuSide, startLoad } from './load';
import { type SideFigures, measureWindow } from './measure';
import { type BenchOptions, USAGE, parseOptions } from './options';
import { type OrderFigures, runOrderChanges } from './order-changes';
import { platformSide } from './platform-side';
import { type PlatformEnvironment, type RunningApi, mediaNodeEnvironment, platformEnvironment, startApi } from './platform-stack';
import { loadAverage } from './proc-cpu';
import { HostProcess, cleanUpAll, onCleanup, stopAfter, stopOnSignals, stopping } from './processes';
import { describeLoad, joinsTable, ordersTable, protectionTable, resultsTable, type StepResult, summarize, summaryLines } from './report';
import { type RtpClip, recordClip } from './rtp-clip';
import { BENCH_PASSWORD, type SeededHearing, seedHearings } from './seed';
import { fmt } from './statistics';

const ROOT = resolve(__dirname, '../../..');
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  readonly options: BenchOptions;
  readonly clips: Readonly<Record<'audio' | 'video', RtpClip>>;
  readonly workerBin: string;
  readonly logDir: string;
  readonly tag: string;
}

/** One side of one step: start its SFU, set the load up, warm up, measure, take it all down. */
async function measureSide(run: Run, host: HostProcess, sideOn: (host: HostProcess) => SfuSide, shape: LoadShape): Promise<SideFigures> {
  let load: RunningLoad | undefined;
  const side = sideOn(host);
  try {
    const started = performance.now();
    load = await startLoad(side, shape, log);
    const setupSeconds = (performance.now() - started) / 1000;
    await sleep(run.options.warmupSeconds * 1000);
    const figures = await measureWindow({
      side: side.name,
      host,
      load,
      hearings: shape.hearings,
      participantsPerHearing: shape.participants,
      seconds: run.options.durationSeconds,
      children: run.options.record,
    });
    return { ...figures, setupSeconds };
  } finally {
    await load?.close();
    await host.stop();
  }
}

async function startPlatformHost(run: Run, env: PlatformEnvironment, name: string): Promise<HostProcess> {
  return HostProcess.start(
    'platform media node',
    join(__dirname, 'platform-host.js'),
    await mediaNodeEnvironment(env, {
      nodeId: `bench-sfu-${run.tag}-${name}`,
      workers: run.options.workers,
      rtcPortBase: run.options.rtcPortBase,
    }),
    join(run.logDir, `media-node-${name}.log`),
  );
}

async function startBareHost(run: Run, name: string): Promise<HostProcess> {
  return HostProcess.start(
    'bare mediasoup',
    join(__dirname, 'bare-host.js'),
    {
      ...process.env,
      MEDIASOUP_WORKER_BIN: run.workerBin,
      BENCH_WORKERS: String(run.options.workers),
      // Its own port range: a platform host that is still closing never holds the bare one's ports.
      BENCH_RTC_PORT_BASE: String(run.options.rtcPortBase + 20),
    },
    join(run.logDir, `bare-${name}.log`),
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const workerBin = process.env.MEDIASOUP_WORKER_BIN;
  if (!workerBin || !existsSync(workerBin)) {
    throw new Error(
      'MEDIASOUP_WORKER_BIN is not set: run through ./ejustice bench sfu, or export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh | tail -n1)"',
    );
  }
  stopAfter(options.maxMinutes);

  const startedAt = new Date();
  const logDir = join(ROOT, 'bench/out', `sfu-${startedAt.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(logDir, { recursive: true });
  const loadBefore = loadAverage();
  log(
    `SFU benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadBefore}, ` +
      `Node ${process.version}, mediasoup ${mediasoupVersion}`,
  );
  if (loadavg()[0] > 2)
    log(`note: the 1-minute load average is ${loadavg()[0].toFixed(2)}: other work shares the machine, figures will be noisy.`);

  log("encoding the load's media once with ffmpeg...");
  const clipOptions = {
    video: { ...options.video, seconds: options.clipSeconds },
    audio: { kbps: options.audioKbps, seconds: options.clipSeconds },
  };
  const clips = { video: await recordClip('video', clipOptions), audio: await recordClip('audio', clipOptions) };
  for (const line of describeLoad(options, clips)) log(line);
  if (options.record || options.interpretation)
    log(
      `platform side only: ${options.record ? 'the judge records every hearing' : ''}${options.record && options.interpretation ? '; ' : ''}` +
        `${options.interpretation ? `an interpreter into '${BENCH_CHANNEL}' per hearing, half the witnesses on the channel` : ''}` +
        ' (the bare side forwards only).',
    );
  const run: Run = { options, clips, workerBin, logDir, tag: randomBytes(3).toString('hex') };

  let env: PlatformEnvironment | undefined;
  let api: RunningApi | undefined;
  const seededSteps: SeededHearing[][] = [];
  let joinHearing: SeededHearing | undefined;
  let orderHearing: SeededHearing | undefined;
  let protectionHearing: ProtectionHearing | undefined;
  const loadSteps = options.sides.length > 0 ? options.hearings : [];
  if (options.sides.includes('platform') || options.orders > 0 || options.joins > 0 || options.protection > 0) {
    log(`preparing ${options.databaseUrl.replace(/\/\/[^@]*@/, '//')} (dropped and migrated) and the api...`);
    await dropDatabase(options.databaseUrl);
    await migrateUp(options.databaseUrl);
    if (options.sides.includes('platform')) {
      const seed = options.interpretation ? { interpreterLanguage: BENCH_CHANNEL } : {};
      for (const n of loadSteps) seededSteps.push(await seedHearings(options.databaseUrl, n, options.participants - 1, seed));
    }
    if (options.orders > 0) [orderHearing] = await seedHearings(options.databaseUrl, 1, options.orderWitnesses);
    if (options.joins > 0) [joinHearing] = await seedHearings(options.databaseUrl, 1, options.joins);
    if (options.protection > 0) protectionHearing = await seedProtectionHearing(options.databaseUrl);
    const redis = await ownRedis(options.redisUrl);
    onCleanup(() => redis.stop());
    env = platformEnvironment(ROOT, options.databaseUrl, redis.url, workerBin);
    api = await startApi(env, join(logDir, 'api.log'));
  }

  const steps: StepResult[] = [];
  for (const [i, n] of loadSteps.entries()) {
    const consumers = n * consumersPerHearing(options.participants, false);
    // With interpretation the platform forwards the interpreter's voice to the channel's listeners only.
    const onPlatform = n * consumersPerHearing(options.participants, options.interpretation);
    log(
      `\nstep ${i + 1}/${loadSteps.length}: ${n} hearings x ${options.participants} participants = ${consumers} consumers` +
        (onPlatform === consumers ? '' : ` (${onPlatform} on the platform side)`),
    );
    // Alternate which side goes first, so a drift in the machine's load does not favour one side.
    const order: ('platform' | 'bare')[] = i % 2 === 0 ? ['platform', 'bare'] : ['bare', 'platform'];
    const result: { hearings: number; platform?: SideFigures; bare?: SideFigures } = { hearings: n };
    // The same seed on both sides: the same streams at the same phases.
    const shape: LoadShape = { hearings: n, participants: options.participants, seed: i + 1, clips, decrypt: options.decrypt };
    for (const side of order.filter((s) => options.sides.includes(s))) {
      let figures: SideFigures;
      if (side === 'platform' && env && api) {
        const url = api.url;
        const host = await startPlatformHost(run, env, `step${i + 1}`);
        const features = { record: options.record, interpretation: options.interpretation ? BENCH_CHANNEL : undefined };
        const side = () => withHearingFeatures(platformSide(url, seededSteps[i], BENCH_PASSWORD), options.participants, features);
        figures = await measureSide(run, host, side, shape);
      } else {
        figures = await measureSide(run, await startBareHost(run, `step${i + 1}`), (host) => bareSide(host, `step${i + 1}`), shape);
      }
      result[side] = figures;
      log(
        `  ${side}: ${figures.consumersForwarding}/${figures.consumers} consumers forwarding, ${fmt(figures.forwardedPps)} pkt/s, ` +
          `loss ${fmt(figures.receiverLossPct, 2)} %, workers ${fmt(figures.cpu.workers, 1)} % CPU, node ${fmt(figures.cpu.sfuNode, 1)} %, ` +
          `generator ${fmt(figures.cpu.generator, 1)} % (late ${fmt(figures.generator.latePct, 2)} %, ` +
          `event-loop delay p99 ${fmt(figures.generator.loopDelayP99Ms)} ms), ingest loss ${fmt(figures.ingestLossPct, 2)} %, ` +
          `routers per worker ${figures.routersPerWorker.join('/')}, set up in ${fmt(figures.setupSeconds, 1)} s` +
          (figures.cpu.recordingFfmpeg === undefined
            ? ''
            : `, recording ffmpeg ${fmt(figures.cpu.recordingFfmpeg, 1)} % (${figures.recordingFfmpegProcesses} processes), ` +
              `other children ${fmt(figures.cpu.otherChildren, 1)} %`),
      );
    }
    steps.push(result);
  }
  const summary = summarize(steps, options.lossThresholdPct);
  if (steps.length > 0) {
    log('');
    log(resultsTable(steps, options.participants));
    log('');
    for (const line of summaryLines(summary, steps, options.participants, options.lossThresholdPct)) log(line);
  }

  let orders: OrderFigures | undefined;
  if (options.orders > 0 && env && api && orderHearing) {
    log(
      `\nspecial-measures orders: ${options.orders} rounds of a screen order made and revoked in a live hearing ` +
        `(the judge and ${options.orderWitnesses} witnesses)...`,
    );
    const host = await startPlatformHost(run, env, 'orders');
    try {
      orders = await runOrderChanges({
        apiUrl: api.url,
        redisUrl: env.redisUrl,
        hearing: orderHearing,
        password: BENCH_PASSWORD,
        rounds: options.orders,
        clips,
        decrypt: options.decrypt,
        warmupSeconds: options.warmupSeconds,
        mediaLog: relative(process.cwd(), host.log) || host.log,
        log,
      });
    } finally {
      await host.stop();
    }
    log('');
    log(ordersTable(orders));
  }

  let joins: JoinFigures | undefined;
  if (options.joins > 0 && env && api && joinHearing) {
    log(`\nChromium join-to-first-frame: ${options.joins} witnesses join a live hearing one after the other...`);
    const host = await startPlatformHost(run, env, 'joins');
    try {
      joins = await runChromiumJoins({
        root: ROOT,
        apiUrl: api.url,
        hearing: joinHearing,
        password: BENCH_PASSWORD,
        joins: options.joins,
        log,
      });
    } finally {
      await host.stop();
    }
    log('');
    log(joinsTable(joins));
  }

  let protection: ProtectionFigures | undefined;
  if (options.protection > 0 && env && api && protectionHearing) {
    log(
      `\nChromium protection latencies: ${options.protection} rounds of a screen from the defendant lifted and made again, ` +
        `and the witness asking for a break (load average ${loadAverage()})...`,
    );
    const host = await startPlatformHost(run, env, 'protection');
    try {
      protection = await runChromiumProtection({
        root: ROOT,
        apiUrl: api.url,
        hearing: protectionHearing,
        password: BENCH_PASSWORD,
        rounds: options.protection,
        mediaLog: relative(process.cwd(), host.log) || host.log,
        log,
      });
    } finally {
      await host.stop();
    }
    log('');
    log(protectionTable(protection));
  }

  await api?.stop();
  const loadAfter = loadAverage();
  log(
    `\nload average before ${loadBefore}, after ${loadAfter}; ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s in all; ` +
      `logs in ${relative(process.cwd(), logDir) || logDir}`,
  );
  log(
    `BENCH_SFU_JSON ${JSON.stringify({
      startedAt: startedAt.toISOString(),
      machine: { cores: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      options: { ...options, databaseUrl: undefined, redisUrl: undefined, help: undefined },
      load: {
        audio: { codec: 'opus', kbps: clips.audio.kbps, pps: clips.audio.packetsPerSecond },
        video: { codec: 'vp8', ...options.video, measuredKbps: clips.video.kbps, pps: clips.video.packetsPerSecond },
        transport: 'WebRTC (ICE-lite, DTLS, SRTP) over UDP on 127.0.0.1 from werift peers, on both sides',
      },
      steps,
      summary: steps.length > 0 ? summary : undefined,
      orders: orders && { ...orders, samples: orders.samples.map(tenthsOfMs) },
      joins,
      protection,
    })}`,
  );
}

/** A round's intervals to 0.1 ms, for the JSON line. */
function tenthsOfMs<T extends object>(sample: T): T {
  return Object.fromEntries(Object.entries(sample).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 10) / 10 : v])) as T;
}

stopOnSignals();

main()
  .then(() => cleanUpAll())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    // Interrupted: whatever failed failed because its processes were being stopped; the signal
    // handler finishes the clean-up and exits.
    if (stopping()) return;
    console.error(error instanceof Error ? error.stack : error);
    await cleanUpAll();
    process.exit(1);
  });

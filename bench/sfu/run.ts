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
 * 2. Join-to-first-frame in Debian's Chromium (fake camera and microphone): K witnesses join a
 *    live hearing whose judge (also Chromium) is sending; p50/p95 of the time from the judge's
 *    Admit click to the witness's first decoded frame, and from opening the link to that frame.
 *
 * Prints a table and one JSON line (prefixed "BENCH_SFU_JSON "). Never part of the tests.
 *
 *   ./ejustice bench sfu [--hearings 2,4,6] [--participants 4] [--joins 20] ...   (--help for all)
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { version as mediasoupVersion } from 'mediasoup';
import { dropDatabase, migrateUp } from '../../scripts/migrate';
import { bareSide } from './bare-side';
import { runChromiumJoins, type JoinFigures } from './chromium-joins';
import { type RunningLoad, startLoad } from './load';
import { type SideFigures, measureWindow } from './measure';
import { type BenchOptions, USAGE, parseOptions } from './options';
import { platformSide } from './platform-side';
import { mediaNodeEnvironment, platformEnvironment, startApi, type PlatformEnvironment, type RunningApi } from './platform-stack';
import { loadAverage } from './proc-cpu';
import { HostProcess, cleanUpAll } from './processes';
import { type RtpClip, recordClip } from './rtp-clip';
import { BENCH_PASSWORD, type SeededHearing, seedHearings } from './seed';
import { type Summary, fmt, formatTable, ratio } from './statistics';

const ROOT = resolve(__dirname, '../../..');
const log = (line: string) => console.log(line);

interface StepResult {
  readonly hearings: number;
  readonly platform?: SideFigures;
  readonly bare?: SideFigures;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function summaryRow(label: string, s: Summary): string[] {
  return [label, ...[s.count, s.min, s.p50, s.p95, s.max].map((v) => fmt(v))];
}

function describeLoad(options: BenchOptions, clips: Record<'audio' | 'video', RtpClip>): string[] {
  const v = options.video;
  return [
    `load per participant: sends Opus ${fmt(clips.audio.kbps)} kbit/s (${fmt(clips.audio.packetsPerSecond)} pkt/s) and VP8 ${v.width}x${v.height}@${v.fps} ` +
      `${fmt(clips.video.kbps)} kbit/s (${fmt(clips.video.packetsPerSecond)} pkt/s), one ffmpeg encoding of ${options.clipSeconds} s replayed in a loop ` +
      `(own sequence numbers, timestamps and start phase per sender, the same on both sides);`,
    `  receives every other participant's audio and video: ${options.participants - 1} x 2 consumers, NACK + PLI, no transport-cc, no simulcast.`,
    `path on both sides: werift peers <-> mediasoup WebRtcTransport over the worker's WebRtcServer, UDP on 127.0.0.1, ICE-lite + DTLS + SRTP;`,
    `  one router per hearing, ${options.workers} worker(s) per side, consumers created paused and resumed on the receiver's acknowledgement.`,
    `platform: api (tickets, one-time links) + media node (socket.io signalling, Room, media-policy, active-speaker observer, health sampling every 2 s),`,
    `  the judge opens the sitting and admits each witness, who unmutes. bare: the same mediasoup calls from a plain script, nothing else.`,
  ];
}

function printResults(steps: readonly StepResult[], options: BenchOptions): void {
  const header = [
    'step',
    'side',
    'consumers',
    'fwd pkt/s',
    'fwd Mbit/s',
    'recv pkt/s',
    'loss %',
    'ingest %',
    'workers CPU%',
    'node CPU%',
    'CPU%/kpps',
    'gen CPU%',
    'gen late%',
    'machine%',
  ];
  const rows: string[][] = [];
  for (const s of steps) {
    const label = `${s.hearings}x${options.participants}`;
    for (const f of [s.platform, s.bare]) {
      if (!f) continue;
      rows.push([
        label,
        f.side,
        `${f.consumersForwarding}/${f.consumers}`,
        fmt(f.forwardedPps),
        fmt(f.forwardedMbps, 1),
        fmt(f.receivedPps),
        fmt(f.receiverLossPct, 2),
        fmt(f.ingestLossPct, 2),
        fmt(f.cpu.workers, 1),
        fmt(f.cpu.sfuNode, 1),
        fmt(f.workerCpuPerKpps, 2),
        fmt(f.cpu.generator, 1),
        fmt(f.generator.latePct, 2),
        fmt(f.cpu.machine, 0),
      ]);
    }
    if (s.platform && s.bare) {
      const p = s.platform;
      const b = s.bare;
      rows.push([
        label,
        'ratio p÷b',
        fmt(ratio(p.consumersForwarding, b.consumersForwarding), 2),
        fmt(ratio(p.forwardedPps, b.forwardedPps), 2),
        fmt(ratio(p.forwardedMbps, b.forwardedMbps), 2),
        fmt(ratio(p.receivedPps, b.receivedPps), 2),
        fmt(ratio(p.receiverLossPct, b.receiverLossPct), 2),
        fmt(ratio(p.ingestLossPct, b.ingestLossPct), 2),
        fmt(ratio(p.cpu.workers, b.cpu.workers), 2),
        fmt(ratio(p.cpu.sfuNode, b.cpu.sfuNode), 2),
        fmt(ratio(p.workerCpuPerKpps, b.workerCpuPerKpps), 2),
        fmt(ratio(p.cpu.generator, b.cpu.generator), 2),
        '',
        '',
      ]);
    }
  }
  log('');
  log(formatTable(header, rows));
  log('');
  log(
    'consumers: forwarding (packet count rose in the window) / created.  fwd: mediasoup consumer counters.  recv: at the werift receivers.',
  );
  log("loss: end to end by the receivers' sequence numbers (RFC 3550 accounting).  ingest: what mediasoup saw missing from the senders.");
  log(
    "CPU: % of one core over the window (/proc/<pid>/stat): mediasoup workers, the SFU's Node process, the load generator (this process);",
  );
  log("  CPU%/kpps: workers CPU per 1,000 forwarded packets/s.  machine: all cores, anyone's work (100 = every core busy).");
  log('  ratio p÷b: "–" where the bare figure is 0.  gen late%: share of packets the generator sent more than 20 ms late.');
}

function carried(steps: readonly StepResult[], side: 'platform' | 'bare', threshold: number): SideFigures | undefined {
  return steps
    .map((s) => s[side])
    .filter((f): f is SideFigures => f !== undefined && f.receiverLossPct <= threshold && f.consumersForwarding === f.consumers)
    .sort((a, b) => b.consumersForwarding - a.consumersForwarding)[0];
}

async function platformStep(
  env: PlatformEnvironment,
  api: RunningApi,
  hearings: readonly SeededHearing[],
  options: BenchOptions,
  clips: Record<'audio' | 'video', RtpClip>,
  seed: number,
  nodeId: string,
): Promise<SideFigures> {
  const host = await HostProcess.start(
    'platform media node',
    join(__dirname, 'platform-host.js'),
    await mediaNodeEnvironment(env, { nodeId, workers: options.workers, rtcPortBase: options.rtcPortBase }),
  );
  let load: RunningLoad | undefined;
  try {
    load = await startLoad(
      platformSide(api.url, hearings, BENCH_PASSWORD),
      { hearings: hearings.length, participants: options.participants, seed, clips, decrypt: options.decrypt },
      log,
    );
    await sleep(options.warmupSeconds * 1000);
    return await measureWindow({
      side: 'platform',
      host,
      load,
      hearings: hearings.length,
      participantsPerHearing: options.participants,
      seconds: options.durationSeconds,
    });
  } finally {
    await load?.close();
    await host.stop();
  }
}

async function bareStep(
  hearings: number,
  options: BenchOptions,
  clips: Record<'audio' | 'video', RtpClip>,
  seed: number,
  workerBin: string,
): Promise<SideFigures> {
  const host = await HostProcess.start('bare mediasoup', join(__dirname, 'bare-host.js'), {
    ...process.env,
    MEDIASOUP_WORKER_BIN: workerBin,
    BENCH_WORKERS: String(options.workers),
    BENCH_RTC_PORT_BASE: String(options.rtcPortBase + 20),
  });
  let load: RunningLoad | undefined;
  try {
    load = await startLoad(
      bareSide(host, `step${seed}`),
      { hearings, participants: options.participants, seed, clips, decrypt: options.decrypt },
      log,
    );
    await sleep(options.warmupSeconds * 1000);
    return await measureWindow({
      side: 'bare',
      host,
      load,
      hearings,
      participantsPerHearing: options.participants,
      seconds: options.durationSeconds,
    });
  } finally {
    await load?.close();
    await host.stop();
  }
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
  const deadline = setTimeout(() => {
    console.error(`\nThe run reached its bound of ${options.maxMinutes} minutes (--max-minutes): stopping.`);
    void cleanUpAll().finally(() => process.exit(2));
  }, options.maxMinutes * 60_000);
  deadline.unref();

  const startedAt = new Date();
  const loadBefore = loadAverage();
  log(
    `SFU benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadBefore}, Node ${process.version}, mediasoup ${mediasoupVersion}`,
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

  const runTag = randomBytes(3).toString('hex');
  let env: PlatformEnvironment | undefined;
  let api: RunningApi | undefined;
  const seededSteps: SeededHearing[][] = [];
  let joinHearing: SeededHearing | undefined;
  if (options.sides.includes('platform') || options.joins > 0) {
    log(`preparing ${options.databaseUrl.replace(/\/\/[^@]*@/, '//')} (dropped and migrated) and the api...`);
    await dropDatabase(options.databaseUrl);
    await migrateUp(options.databaseUrl);
    if (options.sides.includes('platform')) {
      for (const n of options.hearings) seededSteps.push(await seedHearings(options.databaseUrl, n, options.participants - 1));
    }
    if (options.joins > 0) [joinHearing] = await seedHearings(options.databaseUrl, 1, options.joins);
    env = platformEnvironment(ROOT, options.databaseUrl, options.redisUrl, workerBin);
    api = await startApi(env);
  }

  const steps: StepResult[] = [];
  for (const [i, n] of (options.sides.length > 0 ? options.hearings : []).entries()) {
    const consumers = n * options.participants * (options.participants - 1) * 2;
    log(`\nstep ${i + 1}/${options.hearings.length}: ${n} hearings x ${options.participants} participants = ${consumers} consumers`);
    // Alternate which side goes first, so a drift in the machine's load does not favour one side.
    const order: ('platform' | 'bare')[] = i % 2 === 0 ? ['platform', 'bare'] : ['bare', 'platform'];
    const result: { hearings: number; platform?: SideFigures; bare?: SideFigures } = { hearings: n };
    const seed = i + 1;
    for (const side of order.filter((s) => options.sides.includes(s))) {
      const figures =
        side === 'platform' && env && api
          ? await platformStep(env, api, seededSteps[i], options, clips, seed, `bench-sfu-${runTag}-${i}`)
          : await bareStep(n, options, clips, seed, workerBin);
      result[side] = figures;
      log(
        `  ${side}: ${figures.consumersForwarding}/${figures.consumers} consumers forwarding, ${fmt(figures.forwardedPps)} pkt/s, ` +
          `loss ${fmt(figures.receiverLossPct, 2)} %, workers ${fmt(figures.cpu.workers, 1)} % CPU, node ${fmt(figures.cpu.sfuNode, 1)} %, ` +
          `generator ${fmt(figures.cpu.generator, 1)} % (late ${fmt(figures.generator.latePct, 2)} %), routers per worker ${figures.routersPerWorker.join('/')}`,
      );
    }
    steps.push(result);
  }
  if (steps.length > 0) printResults(steps, options);

  const summary: Record<string, unknown> = {};
  const p = carried(steps, 'platform', options.lossThresholdPct);
  const b = carried(steps, 'bare', options.lossThresholdPct);
  if (steps.length > 0) {
    log('');
    log(
      `carried with every consumer forwarding and at most ${options.lossThresholdPct} % loss: platform ${p ? `${p.consumers} consumers (${p.hearings}x${options.participants})` : 'no step'}, ` +
        `bare ${b ? `${b.consumers} consumers (${b.hearings}x${options.participants})` : 'no step'}` +
        (p && b ? `, ratio ${fmt(ratio(p.consumers, b.consumers), 2)}` : ''),
    );
    summary.carriedConsumers = { platform: p?.consumers ?? null, bare: b?.consumers ?? null };
  }

  let joins: JoinFigures | undefined;
  if (options.joins > 0 && env && api && joinHearing) {
    log(`\nChromium join-to-first-frame: ${options.joins} witnesses join a live hearing one after the other...`);
    const host = await HostProcess.start(
      'platform media node',
      join(__dirname, 'platform-host.js'),
      await mediaNodeEnvironment(env, { nodeId: `bench-sfu-${runTag}-joins`, workers: options.workers, rtcPortBase: options.rtcPortBase }),
    );
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
    log(
      formatTable(
        ['interval (ms)', 'n', 'min', 'p50', 'p95', 'max'],
        [
          summaryRow('admit click -> first frame', joins.admitToFrame),
          summaryRow('admit click -> first video packet', joins.admitToPacket),
          summaryRow('open link -> first frame', joins.openToFrame),
        ],
      ),
    );
    log(joins.definition);
  }

  await api?.stop();
  const loadAfter = loadAverage();
  log(`\nload average before ${loadBefore}, after ${loadAfter}; ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s in all.`);
  log(
    `BENCH_SFU_JSON ${JSON.stringify({
      startedAt: startedAt.toISOString(),
      machine: { cores: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      options: { ...options, databaseUrl: undefined, redisUrl: undefined, help: undefined },
      load: {
        audio: { codec: 'opus', kbps: clips.audio.kbps, pps: clips.audio.packetsPerSecond },
        video: { codec: 'vp8', ...options.video, measuredKbps: clips.video.kbps, pps: clips.video.packetsPerSecond },
        transport: 'WebRTC (ICE-lite, DTLS, SRTP) over UDP 127.0.0.1, werift peers, both sides',
      },
      steps,
      summary,
      joins,
    })}`,
  );
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping and cleaning up...`);
    void cleanUpAll().finally(() => process.exit(130));
  });
}

main()
  .then(() => cleanUpAll())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    await cleanUpAll();
    process.exit(1);
  });

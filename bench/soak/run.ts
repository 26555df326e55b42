/*
 * Soak (issue 12, R8): N hearings x M participants with audio and video through the platform for
 * a while, with joins, leaves, mutes and special-measures orders going on. In one run:
 *
 * 1. Its own database (dropped and migrated) and a redis-server of its own on a free port (or the
 *    Redis database --redis-url names, flushed); the api and one media node (MEDIA_NUM_WORKERS,
 *    production settings, METRICS_TOKEN set) as child processes.
 * 2. Each hearing is set up as a sitting begins (soak-hearing.ts): the judge, the witness, counsel,
 *    the gallery and the supporter, werift peers on the lean media path of bench/sfu (one ffmpeg
 *    encoding replayed as every microphone and camera; receivers count RTP by sequence number
 *    without decoding), all sending Opus and VP8 but the gallery.
 * 3. `--minutes` of churn in every hearing at once; after each action every client must hold
 *    exactly the consumers the media policy allows. Every `--sample` seconds: memory, CPU,
 *    consumers, loss, errors (sampler.ts).
 * 4. The sittings are closed; the figures and the verdict are printed, with one JSON line
 *    (prefixed "BENCH_SOAK_JSON "). Exit 0 only with 0 errors, loss below --max-loss and every
 *    memory series flat (report.ts, figures.ts).
 *
 * The processes' logs go to bench/out/soak-<time>/. Bounded by --max-minutes; Ctrl-C stops every
 * process it started. Never part of the tests.
 *
 *   ./ejustice bench soak [--hearings 10] [--participants 6] [--minutes 10] ...   (--help for all)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { version as mediasoupVersion } from 'mediasoup';
import { dropDatabase, migrateUp } from '../../scripts/migrate';
import { type RunningApi, platformEnvironment, startApi } from '../sfu/platform-stack';
import { loadAverage } from '../sfu/proc-cpu';
import { cleanUpAll, onCleanup, stopAfter, stopOnSignals, stopping } from '../sfu/processes';
import { recordClip } from '../sfu/rtp-clip';
import { RtpReplayer, seededRandom } from '../sfu/rtp-replayer';
import { fmt } from '../sfu/statistics';
import { ownRedis } from '../support/redis-server';
import { ErrorLedger } from './error-ledger';
import { soakVerdict, summariseLoss } from './figures';
import { USAGE, parseOptions } from './options';
import { LogFollower, type RunningMediaNode, startMediaNode } from './platform';
import {
  churnLine,
  convergeLine,
  lossBySource,
  lossLine,
  meanCpu,
  memoryFigures,
  memoryTable,
  sampleLine,
  sumCounts,
  verdictLine,
  worstLossLine,
} from './report';
import { describeRoster, roster } from './roster';
import { type Sample, Sampler } from './sampler';
import { SOAK_PASSWORD, seedHearings } from './seed';
import { SoakApi } from './soak-api';
import { SoakHearing } from './soak-hearing';

const ROOT = resolve(__dirname, '../../..');
/** A sample with the machine this busy (its CPU time over the interval, anyone's) was disturbed by others' work too. */
const MACHINE_BUSY_PCT = 90;
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const workerBin = process.env.MEDIASOUP_WORKER_BIN;
  if (!workerBin || !existsSync(workerBin)) {
    throw new Error(
      'MEDIASOUP_WORKER_BIN is not set: run through ./ejustice bench soak, or export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh | tail -n1)"',
    );
  }
  stopAfter(options.maxMinutes);

  const startedAt = new Date();
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const logDir = join(ROOT, 'bench/out', `soak-${startedAt.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(logDir, { recursive: true });
  const loadBefore = loadAverage();
  const seats = roster(options.participants);
  log(
    `Soak: ${options.hearings} hearings x ${options.participants} participants (${describeRoster(seats)}), ${options.minutes} min of churn ` +
      `(an action every ${options.churnSeconds.min}-${options.churnSeconds.max} s in each hearing); ${cpus().length} cores ` +
      `(${cpus()[0]?.model ?? 'unknown'}), load average ${loadBefore}, Node ${process.version}, mediasoup ${mediasoupVersion}`,
  );
  if (loadavg()[0] > 2) log(`note: the 1-minute load average is ${loadavg()[0].toFixed(2)}: other work shares the machine.`);

  log("encoding the participants' media once with ffmpeg...");
  const clipOptions = { video: { ...options.video, seconds: 10 }, audio: { kbps: options.audioKbps, seconds: 10 } };
  const clips = { audio: await recordClip('audio', clipOptions), video: await recordClip('video', clipOptions) };
  log(
    `  every sender: Opus ${fmt(clips.audio.kbps)} kbit/s (${fmt(clips.audio.packetsPerSecond)} packets/s) and VP8 ` +
      `${options.video.width}x${options.video.height}@${options.video.fps} ${fmt(clips.video.kbps)} kbit/s (${fmt(clips.video.packetsPerSecond)} packets/s), replayed`,
  );

  const redis = await ownRedis(options.redisUrl);
  onCleanup(() => redis.stop());
  log(
    `preparing ${options.databaseUrl.replace(/\/\/[^@]*@/, '//')} (dropped and migrated) and ` +
      `${redis.own ? `a redis-server of its own (${redis.url})` : `${redis.url} (flushed)`}...`,
  );
  await dropDatabase(options.databaseUrl);
  await migrateUp(options.databaseUrl);
  if (!redis.own) {
    // A Redis the operator named: its database is the soak's, emptied as its own would be.
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    await client.flushdb();
    await client.quit();
  }
  const seeded = await seedHearings(options.databaseUrl, options.hearings, seats);

  // Both processes serve /metrics to the holder of this token (common() passes the environment on).
  const metricsToken = randomBytes(24).toString('hex');
  process.env.METRICS_TOKEN = metricsToken;
  const env = platformEnvironment(ROOT, options.databaseUrl, redis.url, workerBin);
  const api: RunningApi = await startApi(env, join(logDir, 'api.log'));
  const media: RunningMediaNode = await startMediaNode(
    env,
    { nodeId: `soak-${randomBytes(3).toString('hex')}`, workers: options.workers, rtcPortBase: options.rtcPortBase },
    join(logDir, 'media-node.log'),
  );
  log(`api ${api.url} (pid ${api.child.pid}), media node ${media.url} (pid ${media.child.pid}, ${options.workers} mediasoup workers)`);

  const ledger = new ErrorLedger(now, log);
  const soakApi = new SoakApi(api.url, ledger);
  const replayer = new RtpReplayer();
  replayer.start();
  const hearings = seeded.map(
    (s) =>
      new SoakHearing(
        {
          api: soakApi,
          ledger,
          replayer,
          clips,
          password: SOAK_PASSWORD,
          churnSeconds: options.churnSeconds,
          random: seededRandom(options.seed * 1_000_003 + s.index * 7919 + 1),
          now,
          log,
        },
        s,
      ),
  );
  const sampler = new Sampler({
    media,
    api,
    metricsToken,
    participants: () => hearings.flatMap((h) => h.participants),
    replayer,
    ledger,
    logs: { media: new LogFollower(join(logDir, 'media-node.log')), api: new LogFollower(join(logDir, 'api.log')) },
    now,
  });
  const samples: Sample[] = [];
  let phase: Sample['phase'] = 'set-up';
  let sampling = true;
  const samplingDone = (async () => {
    while (sampling) {
      const s = await sampler.sample(phase);
      samples.push(s);
      log(sampleLine(s));
      const due = s.atSeconds * 1000 + options.sampleSeconds * 1000;
      while (sampling && now() < due) await sleep(Math.min(100, due - now()));
    }
  })();

  log(`\nsetting up ${options.hearings} hearings, one after the other...`);
  const setupStarted = now();
  for (const h of hearings) {
    const started = now();
    try {
      await h.setUp();
    } catch (error) {
      ledger.caught('action', error, `${h.where}: set-up`);
    }
    log(`  ${h.where} set up in ${fmt((now() - started) / 1000, 1)} s`);
  }
  const setupSeconds = (now() - setupStarted) / 1000;

  const churnStart = now();
  phase = 'churn';
  log(`\nchurn for ${options.minutes} min in every hearing at once...`);
  await Promise.all(hearings.map((h) => h.churn(churnStart + options.minutes * 60_000)));
  // The last actions may end a little after the time: the measurement ends with them.
  const remaining = churnStart + options.minutes * 60_000 - now();
  if (remaining > 0) await sleep(remaining);
  sampling = false;
  await samplingDone;
  const last = await sampler.sample('churn');
  samples.push(last);
  log(sampleLine(last));
  const churnSeconds = (now() - churnStart) / 1000;

  log('\nclosing the sittings...');
  for (const h of hearings) await h.end();
  replayer.stop();
  // What the logs gained while the sittings closed.
  await sleep(1000);
  const closing = await sampler.sample('churn');
  sampler.stop();
  await media.stop();
  await api.stop();

  // --- figures ------------------------------------------------------------------------------
  const participants = hearings.flatMap((h) => h.participants);
  const loss = summariseLoss(participants.map((p) => p.tally()));
  const churnSamples = samples.filter((s) => s.phase === 'churn');
  const churnStartSeconds = churnStart / 1000;
  const warmupSeconds = Math.min(options.memoryWarmupSeconds, churnSeconds / 4);
  const memory = memoryFigures(churnSamples, churnStartSeconds, warmupSeconds, options.maxGrowthMbPerMin);
  const counts = sumCounts(hearings.map((h) => h.counts));
  const verdict = soakVerdict({ errors: ledger.total, loss, maxLossPct: options.maxLossPct, memory: memory.filter((m) => m.judged) });
  const cpu = meanCpu(churnSamples.slice(1));
  const consumers = churnSamples.map((s) => s.media.consumers).filter(Number.isFinite);
  const loadAfter = loadAverage();
  const lateSamples = churnSamples.filter((s) => s.generator.latePct > 1).length;

  log('');
  log(
    `duration: ${fmt(churnSeconds)} s of churn (set-up ${fmt(setupSeconds)} s before it), ${options.hearings} hearings x ${options.participants} participants`,
  );
  log(
    `consumers on the media node during the churn: min ${fmt(Math.min(...consumers))}, max ${fmt(Math.max(...consumers))} ` +
      `(node gauge, every ${options.sampleSeconds} s); api requests: ${soakApi.answered.ok} ok, ${soakApi.answered.clientError} 4xx, ${soakApi.answered.serverError} 5xx`,
  );
  log(churnLine(counts, options.hearings * options.participants));
  log(convergeLine(hearings.flatMap((h) => h.convergeMs)));
  log(`errors: ${ledger.total}${ledger.total === 0 ? '' : ':'}`);
  for (const k of ledger.byKind()) {
    log(`  ${k.count} ${k.label}`);
    for (const e of k.examples) log(`    ${e}`);
  }
  log(lossLine(loss));
  const labelOf = new Map(hearings.flatMap((h) => h.participants.map((p) => [p.id, `${h.where} ${p.label}`] as const)));
  const bySource = lossBySource(participants.map((p) => ({ bySource: p.tallyBySource() })));
  for (const line of [
    worstLossLine(
      'at the receivers',
      participants.map((p) => ({ name: labelOf.get(p.id) ?? p.id, tally: p.tally() })),
    ),
    worstLossLine(
      'by sender',
      [...bySource].map(([id, tally]) => ({ name: labelOf.get(id) ?? id, tally })),
    ),
  ])
    if (line) log(line);
  const drops = churnSamples.reduce((d, s) => ({ load: d.load + s.udpDrops.load, workers: d.workers + s.udpDrops.workers }), {
    load: 0,
    workers: 0,
  });
  log(
    `  UDP datagrams dropped at full receive buffers during the churn: ${drops.workers} at the mediasoup workers' sockets, ` +
      `${drops.load} at the load generator's (a process that did not get the CPU in time)`,
  );
  log(
    `memory: least-squares trend over the churn after its first ${fmt(warmupSeconds)} s (heap and external: of each minute's lowest value); ` +
      `a series grows if its slope is above ${options.maxGrowthMbPerMin} MB/min and its 95 % interval lies above 0, and is flat ` +
      `(within noise) otherwise; a Node process's RSS is shown, not judged: it follows the heap V8 commits, which it grows and ` +
      `gives back in steps minutes apart`,
  );
  log(memoryTable(memory));
  log(
    `cpu during the churn (mean, % of one core): media node ${fmt(cpu.mediaNode)}, mediasoup workers ${fmt(cpu.workers)}, api ${fmt(cpu.api)}, ` +
      `load generator (this process) ${fmt(cpu.runner)}; machine ${fmt(cpu.machine)} % of ${cpus().length} cores (anyone's work)`,
  );
  const busy = churnSamples.filter((s) => s.cpu.machine >= MACHINE_BUSY_PCT);
  const lostInChurn = churnSamples.reduce((n, s) => n + s.loss.lost, 0);
  const lostWhenBusy = busy.reduce((n, s) => n + s.loss.lost, 0);
  log(
    `machine: ${busy.length} of ${churnSamples.length} samples with the machine at least ${MACHINE_BUSY_PCT} % busy (anyone's work), ` +
      `holding ${fmt(lostInChurn > 0 ? (lostWhenBusy / lostInChurn) * 100 : 0)} % of the packets lost; load generator: ${lateSamples} samples ` +
      `with over 1 % of packets sent more than 20 ms late; load average before ${loadBefore}, after ${loadAfter}`,
  );
  log(verdictLine(verdict));
  log(`logs in ${relative(process.cwd(), logDir) || logDir}`);
  log(
    `BENCH_SOAK_JSON ${JSON.stringify({
      startedAt: startedAt.toISOString(),
      machine: { cores: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      options: { ...options, databaseUrl: undefined, redisUrl: undefined, help: undefined },
      roster: seats.map((s) => s.label),
      setupSeconds,
      churnSeconds,
      counts,
      errors: { total: ledger.total, byKind: ledger.byKind() },
      loss,
      lossByReceiver: participants.map((p) => ({ participant: labelOf.get(p.id), ...p.tally() })),
      lossBySender: [...bySource].map(([id, t]) => ({ participant: labelOf.get(id), ...t })),
      udpDrops: drops,
      memory,
      cpu,
      verdict,
      samples: [...samples, closing],
    })}`,
  );
  return verdict.pass ? 0 : 1;
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

stopOnSignals();

main()
  .then(async (code) => {
    await cleanUpAll();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    if (stopping()) return;
    console.error(describeError(error));
    await cleanUpAll();
    process.exit(1);
  });

/*
 * Cascading benchmark (issue 14): one large hearing, the same load twice through the real api and
 * real media nodes (dist/bench/sfu/platform-host.js, each its own process with its own mediasoup
 * workers):
 *   - "one node":  every participant on node A;
 *   - "cascade":   node A carries the hearing (its origin) and serves the first `--after` viewers;
 *                  the others get their receiving transport on node B, the hearing's producers
 *                  piped there (apps/media/src/cascade).
 * The load: `--speakers` participants (the judge and witnesses by link) each sending the clip's
 * Opus and VP8 from werift peers, and `--viewers` members of the public gallery (observers by
 * link, receive-only) each receiving every speaker. Per mode: consumers offered and forwarding,
 * packets/s received, loss by the receivers' sequence numbers, CPU per node (its mediasoup
 * workers, its Node process), the load generator's and the machine's. Prints figures; never part
 * of the tests.
 *
 *   ./ejustice bench cascade [--speakers 3] [--viewers 24] [--after 12] [--seconds 20] [--warmup 5] [--workers 1]
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import type { JoinTicket, TransportOptions } from '@ejustice/hearings/signalling/signalling-messages';
import { dropDatabase, migrateUp } from '../../scripts/migrate';
import { apiCall, issueLink, signIn } from '../sfu/platform-side';
import { type PlatformEnvironment, mediaNodeEnvironment, platformEnvironment, startApi } from '../sfu/platform-stack';
import { loadAverage, startCpuWindow } from '../sfu/proc-cpu';
import { HostProcess, cleanUpAll, onCleanup, stopOnSignals, stopping } from '../sfu/processes';
import { type RtpClip, recordClip } from '../sfu/rtp-clip';
import { type ReplayStream, RtpReplayer, seededRandom } from '../sfu/rtp-replayer';
import { BENCH_PASSWORD, type SeededHearing, seedHearings } from '../sfu/seed';
import { SignallingClient } from '../sfu/signalling-client';
import { fmt, formatTable, windowLoss } from '../sfu/statistics';
import { LOAD_RECEIVER_RTP_CAPABILITIES, type OfferedConsumer, type ReceivePeer, openReceivePeer, openSendPeer } from '../sfu/werift-peers';
import { ownRedis } from '../support/redis-server';

const ROOT = resolve(__dirname, '../../..');
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KINDS = ['audio', 'video'] as const;
/** Worker i of node A listens on this + i, of node B on this + 10 + i: below Linux's ephemeral range (32768–60999), so no outgoing connection holds them. */
const RTC_PORT_BASE = 31_400;

interface Options {
  speakers: number;
  viewers: number;
  after: number;
  seconds: number;
  warmup: number;
  workers: number;
  databaseUrl: string;
  /** BENCH_REDIS_URL; unset: a redis-server of the run's own on a free port. */
  redisUrl: string | undefined;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      speakers: { type: 'string', default: '3' },
      viewers: { type: 'string', default: '24' },
      after: { type: 'string' },
      seconds: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '5' },
      workers: { type: 'string', default: '1' },
    },
  });
  const int = (name: string, raw: string | undefined, min: number, max: number): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return n;
  };
  const viewers = int('viewers', values.viewers, 2, 500);
  return {
    speakers: int('speakers', values.speakers, 1, 20),
    viewers,
    after: int('after', values.after ?? String(Math.floor(viewers / 2)), 0, viewers),
    seconds: int('seconds', values.seconds, 5, 600),
    warmup: int('warmup', values.warmup, 0, 120),
    workers: int('workers', values.workers, 1, 16),
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ejustice_bench_cascade',
    redisUrl: process.env.BENCH_REDIS_URL || undefined,
  };
}

/** The hearing's public gallery, as the clerk would list it: observers who join by link. */
async function addObservers(databaseUrl: string, hearingId: string, count: number): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const r = await db.query(
        `INSERT INTO hearing_participants (hearing_id, hearing_role, display_name) VALUES ($1, 'observer', $2) RETURNING id`,
        [hearingId, `Gallery ${i + 1}`],
      );
      ids.push(r.rows[0].id);
    }
    return ids;
  } finally {
    await db.end();
  }
}

interface Viewer {
  readonly client: SignallingClient;
  readonly consumers: readonly OfferedConsumer[];
  readonly receiver: ReceivePeer;
  /** The node its receiving transport is on, by the port of its ICE candidate. */
  readonly node: 'A' | 'B';
}

interface ModeFigures {
  readonly mode: string;
  readonly viewersOn: { A: number; B: number };
  readonly consumers: number;
  readonly forwarding: number;
  readonly receivedPps: number;
  readonly lossPct: number;
  /** Loss of the viewers served by each node. */
  readonly lossPctOn: { A: number; B: number };
  readonly cpu: Record<string, number>;
  readonly machinePct: number;
}

async function enter(apiUrl: string, hearingId: string, bearer: string): Promise<SignallingClient> {
  const ticket = await apiCall<JoinTicket>(apiUrl, 'POST', `/api/hearings/${hearingId}/join-ticket`, undefined, bearer);
  const client = await SignallingClient.connect(ticket.mediaUrl, ticket.ticket, hearingId);
  onCleanup(() => client.close());
  await client.call('getRouterRtpCapabilities');
  await client.call('join', { rtpCapabilities: LOAD_RECEIVER_RTP_CAPABILITIES });
  return client;
}

async function byLink(apiUrl: string, judgeToken: string, hearingId: string, participantId: string): Promise<SignallingClient> {
  const token = await issueLink(apiUrl, judgeToken, hearingId, participantId);
  const { sessionToken } = await apiCall<{ sessionToken: string }>(apiUrl, 'POST', '/api/hearing-links/exchange', { token });
  return enter(apiUrl, hearingId, sessionToken);
}

function nodeOf(transport: TransportOptions, workers: number): 'A' | 'B' {
  const port = transport.iceCandidates[0]?.port ?? 0;
  return port >= RTC_PORT_BASE + 10 && port < RTC_PORT_BASE + 10 + workers ? 'B' : 'A';
}

async function runMode(input: {
  mode: 'one node' | 'cascade';
  options: Options;
  env: PlatformEnvironment;
  apiUrl: string;
  hearing: SeededHearing;
  observerIds: readonly string[];
  clips: Readonly<Record<'audio' | 'video', RtpClip>>;
  logDir: string;
  tag: string;
}): Promise<ModeFigures> {
  const { options, env, apiUrl, hearing, mode } = input;
  const after = mode === 'cascade' ? options.after : 100_000;
  const startNode = async (name: 'A' | 'B') =>
    HostProcess.start(
      `media node ${name}`,
      join(ROOT, 'dist/bench/sfu/platform-host.js'),
      {
        ...(await mediaNodeEnvironment(env, {
          nodeId: `bench-cascade-${input.tag}-${mode.replace(' ', '-')}-${name}`,
          workers: options.workers,
          rtcPortBase: RTC_PORT_BASE + (name === 'B' ? 10 : 0),
        })),
        MEDIA_CASCADE_AFTER_VIEWERS: String(after),
      },
      join(input.logDir, `media-${mode.replace(' ', '-')}-${name}.log`),
    );
  const nodeA = await startNode('A');
  let nodeB: HostProcess | undefined;
  const replayer = new RtpReplayer();
  const closers: (() => Promise<void> | void)[] = [];
  try {
    // The speakers: the judge (who opens the sitting, and so places the hearing on A, the only
    // node yet) and the witnesses, each sending the clip's Opus and VP8.
    const judgeToken = await signIn(apiUrl, hearing.judge.email, BENCH_PASSWORD);
    const judge = await enter(apiUrl, hearing.hearingId, judgeToken);
    await judge.call('openHearing');
    const speakers = [judge];
    for (const id of hearing.witnessIds) speakers.push(await byLink(apiUrl, judgeToken, hearing.hearingId, id));
    replayer.start();
    const streams = new Map<string, ReplayStream>();
    for (const [i, client] of speakers.entries()) {
      const transport = await client.call('createWebRtcTransport', { direction: 'send' });
      const peer = await openSendPeer(transport, KINDS, {
        connect: async (dtlsParameters) =>
          void (await client.call('connectWebRtcTransport', { transportId: transport.transportId, dtlsParameters })),
        produce: async (kind, rtpParameters) =>
          (
            await client.call('produce', {
              transportId: transport.transportId,
              source: kind === 'audio' ? 'microphone' : 'camera',
              kind,
              rtpParameters,
            })
          ).producerId,
      });
      closers.push(() => peer.close());
      for (const kind of KINDS)
        streams.set(
          peer.producerIds[kind] as string,
          replayer.add(input.clips[kind], peer.sinkFor(kind), seededRandom(i * 2 + (kind === 'audio' ? 1 : 2))),
        );
    }
    for (const [i, id] of hearing.witnessIds.entries()) {
      await judge.call('admit', { participantId: id });
      await speakers[i + 1].call('setMuted', { muted: false });
    }
    if (mode === 'cascade') nodeB = await startNode('B');

    // The gallery, one after the other: the first `after` on A, the others on B (cascade).
    const viewers: Viewer[] = [];
    const perViewer = speakers.length * KINDS.length;
    for (const id of input.observerIds) {
      const client = await byLink(apiUrl, judgeToken, hearing.hearingId, id);
      await judge.call('admit', { participantId: id });
      const transport = await client.call('createWebRtcTransport', { direction: 'recv' });
      await client.until(() => client.received('newConsumer').length >= perViewer, 30_000, 'every speaker offered');
      const consumers = client.received('newConsumer').map((c) => ({
        consumerId: c.consumerId,
        producerId: c.producerId,
        kind: c.kind,
        rtpParameters: c.rtpParameters,
      }));
      const receiver = await openReceivePeer(
        transport,
        consumers,
        {
          connect: async (dtlsParameters) =>
            void (await client.call('connectWebRtcTransport', { transportId: transport.transportId, dtlsParameters })),
        },
        { decrypt: false },
      );
      closers.push(() => receiver.close());
      for (const c of consumers) await client.call('resumeConsumer', { consumerId: c.consumerId });
      viewers.push({ client, consumers, receiver, node: nodeOf(transport, options.workers) });
    }
    log(`  ${mode}: ${speakers.length} speakers sending, ${viewers.length} viewers receiving; warming up ${options.warmup} s`);
    await sleep(options.warmup * 1000);

    const read = () =>
      viewers
        .flatMap((v) =>
          v.consumers.map((c) => ({ node: v.node, producerId: c.producerId, counter: v.receiver.counters.get(c.consumerId) })),
        )
        .map((r) => ({
          node: r.node,
          producerId: r.producerId,
          received: r.counter?.received ?? 0,
          highest: r.counter?.extendedHighest ?? -1,
        }));
    const sent = () => new Map([...streams].map(([id, s]) => [id, s.sent]));
    const groups = [
      { label: 'A workers', pids: nodeA.ready.workerPids },
      { label: 'A node', pids: [nodeA.child.pid ?? -1] },
      ...(nodeB
        ? [
            { label: 'B workers', pids: nodeB.ready.workerPids },
            { label: 'B node', pids: [nodeB.child.pid ?? -1] },
          ]
        : []),
      { label: 'generator', pids: [process.pid] },
    ];
    const before = read();
    const sentBefore = sent();
    const cpu = startCpuWindow(groups);
    await sleep(options.seconds * 1000);
    const window = cpu.end();
    const after_ = read();
    const sentAfter = sent();
    let expected = 0;
    let lost = 0;
    const on = { A: { expected: 0, lost: 0 }, B: { expected: 0, lost: 0 } };
    let received = 0;
    let forwarding = 0;
    after_.forEach((a, i) => {
      const b = before[i];
      const loss = windowLoss({
        highestBefore: b.highest,
        highestAfter: a.highest,
        receivedBefore: b.received,
        receivedAfter: a.received,
        sentInWindow: (sentAfter.get(a.producerId) ?? 0) - (sentBefore.get(a.producerId) ?? 0),
      });
      expected += loss.expected;
      lost += loss.lost;
      on[a.node].expected += loss.expected;
      on[a.node].lost += loss.lost;
      received += a.received - b.received;
      if (a.received > b.received) forwarding++;
    });
    return {
      mode,
      viewersOn: { A: viewers.filter((v) => v.node === 'A').length, B: viewers.filter((v) => v.node === 'B').length },
      consumers: after_.length,
      forwarding,
      receivedPps: received / window.seconds,
      lossPct: expected > 0 ? (lost / expected) * 100 : 0,
      lossPctOn: {
        A: on.A.expected > 0 ? (on.A.lost / on.A.expected) * 100 : NaN,
        B: on.B.expected > 0 ? (on.B.lost / on.B.expected) * 100 : NaN,
      },
      cpu: window.groups,
      machinePct: window.machinePercent,
    };
  } finally {
    replayer.stop();
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    await nodeB?.stop();
    await nodeA.stop();
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  const workerBin = process.env.MEDIASOUP_WORKER_BIN;
  if (!workerBin || !existsSync(workerBin)) throw new Error('MEDIASOUP_WORKER_BIN is not set: run through ./ejustice bench cascade.');
  const startedAt = new Date();
  const logDir = join(ROOT, 'bench/out', `cascade-${startedAt.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(logDir, { recursive: true });
  const loadBefore = loadAverage();
  log(`cascade benchmark: ${cpus().length} cores, load average ${loadBefore}, Node ${process.version}`);
  log(
    `load: ${options.speakers} speakers (Opus + VP8 640x360@30 600 kbit/s each), ${options.viewers} viewers each receiving every speaker; ` +
      `cascade after ${options.after} viewers on the origin; ${options.workers} worker(s) per node; ${options.seconds} s measured`,
  );
  const clipOptions = { video: { width: 640, height: 360, fps: 30, kbps: 600, seconds: 10 }, audio: { kbps: 32, seconds: 10 } };
  const clips = { video: await recordClip('video', clipOptions), audio: await recordClip('audio', clipOptions) };

  await dropDatabase(options.databaseUrl);
  await migrateUp(options.databaseUrl);
  const hearings = await seedHearings(options.databaseUrl, 2, options.speakers - 1);
  const observers = [
    await addObservers(options.databaseUrl, hearings[0].hearingId, options.viewers),
    await addObservers(options.databaseUrl, hearings[1].hearingId, options.viewers),
  ];
  const redis = await ownRedis(options.redisUrl);
  onCleanup(() => redis.stop());
  const env = platformEnvironment(ROOT, options.databaseUrl, redis.url, workerBin);
  const api = await startApi(env, join(logDir, 'api.log'));
  const tag = randomBytes(3).toString('hex');

  const results: ModeFigures[] = [];
  for (const [i, mode] of (['one node', 'cascade'] as const).entries()) {
    log(`\n${mode}...`);
    const figures = await runMode({
      mode,
      options,
      env,
      apiUrl: api.url,
      hearing: hearings[i],
      observerIds: observers[i],
      clips,
      logDir,
      tag,
    });
    results.push(figures);
  }
  await api.stop();

  log('');
  log(
    formatTable(
      [
        'mode',
        'viewers A/B',
        'consumers',
        'forwarding',
        'recv pkt/s',
        'loss %',
        'loss A/B %',
        'A workers %',
        'A node %',
        'B workers %',
        'B node %',
        'generator %',
        'machine %',
      ],
      results.map((r) => [
        r.mode,
        `${r.viewersOn.A}/${r.viewersOn.B}`,
        String(r.consumers),
        String(r.forwarding),
        fmt(r.receivedPps),
        fmt(r.lossPct, 2),
        `${fmt(r.lossPctOn.A, 2)}/${fmt(r.lossPctOn.B, 2)}`,
        fmt(r.cpu['A workers'], 1),
        fmt(r.cpu['A node'], 1),
        fmt(r.cpu['B workers'], 1),
        fmt(r.cpu['B node'], 1),
        fmt(r.cpu.generator, 1),
        fmt(r.machinePct, 0),
      ]),
    ),
  );
  log(
    `\nCPU in % of one core over the window; load average before ${loadBefore}, after ${loadAverage()}; logs in ${relative(process.cwd(), logDir)}`,
  );
  log(
    `BENCH_CASCADE_JSON ${JSON.stringify({ startedAt: startedAt.toISOString(), options: { ...options, databaseUrl: undefined, redisUrl: undefined }, results })}`,
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

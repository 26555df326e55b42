/*
 * Failover benchmark (issue 14): two media nodes as processes (dist/apps/media/src/main.js) and
 * the api (dist/apps/api/src/main.js) in one pool; K hearings of N participants (werift, real
 * Opus and VP8 RTP) all on node A; node A is SIGKILLed, or with --freeze SIGSTOPped with its
 * workers (its machine or network lost: sockets open, nothing refused, nothing answers); every
 * participant follows the hearing as the web client does (its socket drops, or with --freeze its
 * ping times out; it asks the api for a ticket naming the node it lost, connects where the ticket
 * says, joins, sends and receives again). Per participant: the time from the kill (or freeze) to
 * the first RTP packet received on the new node. Prints p50, p95, max and how many recovered
 * (goal: all, within 5 s). Figures only; nothing here is a test.
 *
 *   ./ejustice bench failover [--hearings 3] [--participants 4] [--timeout-seconds 60] [--freeze]
 */
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { JoinTicket, NewConsumer } from '@ejustice/hearings/signalling/signalling-messages';
import { deriveAppDatabaseUrl } from '@ejustice/platform';
import { dropDatabase, migrateUp } from '../../scripts/migrate';
import { apiCall, issueLink, signIn } from '../sfu/platform-side';
import { type PlatformEnvironment, platformEnvironment, startApi } from '../sfu/platform-stack';
import { cleanUpAll, onCleanup, stopOnSignals, stopping } from '../sfu/processes';
import { type RtpClip, recordClip } from '../sfu/rtp-clip';
import { RtpReplayer, type ReplayStream, seededRandom } from '../sfu/rtp-replayer';
import { BENCH_PASSWORD, seedHearings } from '../sfu/seed';
import { SignallingClient } from '../sfu/signalling-client';
import { percentile } from '../sfu/statistics';
import {
  LOAD_RECEIVER_RTP_CAPABILITIES,
  type MediaKindOnWire,
  type ReceivePeer,
  type SendPeer,
  openReceivePeer,
  openSendPeer,
} from '../sfu/werift-peers';
import { ownRedis } from '../support/redis-server';
import { MediaNodeProcess } from './media-node-process';

const ROOT = resolve(__dirname, '../../..');
const KINDS: MediaKindOnWire[] = ['audio', 'video'];
const RETRY_DELAYS_MS = [0, 500, 1000, 2000, 4000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(line);

interface Options {
  readonly hearings: number;
  readonly participants: number;
  readonly timeoutSeconds: number;
  /** SIGSTOP node A and its workers (a machine lost) instead of SIGKILL (a process lost). */
  readonly freeze: boolean;
  readonly databaseUrl: string;
  /** BENCH_REDIS_URL; unset: a redis-server of the run's own on a free port. */
  readonly redisUrl: string | undefined;
}

const USAGE = `./ejustice bench failover [options]

  --hearings N          hearings on node A                                   (default 3, at most 50)
  --participants N      per hearing: the judge and witnesses by link          (default 4, at most 20)
  --timeout-seconds N   how long after the kill the participants may take to recover (default 60)
  --freeze              SIGSTOP node A and its workers (a machine lost) instead of SIGKILL
  --help                this text

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ejustice_bench_failover,
dropped and migrated), BENCH_REDIS_URL (unset: a redis-server of the run's own on a free port).`;

/** The options, or undefined after printing the usage for --help. */
function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      hearings: { type: 'string', default: '3' },
      participants: { type: 'string', default: '4' },
      'timeout-seconds': { type: 'string', default: '60' },
      freeze: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  const int = (name: string, value: string, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}.`);
    return n;
  };
  return {
    hearings: int('hearings', values.hearings, 50),
    participants: int('participants', values.participants, 20),
    timeoutSeconds: int('timeout-seconds', values['timeout-seconds'], 600),
    freeze: values.freeze,
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ejustice_bench_failover',
    redisUrl: process.env.BENCH_REDIS_URL || undefined,
  };
}

/** One participant's connection, media and the moment media flowed again after the kill. */
class Participant {
  private client: SignallingClient | null = null;
  private ticket: JoinTicket | null = null;
  private sender: SendPeer | null = null;
  private receiver: ReceivePeer | null = null;
  private streams: ReplayStream[] = [];
  recoveredAt: number | null = null;
  /** When it was joined on the new node (performance.now()). */
  rejoinedAt: number | null = null;
  /** Steps of the last setting-up (performance.now()): sending, the first consumer offered, receiving transport up. */
  readonly steps: { sending?: number; offered?: number; receiving?: number } = {};
  attempts = 0;
  failure: string | null = null;
  /** How its connection to the lost node ended, and when it noticed (performance.now()). */
  drop: { reason: string; at: number } | null = null;

  constructor(
    readonly label: string,
    private readonly apiUrl: string,
    private readonly bearer: string,
    private readonly hearingId: string,
    private readonly replayer: RtpReplayer,
    private readonly clips: Readonly<Record<MediaKindOnWire, RtpClip>>,
    private readonly seed: number,
  ) {}

  get nodeId(): string | undefined {
    return this.ticket?.nodeId;
  }

  get signalling(): SignallingClient {
    if (!this.client) throw new Error(`${this.label} is not connected`);
    return this.client;
  }

  /** Ticket (naming `unreachableNodeId` after a drop), connection to the node it names, join. */
  async connect(unreachableNodeId: string | null): Promise<void> {
    const ticket = await apiCall<JoinTicket>(
      this.apiUrl,
      'POST',
      `/api/hearings/${this.hearingId}/join-ticket`,
      unreachableNodeId === null ? {} : { unreachableNodeId },
      this.bearer,
    );
    const client = await SignallingClient.connect(ticket.mediaUrl, ticket.ticket, this.hearingId, 5_000);
    try {
      await client.call('getRouterRtpCapabilities');
      await client.call('join', { rtpCapabilities: LOAD_RECEIVER_RTP_CAPABILITIES });
    } catch (error) {
      client.close();
      throw error;
    }
    this.client = client;
    this.ticket = ticket;
  }

  /** Sends the clips (microphone and camera). */
  async startSending(): Promise<void> {
    const client = this.signalling;
    const send = await client.call('createWebRtcTransport', { direction: 'send' });
    this.sender = await openSendPeer(send, KINDS, {
      connect: async (dtlsParameters) => {
        await client.call('connectWebRtcTransport', { transportId: send.transportId, dtlsParameters });
      },
      produce: async (kind, rtpParameters) =>
        (
          await client.call('produce', {
            transportId: send.transportId,
            source: kind === 'audio' ? 'microphone' : 'camera',
            kind,
            rtpParameters,
          })
        ).producerId,
    });
    this.steps.sending = performance.now();
    for (const kind of KINDS) {
      const sender = this.sender;
      this.streams.push(
        this.replayer.add(this.clips[kind], sender.sinkFor(kind), seededRandom(this.seed * 2 + (kind === 'audio' ? 0 : 1))),
      );
    }
  }

  /** Receives what the room offers once the receiving transport exists (others must be sending). */
  async startReceiving(): Promise<void> {
    const client = this.signalling;
    const mark = client.mark();
    const recv = await client.call('createWebRtcTransport', { direction: 'recv' });
    // The room offers what the policy allows as soon as the receiving transport exists (and more
    // as others send again): the first offers are enough to see media flow.
    await client.until(() => client.since(mark).some((n) => n.notification.method === 'newConsumer'), 30_000, `${this.label}: a consumer`);
    this.steps.offered = performance.now();
    await sleep(300);
    const offered = client
      .since(mark)
      .filter((n) => n.notification.method === 'newConsumer')
      .map((n) => n.notification.data as NewConsumer);
    this.receiver = await openReceivePeer(
      recv,
      offered.map((c) => ({ consumerId: c.consumerId, producerId: c.producerId, kind: c.kind, rtpParameters: c.rtpParameters })),
      {
        connect: async (dtlsParameters) => {
          await client.call('connectWebRtcTransport', { transportId: recv.transportId, dtlsParameters });
        },
      },
      { decrypt: false },
    );
    this.steps.receiving = performance.now();
    for (const c of offered) await client.call('resumeConsumer', { consumerId: c.consumerId });
  }

  /** Whether any packet arrived on the current receiving transport. */
  receiving(): boolean {
    return [...(this.receiver?.counters.values() ?? [])].some((c) => c.received > 0);
  }

  /**
   * After the node died: drop the dead media, follow the hearing through the api, media again.
   * With `awaitDrop`, only once its own connection noticed (a frozen node closes nothing: the
   * client learns of it from the missing ping, as the web client does).
   */
  async follow(deadline: number, awaitDrop = false): Promise<void> {
    if (awaitDrop && this.client) {
      const reason = await Promise.race([this.client.disconnected, sleep(Math.max(0, deadline - performance.now())).then(() => null)]);
      if (reason === null) {
        this.failure = 'its connection to the lost node never dropped';
        return;
      }
      this.drop = { reason, at: performance.now() };
    }
    await this.dropMedia();
    const lost = this.ticket?.nodeId ?? null;
    for (let attempt = 0; performance.now() < deadline; attempt++) {
      await sleep(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]);
      this.attempts += 1;
      try {
        await this.connect(lost);
        this.rejoinedAt = performance.now();
        await this.startSending();
        await this.startReceiving();
        while (!this.receiving() && performance.now() < deadline) await sleep(10);
        if (this.receiving()) this.recoveredAt = performance.now();
        return;
      } catch (error) {
        this.failure = (error as Error).message;
        await this.dropMedia();
      }
    }
  }

  async dropMedia(): Promise<void> {
    for (const s of this.streams.splice(0)) s.stop();
    await this.sender?.close().catch(() => undefined);
    await this.receiver?.close().catch(() => undefined);
    this.sender = null;
    this.receiver = null;
    this.client?.close();
    this.client = null;
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) return;
  const workerBin = process.env.MEDIASOUP_WORKER_BIN;
  if (!workerBin || !existsSync(workerBin)) throw new Error('MEDIASOUP_WORKER_BIN is not set: run through ./ejustice bench failover.');
  const logDir = join(ROOT, 'bench/out', `failover-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(logDir, { recursive: true });
  log(
    `Failover benchmark: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, Node ${process.version}`,
  );
  log(
    `${options.hearings} hearings x ${options.participants} participants (Opus + VP8 each) on node A; node A is ${options.freeze ? 'frozen (SIGSTOP)' : 'SIGKILLed'}.`,
  );

  log('encoding the media once with ffmpeg...');
  const clipOptions = { video: { width: 320, height: 180, fps: 15, kbps: 150, seconds: 4 }, audio: { kbps: 32, seconds: 4 } };
  const clips = { video: await recordClip('video', clipOptions), audio: await recordClip('audio', clipOptions) };

  log(`preparing ${options.databaseUrl.replace(/\/\/[^@]*@/, '//')} (dropped and migrated)...`);
  await dropDatabase(options.databaseUrl);
  await migrateUp(options.databaseUrl);
  const seeded = await seedHearings(options.databaseUrl, options.hearings, options.participants - 1);
  const redis = await ownRedis(options.redisUrl);
  onCleanup(() => redis.stop());
  const env: PlatformEnvironment = platformEnvironment(ROOT, options.databaseUrl, redis.url, workerBin);
  const nodeEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    EJ_ROOT_DIR: ROOT,
    DATABASE_URL: env.databaseUrl,
    DATABASE_APP_URL: deriveAppDatabaseUrl(env.databaseUrl),
    REDIS_URL: env.redisUrl,
    MEDIA_TICKET_PUBLIC_KEY: env.ticketPublicKey,
    MEDIASOUP_WORKER_BIN: workerBin,
    STORAGE_DIR: env.storageDir,
    LOG_LEVEL: process.env.BENCH_FAILOVER_LOG_LEVEL ?? 'info',
  };
  const nodeA = await MediaNodeProcess.start({
    root: ROOT,
    env: nodeEnv,
    nodeId: `${env.pool}-a`,
    pool: env.pool,
    log: join(logDir, 'node-a.log'),
  });
  const api = await startApi(env, join(logDir, 'api.log'));

  const replayer = new RtpReplayer();
  replayer.start();
  const participants: Participant[] = [];
  log('joining everyone on node A...');
  for (const [h, hearing] of seeded.entries()) {
    const judgeToken = await signIn(api.url, hearing.judge.email, BENCH_PASSWORD);
    const judge = new Participant(`h${h}.judge`, api.url, judgeToken, hearing.hearingId, replayer, clips, h * 100);
    await judge.connect(null);
    await judge.signalling.call('openHearing');
    participants.push(judge);
    const others: Participant[] = [];
    for (const [i, witnessId] of hearing.witnessIds.entries()) {
      const link = await issueLink(api.url, judgeToken, hearing.hearingId, witnessId);
      const { sessionToken } = await apiCall<{ sessionToken: string }>(api.url, 'POST', '/api/hearing-links/exchange', { token: link });
      const p = new Participant(`h${h}.w${i + 1}`, api.url, sessionToken, hearing.hearingId, replayer, clips, h * 100 + i + 1);
      await p.connect(null);
      await judge.signalling.call('admit', { participantId: witnessId });
      await p.signalling.call('setMuted', { muted: false });
      others.push(p);
    }
    participants.push(...others);
    for (const p of [judge, ...others]) await p.startSending();
    for (const p of [judge, ...others]) await p.startReceiving();
  }
  const onA = participants.filter((p) => p.nodeId === nodeA.nodeId).length;
  log(`${participants.length} participants connected, ${onA} on node A; waiting for media to flow...`);
  const flowDeadline = performance.now() + 30_000;
  while (!participants.every((p) => p.receiving()) && performance.now() < flowDeadline) await sleep(50);
  log(`${participants.filter((p) => p.receiving()).length}/${participants.length} receiving on node A.`);

  const nodeB = await MediaNodeProcess.start({
    root: ROOT,
    env: nodeEnv,
    nodeId: `${env.pool}-b`,
    pool: env.pool,
    log: join(logDir, 'node-b.log'),
  });
  // Let node B's first heartbeats settle, then kill A mid-sitting.
  await sleep(2_000);
  log(options.freeze ? 'SIGSTOP node A and its workers (its machine lost)...' : 'SIGKILL node A...');
  // The load generator shares the machine (and one event loop: every peer's DTLS is JavaScript):
  // how late its own timers ran during the recovery tells its share of the time measured.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const killedAt = options.freeze ? nodeA.freeze() : await nodeA.kill();
  const deadline = killedAt + options.timeoutSeconds * 1000;
  await Promise.all(participants.map((p) => p.follow(deadline, options.freeze)));
  lag.disable();

  const recovered = participants.filter((p) => p.recoveredAt !== null);
  const times = recovered.map((p) => ((p.recoveredAt as number) - killedAt) / 1000).sort((a, b) => a - b);
  const onB = recovered.filter((p) => p.nodeId === nodeB.nodeId).length;
  log('');
  const lost = options.freeze ? 'freeze' : 'kill';
  log(`time from the ${lost} to the first RTP packet received on the new node, per participant (${participants.length}):`);
  if (times.length > 0) {
    log(
      `  p50 ${percentile(times, 50).toFixed(2)} s   p95 ${percentile(times, 95).toFixed(2)} s   max ${times[times.length - 1].toFixed(2)} s`,
    );
  }
  log(`  recovered ${recovered.length}/${participants.length} (on node B: ${onB}); within 5 s: ${times.filter((t) => t <= 5).length}`);
  log(`  ticket requests per participant: ${participants.map((p) => p.attempts).join(' ')}`);
  const drops = participants.flatMap((p) => (p.drop ? [(p.drop.at - killedAt) / 1000] : [])).sort((a, b) => a - b);
  if (options.freeze && drops.length > 0) {
    const reasons = [...new Set(participants.map((p) => p.drop?.reason ?? 'none'))].join(', ');
    log(
      `  the drop noticed (s after the freeze): p50 ${percentile(drops, 50).toFixed(2)}, max ${drops[drops.length - 1].toFixed(2)} (${reasons})`,
    );
  }
  log(
    `  the runner's event loop during the recovery: delay p50 ${(lag.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms, max ${(lag.max / 1e6).toFixed(0)} ms`,
  );
  const secs = (at: number | null) => (at === null ? '-' : ((at - killedAt) / 1000).toFixed(2));
  log(`  per participant, joined on the new node / media flowing (s after the ${lost}):`);
  log(`  ${participants.map((p) => `${p.label} ${secs(p.rejoinedAt)}/${secs(p.recoveredAt)}`).join('  ')}`);
  const slowest = [...recovered].sort((a, b) => (b.recoveredAt as number) - (a.recoveredAt as number)).slice(0, 5);
  log(`  the slowest, step by step (s after the ${lost}: joined, sending, first consumer offered, receiving transport up, media):`);
  for (const p of slowest) {
    const at = (t: number | null | undefined) => secs(t ?? null);
    log(`  ${p.label}: ${at(p.rejoinedAt)} ${at(p.steps.sending)} ${at(p.steps.offered)} ${at(p.steps.receiving)} ${at(p.recoveredAt)}`);
  }
  for (const p of participants.filter((x) => x.recoveredAt === null))
    log(`  not recovered: ${p.label}: ${p.failure ?? 'no media within the bound'}`);
  log(`logs: ${logDir}`);

  replayer.stop();
  for (const p of participants) await p.dropMedia();
  await nodeB.stop();
  if (options.freeze) await nodeA.stop();
  await api.stop();
}

stopOnSignals();

main()
  .catch((error: unknown) => {
    if (stopping()) return;
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!stopping()) void cleanUpAll().finally(() => process.exit());
  });

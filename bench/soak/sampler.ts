/*
 * One sample of the soak, every few seconds: memory of the media node (its /metrics: resident
 * set and V8 heap used; its mediasoup workers' resident sets from /proc) and of the api (its
 * /metrics), CPU of every process over the interval (/proc), consumers (the node's gauge, and
 * what the clients hold), loss over the interval (the receivers' sequence numbers), and the
 * error lines the logs gained. Each sample also checks every flowing consumer for silence.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RunningApi } from '../sfu/platform-stack';
import { type ProcStat, readMachineCpu, readProcStat } from '../sfu/proc-cpu';
import type { RtpReplayer } from '../sfu/rtp-replayer';
import type { ErrorLedger } from './error-ledger';
import { type Tally, addTally, lossPct } from './figures';
import {
  type LogFollower,
  type RunningMediaNode,
  childrenOf,
  residentBytes,
  scrapeMetrics,
  dropsSince,
  udpDropsBySocket,
} from './platform';
import type { SoakParticipant } from './soak-participant';

const MB = 1024 * 1024;

export type SamplePhase = 'set-up' | 'churn';

/** A Node process's memory by its /metrics (prom-client's defaults), MB. */
export interface NodeMemory {
  readonly rssMb: number;
  /** V8 heap used: live objects and garbage not yet collected. */
  readonly heapMb: number;
  /** V8 heap committed: what the heap holds from the OS, used or not. */
  readonly heapTotalMb: number;
  /** Memory of C++ objects bound to JavaScript ones (Buffers among them). */
  readonly externalMb: number;
}

function nodeMemory(metrics: ReadonlyMap<string, number>): NodeMemory {
  const mb = (name: string) => (metrics.get(`ejustice_${name}`) ?? Number.NaN) / MB;
  return {
    rssMb: mb('process_resident_memory_bytes'),
    heapMb: mb('nodejs_heap_size_used_bytes'),
    heapTotalMb: mb('nodejs_heap_size_total_bytes'),
    externalMb: mb('nodejs_external_memory_bytes'),
  };
}

export interface Sample {
  /** Seconds since the run's clock started. */
  readonly atSeconds: number;
  readonly phase: SamplePhase;
  readonly media: NodeMemory & {
    readonly workersRssMb: number;
    readonly consumers: number;
    readonly workerDeaths: number;
  };
  readonly api: NodeMemory;
  readonly runner: { readonly rssMb: number; readonly heapMb: number };
  /** % of one core over the interval; machine: % of all cores, anyone's work. */
  readonly cpu: {
    readonly mediaNode: number;
    readonly workers: number;
    readonly api: number;
    readonly runner: number;
    readonly machine: number;
  };
  /** Over the interval, every receiver together. */
  readonly loss: { readonly expected: number; readonly lost: number; readonly pct: number };
  /** Consumers the clients hold. */
  readonly held: number;
  /** The load generator's packets sent over 20 ms late in the interval, %, and its event loop's p99 delay. */
  readonly generator: { readonly latePct: number; readonly loopDelayP99Ms: number };
  readonly errors: number;
  /** UDP datagrams dropped at full receive buffers in the interval: the load's sockets, the workers'. */
  readonly udpDrops: { readonly load: number; readonly workers: number };
}

export interface SamplerDeps {
  readonly media: RunningMediaNode;
  readonly api: RunningApi;
  readonly metricsToken: string;
  readonly participants: () => readonly SoakParticipant[];
  readonly replayer: RtpReplayer;
  readonly ledger: ErrorLedger;
  readonly logs: { readonly media: LogFollower; readonly api: LogFollower };
  now(): number;
}

export class Sampler {
  private previous:
    | {
        at: number;
        procs: Map<number, ProcStat>;
        machine: { busy: number; total: number };
        tally: Tally;
        drops: { load: Map<string, number>; workers: Map<string, number> };
      }
    | undefined;
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });

  constructor(private readonly deps: SamplerDeps) {
    this.loop.enable();
  }

  stop(): void {
    this.loop.disable();
  }

  async sample(phase: SamplePhase): Promise<Sample> {
    const { deps } = this;
    const mediaPid = deps.media.child.pid ?? -1;
    const apiPid = deps.api.child.pid ?? -1;
    const workers = childrenOf(mediaPid);
    const [mediaMetrics, apiMetrics] = await Promise.all([
      scrapeMetrics(deps.media.url, deps.metricsToken).catch((e: Error) => {
        deps.ledger.add('api', `media node ${e.message}`);
        return new Map<string, number>();
      }),
      scrapeMetrics(deps.api.url, deps.metricsToken).catch((e: Error) => {
        deps.ledger.add('api', `api ${e.message}`);
        return new Map<string, number>();
      }),
    ]);
    const now = deps.now();
    const procs = new Map<number, ProcStat>();
    for (const pid of [mediaPid, apiPid, process.pid]) {
      const s = readProcStat(pid);
      if (s) procs.set(pid, s);
    }
    for (const w of workers) procs.set(w.pid, w);
    const machine = readMachineCpu();
    const drops = { load: udpDropsBySocket([process.pid]), workers: udpDropsBySocket(workers.map((w) => w.pid)) };

    const participants = deps.participants();
    for (const p of participants) p.checkSilence();
    const tally = participants.reduce<Tally>((t, p) => addTally(t, p.tally()), { expected: 0, lost: 0 });
    for (const [follower, kind, label] of [
      [deps.logs.media, 'mediaLog', 'media node'],
      [deps.logs.api, 'apiLog', 'api'],
    ] as const) {
      for (const l of follower.read()) if (l.error) deps.ledger.add(kind, `${label} log: ${l.line.slice(0, 400)}`);
    }

    const prev = this.previous;
    const seconds = prev ? (now - prev.at) / 1000 : 0;
    const cpuOf = (pids: readonly number[]) => {
      if (!prev || seconds <= 0) return Number.NaN;
      let used = 0;
      for (const pid of pids) {
        const a = prev.procs.get(pid);
        const b = procs.get(pid);
        if (a && b && a.startTicks === b.startTicks) used += b.cpuSeconds - a.cpuSeconds;
      }
      return (used / seconds) * 100;
    };
    const windowTally = prev ? { expected: tally.expected - prev.tally.expected, lost: tally.lost - prev.tally.lost } : tally;
    const machineTotal = prev ? machine.total - prev.machine.total : 0;
    const timing = deps.replayer.timing();
    deps.replayer.resetTiming();
    const memory = process.memoryUsage();

    const sample: Sample = {
      atSeconds: now / 1000,
      phase,
      media: {
        ...nodeMemory(mediaMetrics),
        workersRssMb: workers.reduce((s, w) => s + residentBytes(w.pid), 0) / MB,
        consumers: mediaMetrics.get('ejustice_media_consumers') ?? Number.NaN,
        workerDeaths: mediaMetrics.get('ejustice_media_worker_deaths') ?? Number.NaN,
      },
      api: nodeMemory(apiMetrics),
      runner: { rssMb: memory.rss / MB, heapMb: memory.heapUsed / MB },
      cpu: {
        mediaNode: cpuOf([mediaPid]),
        workers: cpuOf(workers.map((w) => w.pid)),
        api: cpuOf([apiPid]),
        runner: cpuOf([process.pid]),
        machine: machineTotal > 0 && prev ? ((machine.busy - prev.machine.busy) / machineTotal) * 100 : Number.NaN,
      },
      loss: { ...windowTally, pct: lossPct(windowTally) },
      held: participants.reduce((n, p) => n + p.consumerCount(), 0),
      generator: {
        latePct: timing.packets > 0 ? (timing.late / timing.packets) * 100 : 0,
        loopDelayP99Ms: this.loop.percentile(99) / 1e6,
      },
      errors: deps.ledger.total,
      udpDrops: {
        load: dropsSince(prev?.drops.load ?? new Map(), drops.load),
        workers: dropsSince(prev?.drops.workers ?? new Map(), drops.workers),
      },
    };
    this.loop.reset();
    this.previous = { at: now, procs, machine, tally, drops };
    return sample;
  }
}

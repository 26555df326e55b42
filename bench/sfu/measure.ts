/*
 * One measurement window over a running load: what the SFU forwarded (mediasoup's consumer
 * statistics), what the receivers got (their sequence numbers), what was lost on the way, and the
 * CPU time of every process involved. The SFU statistics are read just outside the CPU window,
 * so reading them is not counted as forwarding work.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RunningLoad } from './load';
import type { MediaSnapshot } from './media-stats';
import { type CpuGroup, startCpuWindow } from './proc-cpu';
import { startTreeWindow } from './proc-tree';
import type { HostProcess } from './processes';
import { percentOf, windowLoss } from './statistics';

export interface SideFigures {
  readonly side: 'platform' | 'bare';
  readonly hearings: number;
  readonly participantsPerHearing: number;
  readonly routersPerWorker: readonly number[];
  readonly producers: number;
  readonly consumers: number;
  /** Consumers whose forwarded-packet count rose during the window. */
  readonly consumersForwarding: number;
  readonly consumersPaused: number;
  readonly seconds: number;
  /**
   * Time to set the whole load up, hearing by hearing (on the platform: sign-in, links, tickets,
   * joins, admissions and consumers through the signalling). Filled in by the runner.
   */
  readonly setupSeconds?: number;
  /** What the load generator sent into the SFU, packets/s over all producers. */
  readonly offeredPps: number;
  /** What the SFU forwarded, packets/s and Mbit/s over all consumers (mediasoup's counters). */
  readonly forwardedPps: number;
  readonly forwardedMbps: number;
  readonly retransmittedPps: number;
  /** What the receivers got, packets/s. */
  readonly receivedPps: number;
  /** End to end (sender → SFU → receiver), by the receivers' sequence numbers, %. */
  readonly receiverLossPct: number;
  /** Receiver streams that got nothing at all in the window. */
  readonly silentConsumers: number;
  /** Loss mediasoup saw arriving from the senders (producers' inbound statistics), %. */
  readonly ingestLossPct: number;
  /**
   * CPU over the window, % of one core (/proc/<pid>/stat); `workersRusage` is the same for the
   * workers from mediasoup's getResourceUsage() between the two statistics readings, a check.
   */
  readonly cpu: {
    readonly workers: number;
    readonly workersRusage: number;
    readonly sfuNode: number;
    readonly generator: number;
    readonly machine: number;
    /**
     * With `children`: the SFU's child processes other than its workers, read from its process
     * tree (proc-tree.ts). `recordingFfmpeg`: the court recording's stream-copying ffmpegs;
     * `otherChildren`: any other child (an anonymiser's ffmpeg), and children that ended in the window.
     */
    readonly recordingFfmpeg?: number;
    readonly otherChildren?: number;
  };
  /** With `children`: the recording ffmpegs alive at the end of the window. */
  readonly recordingFfmpegProcesses?: number;
  /** Worker CPU per 1,000 forwarded packets/s: the cost of forwarding (% of one core). */
  readonly workerCpuPerKpps: number;
  /** The load generator's own health: if it falls behind, the figures say more about it than the SFU. */
  readonly generator: { readonly latePct: number; readonly maxLateMs: number; readonly loopDelayP99Ms: number };
  /**
   * Why these figures may not be the SFU's limits: the generator near a full core or falling
   * behind, or the machine's cores all busy (other people's work included).
   */
  readonly limitedBy: readonly ('generator' | 'machine')[];
}

/** The generator is one Node thread: near a full core, it, not the SFU, sets the pace. */
const GENERATOR_BUSY_PCT = 85;
/** More than this share of packets sent over 20 ms late: the load was not the load asked for. */
const GENERATOR_LATE_PCT = 1;
/** Every core busy (anyone's work): the SFU could not get the CPU it asked for. */
const MACHINE_BUSY_PCT = 95;

interface ReceiverReading {
  readonly producerId: string;
  readonly received: number;
  readonly highest: number;
}

function readReceivers(load: RunningLoad): Map<string, ReceiverReading> {
  const readings = new Map<string, ReceiverReading>();
  for (const p of load.participants) {
    for (const c of p.consumers) {
      const counter = p.counters.get(c.consumerId);
      if (counter) readings.set(c.consumerId, { producerId: c.producerId, received: counter.received, highest: counter.extendedHighest });
    }
  }
  return readings;
}

function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export async function measureWindow(options: {
  side: 'platform' | 'bare';
  host: HostProcess;
  load: RunningLoad;
  hearings: number;
  participantsPerHearing: number;
  seconds: number;
  /** Also measure the SFU's other child processes (recording ffmpegs and the like). */
  children?: boolean;
}): Promise<SideFigures> {
  const { host, load } = options;
  const groups: CpuGroup[] = [
    { label: 'workers', pids: host.ready.workerPids },
    { label: 'sfuNode', pids: [host.child.pid ?? -1] },
    { label: 'generator', pids: [process.pid] },
  ];

  const before: MediaSnapshot = await host.request('snapshot', {});
  const recv0 = readReceivers(load);
  const sent0 = load.sentByProducer();
  const t0 = performance.now();
  load.replayer.resetTiming();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = startCpuWindow(groups);
  const tree = options.children ? startTreeWindow(host.child.pid ?? -1, host.ready.workerPids) : undefined;

  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));

  const cpuWindow = cpu.end();
  const treeWindow = tree?.end();
  loop.disable();
  const timing = load.replayer.timing();
  const recv1 = readReceivers(load);
  const sent1 = load.sentByProducer();
  const receiverSeconds = (performance.now() - t0) / 1000;
  const after: MediaSnapshot = await host.request('snapshot', {});
  const sfuSeconds = (after.at - before.at) / 1000;

  let expected = 0;
  let lost = 0;
  let received = 0;
  let silent = 0;
  for (const [consumerId, r1] of recv1) {
    const r0 = recv0.get(consumerId);
    if (!r0) continue;
    const sentInWindow = (sent1.get(r1.producerId) ?? 0) - (sent0.get(r1.producerId) ?? 0);
    const w = windowLoss({
      highestBefore: r0.highest,
      highestAfter: r1.highest,
      receivedBefore: r0.received,
      receivedAfter: r1.received,
      sentInWindow,
    });
    expected += w.expected;
    lost += w.lost;
    received += r1.received - r0.received;
    if (r1.received === r0.received) silent++;
  }

  let forwarding = 0;
  let forwarded = 0;
  for (const [id, packets] of Object.entries(after.consumerPackets)) {
    const delta = packets - (before.consumerPackets[id] ?? 0);
    forwarded += delta;
    if (delta > 0) forwarding++;
  }
  const offered = sum(sent1.values()) - sum(sent0.values());
  const producerPackets = after.producerPackets - before.producerPackets;
  const producerLost = after.producerPacketsLost - before.producerPacketsLost;
  const forwardedPps = forwarded / sfuSeconds;
  const workers = cpuWindow.groups.workers;
  const rusageMs = (snapshot: MediaSnapshot) => snapshot.workers.reduce((n, w) => n + w.userMs + w.systemMs, 0);
  const workersRusage = ((rusageMs(after) - rusageMs(before)) / (sfuSeconds * 1000)) * 100;
  const latePct = percentOf(timing.late, timing.packets);
  const limitedBy: ('generator' | 'machine')[] = [];
  if (cpuWindow.groups.generator > GENERATOR_BUSY_PCT || latePct > GENERATOR_LATE_PCT) limitedBy.push('generator');
  if (cpuWindow.machinePercent > MACHINE_BUSY_PCT) limitedBy.push('machine');

  return {
    side: options.side,
    hearings: options.hearings,
    participantsPerHearing: options.participantsPerHearing,
    routersPerWorker: after.routersPerWorker,
    producers: after.producers,
    consumers: after.consumers,
    consumersForwarding: forwarding,
    consumersPaused: after.consumersPaused,
    seconds: cpuWindow.seconds,
    offeredPps: offered / receiverSeconds,
    forwardedPps,
    forwardedMbps: ((after.forwardedBytes - before.forwardedBytes) * 8) / sfuSeconds / 1e6,
    retransmittedPps: (after.retransmitted - before.retransmitted) / sfuSeconds,
    receivedPps: received / receiverSeconds,
    receiverLossPct: percentOf(lost, expected),
    silentConsumers: silent,
    ingestLossPct: percentOf(producerLost, producerPackets + producerLost),
    cpu: {
      workers,
      workersRusage,
      sfuNode: cpuWindow.groups.sfuNode,
      generator: cpuWindow.groups.generator,
      machine: cpuWindow.machinePercent,
      ...(treeWindow && {
        recordingFfmpeg: treeWindow.percent.recordingFfmpeg,
        otherChildren: treeWindow.percent.otherFfmpeg + treeWindow.percent.other + treeWindow.percent.exited,
      }),
    },
    ...(treeWindow && { recordingFfmpegProcesses: treeWindow.processes.recordingFfmpeg }),
    workerCpuPerKpps: forwardedPps > 0 ? (workers / forwardedPps) * 1000 : Number.NaN,
    generator: { latePct, maxLateMs: timing.maxLateMs, loopDelayP99Ms: loop.percentile(99) / 1e6 },
    limitedBy,
  };
}

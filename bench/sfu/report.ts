/*
 * What the benchmark prints: the load it ran, a table per step and side with the platform ÷ bare
 * ratios, and the summary figures (also in the JSON line).
 */
import type { JoinFigures } from './chromium-joins';
import { GOAL_INTERVALS, type ProtectionFigures, type ProtectionInterval } from './chromium-protection';
import type { SideFigures } from './measure';
import type { BenchOptions } from './options';
import type { OrderFigures } from './order-changes';
import type { RoundInterval } from './order-rounds';
import type { RtpClip } from './rtp-clip';
import { type Summary, fmt, formatTable, ratio } from './statistics';

export interface StepResult {
  readonly hearings: number;
  readonly platform?: SideFigures;
  readonly bare?: SideFigures;
}

export interface SideSummary {
  /** The largest step carried: every consumer forwarding, loss within the threshold, the generator keeping up. */
  readonly carriedConsumers: number | null;
  /** Worker CPU per 1,000 forwarded packets/s at that step (% of one core). */
  readonly workerCpuPerKpps: number | null;
  /**
   * Consumers one fully busy worker core would carry at that step's cost per consumer: a linear
   * extrapolation, since this machine cannot both generate the load and saturate the SFU.
   */
  readonly consumersPerWorkerCoreExtrapolated: number | null;
  /** The SFU's Node process CPU at that step (% of one core). */
  readonly nodeCpu: number | null;
}

export interface BenchSummary {
  readonly platform: SideSummary;
  readonly bare: SideSummary;
  readonly ratio: {
    readonly carriedConsumers: number | null;
    readonly workerCpuPerKpps: number | null;
    readonly consumersPerWorkerCoreExtrapolated: number | null;
  };
}

export function carriedStep(steps: readonly StepResult[], side: 'platform' | 'bare', thresholdPct: number): SideFigures | undefined {
  return steps
    .map((s) => s[side])
    .filter(
      (f): f is SideFigures =>
        f !== undefined &&
        f.consumers > 0 &&
        f.consumersForwarding === f.consumers &&
        f.receiverLossPct <= thresholdPct &&
        !f.limitedBy.includes('generator'),
    )
    .sort((a, b) => b.consumers - a.consumers)[0];
}

function sideSummary(f: SideFigures | undefined): SideSummary {
  if (!f) return { carriedConsumers: null, workerCpuPerKpps: null, consumersPerWorkerCoreExtrapolated: null, nodeCpu: null };
  return {
    carriedConsumers: f.consumers,
    workerCpuPerKpps: Number.isFinite(f.workerCpuPerKpps) ? f.workerCpuPerKpps : null,
    consumersPerWorkerCoreExtrapolated: f.cpu.workers > 0 ? f.consumersForwarding / (f.cpu.workers / 100) : null,
    nodeCpu: f.cpu.sfuNode,
  };
}

export function summarize(steps: readonly StepResult[], thresholdPct: number): BenchSummary {
  const platform = sideSummary(carriedStep(steps, 'platform', thresholdPct));
  const bare = sideSummary(carriedStep(steps, 'bare', thresholdPct));
  const r = (a: number | null, b: number | null) => (a === null || b === null ? null : ratio(a, b));
  return {
    platform,
    bare,
    ratio: {
      carriedConsumers: r(platform.carriedConsumers, bare.carriedConsumers),
      workerCpuPerKpps: r(platform.workerCpuPerKpps, bare.workerCpuPerKpps),
      consumersPerWorkerCoreExtrapolated: r(platform.consumersPerWorkerCoreExtrapolated, bare.consumersPerWorkerCoreExtrapolated),
    },
  };
}

export function describeLoad(options: BenchOptions, clips: Readonly<Record<'audio' | 'video', RtpClip>>): string[] {
  const v = options.video;
  return [
    `load per participant: sends Opus ${fmt(clips.audio.kbps)} kbit/s (${fmt(clips.audio.packetsPerSecond)} pkt/s) and VP8 ` +
      `${v.width}x${v.height}@${v.fps} ${fmt(clips.video.kbps)} kbit/s (${fmt(clips.video.packetsPerSecond)} pkt/s), ` +
      `one ffmpeg encoding of ${options.clipSeconds} s replayed in a loop (own sequence numbers, timestamps and start phase per sender,`,
    `  the same on both sides); receives every other participant's audio and video: ${options.participants - 1} x 2 consumers ` +
      `(NACK + PLI offered, no transport-cc, no simulcast).`,
    `path on both sides: werift peers <-> mediasoup WebRtcTransport on each worker's WebRtcServer, UDP on 127.0.0.1, ICE-lite + DTLS + SRTP;`,
    `  one router per hearing, ${options.workers} worker(s) per side; consumers created paused and resumed on the receiver's acknowledgement.`,
    `  senders: werift ICE/DTLS, then each packet SRTP-protected by werift's session (no RTCP sender reports, no retransmissions);`,
    options.decrypt
      ? `  receivers: werift decrypts and authenticates every packet (--decrypt).`
      : `  receivers: werift ICE/DTLS/RTCP; RTP counted by its clear SRTP header (SSRC, sequence number), not decrypted.`,
    `platform: api (tickets, one-time links) + media node (socket.io signalling, Room, media policy, active-speaker observer, health`,
    `  sampling every 2 s); the judge opens the sitting and admits each witness, who unmutes. bare: the same mediasoup calls from a plain script.`,
  ];
}

export function resultsTable(steps: readonly StepResult[], participants: number): string {
  // The recording's ffmpegs, when the run measured the SFU's child processes (--record).
  const children = steps.some((s) => s.platform?.cpu.recordingFfmpeg !== undefined || s.bare?.cpu.recordingFfmpeg !== undefined);
  const header = [
    'step',
    'side',
    'consumers',
    'fwd pkt/s',
    'Mbit/s',
    'recv pkt/s',
    'loss %',
    'ingest %',
    'workers %',
    'node %',
    ...(children ? ['rec ffmpeg %'] : []),
    '%/kpps',
    'gen %',
    'late %',
    'machine %',
    'limited by',
  ];
  const rows: string[][] = [];
  for (const s of steps) {
    const label = `${s.hearings}x${participants}`;
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
        ...(children ? [fmt(f.cpu.recordingFfmpeg, 1)] : []),
        fmt(f.workerCpuPerKpps, 2),
        fmt(f.cpu.generator, 1),
        fmt(f.generator.latePct, 2),
        fmt(f.cpu.machine, 0),
        f.limitedBy.join(', '),
      ]);
    }
    if (s.platform && s.bare) {
      const p = s.platform;
      const b = s.bare;
      rows.push([
        label,
        'platform÷bare',
        fmt(ratio(p.consumersForwarding, b.consumersForwarding), 2),
        fmt(ratio(p.forwardedPps, b.forwardedPps), 2),
        fmt(ratio(p.forwardedMbps, b.forwardedMbps), 2),
        fmt(ratio(p.receivedPps, b.receivedPps), 2),
        fmt(ratio(p.receiverLossPct, b.receiverLossPct), 2),
        fmt(ratio(p.ingestLossPct, b.ingestLossPct), 2),
        fmt(ratio(p.cpu.workers, b.cpu.workers), 2),
        fmt(ratio(p.cpu.sfuNode, b.cpu.sfuNode), 2),
        ...(children ? [''] : []),
        fmt(ratio(p.workerCpuPerKpps, b.workerCpuPerKpps), 2),
        fmt(ratio(p.cpu.generator, b.cpu.generator), 2),
        '',
        '',
        '',
      ]);
    }
  }
  return [
    formatTable(header, rows),
    '',
    'consumers: forwarding (mediasoup packet count rose in the window) / created.  fwd pkt/s, Mbit/s: mediasoup consumer counters.',
    "recv pkt/s: at the receivers.  loss: end to end by the receivers' sequence numbers (RFC 3550).  ingest: missing from the senders at mediasoup.",
    "CPU in % of one core over the window (/proc/<pid>/stat): workers = the mediasoup workers, node = the SFU's Node process, gen = the load",
    "  generator (this process); %/kpps = workers % per 1,000 forwarded pkt/s; machine = all cores, anyone's work (100 = all busy).",
    ...(children
      ? ["  rec ffmpeg: the court recording's stream-copying ffmpegs, children of the SFU's Node process (its process tree)."]
      : []),
    '  late: packets the generator sent over 20 ms late.  limited by: the generator near a full core or late, or every core busy.',
    '  platform÷bare: "–" where the bare figure is 0.',
  ].join('\n');
}

export function summaryLines(summary: BenchSummary, steps: readonly StepResult[], participants: number, thresholdPct: number): string[] {
  const side = (name: 'platform' | 'bare') => {
    const s = summary[name];
    if (s.carriedConsumers === null) return `${name}: no step carried`;
    const step = steps.find((x) => x[name]?.consumers === s.carriedConsumers);
    return (
      `${name}: ${s.carriedConsumers} consumers (${step?.hearings ?? '?'}x${participants}), ${fmt(s.workerCpuPerKpps, 2)} % worker CPU per kpkt/s, ` +
      `~${fmt(s.consumersPerWorkerCoreExtrapolated)} consumers per worker core extrapolated, node ${fmt(s.nodeCpu, 1)} %`
    );
  };
  return [
    `largest step carried (every consumer forwarding, loss <= ${thresholdPct} %, the generator keeping up):`,
    `  ${side('platform')}`,
    `  ${side('bare')}`,
    `  platform÷bare: consumers carried ${fmt(summary.ratio.carriedConsumers, 2)}, worker CPU per kpkt/s ${fmt(summary.ratio.workerCpuPerKpps, 2)}, ` +
      `consumers per worker core ${fmt(summary.ratio.consumersPerWorkerCoreExtrapolated, 2)}`,
  ];
}

function summaryRow(label: string, s: Summary): string[] {
  return [label, ...[s.count, s.min, s.p50, s.p95, s.max].map((v) => fmt(v))];
}

export function joinsTable(joins: JoinFigures): string {
  return [
    formatTable(
      ['interval (ms)', 'n', 'min', 'p50', 'p95', 'max'],
      [
        summaryRow("admit click -> first frame (witness's page)", joins.admitToFrame),
        summaryRow("admit click -> first frame (judge's page)", joins.judgeAdmitToFrame),
        summaryRow('admit click -> first video packet', joins.admitToPacket),
        summaryRow('open link -> first frame', joins.openToFrame),
      ],
    ),
    joins.definition,
  ].join('\n');
}

/** The protection rounds' intervals as printed: each change the issue named first, where its time went below it. */
const PROTECTION_ROWS: readonly (readonly [ProtectionInterval, string])[] = [
  ['liftToConsumerMs', "screen lifted -> her camera held (defendant's page)"],
  ['liftToFrameMs', '  screen lifted -> her first frame decoded'],
  ['liftToAnswerMs', '  screen lifted -> api answered (recorded)'],
  ['screenToGoneMs', "screen made -> her camera gone (defendant's page)"],
  ['screenToAnswerMs', '  screen made -> api answered (recorded)'],
  ['breakToAlertMs', "break pressed -> alert on the judge's page"],
];

export function protectionTable(protection: ProtectionFigures): string {
  const goal = `<= ${fmt(protection.goalMs / 1000, 0)} s`;
  const label = new Map(PROTECTION_ROWS);
  return [
    formatTable(
      ['interval (ms)', 'n', 'min', 'p50', 'p95', 'max', goal],
      PROTECTION_ROWS.map(([key, text]) => {
        const s = protection.intervals[key];
        return [text, String(s.count), ...[s.min, s.p50, s.p95, s.max].map((v) => fmt(v)), `${s.withinGoal}/${s.count}`];
      }),
    ),
    `goal: each change shows within ${fmt(protection.goalMs)} ms (the issue's "within a second"):`,
    ...GOAL_INTERVALS.map((key) => {
      const s = protection.intervals[key];
      const met = s.count > 0 && s.withinGoal === s.count;
      return (
        `  ${(label.get(key) ?? key).trim()}: ${met ? 'met' : 'NOT met'}, ${s.withinGoal} of ${s.count} rounds within it ` +
        `(p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms, max ${fmt(s.max)} ms)`
      );
    }),
    `load average as the phase began ${protection.loadAverage.before}, as it ended ${protection.loadAverage.after}.`,
    protection.definition,
  ].join('\n');
}

/** The order rounds' intervals as printed, the figure of each step first. */
const ORDER_ROWS: readonly (readonly [RoundInterval, string])[] = [
  ['makeToLastClose', 'order made -> last forbidden consumer closed'],
  ['makeToFirstClose', '  order made -> first closed'],
  ['makeToAnswer', '  order made -> api answered (recorded)'],
  ['answerToLastClose', '  api answered -> last closed'],
  ['makeToNotice', '  order made -> notice on Redis'],
  ['noticeToLastClose', '  notice on Redis -> last closed'],
  ['revokeToLastReopen', 'order lifted -> last consumer reopened'],
  ['revokeToFirstReopen', '  order lifted -> first reopened'],
  ['revokeToAnswer', '  order lifted -> api answered (recorded)'],
  ['answerToLastReopen', '  api answered -> last reopened'],
  ['revokeToNotice', '  order lifted -> notice on Redis'],
  ['noticeToLastReopen', '  notice on Redis -> last reopened'],
];

export function ordersTable(orders: OrderFigures): string {
  const close = orders.intervals.makeToLastClose;
  return [
    formatTable(
      ['interval (ms)', 'n', 'min', 'p50', 'p95', 'p99', 'max'],
      ORDER_ROWS.map(([key, label]) => {
        const s = orders.intervals[key];
        return [label, String(s.count), ...[s.min, s.p50, s.p95, s.p99, s.max].map((v) => fmt(v, 1))];
      }),
    ),
    `goal: order made -> last forbidden consumer closed, p99 <= ${orders.goal.p99Ms} ms: ` +
      `${orders.goal.met ? 'met' : 'NOT met'} (p99 ${fmt(close.p99, 1)} ms over ${close.count} rounds).`,
    `this process's event-loop delay over the rounds (how late a notification may have been noted): ` +
      `p99 ${fmt(orders.loopDelay.p99Ms, 1)} ms, max ${fmt(orders.loopDelay.maxMs, 1)} ms.`,
    orders.definition,
    'Each round checked: exactly those consumers closed and were offered again, once each; nobody lost anything else; every other',
    "  consumer kept receiving packets. The api answers after publishing the notice, so 'api answered -> last closed' may be negative.",
  ].join('\n');
}

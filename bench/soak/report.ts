/*
 * The soak's printed figures, from its samples and counts: pure.
 */
import { fmt, formatTable, summarise } from '../sfu/statistics';
import { type LossSummary, type Tally, type Trend, type Verdict, addTally, linearTrend, lossPct, memoryVerdict } from './figures';
import type { ChurnCounts } from './soak-hearing';
import type { Sample } from './sampler';

interface MemorySeries {
  readonly label: string;
  read(s: Sample): number;
  /** Judged on the lowest value of each minute: the live set after collections, not the garbage between them. */
  readonly floorPerMinute: boolean;
  /** Counts in the verdict; the others are shown only. */
  readonly judged: boolean;
}

/**
 * What a leak would grow, judged: the JavaScript objects that survive collection and the native
 * memory bound to them (external: Buffers among them), each by the floor of each minute (what
 * is left after the collections, not the garbage between them), and the mediasoup workers (C++,
 * no collector). A Node process's RSS is
 * shown with its slope but not judged: it follows the heap V8 has committed, which V8 grows and
 * gives back in steps of about a hundred MB minutes apart (seen: the media node at 290 MB, then
 * 175 MB, then 270 MB; the api from 320 to 220 MB after two minutes), so a 10-minute window can
 * catch one rising edge of a bounded sawtooth; and RSS less the committed heap is no better, as
 * committed pages are not all resident.
 */
export const MEMORY_SERIES: readonly MemorySeries[] = [
  { label: 'media node heap used, floor per minute', read: (s) => s.media.heapMb, floorPerMinute: true, judged: true },
  { label: 'media node external, floor per minute', read: (s) => s.media.externalMb, floorPerMinute: true, judged: true },
  { label: 'mediasoup workers RSS', read: (s) => s.media.workersRssMb, floorPerMinute: false, judged: true },
  { label: 'api heap used, floor per minute', read: (s) => s.api.heapMb, floorPerMinute: true, judged: true },
  { label: 'api external, floor per minute', read: (s) => s.api.externalMb, floorPerMinute: true, judged: true },
  { label: 'media node RSS', read: (s) => s.media.rssMb, floorPerMinute: false, judged: false },
  { label: 'api RSS', read: (s) => s.api.rssMb, floorPerMinute: false, judged: false },
];

export interface MemoryFigures {
  readonly series: string;
  readonly judged: boolean;
  readonly startMb: number;
  readonly middleMb: number;
  readonly endMb: number;
  readonly trend: Trend;
  readonly verdict: 'flat' | 'grows' | 'unknown';
}

/** The lowest value of each whole minute (from `fromMinutes`), at the minute's middle; minutes with fewer than 3 values are left out. */
export function floorPerMinute(points: readonly { readonly minutes: number; readonly value: number }[], fromMinutes: number) {
  const buckets = new Map<number, number[]>();
  for (const p of points) {
    const b = Math.floor(p.minutes - fromMinutes);
    buckets.set(b, [...(buckets.get(b) ?? []), p.value]);
  }
  return [...buckets]
    .filter(([, values]) => values.length >= 3)
    .sort(([a], [b]) => a - b)
    .map(([b, values]) => ({ minutes: fromMinutes + b + 0.5, value: Math.min(...values) }));
}

/**
 * Per memory series over the churn: the values at its start, middle and end, and the trend over
 * the samples after `warmupSeconds` of churn (a fresh process fills its heap and JIT caches
 * first; that is not a leak).
 */
export function memoryFigures(
  churn: readonly Sample[],
  churnStartSeconds: number,
  warmupSeconds: number,
  maxGrowthMbPerMin: number,
): MemoryFigures[] {
  const warmupMinutes = warmupSeconds / 60;
  return MEMORY_SERIES.map((m) => {
    const all = churn
      .filter((s) => Number.isFinite(m.read(s)))
      .map((s) => ({ minutes: (s.atSeconds - churnStartSeconds) / 60, value: m.read(s) }));
    // A floor series is shown by its floors too: its start is the first minute's lowest value.
    const shown = m.floorPerMinute ? floorPerMinute(all, 0) : all;
    const steady = all.filter((p) => p.minutes >= warmupMinutes);
    const trend = linearTrend(m.floorPerMinute ? floorPerMinute(steady, warmupMinutes) : steady);
    const at = (i: number) => (shown.length ? shown[Math.min(shown.length - 1, Math.max(0, i))].value : Number.NaN);
    return {
      series: m.label,
      judged: m.judged,
      startMb: at(0),
      middleMb: at(Math.floor((shown.length - 1) / 2)),
      endMb: at(shown.length - 1),
      trend,
      verdict: memoryVerdict(trend, maxGrowthMbPerMin),
    };
  });
}

export function memoryTable(figures: readonly MemoryFigures[]): string {
  return formatTable(
    ['memory (MB)', 'start', 'middle', 'end', 'slope MB/min', '±95 %', 'points', 'verdict'],
    figures.map((f) => [
      f.series,
      fmt(f.startMb, 1),
      fmt(f.middleMb, 1),
      fmt(f.endMb, 1),
      fmt(f.trend.slopePerMin, 3),
      fmt(f.trend.ci95PerMin, 3),
      String(f.trend.points),
      f.judged ? f.verdict : `(${f.verdict}, shown only)`,
    ]),
  );
}

/** Loss by sender: what every receiver got from each source, added up. */
export function lossBySource(receivers: readonly { readonly bySource: ReadonlyMap<string, Tally> }[]): Map<string, Tally> {
  const total = new Map<string, Tally>();
  for (const r of receivers)
    for (const [source, t] of r.bySource) total.set(source, addTally(total.get(source) ?? { expected: 0, lost: 0 }, t));
  return total;
}

export function sumCounts(counts: readonly ChurnCounts[]): ChurnCounts {
  const total: ChurnCounts = {
    joins: 0,
    leaves: 0,
    drops: 0,
    mutes: 0,
    unmutes: 0,
    ordersMade: 0,
    ordersChanged: 0,
    ordersRevoked: 0,
    actions: 0,
    failedActions: 0,
  };
  for (const c of counts) for (const k of Object.keys(total) as (keyof ChurnCounts)[]) total[k] += c[k];
  return total;
}

export function churnLine(c: ChurnCounts, setUpJoins: number): string {
  const orders = c.ordersMade + c.ordersChanged + c.ordersRevoked;
  return (
    `churn: ${c.actions} actions (${c.failedActions} failed): ${c.joins} joins during the churn (returns; ${setUpJoins} more at the set-up), ` +
    `${c.leaves + c.drops} leaves ` +
    `(${c.leaves} leave, ${c.drops} dropped connection), ${c.mutes} mutes and ${c.unmutes} unmutes by the judge, ` +
    `${orders} order changes (${c.ordersMade} made, ${c.ordersChanged} changed, ${c.ordersRevoked} revoked)`
  );
}

export function lossLine(loss: LossSummary): string {
  return (
    `loss: overall ${fmt(loss.overallPct, 4)} % (${loss.lost} of ${loss.expected} packets); per receiver p50 ${fmt(loss.p50Pct, 4)} %, ` +
    `p99 ${fmt(loss.p99Pct, 4)} %, max ${fmt(loss.maxPct, 4)} % (${loss.receivers} receivers, by RTP sequence numbers)`
  );
}

/** The `n` entries that lost the most (by share), for where loss came from; none when nothing was lost. */
export function worstLossLine(
  title: string,
  entries: readonly { readonly name: string; readonly tally: Tally }[],
  n = 3,
): string | undefined {
  const worst = entries
    .filter((e) => e.tally.lost > 0)
    .sort((a, b) => lossPct(b.tally) - lossPct(a.tally))
    .slice(0, n);
  if (worst.length === 0) return undefined;
  return `  most loss ${title}: ${worst.map((e) => `${e.name} ${fmt(lossPct(e.tally), 3)} % (${e.tally.lost}/${e.tally.expected})`).join(', ')}`;
}

export function convergeLine(convergeMs: readonly number[]): string {
  const s = summarise(convergeMs);
  return `streams converged after each step: ${s.count} checks, p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms, max ${fmt(s.max)} ms`;
}

export function sampleLine(s: Sample): string {
  return (
    `  [${fmt(s.atSeconds).padStart(4)} s] ${s.phase === 'set-up' ? 'set-up ' : ''}consumers ${fmt(s.media.consumers)} node / ${s.held} clients | ` +
    `loss ${fmt(s.loss.pct, 3)} % | media rss ${fmt(s.media.rssMb)} heap ${fmt(s.media.heapMb)} workers ${fmt(s.media.workersRssMb)} MB | ` +
    `api rss ${fmt(s.api.rssMb)} heap ${fmt(s.api.heapMb)} MB | cpu % media ${fmt(s.cpu.mediaNode)} workers ${fmt(s.cpu.workers)} ` +
    `api ${fmt(s.cpu.api)} load ${fmt(s.cpu.runner)} machine ${fmt(s.cpu.machine)} | late ${fmt(s.generator.latePct, 2)} % ` +
    `loop p99 ${fmt(s.generator.loopDelayP99Ms)} ms | udp drops load ${s.udpDrops.load} workers ${s.udpDrops.workers} | errors ${s.errors}`
  );
}

/** Mean CPU over the churn samples, % of one core (machine: of all cores). */
export function meanCpu(churn: readonly Sample[]): Sample['cpu'] {
  const mean = (read: (s: Sample) => number) => {
    const v = churn.map(read).filter(Number.isFinite);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;
  };
  return {
    mediaNode: mean((s) => s.cpu.mediaNode),
    workers: mean((s) => s.cpu.workers),
    api: mean((s) => s.cpu.api),
    runner: mean((s) => s.cpu.runner),
    machine: mean((s) => s.cpu.machine),
  };
}

export function verdictLine(v: Verdict): string {
  return v.pass ? 'verdict: PASS (0 errors, loss below the threshold, memory flat)' : `verdict: FAIL (${v.reasons.join('; ')})`;
}

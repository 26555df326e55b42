/*
 * Pure arithmetic of the soak's figures: loss from RTP sequence numbers (per stream, per
 * receiver, over receivers), the linear trend of a memory series, and the verdict.
 */
import { percentile } from '../sfu/statistics';

/**
 * One received stream by its sequence numbers (RFC 3550): the first sequence number seen (0..65535)
 * and the highest, extended past wrap-arounds on the same base, and the packets that arrived.
 */
export interface StreamCount {
  readonly base: number;
  readonly extendedHighest: number;
  readonly received: number;
}

/** Expected is the span of sequence numbers seen; a stream that got nothing expected nothing (silence is checked apart). */
export function streamLoss(s: StreamCount): { expected: number; received: number; lost: number } {
  if (s.received === 0 || s.base < 0 || s.extendedHighest < 0) return { expected: 0, received: 0, lost: 0 };
  const expected = s.extendedHighest - s.base + 1;
  return { expected, received: s.received, lost: Math.max(0, expected - s.received) };
}

export interface Tally {
  readonly expected: number;
  readonly lost: number;
}

export function addTally(a: Tally, b: Tally): Tally {
  return { expected: a.expected + b.expected, lost: a.lost + b.lost };
}

export function lossPct(t: Tally): number {
  return t.expected > 0 ? (t.lost / t.expected) * 100 : 0;
}

export interface LossSummary {
  readonly receivers: number;
  readonly expected: number;
  readonly lost: number;
  /** Lost over expected, all receivers together, %. */
  readonly overallPct: number;
  /** Over receivers (each its own lost over expected), %. */
  readonly p50Pct: number;
  readonly p99Pct: number;
  readonly maxPct: number;
}

/** Loss over receivers; receivers that expected nothing (nobody to hear) are left out of the percentiles. */
export function summariseLoss(receivers: readonly Tally[]): LossSummary {
  const total = receivers.reduce(addTally, { expected: 0, lost: 0 });
  const each = receivers
    .filter((r) => r.expected > 0)
    .map(lossPct)
    .sort((a, b) => a - b);
  return {
    receivers: each.length,
    expected: total.expected,
    lost: total.lost,
    overallPct: lossPct(total),
    p50Pct: percentile(each, 50),
    p99Pct: percentile(each, 99),
    maxPct: each.length ? each[each.length - 1] : Number.NaN,
  };
}

export interface Trend {
  readonly points: number;
  /** Least-squares slope, per minute. */
  readonly slopePerMin: number;
  /** Half-width of the slope's 95 % confidence interval (t distribution), per minute; NaN under 3 points. */
  readonly ci95PerMin: number;
}

/** Two-sided 95 % quantiles of Student's t by degrees of freedom (1..30); 1.96 beyond. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The linear trend of `values` at `minutes` (ordinary least squares) and how sure the slope is. */
export function linearTrend(points: readonly { readonly minutes: number; readonly value: number }[]): Trend {
  const n = points.length;
  if (n < 2) return { points: n, slopePerMin: Number.NaN, ci95PerMin: Number.NaN };
  const mx = points.reduce((s, p) => s + p.minutes, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.minutes - mx) ** 2;
    sxy += (p.minutes - mx) * (p.value - my);
  }
  if (sxx === 0) return { points: n, slopePerMin: Number.NaN, ci95PerMin: Number.NaN };
  const slope = sxy / sxx;
  if (n < 3) return { points: n, slopePerMin: slope, ci95PerMin: Number.NaN };
  const residuals = points.reduce((s, p) => s + (p.value - (my + slope * (p.minutes - mx))) ** 2, 0);
  const standardError = Math.sqrt(residuals / (n - 2) / sxx);
  return { points: n, slopePerMin: slope, ci95PerMin: (T95[n - 3] ?? 1.96) * standardError };
}

/**
 * A series grows when its slope is above the threshold and the growth is more than noise: the
 * whole 95 % interval of the slope lies above zero. A series without a trend (too few points)
 * cannot be said to be flat.
 */
export function memoryVerdict(trend: Trend, maxGrowthPerMin: number): 'flat' | 'grows' | 'unknown' {
  if (!Number.isFinite(trend.slopePerMin)) return 'unknown';
  const significant = Number.isFinite(trend.ci95PerMin) ? trend.slopePerMin - trend.ci95PerMin > 0 : true;
  return trend.slopePerMin > maxGrowthPerMin && significant ? 'grows' : 'flat';
}

export interface Verdict {
  readonly pass: boolean;
  readonly reasons: readonly string[];
}

export function soakVerdict(input: {
  readonly errors: number;
  readonly loss: LossSummary;
  readonly maxLossPct: number;
  readonly memory: readonly { readonly series: string; readonly verdict: 'flat' | 'grows' | 'unknown' }[];
}): Verdict {
  const reasons: string[] = [];
  if (input.errors > 0) reasons.push(`${input.errors} error${input.errors === 1 ? '' : 's'}`);
  if (input.loss.expected === 0) reasons.push('no media was received');
  else if (!(input.loss.overallPct < input.maxLossPct))
    reasons.push(`loss ${input.loss.overallPct.toFixed(3)} % is not below ${input.maxLossPct} %`);
  for (const m of input.memory) {
    if (m.verdict === 'grows') reasons.push(`${m.series} grows`);
    if (m.verdict === 'unknown') reasons.push(`${m.series}: too few samples for a trend`);
  }
  return { pass: reasons.length === 0, reasons };
}

/*
 * Pure helpers for the benchmark's figures: percentiles, summaries, ratios and the printed table.
 */

/** Nearest-rank percentile (p in 0..100) of values sorted ascending; NaN for no values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Summary {
  readonly count: number;
  readonly min: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function summarise(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted.length ? sorted[0] : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : Number.NaN,
  };
}

/** a ÷ b, or null when it means nothing (b is zero or either is not a number). */
export function ratio(a: number, b: number): number | null {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/** Share of `part` in `whole` in %, 0 when there is no whole. */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

/**
 * RTP received for one consumer, by sequence number (RFC 3550's accounting): `expected` is the
 * span of extended sequence numbers seen, `received` the packets that arrived (retransmissions
 * that fill a gap included, as a receiver report counts them).
 */
export class SequenceCounter {
  received = 0;
  private highest = -1;
  private cycles = 0;

  note(sequenceNumber: number): void {
    this.received++;
    if (this.highest < 0) {
      this.highest = sequenceNumber;
      return;
    }
    const current = this.highest & 0xffff;
    const delta = (sequenceNumber - current + 0x10000) & 0xffff;
    // Forward by less than half the space: newer (perhaps wrapped). Otherwise a late or repeated packet.
    if (delta !== 0 && delta < 0x8000) {
      if (sequenceNumber < current) this.cycles += 0x10000;
      this.highest = this.cycles + sequenceNumber;
    }
  }

  /** Highest extended sequence number so far, or -1 before the first packet. */
  get extendedHighest(): number {
    return this.highest;
  }
}

/**
 * Packets lost by one receiver stream over a window (RFC 3550 accounting). With sequence numbers
 * at both edges, expected is their span; a stream that received nothing in the window, or had
 * received nothing before it, falls back on what its sender sent in the window.
 */
export function windowLoss(input: {
  readonly highestBefore: number;
  readonly highestAfter: number;
  readonly receivedBefore: number;
  readonly receivedAfter: number;
  readonly sentInWindow: number;
}): { expected: number; lost: number } {
  const received = input.receivedAfter - input.receivedBefore;
  const expected = input.highestBefore >= 0 && received > 0 ? input.highestAfter - input.highestBefore : input.sentInWindow;
  return { expected, lost: Math.max(0, expected - received) };
}

/** A fixed-point figure, or "–" for one that does not exist. */
export function fmt(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

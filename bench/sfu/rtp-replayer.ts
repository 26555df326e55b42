/*
 * Plays recorded RTP clips as live streams: one timer for every sender of the benchmark, each
 * stream with its own sequence numbers and timestamps that run on across loops, as an encoder's
 * would. Where a stream starts in its clip comes from a seeded generator, so the platform and the
 * bare SFU get the same streams at the same phases, and keyframes of different senders do not
 * all fall at once.
 */
import type { RtpClip } from './rtp-clip';

export type RtpSink = (packet: Buffer) => void;

export interface ReplayStream {
  readonly clip: RtpClip;
  /** Packets handed to the sink so far. */
  readonly sent: number;
  stop(): void;
}

export interface ReplayTiming {
  /** Packets sent, over all streams. */
  readonly packets: number;
  /** Packets sent more than `lateThresholdMs` after they were due: the generator fell behind. */
  readonly late: number;
  /** Largest lateness seen, ms. */
  readonly maxLateMs: number;
}

/** A small seeded generator (mulberry32): the same seed, the same phases, on both sides. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Indexes of the packets that start a frame (the first packet of each RTP timestamp). */
export function frameStarts(clip: RtpClip): number[] {
  const starts: number[] = [];
  for (let i = 0; i < clip.packets.length; i++) {
    if (i === 0 || clip.packets[i].timestamp !== clip.packets[i - 1].timestamp) starts.push(i);
  }
  return starts;
}

class Stream implements ReplayStream {
  sent = 0;
  stopped = false;
  private index: number;
  private loop = 0;
  private readonly startOffsetMs: number;
  private readonly firstTimestamp: number;

  constructor(
    readonly clip: RtpClip,
    private readonly sink: RtpSink,
    private readonly startIndex: number,
    private readonly t0: number,
    private readonly seqBase: number,
    private readonly tsBase: number,
  ) {
    this.index = startIndex;
    this.startOffsetMs = clip.packets[startIndex].offsetMs;
    this.firstTimestamp = clip.packets[0].timestamp;
  }

  dueAt(): number {
    return this.t0 + this.clip.packets[this.index].offsetMs - this.startOffsetMs + this.loop * this.clip.durationMs;
  }

  sendNext(): void {
    const source = this.clip.packets[this.index];
    const out = Buffer.from(source.bytes);
    out.writeUInt16BE((this.seqBase + this.sent) & 0xffff, 2);
    const ticks = ((source.timestamp - this.firstTimestamp) >>> 0) + this.loop * this.clip.durationTicks;
    out.writeUInt32BE((this.tsBase + ticks) >>> 0, 4);
    this.sent++;
    this.index++;
    if (this.index === this.clip.packets.length) {
      this.index = 0;
      this.loop++;
    }
    this.sink(out);
  }

  stop(): void {
    this.stopped = true;
  }
}

export class RtpReplayer {
  private readonly streams: Stream[] = [];
  private timer: NodeJS.Timeout | undefined;
  private packets = 0;
  private late = 0;
  private maxLateMs = 0;

  /**
   * @param tickMs how often due packets are sent; packets of one tick go out together, as a
   *   sender's pacer would send them.
   * @param lateThresholdMs a packet sent later than this after its time counts as late.
   */
  constructor(
    private readonly tickMs = 5,
    private readonly lateThresholdMs = 20,
  ) {}

  /** Adds a stream starting at a frame chosen by `random` (call before or after start()). */
  add(clip: RtpClip, sink: RtpSink, random: () => number): ReplayStream {
    const starts = frameStarts(clip);
    const startIndex = starts[Math.floor(random() * starts.length)];
    const stream = new Stream(
      clip,
      sink,
      startIndex,
      performance.now(),
      Math.floor(random() * 0x10000),
      Math.floor(random() * 0x100000000),
    );
    this.streams.push(stream);
    return stream;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const s of this.streams) s.stop();
    this.streams.length = 0;
  }

  timing(): ReplayTiming {
    return { packets: this.packets, late: this.late, maxLateMs: this.maxLateMs };
  }

  resetTiming(): void {
    this.packets = 0;
    this.late = 0;
    this.maxLateMs = 0;
  }

  private tick(): void {
    const now = performance.now();
    for (const stream of this.streams) {
      if (stream.stopped) continue;
      // A stream that fell far behind (the process stalled) catches up at most one second's
      // worth per tick rather than flooding the SFU in one burst.
      for (let n = 0; n < 200 && stream.dueAt() <= now; n++) {
        const lateness = now - stream.dueAt();
        if (lateness > this.lateThresholdMs) this.late++;
        if (lateness > this.maxLateMs) this.maxLateMs = lateness;
        this.packets++;
        stream.sendNext();
      }
    }
  }
}

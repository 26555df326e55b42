/*
 * Counts what a producer carries without decoding it: a consumer on a DirectTransport brings each
 * RTP packet into this process, where packets, frames (distinct RTP timestamps) and the drift of
 * arrival against media time are kept. A pipeline that falls behind shows as a frame rate below
 * its input's, or, before that, as a drift: its frames arrive later and later against their own
 * timestamps (ffmpeg's output timestamps follow its input's, however late it runs).
 */
import type { types as ms } from 'mediasoup';
import type { FrameArrival } from './signal-analysis';

export interface MeterReading {
  readonly seconds: number;
  readonly packetsPerSecond: number;
  readonly framesPerSecond: number;
  /** How much later the last frames arrived than the first ones, against their timestamps (ms). */
  readonly driftMs: number;
}

export class RtpMeter {
  private packets = 0;
  private frames = 0;
  private lastTimestamp = -1;
  /** Per frame: arrival minus media time (ms), with the media time unwrapped from the first frame's. */
  private lags: number[] = [];
  private baseTimestamp = -1;
  private unwrapped = 0;
  private since = performance.now();
  /** With `keepFrames`: each frame's timestamp and the arrival of its last packet (the one with the marker bit). */
  readonly frameArrivals: FrameArrival[] = [];

  private constructor(
    readonly consumer: ms.Consumer,
    private readonly clockRate: number,
    private readonly keepFrames: boolean,
  ) {
    consumer.on('rtp', (packet: Buffer) => this.onPacket(packet, performance.now()));
  }

  static async start(transport: ms.DirectTransport, router: ms.Router, producer: ms.Producer, keepFrames = false): Promise<RtpMeter> {
    const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    return new RtpMeter(consumer, consumer.rtpParameters.codecs[0].clockRate, keepFrames);
  }

  /** Starts a new window. */
  mark(): void {
    this.packets = 0;
    this.frames = 0;
    this.lags = [];
    this.frameArrivals.length = 0;
    this.since = performance.now();
  }

  read(): MeterReading {
    const seconds = (performance.now() - this.since) / 1000;
    const n = Math.min(15, Math.floor(this.lags.length / 3));
    const edge = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
    return {
      seconds,
      packetsPerSecond: this.packets / seconds,
      framesPerSecond: this.frames / seconds,
      driftMs: n > 0 ? edge(this.lags.slice(-n)) - edge(this.lags.slice(0, n)) : Number.NaN,
    };
  }

  private onPacket(packet: Buffer, atMs: number): void {
    if (packet.length < 12) return;
    this.packets++;
    const timestamp = packet.readUInt32BE(4);
    if (this.keepFrames && (packet[1] & 0x80) !== 0) this.frameArrivals.push({ timestamp, atMs });
    if (timestamp === this.lastTimestamp) return;
    if (this.baseTimestamp < 0) {
      this.baseTimestamp = timestamp;
      this.unwrapped = 0;
    } else {
      // Forward by less than half the space: newer (perhaps wrapped); otherwise a late packet.
      const delta = (timestamp - this.lastTimestamp + 0x100000000) % 0x100000000;
      if (delta >= 0x80000000) return;
      this.unwrapped += delta;
    }
    this.lastTimestamp = timestamp;
    this.frames++;
    this.lags.push(atMs - (this.unwrapped / this.clockRate) * 1000);
  }
}

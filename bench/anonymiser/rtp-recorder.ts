/*
 * Records what a producer carries, decoded, with the time each piece arrived: a consumer on a
 * PlainTransport sends the RTP to an ffmpeg that decodes it to raw mono PCM (audio) or grey
 * frames of a fixed size (video) on its standard output. Shared by the anonymiser's test and
 * benchmark. The decoder reads its input exactly as the anonymiser's own ffmpeg does (the same
 * low-delay input arguments), so both sides of a comparison wait as long in their decoders.
 */
import type { types as ms } from 'mediasoup';
import { rawRtpInputArgs } from '../../apps/media/src/anonymiser/anonymiser-pipeline';
import { type FfmpegChild, spawnFfmpeg } from '../../apps/media/src/anonymiser/ffmpeg-child';
import { type UdpPortPair, reserveUdpPortPair, waitUntilUdpBound } from '../../apps/media/src/anonymiser/udp-ports';
import { type TimedFrame, type TimedPcm, pictureMeasures } from './signal-analysis';

export const RECORDED_SAMPLE_RATE = 48000;

export interface RtpRecorderOptions {
  readonly listenIp: string;
  readonly ffmpegBin?: string;
  /** The size frames are decoded to (video); both sides of a comparison use the same. */
  readonly frameSize?: { readonly width: number; readonly height: number };
}

export class RtpRecorder {
  /** Video: every decoded frame's arrival, mean luma and high-frequency energy. */
  readonly frames: TimedFrame[] = [];
  private readonly pcmChunks: Buffer[] = [];
  private readonly chunkTimes: { firstSample: number; atMs: number }[] = [];
  private pcmBytes = 0;
  private pending: Buffer = Buffer.alloc(0);
  private keyFrameTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  private constructor(
    readonly kind: 'audio' | 'video',
    private readonly transport: ms.PlainTransport,
    private readonly consumer: ms.Consumer,
    private readonly ports: UdpPortPair,
    private readonly child: FfmpegChild,
    private readonly frameSize: { readonly width: number; readonly height: number },
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.onData(chunk, performance.now()));
  }

  static async start(router: ms.Router, producer: ms.Producer, options: RtpRecorderOptions): Promise<RtpRecorder> {
    const frameSize = options.frameSize ?? { width: 320, height: 180 };
    const ports = await reserveUdpPortPair(options.listenIp);
    const transport = await router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: options.listenIp },
      rtcpMux: false,
      comedia: false,
    });
    try {
      await transport.connect({ ip: options.listenIp, port: ports.rtp, rtcpPort: ports.rtcp });
      const codec = router.rtpCapabilities.codecs?.find((c) => c.kind === producer.kind && !c.mimeType.toLowerCase().endsWith('/rtx'));
      const consumer = await transport.consume({
        producerId: producer.id,
        rtpCapabilities: { codecs: codec ? [codec] : [], headerExtensions: [] },
        paused: true,
      });
      const input = rawRtpInputArgs({
        kind: producer.kind,
        ip: options.listenIp,
        rtpPort: ports.rtp,
        payloadType: consumer.rtpParameters.codecs[0].payloadType,
      });
      const output =
        producer.kind === 'audio'
          ? ['-map', '0:a:0', '-ac', '1', '-ar', String(RECORDED_SAMPLE_RATE), '-f', 's16le', '-flush_packets', '1', 'pipe:1']
          : [
              ...['-map', '0:v:0', '-vf', `scale=${frameSize.width}:${frameSize.height}:flags=area,format=gray`],
              ...['-fps_mode', 'passthrough', '-f', 'rawvideo', '-flush_packets', '1', 'pipe:1'],
            ];
      const child = spawnFfmpeg(options.ffmpegBin ?? 'ffmpeg', [...input, ...output], { stdout: true });
      const recorder = new RtpRecorder(producer.kind, transport, consumer, ports, child, frameSize);
      await Promise.race([waitUntilUdpBound(ports.rtp, 3000), child.exited]);
      if (child.exit) throw new Error(`the recorder's ffmpeg exited: ${child.stderrTail()}`);
      await consumer.resume();
      if (producer.kind === 'video') {
        // ffmpeg cannot ask for a keyframe itself; until the first frame is decoded, ask for it.
        await consumer.requestKeyFrame();
        recorder.keyFrameTimer = setInterval(() => {
          if (recorder.frames.length === 0) void consumer.requestKeyFrame().catch(() => undefined);
        }, 500);
      }
      return recorder;
    } catch (error) {
      transport.close();
      ports.release();
      throw error;
    }
  }

  /** Audio: the samples so far, with the arrival time of each chunk. */
  pcm(): TimedPcm {
    const joined = Buffer.concat(this.pcmChunks);
    const samples = new Int16Array(joined.length >> 1);
    for (let i = 0; i < samples.length; i++) samples[i] = joined.readInt16LE(i * 2);
    return { samples, chunks: this.chunkTimes };
  }

  /** Forgets what was recorded so far (to measure a window only). */
  clear(): void {
    this.frames.length = 0;
    this.pcmChunks.length = 0;
    this.chunkTimes.length = 0;
    this.pcmBytes = 0;
  }

  get ffmpegStderr(): string {
    return this.child.stderrTail();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.keyFrameTimer);
    this.child.kill();
    await this.child.exited;
    this.transport.close();
    this.ports.release();
  }

  private onData(chunk: Buffer, atMs: number): void {
    if (this.kind === 'audio') {
      this.chunkTimes.push({ firstSample: this.pcmBytes >> 1, atMs });
      this.pcmChunks.push(chunk);
      this.pcmBytes += chunk.length;
      return;
    }
    const frameBytes = this.frameSize.width * this.frameSize.height;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= frameBytes) {
      const luma = new Uint8Array(this.pending.buffer, this.pending.byteOffset, frameBytes);
      this.frames.push({ atMs, ...pictureMeasures(luma, this.frameSize.width, this.frameSize.height) });
      this.pending = this.pending.subarray(frameBytes);
    }
  }
}

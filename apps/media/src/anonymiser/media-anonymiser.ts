import { randomInt } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { types as ms } from 'mediasoup';
import { type AnonymisedKind, type AnonymisedPicture, PICTURE_FILTERS, anonymiserArgs } from './anonymiser-pipeline';
import { type FfmpegChild, type FfmpegExit, spawnFfmpeg } from './ffmpeg-child';
import { type UdpPortPair, reserveUdpPortPair, waitUntilUdpBound } from './udp-ports';

export interface MediaAnonymiserOptions {
  readonly picture: AnonymisedPicture;
  /** The IP the PlainTransports and ffmpeg listen on (loopback: the media never leaves the node). */
  readonly listenIp: string;
  /** Default: `ffmpeg` on the PATH. */
  readonly ffmpegBin?: string;
  /** The anonymised producer's appData, to which `variant: 'anonymised'` is added. */
  readonly appData: Record<string, unknown>;
}

/** `flowing`: anonymised RTP started arriving; `stalled`: it stopped (or never came); `close`: closed. */
export type MediaAnonymiserEvents = { flowing: []; stalled: []; close: [] };

export interface MediaAnonymiserStats {
  readonly kind: AnonymisedKind;
  readonly flowing: boolean;
  /** ffmpeg's pid while one runs. */
  readonly ffmpegPid: number | undefined;
  /** ffmpeg processes started after the first. */
  readonly restarts: number;
  /** Keyframe requests passed on to the raw stream. */
  readonly keyFrameRequests: number;
}

/** Without anonymised RTP for this long the variant counts as stalled. */
const STALL_AFTER_MS = 1000;
/** How often the anonymised producer's packet count is read. */
const FLOW_CHECK_MS = 200;
/** How long a new ffmpeg may take to open its input socket. */
const LISTEN_TIMEOUT_MS = 3000;
/** While started but not flowing, the raw video's keyframe is asked for again this often. */
const KEYFRAME_RETRY_MS = 1000;
/** Restart back-off: doubles after each ffmpeg that did not run for STABLE_RUN_MS, up to the maximum. */
const RESTART_DELAY_MS = { initial: 250, max: 8000 } as const;
const STABLE_RUN_MS = 10_000;

const CODEC_MIME: Readonly<Record<AnonymisedKind, string>> = { audio: 'audio/opus', video: 'video/vp8' };

/** One ffmpeg run: the raw side's transport and consumer (new for every run), its ports, the process. */
interface FfmpegRun {
  readonly transport: ms.PlainTransport;
  readonly consumer: ms.Consumer;
  readonly ports: UdpPortPair;
  readonly child: FfmpegChild;
}

/**
 * The anonymised variant of one protected witness's producer (microphone or camera), for
 * everyone the anonymity order does not exempt: the voice pitch-shifted, the picture blurred or
 * reduced to a silhouette.
 *
 *   raw producer → consumer on a PlainTransport → ffmpeg (decode, filter, encode)
 *     → RTP → PlainTransport → `producer` (same kind, appData.variant 'anonymised')
 *
 * ffmpeg listens on a fresh pair of local ports each time it starts; the anonymised producer and
 * its transport stay for the anonymiser's life, so a restarted ffmpeg (same SSRC, sending from
 * the same fixed ports) feeds the same producer and its consumers survive the restart.
 *
 * Fail closed: `flowing` is true only while anonymised RTP is arriving (seen within the last
 * second); it turns false the moment ffmpeg exits, and `stalled` is emitted. The anonymised
 * producer never carries anything but ffmpeg's filtered output, so while it is stalled its
 * consumers simply receive nothing; the Room must never fall back on the raw producer. A raw
 * producer that is paused (a muted microphone, a camera turned off) sends nothing, so the variant
 * stalls too; Opus in silence as browsers send it (DTX, a packet every 400 ms) keeps it flowing
 * (two or three anonymised packets a second).
 *
 * Keyframes: ffmpeg ignores RTCP, so a PLI or FIR a viewer sends (mediasoup passes it to the
 * anonymised producer, which reports it as a 'trace' event) is answered here: the request goes on
 * to the raw consumer, so the witness's browser sends a keyframe, and ffmpeg's encoder makes a
 * keyframe of every keyframe it decodes (`-force_key_frames source`). A viewer therefore waits
 * about as long as for a raw keyframe plus the pipeline's delay. Whatever happens upstream, the
 * encoder also makes a keyframe at least every 30 frames (one second at 30 fps, two at 15 fps).
 *
 * `close()` is idempotent; it kills ffmpeg and closes both transports (and with them the
 * consumer and the anonymised producer). The anonymiser closes itself when the raw producer or
 * the router closes.
 */
export class MediaAnonymiser extends EventEmitter<MediaAnonymiserEvents> {
  private readonly logger: Logger;
  private readonly ffmpegBin: string;
  private current: FfmpegRun | null = null;
  private closedFlag = false;
  private flowingFlag = false;
  private restartCount = 0;
  private keyFrameRequestCount = 0;
  private restartDelayMs: number = RESTART_DELAY_MS.initial;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly flowTimer: NodeJS.Timeout;
  private checkingFlow = false;
  /** Bumped when ffmpeg exits, so a statistics read begun before does not count its packets as new. */
  private generation = 0;
  /** The anonymised producer's packet count at the last read; -1: to be read afresh (after an exit). */
  private lastPacketCount = -1;
  private lastRtpAt = Number.NEGATIVE_INFINITY;
  private launchedAt = 0;
  private lastKeyFrameRetryAt = 0;
  private readonly onRawClose = () => this.close();

  private constructor(
    private readonly router: ms.Router,
    private readonly raw: ms.Producer,
    private readonly options: MediaAnonymiserOptions,
    private readonly outTransport: ms.PlainTransport,
    /** The anonymised producer: same kind as the raw one, appData with `variant: 'anonymised'`. */
    readonly producer: ms.Producer,
    private readonly outPorts: UdpPortPair,
    private readonly ssrc: number,
  ) {
    super();
    this.ffmpegBin = options.ffmpegBin ?? 'ffmpeg';
    this.logger = new Logger(`Anonymiser:${raw.kind}:${raw.id.slice(0, 8)}`);
    this.flowTimer = setInterval(() => void this.checkFlow(), FLOW_CHECK_MS);
    this.flowTimer.unref();
    raw.observer.once('close', this.onRawClose);
    outTransport.observer.once('close', () => this.close());
    if (raw.kind === 'video') {
      producer.on('trace', (trace) => {
        if (trace.type === 'pli' || trace.type === 'fir') void this.requestKeyFrame();
      });
    }
  }

  /**
   * Builds the pipeline and starts ffmpeg. Resolves once ffmpeg listens for the raw stream (the
   * first anonymised packets follow, `flowing` then turns true); rejects, leaving nothing behind,
   * if the settings are wrong or the first ffmpeg cannot run.
   */
  static async start(router: ms.Router, raw: ms.Producer, options: MediaAnonymiserOptions): Promise<MediaAnonymiser> {
    if (!(options.picture in PICTURE_FILTERS)) throw new TypeError(`unknown picture treatment '${String(options.picture)}'`);
    if (raw.closed) throw new TypeError('the raw producer is closed');
    const kind = raw.kind;
    const codec = router.rtpCapabilities.codecs?.find((c) => c.kind === kind && c.mimeType.toLowerCase() === CODEC_MIME[kind]);
    if (codec?.preferredPayloadType === undefined) throw new TypeError(`the router has no ${CODEC_MIME[kind]} codec to anonymise with`);
    const rawCodec = raw.rtpParameters.codecs[0]?.mimeType.toLowerCase();
    if (rawCodec !== CODEC_MIME[kind]) throw new TypeError(`cannot anonymise ${rawCodec ?? 'an unknown codec'}: only Opus and VP8`);

    const outPorts = await reserveUdpPortPair(options.listenIp);
    let outTransport: ms.PlainTransport | undefined;
    try {
      // comedia off, connected to ffmpeg's fixed ports: mediasoup takes RTP only from there, and
      // a restarted ffmpeg sends from the same ports (with comedia, a new source port would be
      // refused and the stream dropped).
      outTransport = await router.createPlainTransport({
        listenInfo: { protocol: 'udp', ip: options.listenIp },
        rtcpMux: false,
        comedia: false,
        appData: { anonymiser: 'out', rawProducerId: raw.id },
      });
      await outTransport.connect({ ip: options.listenIp, port: outPorts.rtp, rtcpPort: outPorts.rtcp });
      // Below 2^31: ffmpeg's -ssrc option is a signed 32-bit integer.
      const ssrc = randomInt(1, 0x7fffffff);
      const producer = await outTransport.produce({
        kind,
        rtpParameters: {
          codecs: [
            {
              mimeType: codec.mimeType,
              clockRate: codec.clockRate,
              payloadType: codec.preferredPayloadType,
              ...(codec.channels !== undefined ? { channels: codec.channels } : {}),
              // PLI and FIR make mediasoup tell us (a 'trace' event) when a viewer wants a keyframe.
              rtcpFeedback:
                kind === 'video'
                  ? [
                      { type: 'nack', parameter: 'pli' },
                      { type: 'ccm', parameter: 'fir' },
                    ]
                  : [],
            },
          ],
          encodings: [{ ssrc }],
        },
        appData: { ...options.appData, variant: 'anonymised' },
      });
      if (kind === 'video') await producer.enableTraceEvent(['pli', 'fir']);
      const anonymiser = new MediaAnonymiser(router, raw, options, outTransport, producer, outPorts, ssrc);
      const early = await anonymiser.launch().catch((error: Error) => {
        anonymiser.close();
        throw error;
      });
      if (early) {
        anonymiser.close();
        throw new Error(
          early.exit.failedToStart
            ? `ffmpeg could not be executed (${anonymiser.ffmpegBin}): ${early.stderr}`
            : `ffmpeg exited at start [code:${early.exit.code}] [signal:${early.exit.signal}]: ${early.stderr}`,
        );
      }
      anonymiser.logger.log(`start() anonymiser started [producer:${producer.id}] [picture:${options.picture}]`);
      return anonymiser;
    } catch (error) {
      outTransport?.close();
      outPorts.release();
      throw error;
    }
  }

  get kind(): AnonymisedKind {
    return this.raw.kind;
  }

  /** True only while anonymised RTP is arriving (a packet within the last second). */
  get flowing(): boolean {
    return this.flowingFlag;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  stats(): MediaAnonymiserStats {
    return {
      kind: this.raw.kind,
      flowing: this.flowingFlag,
      ffmpegPid: this.current?.child.pid,
      restarts: this.restartCount,
      keyFrameRequests: this.keyFrameRequestCount,
    };
  }

  /**
   * Asks for a keyframe of the anonymised video: passed on to the raw stream (the witness's
   * browser answers, and ffmpeg encodes that keyframe as a keyframe). Called on every PLI or FIR
   * a viewer of the anonymised producer sends; the Room may also call it when it opens a
   * consumer (mediasoup asks then anyway, and the raw producer coalesces repeated requests).
   * Does nothing for audio.
   */
  async requestKeyFrame(): Promise<void> {
    const consumer = this.current?.consumer;
    if (this.closedFlag || this.raw.kind !== 'video' || !consumer || consumer.closed) return;
    this.keyFrameRequestCount++;
    await consumer.requestKeyFrame().catch(() => undefined);
  }

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    clearInterval(this.flowTimer);
    clearTimeout(this.restartTimer);
    this.raw.observer.off('close', this.onRawClose);
    const run = this.current;
    this.current = null;
    if (run) this.endRun(run);
    this.outTransport.close();
    this.outPorts.release();
    if (this.flowingFlag) {
      this.flowingFlag = false;
      this.emit('stalled');
    }
    this.logger.log(`close() anonymiser closed [producer:${this.producer.id}] [restarts:${this.restartCount}]`);
    this.emit('close');
  }

  // -------------------------------------------------------------------------------------------

  /**
   * Starts one ffmpeg: a new raw-side transport and paused consumer, ffmpeg on fresh ports, and,
   * once ffmpeg listens, the consumer resumed and a keyframe asked for (sent earlier, the keyframe
   * would be lost and the decoder would wait for the next, which browsers send only on request).
   * Returns the exit if ffmpeg ended before it listened.
   */
  private async launch(): Promise<{ exit: FfmpegExit; stderr: string } | null> {
    const { listenIp } = this.options;
    const ports = await reserveUdpPortPair(listenIp);
    let transport: ms.PlainTransport | undefined;
    let child: FfmpegChild | undefined;
    try {
      transport = await this.router.createPlainTransport({
        listenInfo: { protocol: 'udp', ip: listenIp },
        rtcpMux: false,
        comedia: false,
        appData: { anonymiser: 'in', rawProducerId: this.raw.id },
      });
      await transport.connect({ ip: listenIp, port: ports.rtp, rtcpPort: ports.rtcp });
      const consumer = await transport.consume({
        producerId: this.raw.id,
        rtpCapabilities: this.rawCapabilities(),
        paused: true,
        // A browser's simulcast: the lowest layer (320x180 of a 720p camera) holds all the detail
        // the anonymised picture keeps, costs least to decode, and is the last a poor uplink drops.
        ...(this.raw.type === 'simulcast' ? { preferredLayers: { spatialLayer: 0 } } : {}),
      });
      if (this.closedFlag) throw new Error('closed while starting');
      child = spawnFfmpeg(
        this.ffmpegBin,
        anonymiserArgs(
          { kind: this.raw.kind, ip: listenIp, rtpPort: ports.rtp, payloadType: consumer.rtpParameters.codecs[0].payloadType },
          this.options.picture,
          {
            ip: listenIp,
            rtpPort: this.outTransport.tuple.localPort,
            rtcpPort: this.outTransport.rtcpTuple?.localPort ?? this.outTransport.tuple.localPort + 1,
            localRtpPort: this.outPorts.rtp,
            localRtcpPort: this.outPorts.rtcp,
            ssrc: this.ssrc,
            payloadType: this.producer.rtpParameters.codecs[0].payloadType,
          },
        ),
      );
      const run: FfmpegRun = { transport, consumer, ports, child };
      this.current = run;
      this.launchedAt = Date.now();
      this.lastKeyFrameRetryAt = this.launchedAt;
      void child.exited.then((exit) => this.onExit(run, exit));
      this.logger.log(`launch() ffmpeg started [pid:${child.pid}] [restart:${this.restartCount}] [port:${ports.rtp}]`);

      const listening = await Promise.race([waitUntilUdpBound(ports.rtp, LISTEN_TIMEOUT_MS), child.exited.then(() => false)]);
      if (child.exit) return { exit: child.exit, stderr: child.stderrTail() };
      if (this.current !== run) return null;
      if (!listening) this.logger.warn(`launch() could not see ffmpeg listening, resuming anyway [pid:${child.pid}]`);
      await consumer.resume();
      if (this.raw.kind === 'video') await consumer.requestKeyFrame();
      return null;
    } catch (error) {
      // Before the run was handed over, its parts are ours to undo; after, onExit or close() undoes them.
      if (!child) {
        transport?.close();
        ports.release();
      }
      throw error;
    }
  }

  private rawCapabilities(): ms.RtpCapabilities {
    const codec = this.router.rtpCapabilities.codecs?.find(
      (c) => c.kind === this.raw.kind && c.mimeType.toLowerCase() === CODEC_MIME[this.raw.kind],
    );
    // Only the media codec: no RTX (ffmpeg cannot read it) and no header extensions.
    return { codecs: codec ? [codec] : [], headerExtensions: [] };
  }

  private endRun(run: FfmpegRun): void {
    run.child.kill();
    run.transport.close();
    run.ports.release();
  }

  private onExit(run: FfmpegRun, exit: FfmpegExit): void {
    this.endRun(run);
    if (this.current !== run) {
      // Killed by close(): nothing to restart.
      this.logger.log(`onExit() ffmpeg stopped [pid:${run.child.pid}] [signal:${exit.signal}] [ranMs:${exit.ranMs}]`);
      return;
    }
    this.current = null;
    this.generation++;
    this.lastPacketCount = -1;
    this.lastRtpAt = Number.NEGATIVE_INFINITY;
    this.setFlowing(false, 'ffmpeg exited');
    this.restartDelayMs = exit.ranMs >= STABLE_RUN_MS ? RESTART_DELAY_MS.initial : this.restartDelayMs;
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(this.restartDelayMs * 2, RESTART_DELAY_MS.max);
    this.logger.warn(
      `onExit() ffmpeg exited [pid:${run.child.pid}] [code:${exit.code}] [signal:${exit.signal}] [ranMs:${exit.ranMs}] ` +
        `[restartInMs:${delay}] [stderr:${run.child.stderrTail()}]`,
    );
    this.restartTimer = setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    if (this.closedFlag) return;
    this.restartCount++;
    try {
      await this.launch();
    } catch (error) {
      if (this.closedFlag) return;
      if (this.router.closed || this.raw.closed) {
        this.close();
        return;
      }
      const delay = this.restartDelayMs;
      this.restartDelayMs = Math.min(this.restartDelayMs * 2, RESTART_DELAY_MS.max);
      this.logger.error(`restart() failed [error:${(error as Error).message}] [retryInMs:${delay}]`);
      this.restartTimer = setTimeout(() => void this.restart(), delay);
    }
  }

  /** Reads the anonymised producer's packet count; flowing while it grew within STALL_AFTER_MS. */
  private async checkFlow(): Promise<void> {
    if (this.checkingFlow || this.closedFlag) return;
    this.checkingFlow = true;
    const generation = this.generation;
    try {
      const stats = await this.producer.getStats();
      if (this.closedFlag || generation !== this.generation) return;
      const packets = stats.reduce((sum, s) => sum + s.packetCount, 0);
      const now = Date.now();
      if (this.lastPacketCount >= 0 && packets !== this.lastPacketCount) this.lastRtpAt = now;
      this.lastPacketCount = packets;
      const flowing = this.current !== null && now - this.lastRtpAt <= STALL_AFTER_MS;
      this.setFlowing(flowing, 'no anonymised RTP for a second');
      // Started but nothing comes: the decoder may be waiting for a keyframe it missed.
      if (!flowing && this.current && this.raw.kind === 'video' && now - this.lastKeyFrameRetryAt >= KEYFRAME_RETRY_MS) {
        this.lastKeyFrameRetryAt = now;
        await this.current.consumer.requestKeyFrame().catch(() => undefined);
      }
    } catch {
      // The producer closed: close() follows from its transport's close.
    } finally {
      this.checkingFlow = false;
    }
  }

  private setFlowing(flowing: boolean, reason: string): void {
    if (flowing === this.flowingFlag || this.closedFlag) return;
    this.flowingFlag = flowing;
    if (flowing) {
      this.logger.log(`checkFlow() anonymised RTP flowing [msSinceLaunch:${Date.now() - this.launchedAt}] [restarts:${this.restartCount}]`);
      this.emit('flowing');
    } else {
      this.logger.warn(`setFlowing() anonymised RTP stalled [reason:${reason}]`);
      this.emit('stalled');
    }
  }
}

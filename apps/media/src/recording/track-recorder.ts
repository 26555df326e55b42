import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdir, readFile, rm, rmdir } from 'node:fs/promises';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { types as ms } from 'mediasoup';
import type { RecordedSource, RecordingLedger } from '@ejustice/recording';
import { type FfmpegChild, spawnFfmpeg } from '../anonymiser/ffmpeg-child';
import { type UdpPortPair, reserveUdpPortPair, waitUntilUdpBound } from '../anonymiser/udp-ports';
import { SEGMENT_LIST_FILE, type ListedSegment, parseSegmentList, recorderArgs, rtcpBye } from './recorder-pipeline';

export type TrackLedger = Pick<RecordingLedger, 'openTrack' | 'closeTrack' | 'registerSegment'>;

export interface TrackRecorderOptions {
  readonly recordingId: string;
  readonly participantId: string;
  readonly source: RecordedSource;
  /** The IP the PlainTransport and ffmpeg use (loopback: the media never leaves the node). */
  readonly listenIp: string;
  readonly ffmpegBin: string;
  /** The spool directory; each track run writes into a directory of its own below it. */
  readonly spoolDir: string;
  readonly segmentSeconds: number;
  readonly ledger: TrackLedger;
  /** Told of each registered segment and each failure (the node's metrics). */
  readonly observer?: TrackRecorderObserver;
}

export interface TrackRecorderObserver {
  segmentRegistered?(kind: 'audio' | 'video', sizeBytes: number): void;
  segmentFailed?(kind: 'audio' | 'video'): void;
}

export interface TrackRecorderStats {
  readonly participantId: string;
  readonly source: RecordedSource;
  readonly kind: 'audio' | 'video';
  readonly producerId: string;
  readonly trackId: string | null;
  readonly ffmpegPid: number | undefined;
  readonly segmentsRegistered: number;
  readonly finishing: boolean;
}

const CODECS = { 'audio/opus': 'opus', 'video/vp8': 'vp8' } as const;
/** Over the first this long of a track, its time 0 is refined from each packet's timing (see packetOut). */
const CALIBRATION_MS = 2000;
/** How long a new ffmpeg may take to open its input socket. */
const LISTEN_TIMEOUT_MS = 3000;
/** How often the segment list is read for segments ffmpeg has finished. */
const LIST_POLL_MS = 250;
/** ffmpeg gets this long to end on the RTCP BYE, then it is interrupted; then killed. */
const BYE_TIMEOUT_MS = 3000;
const FINISH_TIMEOUT_MS = 8000;
/** A registration (or the track's opening) that fails is tried again after these delays, then given up and logged. */
const RETRY_DELAYS_MS = [250, 1000, 3000, 8000] as const;

/**
 * One track of the court recording: one continuous run of one raw producer (a microphone, a
 * camera or a screen share), written as it was sent (`-c copy`) into WebM segment files.
 *
 *   raw producer → consumer on a PlainTransport → ffmpeg (segment muxer) → spool files
 *     → RecordingLedger.registerSegment (hashed, stored, in the audit chain), in order
 *
 * Always the raw producer, never an anonymised variant: the raw media is the court record, and
 * who may later see or hear it is decided when it is played.
 *
 * The time base: the track's time 0 is its first packet (ffmpeg starts the time line there, and
 * the segment list counts from it), so the track is opened in the ledger, shortly after the
 * consumer sends its first packet, with that instant as `startedAt` (see packetOut); each
 * segment's offset is its start in the list. A video track is cut at keyframes, so one is asked for every `segmentSeconds`.
 *
 * `finish()` ends the run: the consumer closes first (nothing said after this instant is on the
 * track), ffmpeg is told the stream ended (RTCP BYE) so that it completes and lists its last
 * segment, every segment still unregistered is registered, and the track is closed. The recorder
 * finishes itself when the producer closes, the router or worker goes, or ffmpeg dies; `ended`
 * then resolves, and the room starts a new track if the participant is still to be recorded.
 */
export class TrackRecorder {
  private readonly logger: Logger;
  private readonly listPath: string;
  private trackOpening: Promise<string | null> | null = null;
  /** Resolves with the track's id once it is opened, or null if it never is (no media, refused). */
  private readonly trackReady: Promise<string | null>;
  private trackReadyResolve!: (trackId: Promise<string | null> | null) => void;
  private trackIdValue: string | null = null;
  private timeZero: { rtpTimestamp: number | null; atMs: number } | null = null;
  private calibrationTimer: NodeJS.Timeout | undefined;
  private listed = 0;
  private registeredCount = 0;
  /** Registrations run one after another, in list order. */
  private registrations: Promise<void> = Promise.resolve();
  private readonly listTimer: NodeJS.Timeout;
  private keyFrameTimer: NodeJS.Timeout | undefined;
  private finishing: Promise<void> | null = null;
  private readonly endedResolve: () => void;
  /** Resolves once the run is over and its last segment registered, however it ended. */
  readonly ended: Promise<void>;

  private constructor(
    private readonly producer: ms.Producer,
    private readonly transport: ms.PlainTransport,
    private readonly consumer: ms.Consumer,
    private readonly ports: UdpPortPair,
    private readonly child: FfmpegChild,
    private readonly dir: string,
    private readonly codec: 'opus' | 'vp8',
    private readonly options: TrackRecorderOptions,
  ) {
    this.logger = new Logger(`Recorder:${producer.kind}:${producer.id.slice(0, 8)}`);
    this.listPath = join(dir, SEGMENT_LIST_FILE);
    let resolve!: () => void;
    this.ended = new Promise((r) => (resolve = r));
    this.endedResolve = resolve;
    this.trackReady = new Promise((r) => (this.trackReadyResolve = r));
    this.listTimer = setInterval(() => void this.readList(), LIST_POLL_MS);
    this.listTimer.unref();
    consumer.on('trace', (trace) => {
      if (trace.type === 'rtp' && this.trackOpening === null) this.packetOut(trace);
    });
    // The media is gone: the producer closed (a camera turned off, a participant gone), or the
    // transport with the router or its worker. What was recorded so far is kept.
    consumer.observer.once('close', () => void this.finish('media closed'));
    void child.exited.then((exit) => {
      if (!this.finishing) {
        this.logger.warn(`ffmpeg exited by itself [code:${exit.code}] [signal:${exit.signal}] [stderr:${child.stderrTail()}]`);
        void this.finish('ffmpeg exited');
      }
    });
  }

  /**
   * Sets up the run and starts ffmpeg. Resolves once ffmpeg listens and the consumer forwards;
   * rejects, leaving nothing behind, if the producer's codec cannot be recorded as sent or ffmpeg
   * cannot run.
   */
  static async start(router: ms.Router, producer: ms.Producer, options: TrackRecorderOptions): Promise<TrackRecorder> {
    const mime = producer.rtpParameters.codecs[0]?.mimeType.toLowerCase() ?? '';
    const codec = (CODECS as Record<string, 'opus' | 'vp8' | undefined>)[mime];
    if (!codec) throw new TypeError(`cannot record ${mime || 'an unknown codec'} as sent: only Opus and VP8`);
    if (producer.closed) throw new TypeError('the producer is closed');
    const capability = router.rtpCapabilities.codecs?.find((c) => c.kind === producer.kind && c.mimeType.toLowerCase() === mime);
    if (!capability) throw new TypeError(`the router has no ${mime} codec`);

    const dir = join(options.spoolDir, options.recordingId, `${producer.id}-${randomUUID().slice(0, 8)}`);
    await mkdir(dir, { recursive: true });
    const ports = await reserveUdpPortPair(options.listenIp);
    let transport: ms.PlainTransport | undefined;
    let child: FfmpegChild | undefined;
    try {
      transport = await router.createPlainTransport({
        listenInfo: { protocol: 'udp', ip: options.listenIp },
        rtcpMux: false,
        comedia: false,
        appData: { recorder: true, producerId: producer.id },
      });
      await transport.connect({ ip: options.listenIp, port: ports.rtp, rtcpPort: ports.rtcp });
      // Only the media codec: no RTX (ffmpeg cannot read it), no header extensions. A simulcast
      // camera is recorded in its best layer (the consumer's default).
      const consumer = await transport.consume({
        producerId: producer.id,
        rtpCapabilities: { codecs: [capability], headerExtensions: [] },
        paused: true,
      });
      const input = {
        kind: producer.kind,
        ip: options.listenIp,
        rtpPort: ports.rtp,
        payloadType: consumer.rtpParameters.codecs[0].payloadType,
      };
      child = spawnFfmpeg(options.ffmpegBin, recorderArgs(input, { dir, segmentSeconds: options.segmentSeconds }));
      const listening = await Promise.race([waitUntilUdpBound(ports.rtp, LISTEN_TIMEOUT_MS), child.exited.then(() => false)]);
      if (child.exit) {
        throw new Error(
          child.exit.failedToStart
            ? `ffmpeg could not be executed (${options.ffmpegBin}): ${child.stderrTail()}`
            : `ffmpeg exited at start [code:${child.exit.code}]: ${child.stderrTail()}`,
        );
      }
      const recorder = new TrackRecorder(producer, transport, consumer, ports, child, dir, codec, options);
      if (!listening) recorder.logger.warn(`start() could not see ffmpeg listening, resuming anyway [pid:${child.pid}]`);
      // The first packets out give the track's time 0; the trace is switched off after them.
      await consumer.enableTraceEvent(['rtp']);
      await consumer.resume();
      if (producer.kind === 'video') recorder.startKeyFrames();
      recorder.logger.log(`start() recording [participant:${options.participantId}] [source:${options.source}] [pid:${child.pid}]`);
      return recorder;
    } catch (error) {
      child?.kill();
      transport?.close();
      ports.release();
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
  }

  get producerId(): string {
    return this.producer.id;
  }

  get kind(): 'audio' | 'video' {
    return this.producer.kind;
  }

  private get clockRate(): number {
    return this.consumer.rtpParameters.codecs[0].clockRate;
  }

  stats(): TrackRecorderStats {
    return {
      participantId: this.options.participantId,
      source: this.options.source,
      kind: this.producer.kind,
      producerId: this.producer.id,
      trackId: this.trackIdValue,
      ffmpegPid: this.child.exit ? undefined : this.child.pid,
      segmentsRegistered: this.registeredCount,
      finishing: this.finishing !== null,
    };
  }

  /**
   * Opens the track in the record now if its media has started but its time 0 is still being
   * refined: before a pause or a stop is recorded, after which no track may open.
   */
  async openNow(): Promise<void> {
    this.openTrack();
    if (this.trackOpening) await this.trackOpening;
  }

  /** Ends the run (idempotent); resolves once its last segment is registered and the track closed. */
  finish(reason = 'no longer recorded'): Promise<void> {
    // Set before ending starts: closing the consumer calls back here at once.
    this.finishing ??= Promise.resolve().then(() => this.end(reason));
    return this.finishing;
  }

  // -------------------------------------------------------------------------------------------

  private async end(reason: string): Promise<void> {
    const endedAt = new Date();
    clearInterval(this.keyFrameTimer);
    // Nothing after this instant reaches the track.
    this.consumer.close();
    // ffmpeg ends its input on the BYE and finishes and lists its last segment; a signal only if
    // that fails (an interrupted last segment is lost), and a kill if nothing else works.
    const interrupt = setTimeout(() => this.interrupt(), BYE_TIMEOUT_MS);
    const kill = setTimeout(() => this.child.kill(), FINISH_TIMEOUT_MS);
    if (!this.child.exit) {
      // Nothing ever reached ffmpeg (a muted microphone, a camera on hold): there is no segment to
      // finish, and an ffmpeg still waiting for its first packet heeds neither a BYE nor a signal.
      if (this.timeZero === null) this.child.kill();
      else await this.sendBye();
    }
    const exit = await this.child.exited;
    clearTimeout(interrupt);
    clearTimeout(kill);
    clearInterval(this.listTimer);
    this.transport.close();
    this.ports.release();
    await this.readList();
    await this.registrations;
    // Ended within the calibration: the track opens with the time 0 known so far (none: no media).
    this.openTrack();
    this.trackReadyResolve(null);
    const trackId = await this.trackReady;
    if (trackId) {
      await this.retrying('closeTrack()', () => this.options.ledger.closeTrack(trackId, endedAt)).catch(() => undefined);
    }
    // Registered segments were removed by the ledger; whatever is left (a failure, logged) stays
    // for the spool sweeper.
    await rm(this.listPath, { force: true }).catch(() => undefined);
    await rmdir(this.dir).catch(() => undefined);
    this.logger.log(
      `finish() track ended [reason:${reason}] [track:${trackId}] [segments:${this.registeredCount}] ` +
        `[ffmpegCode:${exit.code}] [ffmpegSignal:${exit.signal}]`,
    );
    this.endedResolve();
  }

  private async sendBye(): Promise<void> {
    const socket = createSocket(isIPv6(this.options.listenIp) ? 'udp6' : 'udp4');
    const ssrc = this.consumer.rtpParameters.encodings?.[0]?.ssrc ?? 0;
    // Bounded: the interrupt and the kill stand behind it, and nothing may hold a pause for ever.
    await new Promise<void>((resolve) => {
      const giveUp = setTimeout(resolve, 1000);
      socket.send(rtcpBye(ssrc), this.ports.rtcp, this.options.listenIp, (error) => {
        if (error) this.logger.warn(`sendBye() failed [error:${error.message}]`);
        clearTimeout(giveUp);
        resolve();
      });
    });
    socket.close();
  }

  private interrupt(): void {
    if (this.child.exit || this.child.pid === undefined) return;
    this.logger.warn(`interrupt() ffmpeg did not end on the BYE, interrupting [pid:${this.child.pid}]`);
    try {
      // Twice: the first is noticed only between packets, and none may come.
      process.kill(this.child.pid, 'SIGINT');
      process.kill(this.child.pid, 'SIGINT');
    } catch {
      // Gone meanwhile: its exit is on its way.
    }
  }

  /**
   * A packet left for ffmpeg. The worker stamps the trace with its monotonic clock in ms (libuv's,
   * the same as this process's `hrtime`), so the instant is known however late the event is read
   * here. Time 0 is the instant the first packet's media was sent at its usual (least) delay: the
   * earliest of each packet's send time less its media time since the first packet, over the
   * first CALIBRATION_MS. A first packet held up (a sender catching up, a burst) would otherwise
   * put the whole track later on the time line than it was said.
   */
  private packetOut(trace: ms.ConsumerTraceEventData): void {
    const ageMs = Math.max(0, Number(process.hrtime.bigint() / 1_000_000n) - trace.timestamp);
    const sentAtMs = Date.now() - ageMs;
    const rtpTimestamp = (trace.info as { rtpPacket?: { timestamp?: number } }).rtpPacket?.timestamp ?? null;
    if (this.timeZero === null) {
      this.timeZero = { rtpTimestamp, atMs: sentAtMs };
      this.calibrationTimer = setTimeout(() => this.openTrack(), CALIBRATION_MS);
      this.calibrationTimer.unref();
      return;
    }
    if (rtpTimestamp === null || this.timeZero.rtpTimestamp === null) return;
    // Unsigned 32-bit difference (the RTP clock wraps); a packet from before the first is skipped.
    const ticks = (rtpTimestamp - this.timeZero.rtpTimestamp) >>> 0;
    if (ticks >= 0x80000000) return;
    this.timeZero.atMs = Math.min(this.timeZero.atMs, sentAtMs - (ticks * 1000) / this.clockRate);
  }

  /** Opens the track in the record, once its time 0 is known (or the run ends before). */
  private openTrack(): void {
    if (this.trackOpening || this.timeZero === null) return;
    clearTimeout(this.calibrationTimer);
    if (!this.consumer.closed) void this.consumer.enableTraceEvent([]).catch(() => undefined);
    const opening = {
      recordingId: this.options.recordingId,
      participantId: this.options.participantId,
      source: this.options.source,
      kind: this.producer.kind,
      codec: this.codec,
      startedAt: new Date(Math.round(this.timeZero.atMs)),
    };
    this.trackOpening = this.retrying('openTrack()', () => this.options.ledger.openTrack(opening)).then(
      ({ trackId }) => {
        this.trackIdValue = trackId;
        return trackId;
      },
      // Refused (the recording was paused meanwhile) or failed for good: this run's segments are
      // not registered.
      () => null,
    );
    this.trackReadyResolve(this.trackOpening);
  }

  /** Keyframes on time, so that each video segment ends close to its length (ffmpeg cuts only at one). */
  private startKeyFrames(): void {
    this.keyFrameTimer = setInterval(
      () => void this.consumer.requestKeyFrame().catch(() => undefined),
      Math.max(500, this.options.segmentSeconds * 1000 - 200),
    );
    this.keyFrameTimer.unref();
  }

  /** Reads the list for segments ffmpeg has finished and queues their registration, in order. */
  private async readList(): Promise<void> {
    let segments: ListedSegment[];
    try {
      segments = parseSegmentList(await readFile(this.listPath, 'utf8'));
    } catch (error) {
      // No list yet: no segment is finished yet.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.error(`readList() failed [error:${(error as Error).message}]`);
      return;
    }
    for (const segment of segments.slice(this.listed)) {
      this.listed++;
      this.registrations = this.registrations.then(() => this.register(segment));
    }
  }

  private async register(segment: ListedSegment): Promise<void> {
    const trackId = await this.trackReady;
    const path = join(this.dir, segment.file);
    if (!trackId) {
      // The recording was paused or stopped before the track could open: this media is not on
      // the record, and is not kept outside it either.
      this.logger.warn(`register() no track to register in, segment discarded [sequence:${segment.sequence}]`);
      this.options.observer?.segmentFailed?.(this.kind);
      await rm(path, { force: true }).catch(() => undefined);
      return;
    }
    try {
      const registered = await this.retrying(`registerSegment() [sequence:${segment.sequence}]`, () =>
        this.options.ledger.registerSegment({
          trackId,
          sequence: segment.sequence,
          path,
          offsetMs: segment.offsetMs,
          durationMs: segment.durationMs,
        }),
      );
      this.registeredCount++;
      this.options.observer?.segmentRegistered?.(this.kind, registered.sizeBytes);
    } catch {
      this.options.observer?.segmentFailed?.(this.kind);
    }
  }

  private async retrying<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        const code = (error as { code?: string }).code;
        // The ledger's refusals (a paused recording, a bad segment) do not change by asking again.
        const refused = typeof code === 'string' && code.startsWith('recording.');
        if (delay === undefined || refused) {
          this.logger.error(`${what} failed [code:${code}] [error:${(error as Error).message}]`);
          throw error;
        }
        this.logger.warn(`${what} failed, retrying [inMs:${delay}] [error:${(error as Error).message}]`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}

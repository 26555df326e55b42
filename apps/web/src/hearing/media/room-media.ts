import type { MediaSource } from '@ejustice/hearings/signalling/signalling-messages';
import { Device } from 'mediasoup-client';
import type {
  Consumer,
  DtlsParameters,
  MediaKind,
  Producer,
  RtpCapabilities,
  RtpParameters,
  SctpStreamParameters,
  Transport,
  TransportOptions,
} from 'mediasoup-client/types';

/**
 * What the media layer needs from signalling. Kept apart so this file knows mediasoup-client and
 * nothing of the message catalogue; the session adapts one to the other.
 */
export interface MediaSignalling {
  connectTransport(transportId: string, dtlsParameters: DtlsParameters): Promise<void>;
  /** `paused` is the server's word: a microphone produced while muted starts paused there. */
  produce(
    transportId: string,
    kind: MediaKind,
    rtpParameters: RtpParameters,
    source: ProducerSource,
  ): Promise<{ id: string; paused: boolean }>;
}

export type ProducerSource = MediaSource;

/*
 * Three VP8 simulcast layers (about 180p, 360p and 720p from a 720p camera): the server forwards
 * to each viewer the layer that fits their tile and their bandwidth. Bitrates as in
 * mediasoup-demo, which court connections of the kind we expect (home broadband, 4G) sustain.
 */
const CAMERA_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];
/* A shared document is read, not watched: one sharp layer at a low frame rate. */
const SCREEN_ENCODINGS: RTCRtpEncodingParameters[] = [{ maxBitrate: 1_500_000, maxFramerate: 5 }];

/**
 * One participant's media on a mediasoup router: the Device, a send and a receive transport, the
 * producers of their own microphone, camera and screen, and the consumers the server created for
 * them. The server decides what is consumed; this class only carries out what it is told.
 */
export class RoomMedia {
  readonly device = new Device();
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private readonly producers = new Map<ProducerSource, Producer>();
  private readonly consumers = new Map<string, Consumer>();
  private readonly pausedByServer = new Map<ProducerSource, boolean>();
  private closed = false;

  constructor(private readonly signalling: MediaSignalling) {}

  get rtpCapabilities(): RtpCapabilities {
    return this.device.rtpCapabilities;
  }

  async load(routerRtpCapabilities: RtpCapabilities): Promise<void> {
    if (!this.device.loaded) await this.device.load({ routerRtpCapabilities });
  }

  createTransports(
    send: TransportOptions | null,
    recv: TransportOptions,
    onState: (direction: 'send' | 'recv', state: string) => void,
  ): void {
    if (send) {
      this.sendTransport = this.device.createSendTransport(send);
      this.wire(this.sendTransport, onState);
      this.sendTransport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const source = appData.source as ProducerSource;
        this.signalling.produce(this.sendTransport!.id, kind, rtpParameters, source).then(({ id, paused }) => {
          this.pausedByServer.set(source, paused);
          callback({ id });
        }, errback);
      });
    }
    this.recvTransport = this.device.createRecvTransport(recv);
    this.wire(this.recvTransport, onState);
  }

  private wire(transport: Transport, onState: (direction: 'send' | 'recv', state: string) => void): void {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.signalling.connectTransport(transport.id, dtlsParameters).then(callback, errback);
    });
    transport.on('connectionstatechange', (state) => onState(transport.direction, state));
  }

  get canSend(): boolean {
    return this.sendTransport !== null;
  }

  /** Starts sending a track; `paused` for a microphone that must start muted. */
  async produce(source: ProducerSource, track: MediaStreamTrack, options: { paused?: boolean } = {}): Promise<Producer> {
    if (!this.sendTransport) throw new Error('This participant may not send media.');
    const existing = this.producers.get(source);
    if (existing && !existing.closed) {
      await existing.replaceTrack({ track });
      return existing;
    }
    const producer =
      source === 'microphone'
        ? await this.sendTransport.produce({
            track,
            // In-band FEC rides out lost packets; DTX sends next to nothing while someone is silent.
            codecOptions: { opusFec: true, opusDtx: true, opusStereo: false },
            // Nobody should be heard before they choose to be: a muted mic sends no RTP at all.
            zeroRtpOnPause: true,
            disableTrackOnPause: true,
            stopTracks: false,
            appData: { source },
          })
        : await this.sendTransport.produce({
            track,
            encodings: source === 'screen' ? SCREEN_ENCODINGS : CAMERA_ENCODINGS,
            codecOptions: { videoGoogleStartBitrate: 1000 },
            zeroRtpOnPause: true,
            disableTrackOnPause: true,
            stopTracks: source === 'screen',
            appData: { source },
          });
    // The server's answer wins over what we asked: it holds a muted microphone paused.
    if (options.paused || this.pausedByServer.get(source)) producer.pause();
    this.producers.set(source, producer);
    return producer;
  }

  producer(source: ProducerSource): Producer | undefined {
    const producer = this.producers.get(source);
    return producer && !producer.closed ? producer : undefined;
  }

  closeProducer(source: ProducerSource): string | undefined {
    const producer = this.producers.get(source);
    this.producers.delete(source);
    if (!producer || producer.closed) return undefined;
    producer.close();
    return producer.id;
  }

  async consume(options: {
    id: string;
    producerId: string;
    kind: MediaKind;
    rtpParameters: RtpParameters;
    appData?: Record<string, unknown>;
  }): Promise<Consumer> {
    if (!this.recvTransport) throw new Error('No receive transport');
    const consumer = await this.recvTransport.consume(options);
    this.consumers.set(consumer.id, consumer);
    consumer.on('transportclose', () => this.consumers.delete(consumer.id));
    return consumer;
  }

  /**
   * Consumes the server's warm-up data channel: it carries nothing, but consuming it makes the
   * receiving transport connect now (ICE, DTLS), so media starts the moment the court allows it.
   */
  async consumeWarmup(options: {
    id: string;
    dataProducerId: string;
    sctpStreamParameters: SctpStreamParameters;
    label: string;
    protocol: string;
  }): Promise<void> {
    if (!this.recvTransport) throw new Error('No receive transport');
    await this.recvTransport.consumeData(options);
  }

  consumer(id: string): Consumer | undefined {
    return this.consumers.get(id);
  }

  closeConsumer(id: string): void {
    const consumer = this.consumers.get(id);
    this.consumers.delete(id);
    consumer?.close();
  }

  get consumerCount(): number {
    return this.consumers.size;
  }

  async restartIce(direction: 'send' | 'recv', iceParameters: TransportOptions['iceParameters']): Promise<void> {
    const transport = direction === 'send' ? this.sendTransport : this.recvTransport;
    await transport?.restartIce({ iceParameters });
  }

  transportId(direction: 'send' | 'recv'): string | undefined {
    return (direction === 'send' ? this.sendTransport : this.recvTransport)?.id;
  }

  /** Statistics of both transports, for the network-health indicator. */
  async stats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null }> {
    const read = async (transport: Transport | null) => (transport && !transport.closed ? transport.getStats().catch(() => null) : null);
    return { send: await read(this.sendTransport), recv: await read(this.recvTransport) };
  }

  /** Idempotent: closes consumers, producers and transports; the tracks of local devices stay. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

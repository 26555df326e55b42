import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import type { ConsumerGrant } from '@ejustice/media-policy';
import type { TransportOptions } from '@ejustice/hearings';
import type { EdgeConsumerParameters, EdgeConsumerStats, EdgeTransportStats, EdgeWarmup } from './cascade-messages';

/** What an edge transport and its consumers ask of the link to their edge (cascade-origin.ts). */
export interface EdgeLinkPort {
  readonly edgeNodeId: string;
  consume(transport: EdgeTransport, producerId: string, grant: ConsumerGrant, options: ConsumeOptions): Promise<EdgeConsumer>;
  consumerClosed(consumer: EdgeConsumer): void;
  transportClosed(transport: EdgeTransport): void;
  connect(transport: EdgeTransport, dtlsParameters: ms.DtlsParameters): Promise<void>;
  restartIce(transport: EdgeTransport): Promise<ms.IceParameters>;
  setConsumerPaused(consumer: EdgeConsumer, paused: boolean): Promise<void>;
  setPreferredLayers(consumer: EdgeConsumer, layers: { spatialLayer: number; temporalLayer?: number }): Promise<void>;
  /** The edge's statistics of a transport or consumer there; undefined when it has none (gone, or the edge did not answer). */
  transportStats(transport: EdgeTransport): Promise<EdgeTransportStats | undefined>;
  consumerStats(consumer: EdgeConsumer): Promise<EdgeConsumerStats | undefined>;
}

interface ConsumeOptions {
  readonly rtpCapabilities: ms.RtpCapabilities;
  readonly enableRtx: boolean;
  readonly ignoreDtx: boolean;
}

/**
 * A viewer's receiving transport that lives on an edge node, as the origin's room holds it: the
 * part of a mediasoup WebRtcTransport the room uses (Room.createTransport, Room.openConsumer,
 * Peer), each call forwarded to the edge. The room keeps deciding every consumer with the media
 * policy exactly as for a local transport; only where the packets leave from differs.
 */
export class EdgeTransport {
  readonly observer = new EventEmitter();
  readonly id: string;
  readonly iceParameters: TransportOptions['iceParameters'];
  readonly iceCandidates: TransportOptions['iceCandidates'];
  readonly dtlsParameters: TransportOptions['dtlsParameters'];
  readonly sctpParameters: TransportOptions['sctpParameters'];
  readonly appData: { participantId: string; direction: 'recv'; edgeNodeId: string };
  private closedFlag = false;
  private readonly consumers = new Set<EdgeConsumer>();

  constructor(
    private readonly link: EdgeLinkPort,
    options: TransportOptions,
    private readonly warmup: EdgeWarmup,
    participantId: string,
    private readonly onLost: () => void,
  ) {
    this.id = options.transportId;
    this.iceParameters = options.iceParameters;
    this.iceCandidates = options.iceCandidates;
    this.dtlsParameters = options.dtlsParameters;
    this.sctpParameters = options.sctpParameters;
    this.appData = { participantId, direction: 'recv', edgeNodeId: link.edgeNodeId };
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** The consumers open on it, for the link's pipe plan. */
  openConsumers(): EdgeConsumer[] {
    return [...this.consumers].filter((c) => !c.closed);
  }

  connect({ dtlsParameters }: { dtlsParameters: ms.DtlsParameters }): Promise<void> {
    return this.link.connect(this, dtlsParameters);
  }

  restartIce(): Promise<ms.IceParameters> {
    return this.link.restartIce(this);
  }

  async consume(options: {
    producerId: string;
    rtpCapabilities: ms.RtpCapabilities;
    enableRtx?: boolean;
    ignoreDtx?: boolean;
    appData?: { grant?: ConsumerGrant };
  }): Promise<ms.Consumer> {
    const grant = options.appData?.grant;
    // Without the grant the link could not tell which variant it pipes: refuse rather than guess.
    if (!grant) throw new Error('an edge consumer needs the policy grant it carries');
    const consumer = await this.link.consume(this, options.producerId, grant, {
      rtpCapabilities: options.rtpCapabilities,
      enableRtx: options.enableRtx ?? false,
      ignoreDtx: options.ignoreDtx ?? false,
    });
    this.consumers.add(consumer);
    consumer.observer.once('close', () => this.consumers.delete(consumer));
    // The room holds it as a mediasoup Consumer: EdgeConsumer has every member the room uses.
    return consumer as unknown as ms.Consumer;
  }

  /** The warm-up data channel was consumed on the edge when the transport was made. */
  async consumeData(): Promise<{ id: string; sctpStreamParameters: ms.SctpStreamParameters; label: string; protocol: string }> {
    return {
      id: this.warmup.dataConsumerId,
      sctpStreamParameters: this.warmup.sctpStreamParameters,
      label: this.warmup.label,
      protocol: this.warmup.protocol,
    };
  }

  /**
   * The edge's estimate of what it can send the viewer, as a mediasoup WebRtcTransportStat reads
   * for what the room uses of it (the network-health indicator, the audio-only fallback, layers).
   */
  async getStats(): Promise<Pick<ms.WebRtcTransportStat, 'availableOutgoingBitrate'>[]> {
    const stats = await this.link.transportStats(this);
    return stats?.availableOutgoingBitrate ? [{ availableOutgoingBitrate: stats.availableOutgoingBitrate }] : [];
  }

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const consumer of this.consumers) consumer.closeQuietly();
    this.consumers.clear();
    this.observer.emit('close');
    this.link.transportClosed(this);
  }

  /** The edge is gone: closed here, and the viewer told to set their media up again (through the origin). */
  lose(): void {
    if (this.closedFlag) return;
    this.close();
    this.onLost();
  }
}

/** A consumer on an edge node, as the origin's room holds it (see EdgeTransport). */
export class EdgeConsumer extends EventEmitter {
  readonly observer = new EventEmitter();
  readonly id: string;
  readonly kind: ms.MediaKind;
  readonly rtpParameters: ms.RtpParameters;
  readonly type: ms.ConsumerType;
  readonly score = undefined;
  paused = true;
  producerPaused: boolean;
  private closedFlag = false;

  constructor(
    private readonly link: EdgeLinkPort,
    params: EdgeConsumerParameters,
    readonly producerId: string,
    readonly grant: ConsumerGrant,
  ) {
    super();
    this.id = params.consumerId;
    this.kind = params.kind;
    this.rtpParameters = params.rtpParameters;
    this.type = params.type;
    this.producerPaused = params.producerPaused;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Closed by the room (the policy forbids it now): closed on the edge too, and its pipe dropped if nobody else there needs it. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.observer.emit('close');
    this.link.consumerClosed(this);
  }

  /** Closed with its transport: the edge closes it there itself. */
  closeQuietly(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.observer.emit('close');
  }

  async pause(): Promise<void> {
    this.paused = true;
    await this.link.setConsumerPaused(this, true);
  }

  async resume(): Promise<void> {
    this.paused = false;
    await this.link.setConsumerPaused(this, false);
  }

  async setPreferredLayers(layers: { spatialLayer: number; temporalLayer?: number }): Promise<void> {
    await this.link.setPreferredLayers(this, layers);
  }

  /** The viewer's reports on this consumer's stream, as the outbound-rtp entry of mediasoup's consumer statistics reads. */
  async getStats(): Promise<Pick<ms.RtpStreamSendStats, 'type' | 'roundTripTime' | 'fractionLost'>[]> {
    const stats = await this.link.consumerStats(this);
    return stats ? [{ type: 'outbound-rtp', roundTripTime: stats.roundTripTime ?? undefined, fractionLost: stats.fractionLost }] : [];
  }

  /** The piped producer paused or resumed (the origin's producer did): told as mediasoup tells its own consumers. */
  producerPauseChanged(paused: boolean): void {
    if (this.closedFlag || this.producerPaused === paused) return;
    this.producerPaused = paused;
    this.emit(paused ? 'producerpause' : 'producerresume');
  }

  /** The origin's producer closed: its pipe and this consumer with it. */
  producerClosed(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.emit('producerclose');
    this.observer.emit('close');
  }
}

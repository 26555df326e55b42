import type { types as ms } from 'mediasoup';
import type { ConsumerGrant } from '@ejustice/media-policy';
import {
  type AudioOnlyState,
  INITIAL_AUDIO_ONLY,
  type MediaSource,
  type RtpCapabilities,
  type ServerNotification,
  type SessionEndReason,
  type SignallingErrorCode,
  type TransportDirection,
  roomError,
} from '@ejustice/hearings';

/** How the room reaches one client. The gateway implements it over a socket; tests with a recorder. */
export interface PeerChannel {
  notify(notification: ServerNotification): void;
  /** Sends `sessionEnded`, then closes the connection. */
  end(reason: SessionEndReason, code: SignallingErrorCode, message: string): void;
}

export interface ConsumerEntry {
  readonly consumer: ms.Consumer;
  readonly grant: ConsumerGrant;
  readonly source: MediaSource;
  /** The interpretation channel it carries (audio of an interpreter speaking into it), or null: the floor. */
  readonly channel: string | null;
  /** The client has set the consumer up and asked for it (`resumeConsumer`). */
  acknowledged: boolean;
  /** The client hides it (`pauseConsumer`). */
  pausedByClient: boolean;
  tile: { readonly width: number; readonly height: number } | null;
  preferred: { spatialLayer: number; temporalLayer: number } | null;
}

export interface ProducerEntry {
  readonly producer: ms.Producer;
  readonly source: MediaSource;
}

/**
 * What one peer may hold at once. A client needs one transport per direction and one producer
 * per source (microphone, camera, screen); consumers are the server's to open, one per producer
 * the policy lets the viewer receive, and the bound sits far above any courtroom (a hundred
 * people each sending sound and picture) so that only a fault or an attack meets it.
 */
export interface PeerLimits {
  readonly transports: number;
  readonly producers: number;
  readonly consumers: number;
}

export const PEER_LIMITS: PeerLimits = { transports: 2, producers: 3, consumers: 400 };

const LIMIT_SENTENCES: { readonly [K in keyof PeerLimits]: string } = {
  transports: 'This connection already has its media connections. Close one before opening another.',
  producers: 'This connection already sends as much media as a participant may. Stop something first.',
  consumers: 'This connection already receives as many streams as a participant may.',
};

/**
 * One connected participant's media on this node: their transports, producers and consumers, in
 * private maps, and their connection to the client. `closeMedia()` and `close()` are idempotent
 * and cascade (closing a transport closes what runs on it); the maps forget objects as mediasoup
 * reports them closed, whoever closed them.
 */
export class Peer {
  private readonly transports = new Map<string, { transport: ms.WebRtcTransport; direction: TransportDirection }>();
  private readonly producers = new Map<string, ProducerEntry>();
  private readonly consumers = new Map<string, ConsumerEntry>();
  private closedFlag = false;
  audioOnly: AudioOnlyState = INITIAL_AUDIO_ONLY;
  /** The dominant speaker this client was last told of (null: none it may hear). */
  activeSpeakerSent: string | null = null;
  /** What the last network-health notification said, to send only changes (and a periodic refresh). */
  lastHealth: { key: string; at: number } | null = null;
  /** The worst share of packets lost to or from this participant in the last health sample (0..1). */
  packetLoss: number | null = null;

  constructor(
    readonly participantId: string,
    readonly channel: PeerChannel,
    readonly rtpCapabilities: RtpCapabilities,
    readonly limits: PeerLimits = PEER_LIMITS,
  ) {}

  /** Whether one more object of this sort fits within the peer's limits. */
  hasRoomFor(sort: keyof PeerLimits): boolean {
    const held = sort === 'transports' ? this.transports.size : sort === 'producers' ? this.producers.size : this.consumers.size;
    return held < this.limits[sort];
  }

  /** Refuses (before any mediasoup work) what would take the peer over its limits. */
  assertRoomFor(sort: keyof PeerLimits): void {
    if (!this.hasRoomFor(sort)) throw roomError('signalling.limit_reached', LIMIT_SENTENCES[sort]);
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  notify(notification: ServerNotification): void {
    if (!this.closedFlag) this.channel.notify(notification);
  }

  // --- transports

  addTransport(transport: ms.WebRtcTransport, direction: TransportDirection): void {
    this.transports.set(transport.id, { transport, direction });
    transport.observer.once('close', () => this.transports.delete(transport.id));
  }

  transport(id: string): { transport: ms.WebRtcTransport; direction: TransportDirection } {
    const entry = this.transports.get(id);
    if (!entry || entry.transport.closed) throw roomError('media.transport_not_found');
    return entry;
  }

  /** The live transport of a direction (a peer keeps at most one of each). */
  transportFor(direction: TransportDirection): ms.WebRtcTransport | undefined {
    for (const entry of this.transports.values()) if (entry.direction === direction && !entry.transport.closed) return entry.transport;
    return undefined;
  }

  allTransports(): ms.WebRtcTransport[] {
    return [...this.transports.values()].map((e) => e.transport);
  }

  // --- producers

  addProducer(producer: ms.Producer, source: MediaSource): void {
    this.producers.set(producer.id, { producer, source });
    producer.observer.once('close', () => this.producers.delete(producer.id));
  }

  producer(id: string): ProducerEntry {
    const entry = this.producers.get(id);
    if (!entry || entry.producer.closed) throw roomError('media.producer_not_found');
    return entry;
  }

  producerFor(source: MediaSource): ProducerEntry | undefined {
    for (const entry of this.producers.values()) if (entry.source === source && !entry.producer.closed) return entry;
    return undefined;
  }

  allProducers(): ProducerEntry[] {
    return [...this.producers.values()];
  }

  // --- consumers

  addConsumer(entry: ConsumerEntry): void {
    this.consumers.set(entry.consumer.id, entry);
    entry.consumer.observer.once('close', () => this.consumers.delete(entry.consumer.id));
  }

  consumer(id: string): ConsumerEntry {
    const entry = this.consumers.get(id);
    if (!entry || entry.consumer.closed) throw roomError('media.consumer_not_found');
    return entry;
  }

  allConsumers(): ConsumerEntry[] {
    return [...this.consumers.values()];
  }

  /**
   * Closes every transport (and with them every producer and consumer). Used when the peer leaves
   * and when the worker carrying them died (their objects are closed already; close() is a no-op).
   */
  closeMedia(): void {
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.audioOnly = INITIAL_AUDIO_ONLY;
  }

  close(): void {
    if (this.closedFlag) return;
    this.closeMedia();
    this.closedFlag = true;
  }
}

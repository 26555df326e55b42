/*
 * The load: N hearings of M participants, each participant sending the clip's Opus and VP8
 * through a werift send transport and receiving everyone else's through a werift receive
 * transport. One driver for both sides; what differs is how media is set up (`SfuSide`): through
 * the platform's signalling, tickets and judge, or straight on the bare host.
 */
import type { TransportOptions, DtlsParameters, RtpParameters } from '@ejustice/hearings/signalling/signalling-messages';
import type { RtpClip } from './rtp-clip';
import { type ReplayStream, RtpReplayer, seededRandom } from './rtp-replayer';
import type { SequenceCounter } from './statistics';
import { type MediaKindOnWire, type OfferedConsumer, type ReceivePeer, type SendPeer, openReceivePeer, openSendPeer } from './werift-peers';

/** One participant's media set-up on one side. */
export interface SideParticipant {
  createTransport(direction: 'send' | 'recv'): Promise<TransportOptions>;
  connectTransport(transportId: string, dtlsParameters: DtlsParameters): Promise<void>;
  produce(transportId: string, kind: MediaKindOnWire, rtpParameters: RtpParameters): Promise<string>;
  /** The consumers this participant is to receive on `transportId`, created paused. */
  consumers(transportId: string, othersProducerIds: readonly string[]): Promise<OfferedConsumer[]>;
  resumeConsumer(consumerId: string): Promise<void>;
  close(): Promise<void>;
}

/** One hearing on one side. */
export interface SideHearing {
  /** Participant `index` (0 = the judge) joins. */
  join(index: number): Promise<SideParticipant>;
  /** After everyone is sending: whatever lets media flow between them (admission, unmuting). */
  letIn(participants: readonly SideParticipant[]): Promise<void>;
  close(): Promise<void>;
}

export interface SfuSide {
  readonly name: 'platform' | 'bare';
  openHearing(index: number): Promise<SideHearing>;
}

export interface LoadParticipant {
  readonly hearing: number;
  readonly index: number;
  readonly producerIds: Partial<Record<MediaKindOnWire, string>>;
  readonly streams: ReadonlyMap<string, ReplayStream>;
  readonly consumers: readonly OfferedConsumer[];
  /** Packets received per consumer id: the consumers above, and any tracked since. */
  readonly counters: ReadonlyMap<string, SequenceCounter>;
  /** Counts a consumer offered later on the same receive transport (see ReceivePeer.track). */
  track(consumer: OfferedConsumer): SequenceCounter;
}

export interface RunningLoad {
  readonly participants: readonly LoadParticipant[];
  readonly replayer: RtpReplayer;
  /** Packets sent so far per producer id (the replayer's counts). */
  sentByProducer(): Map<string, number>;
  close(): Promise<void>;
}

export interface LoadShape {
  readonly hearings: number;
  readonly participants: number;
  /** Seed of the streams' phases: the same on both sides of one step. */
  readonly seed: number;
  readonly clips: Readonly<Record<MediaKindOnWire, RtpClip>>;
  /** Receivers decrypt every packet (werift) instead of counting SRTP headers. */
  readonly decrypt: boolean;
  /** Participants of one hearing set up at once. */
  readonly concurrency?: number;
}

async function inBatches<T>(items: readonly T[], size: number, task: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(task));
}

/**
 * Sets the load up hearing by hearing (so each SFU places each new router knowing where the
 * previous ones went), starts the streams, and returns once every receiver is connected and every
 * consumer resumed. On failure, closes what was opened.
 */
export async function startLoad(side: SfuSide, shape: LoadShape, log: (line: string) => void): Promise<RunningLoad> {
  const replayer = new RtpReplayer();
  replayer.start();
  const hearings: SideHearing[] = [];
  const closers: (() => Promise<void>)[] = [];
  const participants: LoadParticipant[] = [];
  const kinds: MediaKindOnWire[] = ['audio', 'video'];
  // The media stops first, then each hearing is ended while its participants are still connected
  // (on the platform the judge closes the sitting), then the peers and connections go.
  const close = async () => {
    replayer.stop();
    for (const h of hearings.splice(0)) await h.close().catch(() => undefined);
    for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
  };
  try {
    for (let h = 0; h < shape.hearings; h++) {
      const hearing = await side.openHearing(h);
      hearings.push(hearing);
      const indexes = Array.from({ length: shape.participants }, (_, i) => i);
      const joined: SideParticipant[] = new Array(shape.participants);
      const senders: SendPeer[] = new Array(shape.participants);
      const streams: Map<string, ReplayStream>[] = indexes.map(() => new Map());
      // The judge first (on the platform they open the sitting), then the others.
      const sendOne = async (i: number) => {
        const p = await hearing.join(i);
        joined[i] = p;
        closers.push(() => p.close());
        const transport = await p.createTransport('send');
        const peer = await openSendPeer(transport, kinds, {
          connect: (dtls) => p.connectTransport(transport.transportId, dtls),
          produce: (kind, rtp) => p.produce(transport.transportId, kind, rtp),
        });
        senders[i] = peer;
        closers.push(() => peer.close());
        for (const kind of kinds) {
          const producerId = peer.producerIds[kind];
          if (!producerId) throw new Error(`participant ${h}.${i} has no ${kind} producer`);
          const random = seededRandom(shape.seed * 1_000_003 + h * 1009 + i * 2 + (kind === 'audio' ? 0 : 1));
          const stream = replayer.add(shape.clips[kind], peer.sinkFor(kind), random);
          streams[i].set(producerId, stream);
          closers.push(async () => stream.stop());
        }
      };
      await sendOne(0);
      await inBatches(indexes.slice(1), shape.concurrency ?? 8, sendOne);
      await hearing.letIn(joined);

      const receiveOne = async (i: number) => {
        const p = joined[i];
        const others = indexes.filter((j) => j !== i).flatMap((j) => kinds.map((k) => senders[j].producerIds[k] as string));
        const transport = await p.createTransport('recv');
        const consumers = await p.consumers(transport.transportId, others);
        const receiver: ReceivePeer = await openReceivePeer(
          transport,
          consumers,
          { connect: (dtls) => p.connectTransport(transport.transportId, dtls) },
          { decrypt: shape.decrypt },
        );
        closers.push(() => receiver.close());
        // Consumers were created paused: they forward from this acknowledgement on.
        for (const c of consumers) await p.resumeConsumer(c.consumerId);
        participants.push({
          hearing: h,
          index: i,
          producerIds: senders[i].producerIds,
          streams: streams[i],
          consumers,
          counters: receiver.counters,
          track: (consumer) => receiver.track(consumer),
        });
      };
      await inBatches(indexes, shape.concurrency ?? 8, receiveOne);
      log(`  ${side.name}: hearing ${h + 1}/${shape.hearings} set up (${shape.participants} participants)`);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    participants,
    replayer,
    sentByProducer() {
      const sent = new Map<string, number>();
      for (const p of participants) for (const [producerId, s] of p.streams) sent.set(producerId, s.sent);
      return sent;
    },
    close,
  };
}

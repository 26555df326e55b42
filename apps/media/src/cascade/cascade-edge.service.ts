import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { types as ms } from 'mediasoup';
import { MediaNodeDirectory, type TransportOptions, chooseWorker } from '@ejustice/hearings';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import { HEARING_MEDIA_CODECS, INITIAL_OUTGOING_BITRATE } from '../mediasoup/media-codecs';
import { WorkerPool, type WorkerSlot } from '../mediasoup/worker-pool.service';
import { RoomManager } from '../room/room-manager.service';
import { CascadeBus } from './cascade-bus';
import type { CascadeMethod, CascadeRequests, EdgeConsumerStats, EdgeTransportStats, EdgeWarmup, PipeEnd } from './cascade-messages';

type Data<M extends CascadeMethod> = CascadeRequests[M]['data'];

/**
 * One hearing served in part by this node for its origin: a router, its end of the pipe from the
 * origin, the producers piped over it (same ids as on the origin), and the viewers' transports
 * and consumers. It decides nothing: the origin's room asked the media policy for every
 * consumer before asking for it here, and closes it here the moment the policy forbids it.
 */
class EdgeHearing {
  readonly producers = new Map<string, ms.Producer>();
  readonly transports = new Map<string, ms.WebRtcTransport>();
  readonly consumers = new Map<string, ms.Consumer>();
  private queue: Promise<unknown> = Promise.resolve();
  closed = false;

  constructor(
    readonly hearingId: string,
    readonly originNodeId: string,
    readonly slot: WorkerSlot,
    readonly router: ms.Router,
    readonly pipe: ms.PipeTransport,
    readonly warmup: ms.DataProducer,
  ) {}

  /** Requests run one at a time, in the order the origin sent them (a close never overtakes the consume before it). */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.router.close();
  }
}

/**
 * The edge side of cascading on this node: it serves, for other nodes' hearings, the viewers
 * those origins put here (cascade-origin.ts). A hearing here closes when its origin unlinks it,
 * when the origin is gone from the directory (its viewers' signalling went with it), or when
 * the worker under it dies (the origin is told, and its viewers set up again).
 */
@Injectable()
export class CascadeEdge implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CascadeEdge.name);
  private readonly hearings = new Map<string, EdgeHearing>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: CascadeBus,
    private readonly pool: WorkerPool,
    private readonly rooms: RoomManager,
    private readonly directory: MediaNodeDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    pool.onWorkerDied((index) => this.workerDied(index));
  }

  onModuleInit(): void {
    this.bus.serve((from, hearingId, method, data) => this.handle(from, hearingId, method, data));
    this.timer = setInterval(
      () => void this.checkOrigins().catch((e: Error) => this.logger.warn(`checkOrigins() failed [error:${e.message}]`)),
      this.config.media.heartbeatMs,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    for (const hearing of this.hearings.values()) {
      hearing.close();
      void this.bus.lost(hearing.originNodeId, { hearingId: hearing.hearingId, reason: 'edge_closing' }).catch(() => undefined);
    }
    this.hearings.clear();
  }

  /** What this node forwards for other nodes, for its load report. */
  load(): { hearings: number; viewers: number; consumers: number } {
    let viewers = 0;
    let consumers = 0;
    for (const h of this.hearings.values()) {
      viewers += h.transports.size;
      consumers += h.consumers.size;
    }
    return { hearings: this.hearings.size, viewers, consumers };
  }

  /** A hearing served here, as plain data, for tests and diagnostics. */
  served(hearingId: string):
    | {
        originNodeId: string;
        producers: { id: string; kind: string; paused: boolean }[];
        transports: { id: string; participantId: string }[];
        consumers: { id: string; producerId: string; paused: boolean }[];
      }
    | undefined {
    const h = this.hearings.get(hearingId);
    if (!h) return undefined;
    return {
      originNodeId: h.originNodeId,
      producers: [...h.producers.values()].map((p) => ({ id: p.id, kind: p.kind, paused: p.paused })),
      transports: [...h.transports.values()].map((t) => ({
        id: t.id,
        participantId: (t.appData as { participantId: string }).participantId,
      })),
      consumers: [...h.consumers.values()].map((c) => ({ id: c.id, producerId: c.producerId, paused: c.paused })),
    };
  }

  private async handle(from: string, hearingId: string, method: CascadeMethod, data: unknown): Promise<unknown> {
    if (method === 'open') return this.open(from, hearingId, data as Data<'open'>);
    const hearing = this.hearings.get(hearingId);
    // Only the origin that linked the hearing speaks for it.
    if (!hearing || hearing.originNodeId !== from) {
      // Closing what is gone already is done.
      if (method === 'close' || method === 'closeTransport' || method === 'closeConsumer' || method === 'unpipe') return {};
      throw new Error(`hearing ${hearingId} is not served here for ${from}`);
    }
    // Reading statistics changes nothing: not queued behind the hearing's changes.
    if (method === 'stats') return this.stats(hearing, data as Data<'stats'>);
    return hearing.run(() => this.execute(hearing, method, data));
  }

  /**
   * The statistics the origin's health sampling reads of the hearing's viewers here: each
   * transport's send estimate, each consumer's receiver reports (the viewer's loss and round trip).
   * Read in parallel; one that closed meanwhile is left out.
   */
  private async stats(h: EdgeHearing, data: Data<'stats'>): Promise<CascadeRequests['stats']['result']> {
    const transports: Record<string, EdgeTransportStats> = {};
    const consumers: Record<string, EdgeConsumerStats> = {};
    await Promise.all([
      ...data.transportIds.map(async (id) => {
        const stats = await h.transports
          .get(id)
          ?.getStats()
          .catch(() => undefined);
        if (stats) transports[id] = { availableOutgoingBitrate: stats[0]?.availableOutgoingBitrate ?? null };
      }),
      ...data.consumerIds.map(async (id) => {
        const stats = await h.consumers
          .get(id)
          ?.getStats()
          .catch(() => undefined);
        const sent = stats?.find((s) => s.type === 'outbound-rtp');
        if (sent) consumers[id] = { roundTripTime: sent.roundTripTime ?? null, fractionLost: sent.fractionLost };
      }),
    ]);
    return { transports, consumers };
  }

  private async execute(h: EdgeHearing, method: CascadeMethod, data: unknown): Promise<unknown> {
    switch (method) {
      case 'open':
        throw new Error('open is handled before the queue');
      case 'close':
        this.drop(h);
        return {};
      case 'pipe': {
        const d = data as Data<'pipe'>;
        const producer = await h.pipe.produce({
          id: d.producerId,
          kind: d.kind,
          rtpParameters: d.rtpParameters,
          paused: d.paused,
          appData: { pipedFrom: h.originNodeId },
        });
        h.producers.set(producer.id, producer);
        producer.observer.once('close', () => h.producers.delete(producer.id));
        return {};
      }
      case 'unpipe':
        h.producers.get((data as Data<'unpipe'>).producerId)?.close();
        return {};
      case 'setProducerPaused': {
        const d = data as Data<'setProducerPaused'>;
        const producer = h.producers.get(d.producerId);
        if (producer && d.paused && !producer.paused) await producer.pause();
        if (producer && !d.paused && producer.paused) await producer.resume();
        return {};
      }
      case 'createTransport':
        return this.createTransport(h, (data as Data<'createTransport'>).participantId);
      case 'connectTransport': {
        const d = data as Data<'connectTransport'>;
        await this.transport(h, d.transportId).connect({ dtlsParameters: d.dtlsParameters });
        return {};
      }
      case 'restartIce':
        return { iceParameters: await this.transport(h, (data as Data<'restartIce'>).transportId).restartIce() };
      case 'closeTransport':
        h.transports.get((data as Data<'closeTransport'>).transportId)?.close();
        return {};
      case 'consume': {
        const d = data as Data<'consume'>;
        const transport = this.transport(h, d.transportId);
        if (!h.producers.has(d.producerId)) throw new Error('that producer is not piped here');
        if (!h.router.canConsume({ producerId: d.producerId, rtpCapabilities: d.rtpCapabilities }))
          throw new Error('the viewer cannot receive that producer');
        const consumer = await transport.consume({
          producerId: d.producerId,
          rtpCapabilities: d.rtpCapabilities,
          paused: true,
          enableRtx: d.enableRtx,
          ignoreDtx: d.ignoreDtx,
        });
        h.consumers.set(consumer.id, consumer);
        consumer.observer.once('close', () => h.consumers.delete(consumer.id));
        return {
          consumerId: consumer.id,
          kind: consumer.kind,
          rtpParameters: consumer.rtpParameters,
          type: consumer.type,
          producerPaused: consumer.producerPaused,
        };
      }
      case 'closeConsumer':
        h.consumers.get((data as Data<'closeConsumer'>).consumerId)?.close();
        return {};
      case 'setConsumerPaused': {
        const d = data as Data<'setConsumerPaused'>;
        const consumer = h.consumers.get(d.consumerId);
        if (consumer && d.paused && !consumer.paused) await consumer.pause();
        if (consumer && !d.paused && consumer.paused) await consumer.resume();
        return {};
      }
      case 'setPreferredLayers': {
        const d = data as Data<'setPreferredLayers'>;
        await h.consumers.get(d.consumerId)?.setPreferredLayers({ spatialLayer: d.spatialLayer, temporalLayer: d.temporalLayer });
        return {};
      }
      case 'stats':
        throw new Error('stats is answered before the queue');
    }
  }

  /**
   * Links a hearing for its origin: a router on the least loaded worker, its pipe end connected
   * to the origin's, and the warm-up data channel every viewer transport consumes (Room.createTransport).
   * A hearing linked before by another origin (the hearing moved after a failure) is dropped first.
   */
  private async open(from: string, hearingId: string, data: Data<'open'>): Promise<{ pipe: PipeEnd }> {
    const previous = this.hearings.get(hearingId);
    if (previous) this.drop(previous);
    const slot = this.chooseSlot();
    const router = await slot.worker.createRouter({ mediaCodecs: HEARING_MEDIA_CODECS, appData: { hearingId, edgeFor: from } });
    try {
      const pipe = await router.createPipeTransport({
        listenInfo: { protocol: 'udp', ip: this.config.media.pipeAddress },
        enableSrtp: true,
        enableRtx: true,
      });
      await pipe.connect({ ip: data.pipe.ip, port: data.pipe.port, srtpParameters: data.pipe.srtpParameters });
      const warmup = await (await router.createDirectTransport()).produceData({ label: 'warmup', protocol: 'ejustice-warmup' });
      const hearing = new EdgeHearing(hearingId, from, slot, router, pipe, warmup);
      this.hearings.set(hearingId, hearing);
      router.observer.once('close', () => {
        if (this.hearings.get(hearingId) === hearing) this.hearings.delete(hearingId);
      });
      this.logger.log(`open() serving a hearing's viewers [hearing:${hearingId}] [origin:${from}] [worker:${slot.index}]`);
      return { pipe: { ip: pipe.tuple.localAddress, port: pipe.tuple.localPort, srtpParameters: pipe.srtpParameters } };
    } catch (error) {
      router.close();
      throw error;
    }
  }

  private async createTransport(h: EdgeHearing, participantId: string): Promise<{ transport: TransportOptions; warmup: EdgeWarmup }> {
    const transport = await h.router.createWebRtcTransport({
      webRtcServer: h.slot.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
      enableSctp: true,
      appData: { participantId, direction: 'recv' },
    });
    h.transports.set(transport.id, transport);
    transport.observer.once('close', () => h.transports.delete(transport.id));
    const warm = await transport.consumeData({ dataProducerId: h.warmup.id });
    return {
      transport: {
        transportId: transport.id,
        direction: 'recv',
        iceParameters: transport.iceParameters,
        iceCandidates: transport.iceCandidates as TransportOptions['iceCandidates'],
        dtlsParameters: transport.dtlsParameters as TransportOptions['dtlsParameters'],
        ...(transport.sctpParameters ? { sctpParameters: transport.sctpParameters as TransportOptions['sctpParameters'] } : {}),
      },
      warmup: {
        dataConsumerId: warm.id,
        dataProducerId: h.warmup.id,
        sctpStreamParameters: warm.sctpStreamParameters as ms.SctpStreamParameters,
        label: warm.label,
        protocol: warm.protocol,
      },
    };
  }

  private transport(h: EdgeHearing, id: string): ms.WebRtcTransport {
    const transport = h.transports.get(id);
    if (!transport || transport.closed) throw new Error('no such transport here');
    return transport;
  }

  private drop(h: EdgeHearing): void {
    h.close();
    if (this.hearings.get(h.hearingId) === h) this.hearings.delete(h.hearingId);
    this.logger.log(`drop() no longer serving [hearing:${h.hearingId}] [origin:${h.originNodeId}]`);
  }

  /** The least loaded live worker, counting this node's own rooms and the hearings it serves as an edge. */
  private chooseSlot(): WorkerSlot {
    const loads = this.pool.live().map((slot) => {
      const rooms = this.rooms.allRooms().filter((r) => r.workerIndex === slot.index && !r.mediaLost);
      const edges = [...this.hearings.values()].filter((h) => h.slot.index === slot.index);
      const stats = rooms.map((r) => r.stats());
      return {
        index: slot.index,
        alive: true,
        routers: rooms.length + edges.length,
        participants: stats.reduce((n, s) => n + s.participants, 0) + edges.reduce((n, h) => n + h.transports.size, 0),
        consumers: stats.reduce((n, s) => n + s.consumers, 0) + edges.reduce((n, h) => n + h.consumers.size, 0),
      };
    });
    const index = chooseWorker(loads);
    const slot = index === undefined ? undefined : this.pool.slot(index);
    if (!slot) throw new Error('no live worker on this node');
    return slot;
  }

  /** The worker under some served hearings died: they are dropped, and their origins told (their viewers set up again). */
  private workerDied(index: number): void {
    for (const h of [...this.hearings.values()]) {
      if (h.slot.index !== index) continue;
      this.drop(h);
      void this.bus
        .lost(h.originNodeId, { hearingId: h.hearingId, reason: 'edge_worker_failed' })
        .catch((e: Error) => this.logger.warn(`workerDied() origin not told [error:${e.message}]`));
    }
  }

  /** A hearing whose origin is gone from the directory, or no longer carries it, is dropped: nobody is left to serve. */
  private async checkOrigins(): Promise<void> {
    if (this.hearings.size === 0) return;
    const live = new Set((await this.directory.liveNodes()).map((n) => n.nodeId));
    for (const h of [...this.hearings.values()]) {
      const carrier = await this.directory.nodeOf(h.hearingId);
      if (!live.has(h.originNodeId) || (carrier !== null && carrier !== h.originNodeId)) this.drop(h);
    }
  }
}

import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { types as ms } from 'mediasoup';
import type { ConsumerGrant } from '@ejustice/media-policy';
import { MediaNodeDirectory } from '@ejustice/hearings';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import { CascadeBus, CascadeRequestFailed } from './cascade-bus';
import type { CascadeLost, CascadeMethod, CascadeRequests, EdgeConsumerStats, EdgeTransportStats } from './cascade-messages';
import { diffPipes, placeViewer, variantKey, variantsToPipe } from './cascade-plan';
import { EdgeConsumer, type EdgeLinkPort, EdgeTransport } from './edge-media';

/** What a room asks of the cascade (Room.create's `cascade`): the hooks, nothing more. */
export interface RoomCascadePort {
  /** The room's router, each time it is made (at opening, and after its worker died). */
  attach(router: ms.Router): void;
  /**
   * A receiving transport for a viewer on an edge node, when the origin serves enough of the
   * hearing's viewers already and another node can take them; undefined: make it here.
   */
  recvTransport(participantId: string, viewersOnOrigin: number, onLost: () => void): Promise<ms.WebRtcTransport | undefined>;
  isEdgeTransport(transport: unknown): boolean;
  close(): void;
}

/** One piped producer: the origin's pipe consumer of it, and the edge's producer made from it. */
interface Pipe {
  readonly producerId: string;
  readonly ready: Promise<ms.Consumer>;
  consumer: ms.Consumer | null;
  closed: boolean;
}

/**
 * The origin's end of one hearing's link to one edge node: the pipe transport pair (origin ↔
 * edge), the producers piped through it, and the viewers' transports and consumers there. A
 * producer is piped when the first consumer of it opens on the edge, and unpiped (at the origin
 * first, which cuts the media at once, then on the edge) when the last one closes.
 */
class EdgeLink implements EdgeLinkPort {
  private readonly logger: Logger;
  private readonly pipes = new Map<string, Pipe>();
  private readonly transports = new Set<EdgeTransport>();
  private closedFlag = false;
  /** The statistics asked for since the last request left: one request per health sample, not one per viewer and consumer. */
  private statsWanted: {
    transportIds: Set<string>;
    consumerIds: Set<string>;
    answer: Promise<CascadeRequests['stats']['result'] | undefined>;
  } | null = null;

  private constructor(
    private readonly cascade: RoomCascade,
    readonly edgeNodeId: string,
    private readonly pipeTransport: ms.PipeTransport,
  ) {
    this.logger = new Logger(`Cascade:${cascade.hearingId.slice(0, 8)}->${edgeNodeId}`);
  }

  /**
   * Links the hearing to an edge: the origin's pipe transport, then the edge's (connected to the
   * origin's), then the origin's connected to the edge's. SRTP on the pipe: between machines it
   * crosses the court's network, and it carries a protected witness's media.
   */
  static async open(cascade: RoomCascade, router: ms.Router, edgeNodeId: string, pipeAddress: string): Promise<EdgeLink> {
    const pipe = await router.createPipeTransport({
      listenInfo: { protocol: 'udp', ip: pipeAddress },
      enableSrtp: true,
      enableRtx: true,
      appData: { cascadeTo: edgeNodeId },
    });
    try {
      const answer = await cascade.request(edgeNodeId, 'open', {
        pipe: { ip: pipe.tuple.localAddress, port: pipe.tuple.localPort, srtpParameters: pipe.srtpParameters },
      });
      await pipe.connect({ ip: answer.pipe.ip, port: answer.pipe.port, srtpParameters: answer.pipe.srtpParameters });
    } catch (error) {
      pipe.close();
      throw error;
    }
    return new EdgeLink(cascade, edgeNodeId, pipe);
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  viewers(): number {
    return [...this.transports].filter((t) => !t.closed).length;
  }

  /** Consumers open on the edge for this hearing's viewers. */
  consumers(): number {
    return this.openConsumers().length;
  }

  /** Producer ids piped now, for tests and diagnostics. */
  pipedProducerIds(): string[] {
    return [...this.pipes.values()].filter((p) => !p.closed).map((p) => p.producerId);
  }

  owns(transport: unknown): boolean {
    return transport instanceof EdgeTransport && this.transports.has(transport);
  }

  async createTransport(participantId: string, onLost: () => void): Promise<EdgeTransport> {
    const made = await this.cascade.request(this.edgeNodeId, 'createTransport', { participantId });
    const transport = new EdgeTransport(this, made.transport, made.warmup, participantId, onLost);
    if (this.closedFlag) {
      transport.close();
      throw new Error('the link to the edge closed meanwhile');
    }
    this.transports.add(transport);
    return transport;
  }

  async connect(transport: EdgeTransport, dtlsParameters: ms.DtlsParameters): Promise<void> {
    await this.cascade.request(this.edgeNodeId, 'connectTransport', { transportId: transport.id, dtlsParameters });
  }

  async restartIce(transport: EdgeTransport): Promise<ms.IceParameters> {
    return (await this.cascade.request(this.edgeNodeId, 'restartIce', { transportId: transport.id })).iceParameters;
  }

  async consume(
    transport: EdgeTransport,
    producerId: string,
    grant: ConsumerGrant,
    options: { rtpCapabilities: ms.RtpCapabilities; enableRtx: boolean; ignoreDtx: boolean },
  ): Promise<EdgeConsumer> {
    const producer = this.cascade.producer(producerId);
    if (!producer || this.closedFlag) throw new Error('the producer or the link to the edge is gone');
    await this.ensurePipe(producer);
    const params = await this.cascade.request(this.edgeNodeId, 'consume', {
      transportId: transport.id,
      producerId,
      rtpCapabilities: options.rtpCapabilities,
      enableRtx: options.enableRtx,
      ignoreDtx: options.ignoreDtx,
    });
    const consumer = new EdgeConsumer(this, params, producerId, grant);
    // Forbidden or closed while the edge made it (the room's queue runs one change at a time, but
    // a producer can close between): close it there at once.
    if (transport.closed || !this.pipes.get(producerId) || producer.closed) {
      consumer.close();
      return consumer;
    }
    return consumer;
  }

  consumerClosed(consumer: EdgeConsumer): void {
    this.send('closeConsumer', { consumerId: consumer.id });
    this.unpipeUnwanted();
  }

  transportClosed(transport: EdgeTransport): void {
    this.transports.delete(transport);
    this.send('closeTransport', { transportId: transport.id });
    this.unpipeUnwanted();
  }

  async setConsumerPaused(consumer: EdgeConsumer, paused: boolean): Promise<void> {
    await this.cascade
      .request(this.edgeNodeId, 'setConsumerPaused', { consumerId: consumer.id, paused })
      .catch((error: Error) => this.logger.warn(`setConsumerPaused() failed [error:${error.message}]`));
  }

  async setPreferredLayers(consumer: EdgeConsumer, layers: { spatialLayer: number; temporalLayer?: number }): Promise<void> {
    await this.cascade
      .request(this.edgeNodeId, 'setPreferredLayers', { consumerId: consumer.id, ...layers })
      .catch((error: Error) => this.logger.warn(`setPreferredLayers() failed [error:${error.message}]`));
  }

  async transportStats(transport: EdgeTransport): Promise<EdgeTransportStats | undefined> {
    return (await this.askStats('transport', transport.id))?.transports[transport.id];
  }

  async consumerStats(consumer: EdgeConsumer): Promise<EdgeConsumerStats | undefined> {
    return (await this.askStats('consumer', consumer.id))?.consumers[consumer.id];
  }

  /**
   * Gathers the statistics asked for in this turn of the event loop (the room reads every peer's
   * transport and consumers at once, Room.sampleHealth) into one request to the edge. A failed
   * request answers nothing: the viewer's health is then unknown for this sample, as the room
   * takes a failed read of its own transports.
   */
  private askStats(kind: 'transport' | 'consumer', id: string): Promise<CascadeRequests['stats']['result'] | undefined> {
    if (!this.statsWanted) {
      const wanted = { transportIds: new Set<string>(), consumerIds: new Set<string>() };
      const answer = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        if (this.statsWanted?.answer === answer) this.statsWanted = null;
        if (this.closedFlag) return undefined;
        return this.cascade
          .request(this.edgeNodeId, 'stats', { transportIds: [...wanted.transportIds], consumerIds: [...wanted.consumerIds] })
          .catch((error: Error) => {
            this.logger.warn(`stats() failed [error:${error.message}]`);
            return undefined;
          });
      });
      this.statsWanted = { ...wanted, answer };
    }
    (kind === 'transport' ? this.statsWanted.transportIds : this.statsWanted.consumerIds).add(id);
    return this.statsWanted.answer;
  }

  /**
   * Pipes a producer to the edge once: a pipe consumer of it here, a producer with the same id
   * there. Its pause follows the origin's producer (the muted microphone stays silent on the
   * edge too); its close closes the edge's copy and every consumer of it there.
   */
  private ensurePipe(producer: ms.Producer): Promise<ms.Consumer> {
    const existing = this.pipes.get(producer.id);
    if (existing && !existing.closed) return existing.ready;
    const pipe: Omit<Pipe, 'ready'> & { ready?: Promise<ms.Consumer> } = { producerId: producer.id, consumer: null, closed: false };
    const ready = (async () => {
      const consumer = await this.pipeTransport.consume({ producerId: producer.id });
      pipe.consumer = consumer;
      try {
        await this.cascade.request(this.edgeNodeId, 'pipe', {
          producerId: producer.id,
          kind: consumer.kind,
          rtpParameters: consumer.rtpParameters,
          paused: consumer.producerPaused,
        });
      } catch (error) {
        consumer.close();
        throw error;
      }
      if (pipe.closed) {
        consumer.close();
        throw new Error('unpiped meanwhile');
      }
      consumer.observer.on('pause', () => this.pauseChanged(producer.id, true));
      consumer.observer.on('resume', () => this.pauseChanged(producer.id, false));
      consumer.on('producerclose', () => this.producerClosed(producer.id));
      // Paused or resumed while the edge made its copy: the edge follows now.
      if (consumer.producerPaused) this.pauseChanged(producer.id, true);
      this.logger.log(`ensurePipe() piped [producer:${producer.id}] [kind:${consumer.kind}]`);
      return consumer;
    })();
    const entry: Pipe = Object.assign(pipe, { ready });
    ready.catch(() => {
      entry.closed = true;
      if (this.pipes.get(producer.id) === entry) this.pipes.delete(producer.id);
    });
    this.pipes.set(producer.id, entry);
    return ready;
  }

  private pauseChanged(producerId: string, paused: boolean): void {
    this.send('setProducerPaused', { producerId, paused });
    for (const consumer of this.openConsumers()) if (consumer.producerId === producerId) consumer.producerPauseChanged(paused);
  }

  private producerClosed(producerId: string): void {
    const pipe = this.pipes.get(producerId);
    if (pipe) pipe.closed = true;
    this.pipes.delete(producerId);
    // Closing the edge's copy closes its consumers there; here the room hears it as from mediasoup.
    this.send('unpipe', { producerId });
    for (const consumer of this.openConsumers()) if (consumer.producerId === producerId) consumer.producerClosed();
  }

  private openConsumers(): EdgeConsumer[] {
    return [...this.transports].flatMap((t) => t.openConsumers());
  }

  /**
   * Keeps exactly the pipes some viewer on the edge has a consumer of (variantsToPipe: the
   * policy's grants, so a variant no edge viewer may receive any more is never kept). The
   * origin's pipe consumer closes first, synchronously: the media stops leaving this node at
   * once, before the edge hears of it.
   */
  private unpipeUnwanted(): void {
    const consumers = this.openConsumers();
    const wanted = new Set(
      (
        variantsToPipe(
          consumers.map((c) => c.grant),
          () => this.edgeNodeId,
        ).get(this.edgeNodeId) ?? []
      ).map(variantKey),
    );
    const wantedIds = consumers.filter((c) => wanted.has(variantKey(c.grant))).map((c) => c.producerId);
    const { unpipe } = diffPipes(
      [...this.pipes.values()].filter((p) => !p.closed).map((p) => p.producerId),
      wantedIds,
    );
    for (const producerId of unpipe) {
      const pipe = this.pipes.get(producerId);
      if (!pipe) continue;
      pipe.closed = true;
      this.pipes.delete(producerId);
      pipe.consumer?.close();
      this.send('unpipe', { producerId });
      this.logger.log(`unpipeUnwanted() unpiped [producer:${producerId}]`);
    }
  }

  /** The edge is gone (or the room's router): everything here closes and each viewer sets up again. */
  lose(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.pipeTransport.close();
    for (const pipe of this.pipes.values()) pipe.closed = true;
    this.pipes.clear();
    for (const transport of [...this.transports]) transport.lose();
    this.transports.clear();
  }

  /** Unlinks on purpose (the room closes): the edge drops the hearing. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const transport of [...this.transports]) transport.close();
    this.transports.clear();
    this.pipeTransport.close();
    this.send('close', {});
  }

  /** A request whose answer nobody waits for (closes, pauses): a failure is logged, and a lost edge is found by its heartbeat. */
  private send<M extends CascadeMethod>(method: M, data: CascadeRequests[M]['data']): void {
    void this.cascade
      .request(this.edgeNodeId, method, data)
      .catch((error: Error) => this.logger.warn(`send() failed [method:${method}] [error:${error.message}]`));
  }
}

/**
 * A hearing's cascade on its origin node: the links to its edges, and the viewers placed there.
 * The room decides every consumer (media policy) as always; this only decides where a viewer's
 * receiving transport lives, and carries what the room does to it over to that edge.
 */
export class RoomCascade implements RoomCascadePort {
  private readonly logger: Logger;
  private router: ms.Router | null = null;
  private readonly producers = new Map<string, ms.Producer>();
  private readonly links = new Map<string, EdgeLink>();
  private readonly opening = new Map<string, Promise<EdgeLink>>();
  private closedFlag = false;

  constructor(
    readonly hearingId: string,
    private readonly origin: CascadeOrigin,
  ) {
    this.logger = new Logger(`Cascade:${hearingId.slice(0, 8)}`);
  }

  attach(router: ms.Router): void {
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.producers.clear();
    this.router = router;
    // Every producer made on the router (participants', the anonymisers'), so a pipe can find it by id.
    router.observer.on('newtransport', (transport) =>
      transport.observer.on('newproducer', (producer) => {
        this.producers.set(producer.id, producer);
        producer.observer.once('close', () => this.producers.delete(producer.id));
      }),
    );
    // The router gone (its worker died, or the room closed): the edges drop the hearing. The room
    // tells every client to set its media up again itself (Room.relocate), so no viewer is told twice.
    router.observer.once('close', () => {
      if (this.router !== router) return;
      for (const link of this.links.values()) link.close();
      this.links.clear();
    });
  }

  producer(id: string): ms.Producer | undefined {
    return this.producers.get(id);
  }

  request<M extends CascadeMethod>(nodeId: string, method: M, data: CascadeRequests[M]['data']): Promise<CascadeRequests[M]['result']> {
    return this.origin.bus.request(nodeId, this.hearingId, method, data).catch((error: unknown) => {
      // The edge's channel has no listener: it died. Its viewers set up again now, not at the
      // next heartbeat check, and no later request of the room waits on it.
      if (error instanceof CascadeRequestFailed && error.nodeGone) queueMicrotask(() => this.edgeLost(nodeId));
      throw error;
    });
  }

  isEdgeTransport(transport: unknown): boolean {
    return transport instanceof EdgeTransport;
  }

  /** Edge node id → producer ids piped there, for tests and diagnostics. */
  pipes(): Map<string, string[]> {
    return new Map([...this.links].map(([nodeId, link]) => [nodeId, link.pipedProducerIds()]));
  }

  async recvTransport(participantId: string, viewersOnOrigin: number, onLost: () => void): Promise<ms.WebRtcTransport | undefined> {
    const router = this.router;
    if (this.closedFlag || !router || router.closed) return undefined;
    const nodes = await this.origin.liveNodes();
    const placed = placeViewer({
      originNodeId: this.origin.nodeId,
      afterViewers: this.origin.afterViewers,
      viewersOnOrigin,
      viewersOnEdges: new Map([...this.links].filter(([, l]) => !l.closed).map(([id, l]) => [id, l.viewers()])),
      nodes,
    });
    if (!placed.edge) return undefined;
    try {
      const link = await this.link(router, placed.nodeId);
      const transport = await link.createTransport(participantId, onLost);
      this.logger.log(`recvTransport() viewer on an edge [participant:${participantId}] [edge:${placed.nodeId}]`);
      return transport as unknown as ms.WebRtcTransport;
    } catch (error) {
      // The edge did not answer: the viewer is served here after all, and the edge is dropped.
      this.logger.warn(`recvTransport() edge failed, serving here [edge:${placed.nodeId}] [error:${(error as Error).message}]`);
      this.edgeLost(placed.nodeId);
      return undefined;
    }
  }

  private async link(router: ms.Router, nodeId: string): Promise<EdgeLink> {
    const existing = this.links.get(nodeId);
    if (existing && !existing.closed) return existing;
    const pending = this.opening.get(nodeId);
    if (pending) return pending;
    const opening = EdgeLink.open(this, router, nodeId, this.origin.pipeAddress)
      .then(async (link) => {
        if (this.closedFlag || this.router !== router) {
          link.close();
          throw new Error('the room closed or moved meanwhile');
        }
        this.links.set(nodeId, link);
        await this.origin.recordEdges(this.hearingId, [...this.links.keys()]);
        this.logger.log(`link() linked to an edge [edge:${nodeId}]`);
        return link;
      })
      .finally(() => this.opening.delete(nodeId));
    this.opening.set(nodeId, opening);
    return opening;
  }

  /** The edge died, lost its worker, or stopped answering: its viewers set up again (through the origin, which places them anew). */
  edgeLost(nodeId: string): void {
    const link = this.links.get(nodeId);
    if (!link) return;
    this.links.delete(nodeId);
    this.logger.warn(`edgeLost() viewers set up again [edge:${nodeId}] [viewers:${link.viewers()}]`);
    link.lose();
    void this.origin.recordEdges(this.hearingId, [...this.links.keys()]).catch(() => undefined);
  }

  edgeIds(): string[] {
    return [...this.links.keys()];
  }

  /** Consumers of this hearing's viewers that edge nodes forward (the room counts them among its own). */
  edgeConsumers(): number {
    return [...this.links.values()].reduce((n, link) => n + link.consumers(), 0);
  }

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.origin.forget(this);
    void this.origin.recordEdges(this.hearingId, []).catch(() => undefined);
  }
}

/**
 * The origin side of cascading on this node: a RoomCascade per hearing it carries, the edges'
 * liveness (an edge missing from the directory, or reporting it lost the hearing's media, has
 * its viewers set up again), and the directory's record of each hearing's edges.
 */
@Injectable()
export class CascadeOrigin implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CascadeOrigin.name);
  private readonly cascades = new Map<string, RoomCascade>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly bus: CascadeBus,
    private readonly directory: MediaNodeDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get nodeId(): string {
    return this.config.media.nodeId;
  }

  get afterViewers(): number {
    return this.config.media.cascadeAfterViewers;
  }

  get pipeAddress(): string {
    return this.config.media.pipeAddress;
  }

  onModuleInit(): void {
    this.bus.onLost((from: string, lost: CascadeLost) => {
      this.logger.warn(`onLost() an edge lost a hearing's media [edge:${from}] [hearing:${lost.hearingId}] [reason:${lost.reason}]`);
      this.cascades.get(lost.hearingId)?.edgeLost(from);
    });
    this.timer = setInterval(
      () => void this.checkEdges().catch((e: Error) => this.logger.warn(`checkEdges() failed [error:${e.message}]`)),
      this.config.media.heartbeatMs,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The cascade of a room opening on this node. */
  forHearing(hearingId: string): RoomCascade {
    this.cascades.get(hearingId)?.close();
    const cascade = new RoomCascade(hearingId, this);
    this.cascades.set(hearingId, cascade);
    return cascade;
  }

  forget(cascade: RoomCascade): void {
    if (this.cascades.get(cascade.hearingId) === cascade) this.cascades.delete(cascade.hearingId);
  }

  /** Consumers of this node's hearings that edge nodes forward, for the node's load report. */
  edgeConsumers(): number {
    return [...this.cascades.values()].reduce((n, c) => n + c.edgeConsumers(), 0);
  }

  cascadeOf(hearingId: string): RoomCascade | undefined {
    return this.cascades.get(hearingId);
  }

  async liveNodes() {
    return this.directory.liveNodes();
  }

  async recordEdges(hearingId: string, edgeIds: readonly string[]): Promise<void> {
    await this.directory.setEdges(hearingId, edgeIds);
  }

  /** Each heartbeat: an edge no longer in the directory has died; its viewers set up again. */
  private async checkEdges(): Promise<void> {
    if (this.cascades.size === 0) return;
    const live = new Set((await this.directory.liveNodes()).map((n) => n.nodeId));
    for (const cascade of this.cascades.values()) {
      for (const edge of cascade.edgeIds()) if (!live.has(edge)) cascade.edgeLost(edge);
      if (cascade.edgeIds().length > 0) await this.directory.setEdges(cascade.hearingId, cascade.edgeIds());
    }
  }
}

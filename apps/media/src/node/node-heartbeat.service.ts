import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { MediaNodeDirectory } from '@ejustice/hearings';
import { APP_CONFIG, type AppConfig, Metrics } from '@ejustice/platform';
import { Gauge } from 'prom-client';
import { CascadeEdge } from '../cascade/cascade-edge.service';
import { CascadeOrigin } from '../cascade/cascade-origin';
import { WorkerPool } from '../mediasoup/worker-pool.service';
import { RoomManager } from '../room/room-manager.service';
import { LOSS_MARKS, lossFigures } from './loss-figures';

/**
 * Registers this node and its load in Redis every heartbeat, so the api places new hearings on
 * the least loaded node and keeps live hearings where they are. Started once the node listens
 * (its public URL is known then); unregistered on shutdown.
 */
@Injectable()
export class NodeHeartbeat implements BeforeApplicationShutdown {
  private readonly logger = new Logger(NodeHeartbeat.name);
  private timer: NodeJS.Timeout | undefined;
  private url: string;
  private readonly gauges: Record<'rooms' | 'participants' | 'consumers' | 'workers' | 'workerDeaths' | 'worstLoss', Gauge>;
  private readonly lossy: Gauge<'over'>;

  constructor(
    private readonly directory: MediaNodeDirectory,
    private readonly rooms: RoomManager,
    private readonly pool: WorkerPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: Metrics,
    private readonly cascadeOrigin?: CascadeOrigin,
    private readonly cascadeEdge?: CascadeEdge,
  ) {
    this.url = config.media.publicUrl;
    const gauge = (name: string, help: string) =>
      (metrics.registry.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, registers: [metrics.registry] });
    this.gauges = {
      rooms: gauge('ejustice_media_rooms', 'Hearing rooms open on this node'),
      participants: gauge('ejustice_media_participants', 'Participants connected to this node'),
      consumers: gauge('ejustice_media_consumers', 'Consumers (forwarded streams) on this node'),
      workers: gauge('ejustice_media_workers_alive', 'mediasoup workers alive'),
      workerDeaths: gauge('ejustice_media_worker_deaths', 'mediasoup workers that died since the node started'),
      worstLoss: gauge(
        'ejustice_media_packet_loss_max',
        'Worst packet loss (0..1) a participant of this node had in the last health sample',
      ),
    };
    this.lossy =
      (metrics.registry.getSingleMetric('ejustice_media_participants_lossy') as Gauge<'over'> | undefined) ??
      new Gauge({
        name: 'ejustice_media_participants_lossy',
        help: `Participants of this node whose packet loss in the last health sample was over the mark (${LOSS_MARKS.join(', ')})`,
        labelNames: ['over'] as const,
        registers: [metrics.registry],
      });
  }

  async start(url: string = this.config.media.publicUrl): Promise<void> {
    this.url = url;
    // A drain of its own left by a previous run killed before it could stop (after its pre-stop
    // hook): this is the node back, ready for hearings. An operator's drain stays until lifted.
    const nodeId = this.config.media.nodeId;
    if (await this.directory.clearOwnDrain(nodeId)) this.logger.log(`start() lifted its own drain of a previous run [node:${nodeId}]`);
    const mark = await this.directory.drainMark(nodeId);
    if (mark) {
      this.logger.warn(
        `start() draining: takes no new hearing until undrained [node:${nodeId}] [by:${mark.by}] [since:${new Date(mark.since).toISOString()}]`,
      );
    }
    await this.beat();
    this.timer = setInterval(
      () => void this.beat().catch((e: Error) => this.logger.warn(`beat() failed [error:${e.message}]`)),
      this.config.media.heartbeatMs,
    );
    this.timer.unref();
    this.logger.log(`start() registered [node:${this.config.media.nodeId}] [url:${url}] [pool:${this.config.media.pool}]`);
  }

  async beat(): Promise<void> {
    const rooms = this.rooms.allRooms();
    const stats = rooms.map((r) => r.stats());
    // What this node forwards: its rooms' consumers, less those of its viewers on edge nodes,
    // plus those it forwards as an edge for other nodes' hearings (cascade/).
    const consumers =
      stats.reduce((n, s) => n + s.consumers, 0) - (this.cascadeOrigin?.edgeConsumers() ?? 0) + (this.cascadeEdge?.load().consumers ?? 0);
    this.gauges.rooms.set(rooms.length);
    this.gauges.participants.set(stats.reduce((n, s) => n + s.participants, 0));
    this.gauges.consumers.set(consumers);
    this.gauges.workers.set(this.pool.live().length);
    this.gauges.workerDeaths.set(this.pool.deaths);
    const loss = lossFigures(rooms.flatMap((r) => r.packetLosses()));
    this.gauges.worstLoss.set(loss.worst);
    for (const [over, count] of Object.entries(loss.over)) this.lossy.set({ over }, count);
    const moved = await this.directory.heartbeat(
      {
        nodeId: this.config.media.nodeId,
        url: this.url,
        hearings: rooms.length,
        participants: stats.reduce((n, s) => n + s.participants, 0),
        consumers,
        workers: this.pool.live().length,
        updatedAt: Date.now(),
      },
      rooms.map((r) => r.hearingId),
    );
    for (const hearingId of moved) this.rooms.relinquish(hearingId);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.directory
      .unregister(
        this.config.media.nodeId,
        this.rooms.allRooms().map((r) => r.hearingId),
      )
      .catch(() => undefined);
  }
}

import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { MediaNodeDirectory } from '@ejustice/hearings';
import { APP_CONFIG, type AppConfig, Metrics } from '@ejustice/platform';
import { Gauge } from 'prom-client';
import { WorkerPool } from '../mediasoup/worker-pool.service';
import { RoomManager } from '../room/room-manager.service';

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
  private readonly gauges: Record<'rooms' | 'participants' | 'consumers' | 'workers' | 'workerDeaths', Gauge>;

  constructor(
    private readonly directory: MediaNodeDirectory,
    private readonly rooms: RoomManager,
    private readonly pool: WorkerPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: Metrics,
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
    };
  }

  async start(url: string = this.config.media.publicUrl): Promise<void> {
    this.url = url;
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
    this.gauges.rooms.set(rooms.length);
    this.gauges.participants.set(stats.reduce((n, s) => n + s.participants, 0));
    this.gauges.consumers.set(stats.reduce((n, s) => n + s.consumers, 0));
    this.gauges.workers.set(this.pool.live().length);
    this.gauges.workerDeaths.set(this.pool.deaths);
    await this.directory.heartbeat(
      {
        nodeId: this.config.media.nodeId,
        url: this.url,
        hearings: rooms.length,
        participants: stats.reduce((n, s) => n + s.participants, 0),
        consumers: stats.reduce((n, s) => n + s.consumers, 0),
        workers: this.pool.live().length,
        updatedAt: Date.now(),
      },
      rooms.map((r) => r.hearingId),
    );
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

import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { MediaNodeDirectory } from '@ejustice/hearings';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
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

  constructor(
    private readonly directory: MediaNodeDirectory,
    private readonly rooms: RoomManager,
    private readonly pool: WorkerPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.url = config.media.publicUrl;
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

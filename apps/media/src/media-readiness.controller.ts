import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { MediaNodeDirectory, mediaNodeReadiness } from '@ejustice/hearings';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import { WorkerPool } from './mediasoup/worker-pool.service';
import { RoomManager } from './room/room-manager.service';

/**
 * Readiness of a media node for new hearings (a Kubernetes readinessProbe, a load balancer):
 * 200 only while it is registered in Redis (its heartbeat is current), has a live mediasoup
 * worker and is not draining; otherwise 503 with the reason. Not liveness (that is /health): a
 * draining node is not ready, yet it goes on serving the hearings it carries until they end.
 */
@Controller('ready')
export class MediaReadinessController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: MediaNodeDirectory,
    private readonly pool: WorkerPool,
    private readonly rooms: RoomManager,
  ) {}

  @Get()
  async check() {
    const known = await this.directory.node(this.config.media.nodeId).then(
      (node) => ({ redis: true, node }),
      () => ({ redis: false, node: null }),
    );
    const workersAlive = this.pool.live().length;
    const mark = known.node?.mark ?? null;
    const { ready, reason } = mediaNodeReadiness({ redis: known.redis, registered: !!known.node?.load, workersAlive, draining: mark });
    const body = {
      status: ready ? 'ready' : 'not_ready',
      reason,
      node: this.config.media.nodeId,
      workers: { alive: workersAlive, configured: this.pool.size },
      draining: mark ? { by: mark.by, since: new Date(mark.since).toISOString() } : null,
      rooms: this.rooms.allRooms().length,
    };
    if (!ready) throw new ServiceUnavailableException(body);
    return body;
  }
}

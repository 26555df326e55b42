import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS } from '@ejustice/platform';
import { WorkerPool } from './mediasoup/worker-pool.service';
import { RoomManager } from './room/room-manager.service';

/**
 * Health of a media node: 503 while no mediasoup worker is alive or Redis is down. Readiness for
 * new hearings (registered, not draining) is /ready (media-readiness.controller.ts).
 */
@Controller('health')
export class MediaHealthController {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pool: WorkerPool,
    private readonly rooms: RoomManager,
  ) {}

  @Get()
  async check() {
    const redis = await this.redis.ping().then(
      (pong) => pong === 'PONG',
      () => false,
    );
    const body = {
      status: 'ok',
      node: this.config.media.nodeId,
      redis: redis ? 'up' : 'down',
      workers: { alive: this.pool.live().length, configured: this.pool.size },
      rooms: this.rooms.allRooms().length,
    };
    if (!redis || body.workers.alive === 0) throw new ServiceUnavailableException({ ...body, status: 'unavailable' });
    return body;
  }
}

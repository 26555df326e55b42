import { Controller, Get, Inject } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS } from '@ejustice/platform';

@Controller('health')
export class MediaHealthController {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async check() {
    return { status: 'ok', node: this.config.media.nodeId, redis: (await this.redis.ping()) === 'PONG' ? 'up' : 'down' };
  }
}

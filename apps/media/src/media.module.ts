import { Module } from '@nestjs/common';
import { type AppConfig, ClockModule, ConfigModule, LoggingModule, MetricsModule, RedisModule } from '@ejustice/platform';
import { MediaHealthController } from './media-health.controller';

/**
 * The media node: signalling gateway and mediasoup SFU in one process. A bootable skeleton in
 * the foundation; the hearing-rooms issue adds workers, routers and the gateway.
 */
@Module({})
export class MediaModule {
  static forRoot(config: AppConfig) {
    return {
      module: MediaModule,
      imports: [ConfigModule.forRoot(config), ClockModule, LoggingModule.forRoot('media'), RedisModule, MetricsModule],
      controllers: [MediaHealthController],
    };
  }
}

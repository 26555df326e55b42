import { Module } from '@nestjs/common';
import { HearingRoomModule } from '@ejustice/hearings';
import { RecordingLedgerModule } from '@ejustice/recording';
import {
  type AppConfig,
  AuditModule,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  LoggingModule,
  MetricsModule,
  RedisModule,
} from '@ejustice/platform';
import { CascadeBus } from './cascade/cascade-bus';
import { CascadeEdge } from './cascade/cascade-edge.service';
import { CascadeOrigin } from './cascade/cascade-origin';
import { MediaHealthController } from './media-health.controller';
import { MediaReadinessController } from './media-readiness.controller';
import { WorkerPool } from './mediasoup/worker-pool.service';
import { NodeHeartbeat } from './node/node-heartbeat.service';
import { RoomRecording, SpoolSweeper } from './recording';
import { RoomManager } from './room/room-manager.service';
import { SignallingGateway } from './signalling/signalling.gateway';

/**
 * The media node: the hearing-room signalling gateway and the mediasoup SFU in one process (one
 * worker per core, one router per hearing). It reads and records the hearing room in PostgreSQL
 * (participant states, the sitting, audit events) and registers its load in Redis. It records
 * the hearings the judge records (ffmpeg per recorded producer), registering each segment through
 * the recording ledger into the document store and the audit chain, and sweeps its own spool.
 */
@Module({})
export class MediaModule {
  static forRoot(config: AppConfig) {
    return {
      module: MediaModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        LoggingModule.forRoot('media'),
        DatabaseModule.forRoot(),
        RedisModule,
        AuditModule,
        MetricsModule,
        HearingRoomModule,
        RecordingLedgerModule,
      ],
      controllers: [MediaHealthController, MediaReadinessController],
      providers: [
        WorkerPool,
        RoomManager,
        NodeHeartbeat,
        SignallingGateway,
        RoomRecording,
        SpoolSweeper,
        CascadeBus,
        CascadeOrigin,
        CascadeEdge,
      ],
    };
  }
}

// Boots the real media node (same module as production) on an ephemeral port, with its
// mediasoup workers, against the migrated test database and Redis.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type AppConfig, Clock, DEVELOPMENT_MEDIA_TICKET_PUBLIC_KEY } from '@ejustice/platform';
import { startMediaApp } from '../../../apps/media/src/create-media-app';
import { MediaModule } from '../../../apps/media/src/media.module';
import { WorkerPool } from '../../../apps/media/src/mediasoup/worker-pool.service';
import { RoomManager } from '../../../apps/media/src/room/room-manager.service';
import { uniqueSuffix } from '../factories';
import { testConfig } from '../test-env';

export interface RunningMediaNode {
  /** The node's signalling URL (what join tickets name). */
  readonly url: string;
  readonly app: INestApplication;
  readonly config: AppConfig;
  readonly rooms: RoomManager;
  readonly pool: WorkerPool;
  close(): Promise<void>;
}

export interface MediaNodeOptions {
  /** Environment overrides; pass the same MEDIA_POOL to the api so it places hearings here. */
  readonly env?: Record<string, string>;
  readonly clock?: Clock;
}

/**
 * Starts a media node with two workers on ephemeral WebRTC ports (so test files running side by
 * side never clash) and a unique node id. Call close() in afterAll.
 */
export async function startMediaNode(options: MediaNodeOptions = {}): Promise<RunningMediaNode> {
  if (!process.env.MEDIASOUP_WORKER_BIN) {
    throw new Error(
      'MEDIASOUP_WORKER_BIN is not set: run `export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh | tail -n1)"` first.',
    );
  }
  const config = testConfig({
    MEDIA_HOST: '127.0.0.1',
    MEDIA_PORT: '0',
    MEDIA_LISTEN_IP: '127.0.0.1',
    MEDIA_ANNOUNCED_ADDRESS: '127.0.0.1',
    MEDIA_RTC_PORT_BASE: '0',
    MEDIA_NUM_WORKERS: '2',
    MEDIA_NODE_ID: `media-test-${uniqueSuffix()}`,
    MEDIA_HEARTBEAT_MS: '1000',
    // Like a production node, it holds only the public key of the api's join tickets.
    MEDIA_TICKET_PUBLIC_KEY: DEVELOPMENT_MEDIA_TICKET_PUBLIC_KEY,
    ...options.env,
  });
  let builder = Test.createTestingModule({ imports: [MediaModule.forRoot(config)] });
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  const { url } = await startMediaApp(app, config);
  return { url, app, config, rooms: app.get(RoomManager), pool: app.get(WorkerPool), close: () => app.close() };
}

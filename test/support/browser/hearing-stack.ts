import type { INestApplication } from '@nestjs/common';
import { DEVELOPMENT_MEDIA_TICKET_PUBLIC_KEY } from '@ejustice/platform';
import { createMediaApp, startMediaApp } from '../../../apps/media/src/create-media-app';
import { startApiServer, type RunningApi } from '../api-server';
import { uniqueSuffix } from '../factories';
import { testConfig } from '../test-env';

/**
 * The whole hearing stack for a browser test, in this process: the real api (serving the built
 * web app) and a real media node with a real mediasoup worker, registered in Redis under a pool
 * of their own so the api places this test's hearings on this node and no other.
 */
export interface HearingStack {
  readonly api: RunningApi;
  readonly mediaUrl: string;
  readonly media: INestApplication;
  close(): Promise<void>;
}

export interface HearingStackOptions {
  /**
   * First WebRTC port of the node's workers (UDP and TCP): a range no other suite uses, and below
   * Linux's ephemeral range (32768-60999), where any outgoing connection of the run may hold it.
   */
  readonly rtcPortBase: number;
  /** mediasoup workers of the node (default 1), on ports `rtcPortBase` onwards. */
  readonly numWorkers?: number;
  readonly env?: Record<string, string>;
}

export async function startHearingStack(options: HearingStackOptions): Promise<HearingStack> {
  if (!process.env.MEDIASOUP_WORKER_BIN) {
    throw new Error('MEDIASOUP_WORKER_BIN is not set: export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh | tail -n1)"');
  }
  const pool = `browser-${uniqueSuffix()}`;
  const shared = { MEDIA_POOL: pool, MEDIA_HEARTBEAT_MS: '1000', ...options.env };
  const mediaConfig = testConfig({
    ...shared,
    MEDIA_HOST: '127.0.0.1',
    MEDIA_PORT: '0',
    MEDIA_NODE_ID: `node-${pool}`,
    MEDIA_LISTEN_IP: '127.0.0.1',
    MEDIA_ANNOUNCED_ADDRESS: '127.0.0.1',
    MEDIA_RTC_PORT_BASE: String(options.rtcPortBase),
    MEDIA_NUM_WORKERS: String(options.numWorkers ?? 1),
    // Like a production node, it holds only the public key of the api's join tickets.
    MEDIA_TICKET_PUBLIC_KEY: DEVELOPMENT_MEDIA_TICKET_PUBLIC_KEY,
  });
  const media = await createMediaApp(mediaConfig);
  let mediaUrl: string;
  try {
    mediaUrl = (await startMediaApp(media, mediaConfig)).url;
  } catch (error) {
    await media.close();
    throw error;
  }
  let api: RunningApi;
  try {
    api = await startApiServer({ env: shared });
  } catch (error) {
    await media.close();
    throw error;
  }
  return {
    api,
    mediaUrl,
    media,
    async close() {
      // The media node goes even when the api fails to close: no worker or port left to the next suite.
      try {
        await api.close();
      } finally {
        await media.close();
      }
    },
  };
}

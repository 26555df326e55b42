/*
 * The platform side of the comparison: the real media node, booted exactly as
 * apps/media/src/main.ts boots it (createMediaApp + startMediaApp, configuration from the
 * environment), in a process of its own so its CPU time is its own. The load reaches it only
 * through the hearing-room signalling; the runner's one extra request, `snapshot`, reads
 * mediasoup's statistics of the rooms at the edges of a measurement window.
 *
 * Started by run.ts as a child process (node dist/bench/sfu/platform-host.js) with the MEDIA_*,
 * DATABASE_URL, REDIS_URL and MEDIA_TICKET_PUBLIC_KEY variables of the run.
 */
import 'reflect-metadata';
import { loadConfig } from '@ejustice/platform';
import { createMediaApp, startMediaApp } from '../../apps/media/src/create-media-app';
import { WorkerPool } from '../../apps/media/src/mediasoup/worker-pool.service';
import { RoomManager } from '../../apps/media/src/room/room-manager.service';
import { serveHost } from './host-protocol';
import { readMedia } from './media-stats';

async function main(): Promise<void> {
  const config = loadConfig(undefined, { secrets: ['MEDIA_TICKET_PUBLIC_KEY'] });
  const app = await createMediaApp(config);
  const { url } = await startMediaApp(app, config);
  const rooms = app.get(RoomManager);
  const pool = app.get(WorkerPool);

  serveHost(
    {
      snapshot: async () => {
        const all = rooms.allRooms().filter((r) => !r.closed);
        const media = all.flatMap((r) => r.connectedParticipantIds().map((id) => r.peerMedia(id)));
        const routersPerWorker = Array.from({ length: pool.size }, (_, i) => all.filter((r) => r.workerIndex === i).length);
        return readMedia({
          consumers: media.flatMap((m) => m?.consumers.map((c) => c.consumer) ?? []).filter((c) => !c.closed),
          producers: media.flatMap((m) => m?.producers.map((p) => p.producer) ?? []).filter((p) => !p.closed),
          workers: pool.live().map((s) => s.worker),
          routersPerWorker,
        });
      },
    },
    () => app.close(),
  );
  process.send?.({ type: 'ready', url, workerPids: pool.live().map((s) => s.worker.pid) });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

/*
 * The bare side of the comparison: plain mediasoup with nothing of the platform around it. The
 * same worker count, a WebRtcServer per worker on the same kind of ports, a router per hearing
 * (on the worker with the fewest routers) with the hearing codecs, WebRtcTransports with the
 * platform's options, and consumers created paused and resumed on request, as the platform does.
 * No signalling, no database, no policy, no active-speaker observer, no statistics polling: the
 * difference between the two sides is what the platform adds.
 *
 * Started by run.ts as a child process (node dist/bench/sfu/bare-host.js) with
 * MEDIASOUP_WORKER_BIN, BENCH_WORKERS and BENCH_RTC_PORT_BASE in its environment.
 */
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import type { TransportOptions } from '@ejustice/hearings/signalling/signalling-messages';
import { HEARING_MEDIA_CODECS, INITIAL_OUTGOING_BITRATE, MAX_INCOMING_BITRATE } from '../../apps/media/src/mediasoup/media-codecs';
import { serveHost } from './host-protocol';
import { readMedia } from './media-stats';
import type { MediaKindOnWire, OfferedConsumer } from './werift-peers';

interface Slot {
  readonly index: number;
  readonly worker: ms.Worker;
  readonly server: ms.WebRtcServer;
  routers: number;
}

async function main(): Promise<void> {
  const workerCount = Number(process.env.BENCH_WORKERS ?? 1);
  const portBase = Number(process.env.BENCH_RTC_PORT_BASE ?? 0);
  const slots: Slot[] = [];
  for (let index = 0; index < workerCount; index++) {
    const worker = await mediasoup.createWorker({ logLevel: 'warn', workerBin: process.env.MEDIASOUP_WORKER_BIN });
    const port = portBase === 0 ? undefined : portBase + index;
    const server = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ip: '127.0.0.1', port },
        { protocol: 'tcp', ip: '127.0.0.1', port },
      ],
    });
    slots.push({ index, worker, server, routers: 0 });
  }
  const rooms = new Map<string, { router: ms.Router; slot: Slot }>();
  const transports = new Map<string, ms.WebRtcTransport>();
  const producers = new Map<string, ms.Producer>();
  const consumers = new Map<string, ms.Consumer>();

  const room = (roomKey: string) => {
    const r = rooms.get(roomKey);
    if (!r) throw new Error(`no room ${roomKey}`);
    return r;
  };
  const transport = (id: string) => {
    const t = transports.get(id);
    if (!t) throw new Error(`no transport ${id}`);
    return t;
  };

  serveHost(
    {
      createRoom: async ({ roomKey }) => {
        const slot = [...slots].sort((a, b) => a.routers - b.routers || a.index - b.index)[0];
        slot.routers++;
        rooms.set(roomKey, { router: await slot.worker.createRouter({ mediaCodecs: HEARING_MEDIA_CODECS }), slot });
        return { workerIndex: slot.index };
      },
      createTransport: async ({ roomKey, direction }) => {
        const { router, slot } = room(roomKey);
        const t = await router.createWebRtcTransport({
          webRtcServer: slot.server,
          enableUdp: true,
          enableTcp: true,
          preferUdp: true,
          initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
        });
        if (direction === 'send') await t.setMaxIncomingBitrate(MAX_INCOMING_BITRATE);
        transports.set(t.id, t);
        return {
          transportId: t.id,
          direction,
          iceParameters: t.iceParameters,
          iceCandidates: t.iceCandidates as TransportOptions['iceCandidates'],
          dtlsParameters: t.dtlsParameters as TransportOptions['dtlsParameters'],
        };
      },
      connectTransport: async ({ transportId, dtlsParameters }) => {
        await transport(transportId).connect({ dtlsParameters: dtlsParameters as ms.DtlsParameters });
        return {};
      },
      produce: async ({ transportId, kind, rtpParameters }) => {
        const p = await transport(transportId).produce({ kind, rtpParameters: rtpParameters as ms.RtpParameters });
        producers.set(p.id, p);
        return { producerId: p.id };
      },
      consume: async ({ transportId, producerId, rtpCapabilities }) => {
        const c = await transport(transportId).consume({
          producerId,
          rtpCapabilities: rtpCapabilities as ms.RtpCapabilities,
          paused: true,
          enableRtx: true,
          ignoreDtx: true,
        });
        consumers.set(c.id, c);
        return {
          consumerId: c.id,
          producerId,
          kind: c.kind as MediaKindOnWire,
          rtpParameters: c.rtpParameters as unknown as OfferedConsumer['rtpParameters'],
        };
      },
      resumeConsumer: async ({ consumerId }) => {
        const c = consumers.get(consumerId);
        if (!c) throw new Error(`no consumer ${consumerId}`);
        await c.resume();
        return {};
      },
      snapshot: async () =>
        readMedia({
          consumers: [...consumers.values()].filter((c) => !c.closed),
          producers: [...producers.values()].filter((p) => !p.closed),
          workers: slots.map((s) => s.worker),
          routersPerWorker: slots.map((s) => s.routers),
        }),
    },
    async () => {
      for (const s of slots) s.worker.close();
    },
  );
  process.send?.({ type: 'ready', url: null, workerPids: slots.map((s) => s.worker.pid) });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

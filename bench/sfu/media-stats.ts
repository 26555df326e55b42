/*
 * What an SFU host reports at the edges of a measurement window, read from mediasoup's own
 * statistics the same way on both sides (the platform's media node and the bare script).
 */
import type { types as ms } from 'mediasoup';

export interface MediaSnapshot {
  /** Host clock (ms since epoch) when the reading finished. */
  readonly at: number;
  readonly routersPerWorker: readonly number[];
  readonly consumers: number;
  /** Consumers held paused by the SFU (a paused producer, the client's own pause, audio-only). */
  readonly consumersPaused: number;
  /** Per consumer id: RTP packets sent (forwarded) so far. */
  readonly consumerPackets: Readonly<Record<string, number>>;
  /** Sums over consumers (mediasoup's outbound-rtp of each consumer). */
  readonly forwardedBytes: number;
  readonly retransmitted: number;
  readonly producers: number;
  /** Sums over producers (inbound-rtp): what reached the SFU, and what it saw missing. */
  readonly producerPackets: number;
  readonly producerPacketsLost: number;
  readonly workers: readonly WorkerReading[];
}

export interface WorkerReading {
  readonly pid: number;
  /** getrusage of the worker process, ms of CPU in user and kernel mode. */
  readonly userMs: number;
  readonly systemMs: number;
}

export async function readWorkers(workers: readonly ms.Worker[]): Promise<WorkerReading[]> {
  return Promise.all(
    workers.map(async (w) => {
      const usage = await w.getResourceUsage();
      return { pid: w.pid, userMs: usage.ru_utime, systemMs: usage.ru_stime };
    }),
  );
}

export async function readMedia(input: {
  consumers: readonly ms.Consumer[];
  producers: readonly ms.Producer[];
  workers: readonly ms.Worker[];
  routersPerWorker: readonly number[];
}): Promise<MediaSnapshot> {
  const consumerPackets: Record<string, number> = {};
  let forwardedBytes = 0;
  let retransmitted = 0;
  let consumersPaused = 0;
  // Read in parallel: one request per object over the worker's channel.
  await Promise.all(
    input.consumers.map(async (c) => {
      if (c.paused || c.producerPaused) consumersPaused++;
      const stats = await c.getStats().catch(() => []);
      const out = stats.find((s) => s.type === 'outbound-rtp');
      consumerPackets[c.id] = out?.packetCount ?? 0;
      forwardedBytes += out?.byteCount ?? 0;
      retransmitted += out?.packetsRetransmitted ?? 0;
    }),
  );
  let producerPackets = 0;
  let producerPacketsLost = 0;
  await Promise.all(
    input.producers.map(async (p) => {
      for (const s of await p.getStats().catch(() => [])) {
        producerPackets += s.packetCount;
        producerPacketsLost += Math.max(0, s.packetsLost);
      }
    }),
  );
  return {
    at: Date.now(),
    routersPerWorker: input.routersPerWorker,
    consumers: input.consumers.length,
    consumersPaused,
    consumerPackets,
    forwardedBytes,
    retransmitted,
    producers: input.producers.length,
    producerPackets,
    producerPacketsLost,
    workers: await readWorkers(input.workers),
  };
}

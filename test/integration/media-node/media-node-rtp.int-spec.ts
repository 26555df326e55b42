// The media node's mediasoup layer on the real worker binary: the pool's workers and
// WebRtcServers, the hearing routers' codecs, ffmpeg RTP in through a PlainTransport and out to
// consumers on other transports; and a worker killed with SIGKILL being replaced.
//
// Run: export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh | tail -n1)"
//      NODE_OPTIONS=--experimental-vm-modules npx jest --selectProjects integration --testPathPatterns media-node
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { types as ms } from 'mediasoup';
import { testConfig } from '@ejustice/testing';
import { createPlainRtpProducer, type PlainRtpProducer } from '@ejustice/testing/media/plain-rtp-producer';
import { connectWeriftReceiver, WERIFT_RECEIVER_RTP_CAPABILITIES, type WeriftReceiver } from '@ejustice/testing/media/werift-peer';
import { HEARING_MEDIA_CODECS } from '../../../apps/media/src/mediasoup/media-codecs';
import { WorkerPool } from '../../../apps/media/src/mediasoup/worker-pool.service';

jest.setTimeout(90_000);

/**
 * This file's WebRTC ports: below Linux's ephemeral range (32768–60999), where an outgoing
 * connection of a test running beside this one (to PostgreSQL, say) could take them first, and
 * apart from the browser specs' 310xx–311xx.
 */
const PORT_BASE = 31_300;
const MIN_PACKETS = 60;

async function waitFor(read: () => number | Promise<number>, min: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value < min && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

async function outboundPackets(consumer: ms.Consumer): Promise<number> {
  const stats = await consumer.getStats();
  return stats.find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0;
}

function requireWorkerBin(): string {
  const bin = process.env.MEDIASOUP_WORKER_BIN;
  if (!bin)
    throw new Error(
      'MEDIASOUP_WORKER_BIN is not set: run `export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh | tail -n1)"` first.',
    );
  return bin;
}

describe('media node on the real mediasoup worker', () => {
  let pool: WorkerPool;
  let router: ms.Router;
  const cleanups: (() => unknown)[] = [];

  beforeAll(async () => {
    requireWorkerBin();
    pool = new WorkerPool(
      testConfig({
        MEDIA_NUM_WORKERS: '2',
        MEDIA_RTC_PORT_BASE: String(PORT_BASE),
        MEDIA_LISTEN_IP: '127.0.0.1',
        MEDIA_ANNOUNCED_ADDRESS: '127.0.0.1',
      }),
    );
    await pool.onModuleInit();
    router = await pool.live()[0].worker.createRouter({ mediaCodecs: HEARING_MEDIA_CODECS });
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await pool?.onModuleDestroy();
  });

  it('runs one worker per configured core, each with a WebRtcServer on its own UDP and TCP port', async () => {
    expect(pool.live().map((s) => s.index)).toEqual([0, 1]);
    for (const slot of pool.live()) {
      const dump = await slot.webRtcServer.dump();
      const ports = dump.udpSockets.map((s) => s.port).concat(dump.tcpServers.map((s) => s.port));
      expect(ports).toEqual([PORT_BASE + slot.index, PORT_BASE + slot.index]);
    }
  });

  it('gives hearing routers Opus with in-band FEC and DTX, and VP8', () => {
    const opus = router.rtpCapabilities.codecs?.find((c) => c.mimeType === 'audio/opus');
    expect(opus?.parameters).toMatchObject({ useinbandfec: 1, usedtx: 1 });
    expect(router.rtpCapabilities.codecs?.some((c) => c.mimeType === 'video/VP8')).toBe(true);
  });

  describe('ffmpeg RTP through a PlainTransport', () => {
    let video: PlainRtpProducer;
    let audio: PlainRtpProducer;

    beforeAll(async () => {
      video = await createPlainRtpProducer(router, { codec: 'vp8', ssrc: 22_222_222 });
      audio = await createPlainRtpProducer(router, { codec: 'opus', ssrc: 11_111_111 });
      cleanups.push(
        () => video.close(),
        () => audio.close(),
      );
    });

    it('reaches consumers on a WebRtcTransport of the WebRtcServer (werift: ICE, DTLS, SRTP)', async () => {
      const transport = await router.createWebRtcTransport({
        webRtcServer: pool.live()[0].webRtcServer,
        enableUdp: true,
        enableTcp: false,
      });
      const consumers = [
        await transport.consume({ producerId: video.producer.id, rtpCapabilities: WERIFT_RECEIVER_RTP_CAPABILITIES }),
        await transport.consume({ producerId: audio.producer.id, rtpCapabilities: WERIFT_RECEIVER_RTP_CAPABILITIES }),
      ];
      const receiver: WeriftReceiver = await connectWeriftReceiver({ transport, consumers });
      cleanups.push(
        () => receiver.close(),
        () => transport.close(),
      );

      for (const consumer of consumers) {
        const sent = await waitFor(() => outboundPackets(consumer), MIN_PACKETS);
        const received = await waitFor(() => receiver.packetsFor(consumer), MIN_PACKETS);
        if (sent < MIN_PACKETS || received < MIN_PACKETS)
          throw new Error(
            `${consumer.kind}: sent ${sent}, received ${received}. ffmpeg: ${video.sender.stderrTail()} ${audio.sender.stderrTail()}`,
          );
        expect(received).toBeGreaterThanOrEqual(MIN_PACKETS);
      }
    });

    it('reaches a consumer on a second PlainTransport, whose packet count keeps rising', async () => {
      const sink: Socket = createSocket('udp4');
      await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
      let received = 0;
      sink.on('message', () => received++);
      const transport = await router.createPlainTransport({
        listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
        rtcpMux: false,
        comedia: false,
      });
      await transport.connect({
        ip: '127.0.0.1',
        port: (sink.address() as AddressInfo).port,
        rtcpPort: (sink.address() as AddressInfo).port,
      });
      const consumer = await transport.consume({ producerId: audio.producer.id, rtpCapabilities: router.rtpCapabilities });
      cleanups.push(
        () => transport.close(),
        () => new Promise<void>((resolve) => sink.close(() => resolve())),
      );
      const first = await waitFor(() => outboundPackets(consumer), 20);
      expect(first).toBeGreaterThanOrEqual(20);
      const later = await waitFor(() => outboundPackets(consumer), first + 20);
      expect(later).toBeGreaterThanOrEqual(first + 20);
      expect(received).toBeGreaterThan(0);
    });
  });

  it('replaces a worker killed with SIGKILL on the same index and ports, and tells its listeners', async () => {
    const told: { index: number; replaced: boolean }[] = [];
    const replaced = new Promise<void>((resolve) =>
      pool.onWorkerDied((index) => {
        told.push({ index, replaced: pool.slot(index) !== undefined });
        if (pool.slot(index)) resolve();
      }),
    );
    const victim = pool.live()[1];
    const oldPid = victim.worker.pid;
    process.kill(oldPid, 'SIGKILL');
    await replaced;
    // At once, while worker 0 lives (the rooms move there), and again once index 1 runs again.
    expect(told).toEqual([
      { index: 1, replaced: false },
      { index: 1, replaced: true },
    ]);
    const replacement = pool.slot(1);
    expect(replacement).toBeDefined();
    expect(replacement?.worker.pid).not.toBe(oldPid);
    const dump = await replacement!.webRtcServer.dump();
    expect(dump.udpSockets.map((s) => s.port)).toEqual([PORT_BASE + 1]);
    // The replacement carries media like the original.
    const r = await replacement!.worker.createRouter({ mediaCodecs: HEARING_MEDIA_CODECS });
    expect(r.closed).toBe(false);
    r.close();
  });
});

// Integration test of the real mediasoup worker binary (built by
// tools/mediasoup-worker/ensure-worker.sh): ffmpeg RTP in through
// PlainTransports, out to a werift peer over ICE + DTLS + SRTP through a
// WebRtcServer, and across a pipe to a router on a second worker.
//
// Run: source scripts/node24.sh
//      export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh)"
//      npx jest test/integration/mediasoup --selectProjects integration
// (the path goes first: --selectProjects takes every following word as a
// project name).
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import { createPlainRtpProducer, type PlainRtpProducer } from '@ejustice/testing/media/plain-rtp-producer';
import { connectWeriftReceiver, WERIFT_RECEIVER_RTP_CAPABILITIES, type WeriftReceiver } from '@ejustice/testing/media/werift-peer';

jest.setTimeout(90_000);

const MEDIA_CODECS: ms.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  { kind: 'video', mimeType: 'video/VP9', clockRate: 90000, parameters: { 'profile-id': 2 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

// Thresholds well below what the senders produce in the wait window (Opus:
// 50 packets/s; VP8 at 300 kbit/s and 15 fps: a few dozen packets/s) but far
// above zero, so a broken path cannot pass by accident.
const MIN_AUDIO_PACKETS = 100;
const MIN_VIDEO_PACKETS = 60;
const WAIT_FOR_PACKETS_MS = 30_000;

function requireWorkerBin(): string {
  const bin = process.env.MEDIASOUP_WORKER_BIN;
  if (!bin) {
    throw new Error(
      'MEDIASOUP_WORKER_BIN is not set. These tests need the real mediasoup worker: run ' +
        '`export MEDIASOUP_WORKER_BIN="$(tools/mediasoup-worker/ensure-worker.sh)"` first.',
    );
  }
  return bin;
}

async function sendStats(consumer: ms.Consumer): Promise<{ packetCount: number; byteCount: number }> {
  const stats = await consumer.getStats();
  const outbound = stats.find((s) => s.type === 'outbound-rtp');
  if (!outbound) throw new Error(`consumer ${consumer.id} reports no outbound-rtp stats`);
  return { packetCount: outbound.packetCount, byteCount: outbound.byteCount };
}

/** Polls `read` until it reaches `min` or the deadline passes; returns the last value. */
async function waitForCount(read: () => number | Promise<number>, min: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value < min && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

/** Asserts actual >= min; on failure the message carries `context` (e.g. ffmpeg's stderr). */
function expectAtLeast(actual: number, min: number, context: string): void {
  if (actual < min) throw new Error(`expected at least ${min}, got ${actual}. ${context}`);
  expect(actual).toBeGreaterThanOrEqual(min);
}

describe('mediasoup worker (real binary)', () => {
  let worker: ms.Worker;
  let router: ms.Router;
  let webRtcServer: ms.WebRtcServer;
  let video: PlainRtpProducer;
  let audio: PlainRtpProducer;
  // Rejects when the worker dies, so a crash (e.g. the DTLS bug patched in
  // tools/mediasoup-worker/patches/0003) fails with its signal instead of a
  // bare timeout.
  let workerDied: Promise<never>;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    const workerBin = requireWorkerBin();
    worker = await mediasoup.createWorker({ workerBin, logLevel: 'warn' });
    workerDied = new Promise<never>((_, reject) => {
      worker.once('died', (error) => reject(new Error(`the mediasoup worker died: ${error.message}`)));
    });
    workerDied.catch(() => undefined);
    router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    // No ports given: mediasoup picks free ones from the worker's port range,
    // so parallel runs on one machine do not clash.
    webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ip: '127.0.0.1' },
        { protocol: 'tcp', ip: '127.0.0.1' },
      ],
    });
    video = await createPlainRtpProducer(router, { codec: 'vp8', ssrc: 22222222 });
    audio = await createPlainRtpProducer(router, { codec: 'opus', ssrc: 11111111 });
  });

  afterAll(async () => {
    // ffmpeg first: it must never outlive the test run.
    await Promise.allSettled([video?.sender.stop(), audio?.sender.stop()]);
    for (const cleanup of cleanups.reverse()) await cleanup();
    worker?.close();
  });

  it('creates a router with Opus, VP8, VP9 and H264', () => {
    const mimeTypes = (router.rtpCapabilities.codecs ?? []).map((c) => c.mimeType);
    expect(mimeTypes).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/VP9', 'video/H264']));
  });

  it('receives ffmpeg RTP on the PlainTransports', async () => {
    const readProducerPackets = async (p: PlainRtpProducer): Promise<number> => {
      const stats = await p.producer.getStats();
      return stats.reduce((sum, s) => sum + s.packetCount, 0);
    };
    const videoPackets = await waitForCount(() => readProducerPackets(video), MIN_VIDEO_PACKETS, WAIT_FOR_PACKETS_MS);
    const audioPackets = await waitForCount(() => readProducerPackets(audio), MIN_AUDIO_PACKETS, WAIT_FOR_PACKETS_MS);
    expectAtLeast(videoPackets, MIN_VIDEO_PACKETS, `VP8 packets from ffmpeg; ffmpeg said: ${video.sender.stderrTail()}`);
    expectAtLeast(audioPackets, MIN_AUDIO_PACKETS, `Opus packets from ffmpeg; ffmpeg said: ${audio.sender.stderrTail()}`);
  });

  it('forwards VP8 and Opus to a werift peer over ICE, DTLS and SRTP through the WebRtcServer', async () => {
    const transport = await router.createWebRtcTransport({ webRtcServer, enableUdp: true, enableTcp: false });
    cleanups.push(() => transport.close());
    const videoConsumer = await transport.consume({
      producerId: video.producer.id,
      rtpCapabilities: WERIFT_RECEIVER_RTP_CAPABILITIES,
    });
    const audioConsumer = await transport.consume({
      producerId: audio.producer.id,
      rtpCapabilities: WERIFT_RECEIVER_RTP_CAPABILITIES,
    });

    const peer: WeriftReceiver = await Promise.race([
      connectWeriftReceiver({ transport, consumers: [audioConsumer, videoConsumer] }),
      workerDied,
    ]);
    cleanups.push(() => peer.close());

    expect(transport.iceState).toMatch(/^(connected|completed)$/);
    expect(transport.dtlsState).toBe('connected');
    // The tuple proves the media went through the WebRtcServer's socket.
    expect(transport.iceSelectedTuple?.localAddress).toBe('127.0.0.1');

    const receivedVideo = await waitForCount(() => peer.packetsFor(videoConsumer), MIN_VIDEO_PACKETS, WAIT_FOR_PACKETS_MS);
    const receivedAudio = await waitForCount(() => peer.packetsFor(audioConsumer), MIN_AUDIO_PACKETS, WAIT_FOR_PACKETS_MS);
    expect(receivedVideo).toBeGreaterThanOrEqual(MIN_VIDEO_PACKETS);
    expect(receivedAudio).toBeGreaterThanOrEqual(MIN_AUDIO_PACKETS);

    // Every packet mediasoup reports as sent must reach werift: the counts
    // keep growing, so compare werift's count against a snapshot of
    // mediasoup's, giving werift (in this busy Node process) a moment to
    // drain its socket. 5% slack for UDP drops on an overloaded machine.
    const sentVideo = await sendStats(videoConsumer);
    const sentAudio = await sendStats(audioConsumer);
    expect(sentVideo.packetCount).toBeGreaterThanOrEqual(MIN_VIDEO_PACKETS);
    expect(sentAudio.packetCount).toBeGreaterThanOrEqual(MIN_AUDIO_PACKETS);
    expect(sentVideo.byteCount).toBeGreaterThan(sentVideo.packetCount * 100);
    expect(sentAudio.byteCount).toBeGreaterThan(sentAudio.packetCount * 20);
    const wantVideo = Math.floor(sentVideo.packetCount * 0.95);
    const wantAudio = Math.floor(sentAudio.packetCount * 0.95);
    expect(await waitForCount(() => peer.packetsFor(videoConsumer), wantVideo, 10_000)).toBeGreaterThanOrEqual(wantVideo);
    expect(await waitForCount(() => peer.packetsFor(audioConsumer), wantAudio, 10_000)).toBeGreaterThanOrEqual(wantAudio);
  });

  it('pipes the VP8 producer to a router on a second worker, where a consumer receives it', async () => {
    expect(worker.died).toBe(false);
    const worker2 = await mediasoup.createWorker({ workerBin: requireWorkerBin(), logLevel: 'warn' });
    cleanups.push(() => worker2.close());
    const router2 = await worker2.createRouter({ mediaCodecs: MEDIA_CODECS });

    // SRTP on the pipe exercises the libsrtp 2 bridge in both workers.
    const { pipeProducer } = await router.pipeToRouter({
      producerId: video.producer.id,
      router: router2,
      enableSrtp: true,
    });
    expect(pipeProducer?.id).toBe(video.producer.id);

    // The consumer's PlainTransport sends to a UDP socket of ours, counting datagrams.
    const socket: Socket = createSocket('udp4');
    cleanups.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
    let datagrams = 0;
    socket.on('message', () => {
      datagrams += 1;
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address() as AddressInfo;

    const transport = await router2.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' } });
    await transport.connect({ ip: '127.0.0.1', port });
    const consumer = await transport.consume({ producerId: video.producer.id, rtpCapabilities: router2.rtpCapabilities });

    const sent = await waitForCount(async () => (await sendStats(consumer)).packetCount, MIN_VIDEO_PACKETS, WAIT_FOR_PACKETS_MS);
    expect(sent).toBeGreaterThanOrEqual(MIN_VIDEO_PACKETS);
    // RTCP from mediasoup lands on the same socket (rtcpMux), so datagrams
    // only need to cover the RTP count.
    expect(await waitForCount(() => datagrams, MIN_VIDEO_PACKETS, WAIT_FOR_PACKETS_MS)).toBeGreaterThanOrEqual(MIN_VIDEO_PACKETS);
  });

  it('emits "died" when the worker process is killed with SIGKILL', async () => {
    const victim = await mediasoup.createWorker({ workerBin: requireWorkerBin(), logLevel: 'warn' });
    let timer: NodeJS.Timeout | undefined;
    const died = new Promise<Error>((resolve, reject) => {
      victim.once('died', resolve);
      timer = setTimeout(() => reject(new Error('no "died" event within 10 s of SIGKILL')), 10_000);
    });
    process.kill(victim.pid, 'SIGKILL');
    const error = await died.finally(() => clearTimeout(timer));
    expect(error).toBeInstanceOf(Error);
    expect(victim.died).toBe(true);
    expect(victim.closed).toBe(true);
  });
});

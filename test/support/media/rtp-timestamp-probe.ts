// A second consumer of a producer, forwarding to a UDP socket in the test: it tells what media the
// router actually forwarded, and when, by each RTP packet's timestamp and arrival. A test of
// something fed by the same producer (a recorder, say) compares with this rather than with wall
// time, which a loaded machine stretches: a test sender that falls behind sends less media than
// the clock says.
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { types as ms } from 'mediasoup';

export interface ProbedPacket {
  /** The RTP timestamp (bytes 4–7, big-endian), in the codec's clock. */
  readonly rtpTimestamp: number;
  /** `Date.now()` when this process read the packet: never before the router forwarded it. */
  readonly arrivedAtMs: number;
}

export interface RtpTimestampProbe {
  readonly clockRate: number;
  readonly packets: readonly ProbedPacket[];
  /** The RTP timestamp of the last packet read before `atMs` (a `Date.now()`), if any. */
  lastTimestampBefore(atMs: number): number | undefined;
  close(): Promise<void>;
}

/** Media time from one RTP timestamp to a later one, in ms (the 32-bit clock may wrap between). */
export function rtpSpanMs(from: number, to: number, clockRate: number): number {
  return (((to - from) >>> 0) * 1000) / clockRate;
}

/** RTCP shares the socket (rtcpMux): its packet types 192–223 sit where RTP's marker and payload type are. */
function isRtcp(packet: Buffer): boolean {
  return packet[1] >= 192 && packet[1] <= 223;
}

export async function startRtpTimestampProbe(router: ms.Router, producer: ms.Producer, ip = '127.0.0.1'): Promise<RtpTimestampProbe> {
  const mime = producer.rtpParameters.codecs[0].mimeType.toLowerCase();
  const capability = router.rtpCapabilities.codecs?.find((c) => c.kind === producer.kind && c.mimeType.toLowerCase() === mime);
  if (!capability) throw new Error(`the router has no ${mime} codec to probe`);

  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, ip, resolve));
  const packets: ProbedPacket[] = [];
  const transport = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip }, rtcpMux: true, comedia: false });
  try {
    await transport.connect({ ip, port: (socket.address() as AddressInfo).port });
    // Only the media codec, as a recorder asks for it: no RTX, no header extensions.
    const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: { codecs: [capability], headerExtensions: [] } });
    const payloadType = consumer.rtpParameters.codecs[0].payloadType;
    socket.on('message', (packet) => {
      if (packet.length < 12 || packet[0] >> 6 !== 2 || isRtcp(packet) || (packet[1] & 0x7f) !== payloadType) return;
      packets.push({ rtpTimestamp: packet.readUInt32BE(4), arrivedAtMs: Date.now() });
    });
  } catch (error) {
    transport.close();
    socket.close();
    throw error;
  }

  return {
    clockRate: capability.clockRate,
    packets,
    lastTimestampBefore(atMs) {
      return packets.filter((p) => p.arrivedAtMs < atMs).at(-1)?.rtpTimestamp;
    },
    async close() {
      transport.close();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}

// A mediasoup Producer fed by ffmpeg over a PlainTransport: the smallest real
// media source a server-side test can have.
import type { types as ms } from 'mediasoup';
import { FFMPEG_RTP_CODECS, startFfmpegRtpSender, type FfmpegRtpCodec, type FfmpegRtpSender } from './ffmpeg-rtp-sender';

export interface PlainRtpProducer {
  transport: ms.PlainTransport;
  producer: ms.Producer;
  sender: FfmpegRtpSender;
  /** Stops ffmpeg, then closes the transport (and with it the producer). */
  close(): Promise<void>;
}

export interface PlainRtpProducerOptions {
  codec: FfmpegRtpCodec;
  ssrc: number;
  /** IP the PlainTransport listens on and ffmpeg sends to. Default 127.0.0.1. */
  ip?: string;
  durationS?: number;
}

export async function createPlainRtpProducer(router: ms.Router, options: PlainRtpProducerOptions): Promise<PlainRtpProducer> {
  const ip = options.ip ?? '127.0.0.1';
  const codec = FFMPEG_RTP_CODECS[options.codec];
  const routerCodec = router.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === codec.mimeType.toLowerCase());
  if (!routerCodec?.preferredPayloadType) {
    throw new Error(`the router has no ${codec.mimeType} codec to produce ffmpeg's RTP with`);
  }
  const payloadType = routerCodec.preferredPayloadType;

  // No port given: mediasoup picks free ports from the worker's range, so
  // parallel test runs do not clash. comedia: mediasoup learns ffmpeg's
  // address from its first RTP (and, rtcpMux being off, first RTCP) packet.
  const transport = await router.createPlainTransport({
    listenInfo: { protocol: 'udp', ip },
    rtcpMux: false,
    comedia: true,
  });
  const producer = await transport.produce({
    kind: codec.kind,
    rtpParameters: {
      codecs: [
        {
          mimeType: codec.mimeType,
          clockRate: codec.clockRate,
          payloadType,
          ...('channels' in codec ? { channels: codec.channels } : {}),
        },
      ],
      encodings: [{ ssrc: options.ssrc }],
    },
  });

  const rtcpPort = transport.rtcpTuple?.localPort;
  if (rtcpPort === undefined) {
    transport.close();
    throw new Error('the PlainTransport has no RTCP tuple although rtcpMux is false');
  }
  const sender = startFfmpegRtpSender({
    codec: options.codec,
    ip,
    rtpPort: transport.tuple.localPort,
    rtcpPort,
    ssrc: options.ssrc,
    payloadType,
    durationS: options.durationS,
  });

  return {
    transport,
    producer,
    sender,
    async close(): Promise<void> {
      await sender.stop();
      transport.close();
    },
  };
}

// A headless WebRTC receiver (werift, pure TypeScript) connected to a mediasoup
// WebRtcTransport: real ICE, DTLS and SRTP without a browser. Reused by the
// mediasoup integration tests, hearing-room tests and the SFU benchmark.
//
// Signalling is done the way mediasoup-client does it for a receiving
// transport: the server side (mediasoup, ICE-lite) is the SDP offerer, built
// here from the transport's ICE/DTLS parameters and the consumers'
// rtpParameters; werift answers, and its answer's DTLS fingerprint and role go
// to `transport.connect()`.
import type { types as ms } from 'mediasoup';
import { RTCPeerConnection } from 'werift';
import { settlesWithin } from '../wait-for';

/**
 * RTP capabilities of the werift receiver, to pass to `transport.consume()`.
 * Opus and VP8 only (werift's defaults), no RTX, and the MID header extension
 * so werift can route packets to the right transceiver.
 */
export const WERIFT_RECEIVER_RTP_CAPABILITIES: ms.RtpCapabilities = {
  codecs: [
    {
      kind: 'audio',
      mimeType: 'audio/opus',
      clockRate: 48000,
      channels: 2,
      preferredPayloadType: 100,
      rtcpFeedback: [],
    },
    {
      kind: 'video',
      mimeType: 'video/VP8',
      clockRate: 90000,
      preferredPayloadType: 101,
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
    },
  ],
  headerExtensions: [
    { kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1, direction: 'sendrecv' },
    { kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1, direction: 'sendrecv' },
  ],
};

export interface WeriftReceiver {
  readonly pc: RTCPeerConnection;
  /** RTP packets werift decrypted and delivered for this consumer so far. */
  packetsFor(consumer: ms.Consumer): number;
  close(): Promise<void>;
}

export interface WeriftReceiverOptions {
  transport: ms.WebRtcTransport;
  /** Consumers created on `transport` with WERIFT_RECEIVER_RTP_CAPABILITIES. */
  consumers: ms.Consumer[];
  /** Bound on ICE + DTLS completion. Default 20 s. */
  connectTimeoutMs?: number;
}

function codecLines(codec: ms.RtpCodecParameters): string[] {
  const [, name] = codec.mimeType.split('/');
  const channels = codec.channels && codec.channels > 1 ? `/${codec.channels}` : '';
  const lines = [`a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`];
  const params = Object.entries(codec.parameters ?? {});
  if (params.length > 0) {
    lines.push(`a=fmtp:${codec.payloadType} ${params.map(([k, v]) => `${k}=${String(v)}`).join(';')}`);
  }
  for (const fb of codec.rtcpFeedback ?? []) {
    lines.push(`a=rtcp-fb:${codec.payloadType} ${fb.type}${fb.parameter ? ` ${fb.parameter}` : ''}`);
  }
  return lines;
}

/** The SDP offer for a mediasoup receive transport carrying `consumers`. */
export function buildConsumerOfferSdp(transport: ms.WebRtcTransport, consumers: ms.Consumer[]): string {
  const fingerprint = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256');
  if (!fingerprint) throw new Error('the WebRtcTransport has no sha-256 DTLS fingerprint');
  const mids = consumers.map((c) => {
    if (c.rtpParameters.mid === undefined) throw new Error(`consumer ${c.id} has no MID`);
    return c.rtpParameters.mid;
  });

  const lines = [
    'v=0',
    `o=mediasoup ${Date.now()} 1 IN IP4 0.0.0.0`,
    's=-',
    't=0 0',
    // mediasoup is ICE-lite: werift must take the controlling role (mediasoup
    // answers 487 to an ICE-CONTROLLED peer).
    'a=ice-lite',
    `a=group:BUNDLE ${mids.join(' ')}`,
    'a=msid-semantic: WMS *',
  ];
  for (const consumer of consumers) {
    const { rtpParameters } = consumer;
    const streamId = `stream-${consumer.id}`;
    lines.push(
      `m=${consumer.kind} 7 UDP/TLS/RTP/SAVPF ${rtpParameters.codecs.map((c) => c.payloadType).join(' ')}`,
      'c=IN IP4 127.0.0.1',
      `a=mid:${rtpParameters.mid}`,
      'a=sendonly',
      `a=msid:${streamId} ${consumer.id}`,
      `a=ice-ufrag:${transport.iceParameters.usernameFragment}`,
      `a=ice-pwd:${transport.iceParameters.password}`,
      `a=fingerprint:${fingerprint.algorithm} ${fingerprint.value}`,
      // actpass: werift (the answerer) picks the DTLS client role, so
      // mediasoup acts as the DTLS server once connect() tells it so.
      'a=setup:actpass',
    );
    for (const c of transport.iceCandidates.filter((cand) => cand.protocol === 'udp')) {
      lines.push(`a=candidate:${c.foundation} 1 udp ${c.priority} ${c.address} ${c.port} typ ${c.type}`);
    }
    lines.push('a=end-of-candidates', 'a=rtcp-mux', 'a=rtcp-rsize');
    for (const codec of rtpParameters.codecs) lines.push(...codecLines(codec));
    for (const ext of rtpParameters.headerExtensions ?? []) lines.push(`a=extmap:${ext.id} ${ext.uri}`);
    for (const encoding of rtpParameters.encodings ?? []) {
      if (encoding.ssrc === undefined) continue;
      lines.push(
        `a=ssrc:${encoding.ssrc} cname:${rtpParameters.rtcp?.cname ?? 'mediasoup'}`,
        `a=ssrc:${encoding.ssrc} msid:${streamId} ${consumer.id}`,
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** DTLS parameters of werift's answer, for `transport.connect()`. */
export function dtlsParametersFromAnswer(sdp: string): ms.DtlsParameters {
  const fp = /^a=fingerprint:(\S+) (\S+)/m.exec(sdp);
  const setup = /^a=setup:(\S+)/m.exec(sdp);
  if (!fp || !setup) throw new Error(`werift's answer lacks a fingerprint or setup line:\n${sdp}`);
  // The answerer's setup attribute is its own DTLS role: active = client.
  const role: ms.DtlsRole = setup[1] === 'passive' ? 'server' : 'client';
  return {
    role,
    fingerprints: [{ algorithm: fp[1] as ms.FingerprintAlgorithm, value: fp[2] }],
  };
}

export async function connectWeriftReceiver(options: WeriftReceiverOptions): Promise<WeriftReceiver> {
  const { transport, consumers } = options;
  const timeoutMs = options.connectTimeoutMs ?? 20_000;

  const pc = new RTCPeerConnection({
    // No STUN server: the machine may be offline and both ends are local.
    iceServers: [],
    iceUseIpv6: false,
    // werift skips loopback when gathering host candidates; the tests' media
    // server listens on 127.0.0.1, so gather on it explicitly.
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
  });

  const consumerBySsrc = new Map<number, string>();
  for (const consumer of consumers) {
    for (const encoding of consumer.rtpParameters.encodings ?? []) {
      if (encoding.ssrc !== undefined) consumerBySsrc.set(encoding.ssrc, consumer.id);
    }
  }
  const packets = new Map<string, number>();
  pc.onTrack.subscribe((track) => {
    track.onReceiveRtp.subscribe((rtp) => {
      const id = consumerBySsrc.get(rtp.header.ssrc);
      if (id !== undefined) packets.set(id, (packets.get(id) ?? 0) + 1);
    });
  });

  const connected = new Promise<void>((resolve, reject) => {
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') resolve();
      if (state === 'failed') reject(new Error('werift peer connection failed'));
    });
  });
  const dtlsConnected = new Promise<void>((resolve, reject) => {
    if (transport.dtlsState === 'connected') resolve();
    transport.on('dtlsstatechange', (state) => {
      if (state === 'connected') resolve();
      if (state === 'failed' || state === 'closed') reject(new Error(`mediasoup DTLS state became ${state}`));
    });
  });

  // Awaited below; marked handled now so a late rejection (after a timeout or
  // an earlier error) is not reported as an unhandled rejection.
  connected.catch(() => undefined);
  dtlsConnected.catch(() => undefined);

  try {
    await pc.setRemoteDescription({ type: 'offer', sdp: buildConsumerOfferSdp(transport, consumers) });
    const answer = await pc.createAnswer();
    // connect() before setLocalDescription(): setting the answer starts ICE and
    // then DTLS on werift's side, and mediasoup must already know the remote
    // fingerprint and its own DTLS role when the ClientHello arrives.
    await transport.connect({ dtlsParameters: dtlsParametersFromAnswer(answer.sdp) });
    await pc.setLocalDescription(answer);
    await settlesWithin(Promise.all([connected, dtlsConnected]), timeoutMs, 'ICE + DTLS between werift and mediasoup');
  } catch (error) {
    await pc.close();
    throw error;
  }

  return {
    pc,
    packetsFor: (consumer) => packets.get(consumer.id) ?? 0,
    close: () => pc.close(),
  };
}

/*
 * The load's participants on the wire: werift (pure TypeScript WebRTC) peers that do real ICE,
 * DTLS and SRTP with a mediasoup WebRtcTransport, as a browser's transports would, on both sides
 * of the comparison. A send peer is the offerer (mediasoup, ICE-lite, answers); a receive peer
 * answers mediasoup's offer built from the consumers. Once connected, the media path is kept lean
 * (see openSendPeer and openReceivePeer), so that one Node process can be the load for an SFU.
 * The SDP handling follows test/support/media/werift-participant.ts and werift-peer.ts (which the
 * build does not compile into dist/, so the bench keeps its own copy, trimmed to what it needs).
 */
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, useAudioLevelIndication, useSdesMid } from 'werift';
import { SequenceCounter } from './statistics';
import type { DtlsParameters, RtpCapabilities, RtpParameters, TransportOptions } from '@ejustice/hearings/signalling/signalling-messages';

export type MediaKindOnWire = 'audio' | 'video';

const MID_EXTENSION = 'urn:ietf:params:rtp-hdrext:sdes:mid';
const AUDIO_LEVEL_EXTENSION = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
/** RFC 6464: voice activity, 10 dB below full scale; what mediasoup's active-speaker observer reads. */
const SPEAKING_LEVEL = 0x80 | 10;

/**
 * What every load participant announces it can receive, on both sides: Opus, and VP8 with NACK
 * and PLI as browsers do. No transport-wide congestion control: the load is a fixed set of
 * streams, and a bandwidth estimate would let the platform (which acts on it: layers, audio-only
 * fallback) and the bare SFU (which does not) end up carrying different loads.
 */
export const LOAD_RECEIVER_RTP_CAPABILITIES = {
  codecs: [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 100, rtcpFeedback: [] },
    {
      kind: 'video',
      mimeType: 'video/VP8',
      clockRate: 90000,
      preferredPayloadType: 101,
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
    },
  ],
  headerExtensions: [
    { kind: 'audio', uri: MID_EXTENSION, preferredId: 1, direction: 'sendrecv' },
    { kind: 'video', uri: MID_EXTENSION, preferredId: 1, direction: 'sendrecv' },
  ],
} as unknown as RtpCapabilities;

function peerConnection(): RTCPeerConnection {
  return new RTCPeerConnection({
    // No STUN server is needed: everything is on 127.0.0.1, and werift skips loopback unless told.
    // But werift's ICE falls back to stun.l.google.com when given none, and every transport's
    // gathering waits for it: on this offline machine each one is a DNS lookup in libuv's four
    // threads that the resolver sometimes answers only after its 5 s retry (60 transports at
    // once: 10 s). So an address that needs no lookup, given up after 20 ms.
    iceServers: [{ urls: 'stun:127.0.0.1:9' }],
    iceStunGatherTimeout: 0.02,
    iceUseIpv6: false,
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    bundlePolicy: 'max-bundle',
    codecs: {
      audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })],
      video: [
        new RTCRtpCodecParameters({
          mimeType: 'video/VP8',
          clockRate: 90000,
          rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
        }),
      ],
    },
    headerExtensions: { audio: [useSdesMid(), useAudioLevelIndication()], video: [useSdesMid()] },
  });
}

function connected(pc: RTCPeerConnection, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (pc.connectionState === 'connected') return resolve();
    const timer = setTimeout(
      () => reject(new Error(`${what}: no connection within ${timeoutMs} ms (state ${pc.connectionState})`)),
      timeoutMs,
    );
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') {
        clearTimeout(timer);
        resolve();
      }
      if (state === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${what}: connection failed`));
      }
    });
  });
}

interface OfferSection {
  kind: MediaKindOnWire;
  mid: string;
  payloadType: number;
  ssrc: number;
  cname: string;
  midExtensionId: number;
  audioLevelExtensionId: number | null;
}

function extmapId(body: string, uri: string): number | null {
  const m = new RegExp(`a=extmap:(\\d+) ${uri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(body);
  return m ? Number(m[1]) : null;
}

function parseOffer(sdp: string): OfferSection[] {
  return sdp
    .split(/\r?\nm=/)
    .slice(1)
    .map((body) => {
      const kind = body.startsWith('audio') ? 'audio' : 'video';
      const mid = /a=mid:(\S+)/.exec(body)?.[1];
      const payloadType = Number(/^\S+ \d+ \S+ (\d+)/.exec(body)?.[1]);
      const ssrcLine = /a=ssrc:(\d+) cname:(\S+)/.exec(body);
      const midExtensionId = extmapId(body, MID_EXTENSION);
      if (!mid || !ssrcLine || midExtensionId === null || Number.isNaN(payloadType))
        throw new Error(`cannot read werift's ${kind} offer section:\nm=${body}`);
      return {
        kind,
        mid,
        payloadType,
        ssrc: Number(ssrcLine[1]),
        cname: ssrcLine[2],
        midExtensionId,
        audioLevelExtensionId: kind === 'audio' ? extmapId(body, AUDIO_LEVEL_EXTENSION) : null,
      };
    });
}

function sha256Fingerprint(transport: TransportOptions): { algorithm: string; value: string } {
  const fingerprint = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256');
  if (!fingerprint) throw new Error('the transport has no sha-256 DTLS fingerprint');
  return fingerprint;
}

function candidateLines(transport: TransportOptions): string[] {
  return transport.iceCandidates
    .filter((c) => c.protocol === 'udp')
    .map((c) => `a=candidate:${c.foundation} 1 udp ${c.priority} ${c.address} ${c.port} typ ${c.type}`);
}

/** mediasoup's answer to werift's send offer: ICE-lite, DTLS server, receiving each section. */
function sendAnswerSdp(transport: TransportOptions, sections: OfferSection[]): string {
  const fingerprint = sha256Fingerprint(transport);
  const lines = [
    'v=0',
    `o=mediasoup ${Date.now()} 1 IN IP4 0.0.0.0`,
    's=-',
    't=0 0',
    'a=ice-lite',
    `a=group:BUNDLE ${sections.map((s) => s.mid).join(' ')}`,
    'a=msid-semantic: WMS *',
  ];
  for (const s of sections) {
    lines.push(
      `m=${s.kind} 7 UDP/TLS/RTP/SAVPF ${s.payloadType}`,
      'c=IN IP4 127.0.0.1',
      `a=mid:${s.mid}`,
      'a=recvonly',
      `a=ice-ufrag:${transport.iceParameters.usernameFragment}`,
      `a=ice-pwd:${transport.iceParameters.password}`,
      `a=fingerprint:${fingerprint.algorithm} ${fingerprint.value}`,
      // passive: mediasoup is the DTLS server, werift (the offerer, actpass) the client.
      'a=setup:passive',
      ...candidateLines(transport),
      'a=end-of-candidates',
      'a=rtcp-mux',
      'a=rtcp-rsize',
      s.kind === 'audio' ? `a=rtpmap:${s.payloadType} opus/48000/2` : `a=rtpmap:${s.payloadType} VP8/90000`,
    );
    if (s.kind === 'video') lines.push(`a=rtcp-fb:${s.payloadType} nack`, `a=rtcp-fb:${s.payloadType} nack pli`);
    lines.push(`a=extmap:${s.midExtensionId} ${MID_EXTENSION}`);
    if (s.audioLevelExtensionId !== null) lines.push(`a=extmap:${s.audioLevelExtensionId} ${AUDIO_LEVEL_EXTENSION}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The producer's rtpParameters for one section of werift's offer. */
function producerRtpParameters(s: OfferSection): RtpParameters {
  return {
    mid: s.mid,
    codecs: [
      s.kind === 'audio'
        ? { mimeType: 'audio/opus', payloadType: s.payloadType, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }
        : {
            mimeType: 'video/VP8',
            payloadType: s.payloadType,
            clockRate: 90000,
            parameters: {},
            rtcpFeedback: [
              { type: 'nack', parameter: '' },
              { type: 'nack', parameter: 'pli' },
            ],
          },
    ],
    headerExtensions: [
      { uri: MID_EXTENSION, id: s.midExtensionId, encrypt: false, parameters: {} },
      ...(s.audioLevelExtensionId !== null
        ? [{ uri: AUDIO_LEVEL_EXTENSION, id: s.audioLevelExtensionId, encrypt: false, parameters: {} } as const]
        : []),
    ],
    encodings: [{ ssrc: s.ssrc }],
    rtcp: { cname: s.cname, reducedSize: true },
  } as RtpParameters;
}

export interface SendPeer {
  /** Producer id per kind, as the SFU answered `produce`. */
  readonly producerIds: Partial<Record<MediaKindOnWire, string>>;
  /** Puts one RTP packet (from the replayer: no CSRC, no extensions) on the wire as this participant's `kind`. */
  sinkFor(kind: MediaKindOnWire): (packet: Buffer) => void;
  close(): Promise<void>;
}

export interface SendPeerSignalling {
  connect(dtlsParameters: DtlsParameters): Promise<void>;
  produce(kind: MediaKindOnWire, rtpParameters: RtpParameters): Promise<string>;
}

/**
 * A send transport producing `kinds`. werift does ICE and DTLS and keeps ICE consent alive, as a
 * browser would; each packet is then SRTP-protected by werift's session and sent on the ICE
 * connection directly, with the header a browser's sender would write (its SSRC and payload
 * type, the MID extension, and for audio the audio level, which mediasoup's active-speaker
 * observer reads). werift's own sender pipeline (a packet object per packet, bandwidth
 * estimation, a retransmission cache) is left out: it costs far more than the SFU's forwarding,
 * and no browser-side behaviour of it matters to the SFU here. So the senders send no RTCP
 * sender reports and answer no NACK, on both sides alike.
 */
export async function openSendPeer(
  transport: TransportOptions,
  kinds: readonly MediaKindOnWire[],
  signalling: SendPeerSignalling,
  timeoutMs = 30_000,
): Promise<SendPeer> {
  const pc = peerConnection();
  try {
    for (const kind of kinds) pc.addTransceiver(new MediaStreamTrack({ kind }), { direction: 'sendonly' });
    await pc.setLocalDescription(await pc.createOffer());
    const offer = pc.localDescription?.sdp ?? '';
    const sections = parseOffer(offer);
    const fp = /a=fingerprint:(\S+) (\S+)/.exec(offer);
    if (!fp) throw new Error('werift offer lacks a fingerprint');
    // mediasoup learns werift's fingerprint, and that werift is the DTLS client, before ICE starts.
    await signalling.connect({ role: 'client', fingerprints: [{ algorithm: fp[1] as 'sha-256', value: fp[2] }] });
    await pc.setRemoteDescription({ type: 'answer', sdp: sendAnswerSdp(transport, sections) });
    await connected(pc, timeoutMs, 'send transport');
    const dtls = pc.dtlsTransports[0];
    if (!dtls) throw new Error('werift has no DTLS transport to send on');
    const producerIds: Partial<Record<MediaKindOnWire, string>> = {};
    for (const s of sections) producerIds[s.kind] = await signalling.produce(s.kind, producerRtpParameters(s));
    return {
      producerIds,
      sinkFor(kind) {
        const section = sections.find((s) => s.kind === kind);
        if (!section) throw new Error(`this peer does not send ${kind}`);
        const header = new RtpHeader({
          payloadType: section.payloadType,
          ssrc: section.ssrc,
          extensions: [
            { id: section.midExtensionId, payload: Buffer.from(section.mid) },
            ...(section.audioLevelExtensionId !== null
              ? [{ id: section.audioLevelExtensionId, payload: Buffer.from([SPEAKING_LEVEL]) }]
              : []),
          ],
        });
        return (packet) => {
          header.sequenceNumber = packet.readUInt16BE(2);
          header.timestamp = packet.readUInt32BE(4);
          header.marker = (packet[1] & 0x80) !== 0;
          void dtls.sendRtp(packet.subarray(12), header);
        };
      },
      close: () => pc.close(),
    };
  } catch (error) {
    await pc.close();
    throw error;
  }
}

/** A consumer as the receiving side sees it (the platform's `newConsumer`, or the bare host's answer). */
export interface OfferedConsumer {
  readonly consumerId: string;
  readonly producerId: string;
  readonly kind: MediaKindOnWire;
  readonly rtpParameters: RtpParameters;
}

export interface ReceivePeer {
  readonly counters: ReadonlyMap<string, SequenceCounter>;
  /**
   * Counts a consumer offered after the transport was set up (the SFU reopened one) by its SSRC,
   * without renegotiating. Only without `decrypt`: werift drops a stream its SDP does not carry.
   */
  track(consumer: OfferedConsumer): SequenceCounter;
  close(): Promise<void>;
}

export interface ReceivePeerSignalling {
  connect(dtlsParameters: DtlsParameters): Promise<void>;
}

/** mediasoup's offer for a receive transport carrying `consumers`. */
function receiveOfferSdp(transport: TransportOptions, consumers: readonly OfferedConsumer[]): string {
  const fingerprint = sha256Fingerprint(transport);
  const mids = consumers.map((c) => {
    if (c.rtpParameters.mid === undefined) throw new Error(`consumer ${c.consumerId} has no MID`);
    return c.rtpParameters.mid;
  });
  const lines = [
    'v=0',
    `o=mediasoup ${Date.now()} 1 IN IP4 0.0.0.0`,
    's=-',
    't=0 0',
    // mediasoup is ICE-lite: werift takes the controlling role.
    'a=ice-lite',
    `a=group:BUNDLE ${mids.join(' ')}`,
    'a=msid-semantic: WMS *',
  ];
  for (const consumer of consumers) {
    const { rtpParameters } = consumer;
    const streamId = `stream-${consumer.consumerId}`;
    lines.push(
      `m=${consumer.kind} 7 UDP/TLS/RTP/SAVPF ${rtpParameters.codecs.map((c) => c.payloadType).join(' ')}`,
      'c=IN IP4 127.0.0.1',
      `a=mid:${rtpParameters.mid}`,
      'a=sendonly',
      `a=msid:${streamId} ${consumer.consumerId}`,
      `a=ice-ufrag:${transport.iceParameters.usernameFragment}`,
      `a=ice-pwd:${transport.iceParameters.password}`,
      `a=fingerprint:${fingerprint.algorithm} ${fingerprint.value}`,
      // actpass: werift (the answerer) takes the DTLS client role.
      'a=setup:actpass',
      ...candidateLines(transport),
      'a=end-of-candidates',
      'a=rtcp-mux',
      'a=rtcp-rsize',
    );
    for (const codec of rtpParameters.codecs) {
      const [, name] = codec.mimeType.split('/');
      const channels = codec.channels && codec.channels > 1 ? `/${codec.channels}` : '';
      lines.push(`a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`);
      const params = Object.entries(codec.parameters ?? {});
      if (params.length > 0) lines.push(`a=fmtp:${codec.payloadType} ${params.map(([k, v]) => `${k}=${String(v)}`).join(';')}`);
      for (const fb of codec.rtcpFeedback ?? [])
        lines.push(`a=rtcp-fb:${codec.payloadType} ${fb.type}${fb.parameter ? ` ${fb.parameter}` : ''}`);
    }
    for (const ext of rtpParameters.headerExtensions ?? []) lines.push(`a=extmap:${ext.id} ${ext.uri}`);
    for (const encoding of rtpParameters.encodings ?? []) {
      if (encoding.ssrc === undefined) continue;
      lines.push(
        `a=ssrc:${encoding.ssrc} cname:${rtpParameters.rtcp?.cname ?? 'mediasoup'}`,
        `a=ssrc:${encoding.ssrc} msid:${streamId} ${consumer.consumerId}`,
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** DTLS parameters of werift's answer: its fingerprint and, from its setup attribute, its role. */
function dtlsParametersFromAnswer(sdp: string): DtlsParameters {
  const fp = /^a=fingerprint:(\S+) (\S+)/m.exec(sdp);
  const setup = /^a=setup:(\S+)/m.exec(sdp);
  if (!fp || !setup) throw new Error(`werift's answer lacks a fingerprint or setup line:\n${sdp}`);
  return { role: setup[1] === 'passive' ? 'server' : 'client', fingerprints: [{ algorithm: fp[1] as 'sha-256', value: fp[2] }] };
}

/** RTP (not RTCP, RFC 5761) by its first two bytes: version 2, payload type outside 64..95. */
function isRtp(data: Buffer): boolean {
  return data.length >= 12 && (data[0] & 0xc0) === 0x80 && (data[1] < 192 || data[1] > 223);
}

/**
 * A receive transport for `consumers`. werift does ICE and DTLS (and keeps ICE consent alive, and
 * handles RTCP) as a browser would; RTP is then counted by its header, which SRTP leaves in the
 * clear (SSRC, sequence number), without decrypting the payload: decrypting in JavaScript costs
 * the generator several times what forwarding costs the SFU, and would make the generator, not
 * the SFU, the limit. `decrypt: true` lets werift decrypt and check every packet instead (a
 * check that the media is genuine, at small scale).
 */
export async function openReceivePeer(
  transport: TransportOptions,
  consumers: readonly OfferedConsumer[],
  signalling: ReceivePeerSignalling,
  options: { decrypt: boolean; timeoutMs?: number },
): Promise<ReceivePeer> {
  const pc = peerConnection();
  const bySsrc = new Map<number, SequenceCounter>();
  const counters = new Map<string, SequenceCounter>();
  const track = (c: OfferedConsumer) => {
    const counter = new SequenceCounter();
    counters.set(c.consumerId, counter);
    for (const e of c.rtpParameters.encodings ?? []) if (e.ssrc !== undefined) bySsrc.set(e.ssrc, counter);
    return counter;
  };
  for (const c of consumers) track(c);
  if (options.decrypt) {
    pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => bySsrc.get(rtp.header.ssrc)?.note(rtp.header.sequenceNumber));
    });
  }
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp: receiveOfferSdp(transport, consumers) });
    const answer = await pc.createAnswer();
    // connect() before setLocalDescription(): mediasoup must know werift's fingerprint and its own
    // DTLS role when werift's ClientHello arrives.
    await signalling.connect(dtlsParametersFromAnswer(answer.sdp));
    await pc.setLocalDescription(answer);
    if (!options.decrypt) {
      // Every datagram werift's ICE agent accepts goes through this one event: RTP stops here,
      // STUN was handled before it, DTLS and RTCP go on to werift.
      const connection = pc.iceTransports[0]?.connection;
      if (!connection) throw new Error('werift has no ICE transport to receive on');
      const deliver = connection.onData.execute;
      connection.onData.execute = (data: Buffer) => {
        if (isRtp(data)) bySsrc.get(data.readUInt32BE(8))?.note(data.readUInt16BE(2));
        else deliver(data);
      };
    }
    await connected(pc, options.timeoutMs ?? 30_000, 'receive transport');
  } catch (error) {
    await pc.close();
    throw error;
  }
  return { counters, track, close: () => pc.close() };
}

// The media side of a hearing participant in Node, driven through the hearing-room signalling
// (no server-side shortcuts): a werift peer sends ffmpeg's Opus and VP8 as a browser would
// (offerer on the send transport, mediasoup ICE-lite answering), and a second werift peer
// receives the consumers the server offers, counting their packets.
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { types as ms } from 'mediasoup';
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpPacket,
  useAudioLevelIndication,
  useSdesMid,
  useTransportWideCC,
} from 'werift';
import type { NewConsumer, RtpCapabilities, TransportOptions } from '@ejustice/hearings/signalling/signalling-messages';
import { startFfmpegRtpSender, type FfmpegRtpSender } from './ffmpeg-rtp-sender';
import type { HearingClient } from './hearing-client';
import { WERIFT_RECEIVER_RTP_CAPABILITIES, buildConsumerOfferSdp, dtlsParametersFromAnswer } from './werift-peer';

const TRANSPORT_CC_EXTENSION = 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01';

/**
 * What a werift participant can receive, announced at `join`: Opus and VP8 as in the plain
 * receiver, plus transport-wide congestion control feedback for video, so the media node has a
 * bandwidth estimate towards the participant (layers, audio-only fallback), as with a browser.
 */
export const WERIFT_PARTICIPANT_RTP_CAPABILITIES = {
  codecs: (WERIFT_RECEIVER_RTP_CAPABILITIES.codecs ?? []).map((c) =>
    c.kind === 'video' ? { ...c, rtcpFeedback: [...(c.rtcpFeedback ?? []), { type: 'transport-cc' }] } : c,
  ),
  headerExtensions: [
    ...(WERIFT_RECEIVER_RTP_CAPABILITIES.headerExtensions ?? []),
    { kind: 'video', uri: TRANSPORT_CC_EXTENSION, preferredId: 5, direction: 'sendrecv' },
  ],
} as unknown as RtpCapabilities;

const MID_EXTENSION = 'urn:ietf:params:rtp-hdrext:sdes:mid';
const AUDIO_LEVEL_EXTENSION = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
/**
 * The level every microphone packet claims (RFC 6464: voice activity bit set, 10 dB below full
 * scale): loud enough for mediasoup's active-speaker observer, which reads only this extension.
 */
const SPEAKING_LEVEL = 0x80 | 10;

function peerConnection(): RTCPeerConnection {
  return new RTCPeerConnection({
    iceServers: [],
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
          rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'transport-cc' }],
        }),
      ],
    },
    headerExtensions: { audio: [useSdesMid(), useAudioLevelIndication()], video: [useSdesMid(), useTransportWideCC()] },
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

interface MediaSection {
  kind: 'audio' | 'video';
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

/** The parts of werift's offer that become the producer's rtpParameters. */
function parseOffer(sdp: string): MediaSection[] {
  const sections = sdp.split(/\r?\nm=/).slice(1);
  return sections.map((body) => {
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

/** mediasoup's answer to werift's offer: ICE-lite, DTLS server, receiving each section. */
function answerSdp(transport: TransportOptions, offer: string, sections: MediaSection[]): string {
  const fingerprint = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256');
  if (!fingerprint) throw new Error('the transport has no sha-256 fingerprint');
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
    const codec = s.kind === 'audio' ? `a=rtpmap:${s.payloadType} opus/48000/2` : `a=rtpmap:${s.payloadType} VP8/90000`;
    lines.push(
      `m=${s.kind} 7 UDP/TLS/RTP/SAVPF ${s.payloadType}`,
      'c=IN IP4 127.0.0.1',
      `a=mid:${s.mid}`,
      'a=recvonly',
      `a=ice-ufrag:${transport.iceParameters.usernameFragment}`,
      `a=ice-pwd:${transport.iceParameters.password}`,
      `a=fingerprint:${fingerprint.algorithm} ${fingerprint.value}`,
      // passive: mediasoup is the DTLS server, werift (the offerer, actpass) becomes the client.
      'a=setup:passive',
    );
    for (const c of transport.iceCandidates.filter((cand) => cand.protocol === 'udp'))
      lines.push(`a=candidate:${c.foundation} 1 udp ${c.priority} ${c.address} ${c.port} typ ${c.type}`);
    lines.push('a=end-of-candidates', 'a=rtcp-mux', 'a=rtcp-rsize', codec);
    if (s.kind === 'video') lines.push(`a=rtcp-fb:${s.payloadType} nack`, `a=rtcp-fb:${s.payloadType} nack pli`);
    lines.push(`a=extmap:${s.midExtensionId} ${MID_EXTENSION}`);
    if (s.audioLevelExtensionId !== null) lines.push(`a=extmap:${s.audioLevelExtensionId} ${AUDIO_LEVEL_EXTENSION}`);
  }
  if (!offer.includes('a=fingerprint')) throw new Error('werift offer lacks a fingerprint');
  return `${lines.join('\r\n')}\r\n`;
}

export interface SendingMedia {
  readonly producerIds: { readonly microphone?: string; readonly camera?: string };
  /** The server's answer: whether it holds the microphone paused (muted). */
  readonly microphonePaused: boolean;
  close(): Promise<void>;
}

/**
 * Creates a send transport through signalling and produces ffmpeg's Opus (microphone) and VP8
 * (camera) over a werift peer.
 */
export async function startSending(
  client: HearingClient,
  what: { microphone?: boolean; camera?: boolean } = { microphone: true, camera: true },
): Promise<SendingMedia> {
  const transport = await client.call('createWebRtcTransport', { direction: 'send' });
  const pc = peerConnection();
  const senders: FfmpegRtpSender[] = [];
  const sockets: Socket[] = [];
  const tracks: { kind: 'audio' | 'video'; track: MediaStreamTrack }[] = [];
  try {
    for (const kind of [...(what.microphone ? (['audio'] as const) : []), ...(what.camera ? (['video'] as const) : [])]) {
      const track = new MediaStreamTrack({ kind });
      pc.addTransceiver(track, { direction: 'sendonly' });
      tracks.push({ kind, track });
    }
    await pc.setLocalDescription(await pc.createOffer());
    const offer = pc.localDescription?.sdp ?? '';
    const sections = parseOffer(offer);
    const fp = /a=fingerprint:(\S+) (\S+)/.exec(offer);
    if (!fp) throw new Error('werift offer lacks a fingerprint');
    // Tell mediasoup werift's fingerprint (and that werift is the DTLS client) before ICE starts.
    await client.call('connectWebRtcTransport', {
      transportId: transport.transportId,
      dtlsParameters: { role: 'client', fingerprints: [{ algorithm: fp[1] as 'sha-256', value: fp[2] }] },
    });
    await pc.setRemoteDescription({ type: 'answer', sdp: answerSdp(transport, offer, sections) });
    await connected(pc, 20_000, 'send transport');

    const producerIds: { microphone?: string; camera?: string } = {};
    let microphonePaused = false;
    for (const section of sections) {
      const source = section.kind === 'audio' ? 'microphone' : 'camera';
      const produced = await client.call('produce', {
        transportId: transport.transportId,
        source,
        kind: section.kind,
        rtpParameters: {
          mid: section.mid,
          codecs: [
            section.kind === 'audio'
              ? {
                  mimeType: 'audio/opus',
                  payloadType: section.payloadType,
                  clockRate: 48000,
                  channels: 2,
                  parameters: {},
                  rtcpFeedback: [],
                }
              : {
                  mimeType: 'video/VP8',
                  payloadType: section.payloadType,
                  clockRate: 90000,
                  parameters: {},
                  rtcpFeedback: [
                    { type: 'nack', parameter: '' },
                    { type: 'nack', parameter: 'pli' },
                  ],
                },
          ],
          headerExtensions: [
            { uri: MID_EXTENSION, id: section.midExtensionId, encrypt: false, parameters: {} },
            ...(section.audioLevelExtensionId !== null
              ? [{ uri: AUDIO_LEVEL_EXTENSION, id: section.audioLevelExtensionId, encrypt: false, parameters: {} } as const]
              : []),
          ],
          encodings: [{ ssrc: section.ssrc }],
          rtcp: { cname: section.cname, reducedSize: true },
        },
      });
      producerIds[source] = produced.producerId;
      if (source === 'microphone') microphonePaused = produced.paused;
    }

    // ffmpeg → local UDP socket → werift track (werift rewrites SSRC and payload type).
    for (const { kind, track } of tracks) {
      const rtp = createSocket('udp4');
      const rtcp = createSocket('udp4');
      await Promise.all([rtp, rtcp].map((s) => new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve))));
      const levelId = sections.find((x) => x.kind === kind)?.audioLevelExtensionId ?? null;
      rtp.on('message', (raw) => {
        // werift keeps extensions it does not fill itself: the audio level goes in here.
        if (levelId === null) return track.writeRtp(raw);
        const packet = RtpPacket.deSerialize(raw);
        packet.header.extensions.push({ id: levelId, payload: Buffer.from([SPEAKING_LEVEL]) });
        track.writeRtp(packet);
      });
      sockets.push(rtp, rtcp);
      senders.push(
        startFfmpegRtpSender({
          codec: kind === 'audio' ? 'opus' : 'vp8',
          ip: '127.0.0.1',
          rtpPort: (rtp.address() as AddressInfo).port,
          rtcpPort: (rtcp.address() as AddressInfo).port,
          ssrc: kind === 'audio' ? 1111 : 2222,
          payloadType: kind === 'audio' ? 111 : 96,
        }),
      );
    }
    return {
      producerIds,
      microphonePaused,
      async close() {
        await Promise.all(senders.map((s) => s.stop()));
        for (const s of sockets) s.close();
        await pc.close();
      },
    };
  } catch (error) {
    await Promise.all(senders.map((s) => s.stop()));
    for (const s of sockets) s.close();
    await pc.close();
    throw error;
  }
}

export interface ReceivingMedia {
  readonly consumers: readonly NewConsumer[];
  packetsFor(consumerId: string): number;
  close(): Promise<void>;
}

/**
 * Creates a receive transport, waits until the server has offered `expected` consumers on it
 * (`newConsumer`), then connects a werift peer for them and acknowledges each (`resumeConsumer`),
 * after which the server forwards.
 */
export async function startReceiving(client: HearingClient, expected: number, timeoutMs = 20_000): Promise<ReceivingMedia> {
  const before = client.received('newConsumer').length;
  const transport = await client.call('createWebRtcTransport', { direction: 'recv' });
  const deadline = Date.now() + timeoutMs;
  while (client.received('newConsumer').length - before < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const closed = new Set(client.received('consumerClosed').map((c) => c.consumerId));
  const consumers = client
    .received('newConsumer')
    .slice(before)
    .filter((c) => !closed.has(c.consumerId));
  if (consumers.length < expected) throw new Error(`expected ${expected} consumers, the server offered ${consumers.length}`);

  const pc = peerConnection();
  const bySsrc = new Map<number, string>();
  for (const c of consumers) for (const e of c.rtpParameters.encodings ?? []) if (e.ssrc !== undefined) bySsrc.set(e.ssrc, c.consumerId);
  const packets = new Map<string, number>();
  pc.onTrack.subscribe((track) => {
    track.onReceiveRtp.subscribe((rtp) => {
      const id = bySsrc.get(rtp.header.ssrc);
      if (id !== undefined) packets.set(id, (packets.get(id) ?? 0) + 1);
    });
  });
  const offer = buildConsumerOfferSdp(
    transport as unknown as ms.WebRtcTransport,
    consumers.map((c) => ({ id: c.consumerId, kind: c.kind, rtpParameters: c.rtpParameters })) as unknown as ms.Consumer[],
  );
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
    const answer = await pc.createAnswer();
    await client.call('connectWebRtcTransport', {
      transportId: transport.transportId,
      dtlsParameters: dtlsParametersFromAnswer(answer.sdp),
    });
    await pc.setLocalDescription(answer);
    await connected(pc, 20_000, 'receive transport');
    // The consumers were created paused; they forward from this acknowledgement on.
    for (const c of consumers) await client.call('resumeConsumer', { consumerId: c.consumerId });
  } catch (error) {
    await pc.close();
    throw error;
  }
  return { consumers, packetsFor: (id) => packets.get(id) ?? 0, close: () => pc.close() };
}

/** Polls until `read()` reaches `min`; returns the last value. */
export async function waitForCount(read: () => number | Promise<number>, min: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value < min && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

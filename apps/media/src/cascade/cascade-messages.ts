/**
 * Every message between a hearing's origin node and an edge node, declared once: requests from
 * the origin (each answered), and the one event an edge sends unasked. They travel over Redis
 * (cascade-bus.ts), which the pool's nodes already trust for their coordination; nothing here is
 * ever sent to a browser.
 */
import type { types as ms } from 'mediasoup';
import type { TransportOptions } from '@ejustice/hearings';

/** One end of a pipe transport pair, as the other end needs it to connect. */
export interface PipeEnd {
  readonly ip: string;
  readonly port: number;
  readonly srtpParameters?: ms.SrtpParameters;
}

/** The warm-up data channel of an edge transport (see Room.createTransport: it connects the transport before any media). */
export interface EdgeWarmup {
  readonly dataConsumerId: string;
  readonly dataProducerId: string;
  readonly sctpStreamParameters: ms.SctpStreamParameters;
  readonly label: string;
  readonly protocol: string;
}

export interface EdgeConsumerParameters {
  readonly consumerId: string;
  readonly kind: ms.MediaKind;
  readonly rtpParameters: ms.RtpParameters;
  readonly type: ms.ConsumerType;
  readonly producerPaused: boolean;
}

/** What the origin's health sampling reads of a viewer's transport on the edge (Room.readHealth). */
export interface EdgeTransportStats {
  /** The bitrate the edge estimates it can send the viewer (bit/s), if it has an estimate. */
  readonly availableOutgoingBitrate: number | null;
}

/** What it reads of a consumer on the edge: the viewer's reports on what it receives. */
export interface EdgeConsumerStats {
  /** Round trip to the viewer (ms), from its RTCP, if reported. */
  readonly roundTripTime: number | null;
  /** The viewer's last reported loss, in 256ths. */
  readonly fractionLost: number;
}

/** Each request an origin sends an edge, and its answer. Every one names the hearing. */
export interface CascadeRequests {
  /** Link the hearing: a router on the edge and its end of the pipe, connected to the origin's end. */
  open: { data: { pipe: PipeEnd }; result: { pipe: PipeEnd } };
  /** Unlink: everything of the hearing on the edge closes. */
  close: { data: Record<string, never>; result: Record<string, never> };
  /** A producer variant the origin pipes (its pipe consumer's parameters, same id as the origin's producer). */
  pipe: {
    data: { producerId: string; kind: ms.MediaKind; rtpParameters: ms.RtpParameters; paused: boolean };
    result: Record<string, never>;
  };
  unpipe: { data: { producerId: string }; result: Record<string, never> };
  setProducerPaused: { data: { producerId: string; paused: boolean }; result: Record<string, never> };
  createTransport: { data: { participantId: string }; result: { transport: TransportOptions; warmup: EdgeWarmup } };
  connectTransport: { data: { transportId: string; dtlsParameters: ms.DtlsParameters }; result: Record<string, never> };
  restartIce: { data: { transportId: string }; result: { iceParameters: ms.IceParameters } };
  closeTransport: { data: { transportId: string }; result: Record<string, never> };
  consume: {
    data: { transportId: string; producerId: string; rtpCapabilities: ms.RtpCapabilities; enableRtx: boolean; ignoreDtx: boolean };
    result: EdgeConsumerParameters;
  };
  closeConsumer: { data: { consumerId: string }; result: Record<string, never> };
  setConsumerPaused: { data: { consumerId: string; paused: boolean }; result: Record<string, never> };
  setPreferredLayers: { data: { consumerId: string; spatialLayer: number; temporalLayer?: number }; result: Record<string, never> };
  /** One health sample's statistics of the hearing's viewers there, asked for together; ids the edge no longer has are left out. */
  stats: {
    data: { transportIds: string[]; consumerIds: string[] };
    result: { transports: Record<string, EdgeTransportStats>; consumers: Record<string, EdgeConsumerStats> };
  };
}

export type CascadeMethod = keyof CascadeRequests;

/** The edge lost the hearing's media (its worker died, or it is shutting down): its viewers must set up again. */
export interface CascadeLost {
  readonly hearingId: string;
  readonly reason: 'edge_worker_failed' | 'edge_closing';
}

/** What travels on a node's channel. */
export type CascadeEnvelope =
  | {
      readonly type: 'request';
      readonly id: string;
      readonly from: string;
      readonly hearingId: string;
      readonly method: CascadeMethod;
      readonly data: unknown;
    }
  | { readonly type: 'reply'; readonly id: string; readonly ok: true; readonly data: unknown }
  | { readonly type: 'reply'; readonly id: string; readonly ok: false; readonly error: string }
  | { readonly type: 'lost'; readonly from: string; readonly data: CascadeLost };

const METHODS: ReadonlySet<string> = new Set<CascadeMethod>([
  'open',
  'close',
  'pipe',
  'unpipe',
  'setProducerPaused',
  'createTransport',
  'connectTransport',
  'restartIce',
  'closeTransport',
  'consume',
  'closeConsumer',
  'setConsumerPaused',
  'setPreferredLayers',
  'stats',
]);

/** Reads an envelope; anything else on the channel (a stray publish) is null and ignored. */
export function decodeCascadeEnvelope(raw: string): CascadeEnvelope | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.type === 'request')
    return typeof v.id === 'string' &&
      typeof v.from === 'string' &&
      typeof v.hearingId === 'string' &&
      typeof v.method === 'string' &&
      METHODS.has(v.method)
      ? (v as unknown as CascadeEnvelope)
      : null;
  if (v.type === 'reply') return typeof v.id === 'string' && typeof v.ok === 'boolean' ? (v as unknown as CascadeEnvelope) : null;
  if (v.type === 'lost')
    return typeof v.from === 'string' && typeof (v.data as { hearingId?: unknown } | undefined)?.hearingId === 'string'
      ? (v as unknown as CascadeEnvelope)
      : null;
  return null;
}

/*
 * One seat of a soak hearing, through any number of sessions (a participant who leaves and comes
 * back opens a new one). A session is what a browser tab would be: a join ticket from the api, a
 * signalling connection, a werift send transport replaying the clip as microphone and camera
 * (unless the seat is receive-only) and a werift receive transport counting every consumer it
 * is offered by RTP sequence number, without decoding (bench/sfu/werift-peers.ts: the lean media
 * path). Every consumer offered is acknowledged (`resumeConsumer`), as a client does.
 *
 * What counts as an error here: a refused request, a session the node ends or drops when the
 * soak did not ask for it, a notification that means media was taken away unasked (a producer
 * closed, a switch to audio only, a media reset), and a consumer that should flow but stays
 * silent.
 */
import type {
  JoinResult,
  NewConsumer,
  RequestDataOf,
  RequestMethod,
  ResponseOf,
  ServerNotification,
} from '@ejustice/hearings/signalling/signalling-messages';
import type { RtpClip } from '../sfu/rtp-clip';
import type { ReplayStream, RtpReplayer } from '../sfu/rtp-replayer';
import type { SequenceCounter } from '../sfu/statistics';
import {
  LOAD_RECEIVER_RTP_CAPABILITIES,
  type OfferedConsumer,
  type ReceivePeer,
  type SendPeer,
  openReceivePeer,
  openSendPeer,
} from '../sfu/werift-peers';
import type { ErrorLedger } from './error-ledger';
import { type StreamCount, type Tally, addTally, streamLoss } from './figures';
import type { HeldStream, StreamKind } from './hearing-model';
import type { SeededSeat } from './seed';
import type { SoakApi } from './soak-api';
import { RefusedRequest, SoakSignalling } from './soak-signalling';

/** A consumer that should flow and received nothing for this long is silent (the clip has a keyframe every 2 s). */
const SILENCE_MS = 8_000;
/** Account tokens live 15 minutes: sign in again well before. */
const TOKEN_REFRESH_MS = 10 * 60_000;

export interface ParticipantContext {
  readonly api: SoakApi;
  readonly ledger: ErrorLedger;
  readonly replayer: RtpReplayer;
  readonly clips: Readonly<Record<StreamKind, RtpClip>>;
  /** Draws each new stream's phase in the clip. */
  readonly random: () => number;
  readonly hearingId: string;
  readonly where: string;
  readonly password: string;
  /** The presiding judge's access token, to issue a one-time link. */
  judgeToken(): Promise<string>;
  name(participantId: string): string;
  /** ms since the run started. */
  now(): number;
}

/** First sequence number, highest and count of one consumer's RTP, as the receive peer notes it. */
class CountedStream implements StreamCount {
  base = -1;

  constructor(private readonly counter: SequenceCounter) {
    // SequenceCounter keeps the highest only; the base is noted on the way in (RFC 3550's base_seq).
    const note = counter.note.bind(counter);
    counter.note = (sequenceNumber: number) => {
      if (this.base < 0) this.base = sequenceNumber;
      note(sequenceNumber);
    };
  }

  get extendedHighest(): number {
    return this.counter.extendedHighest;
  }

  get received(): number {
    return this.counter.received;
  }
}

interface Offer {
  readonly consumerId: string;
  readonly producerId: string;
  readonly sourceId: string;
  readonly kind: StreamKind;
  readonly rtpParameters: NewConsumer['rtpParameters'];
  /** The node holds it paused because its producer is (a muted microphone). */
  paused: boolean;
  closed: boolean;
  acknowledged: boolean;
  stream?: CountedStream;
  /** When it last received a packet (noticed at a check), was resumed, or paused. */
  progressAt: number;
  lastReceived: number;
  silenceReported: boolean;
}

class Session {
  signalling: SoakSignalling | undefined;
  send: SendPeer | undefined;
  recv: ReceivePeer | undefined;
  readonly streams: ReplayStream[] = [];
  readonly offers = new Map<string, Offer>();
  /** The soak is ending this session (leave, drop, or the sitting closed): its end is no error. */
  ending = false;
  closed = false;
  private readonly closedWaiters: (() => void)[] = [];

  markClosed(): void {
    this.closed = true;
    for (const w of this.closedWaiters.splice(0)) w();
  }

  waitClosed(timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.closedWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export class SoakParticipant {
  private session: Session | undefined;
  private retired: Tally = { expected: 0, lost: 0 };
  /** What this participant received from each source over every session (for where loss comes from). */
  private readonly retiredBySource = new Map<string, Tally>();
  private bearer: { token: string; at: number } | undefined;

  constructor(
    private readonly ctx: ParticipantContext,
    readonly seat: SeededSeat,
  ) {}

  get id(): string {
    return this.seat.participantId;
  }

  get live(): boolean {
    return this.session !== undefined && !this.session.closed;
  }

  /** Opens a session: ticket, signalling, `join`, and (unless receive-only) the microphone and camera. */
  async connect(): Promise<JoinResult> {
    if (this.session) throw new Error(`${this.label} is already connected`);
    const bearer = await this.credentials();
    const ticket = await this.ctx.api.joinTicket(bearer, this.ctx.hearingId);
    const session = new Session();
    session.signalling = await SoakSignalling.connect(ticket.mediaUrl, ticket.ticket, this.ctx.hearingId, {
      notification: (n) => this.onNotification(session, n),
      closed: (reason) => this.onClosed(session, reason),
    });
    this.session = session;
    try {
      await this.call('getRouterRtpCapabilities');
      const joined = await this.call('join', { rtpCapabilities: LOAD_RECEIVER_RTP_CAPABILITIES });
      if (this.seat.sends) await this.startSending(session);
      return joined;
    } catch (error) {
      await this.retire(session, true);
      throw error;
    }
  }

  /** The receiving transport: the node offers what the policy allows at once; each offer is acknowledged. */
  async startReceiving(): Promise<void> {
    const session = this.current();
    const transport = await this.call('createWebRtcTransport', { direction: 'recv' });
    // The node offers every consumer the policy allows before it answers; wait a little for one if none came.
    for (let waited = 0; this.openOffers(session).length === 0 && waited < 10_000; waited += 100) await sleep(100);
    const initial = this.openOffers(session);
    if (initial.length === 0) throw new Error(`${this.label} was offered nothing on its receiving transport`);
    session.recv = await openReceivePeer(
      transport,
      initial.map(offered),
      {
        connect: async (dtlsParameters) => {
          await this.call('connectWebRtcTransport', { transportId: transport.transportId, dtlsParameters });
        },
      },
      { decrypt: false },
    );
    if (session.closed) return;
    await Promise.all(this.openOffers(session).map((o) => this.accept(session, o)));
  }

  /** `leave`: the node answers, ends the session and closes the socket. */
  async leave(): Promise<void> {
    const session = this.current();
    session.ending = true;
    this.stopStreams(session);
    await this.call('leave');
    await session.waitClosed(3_000);
    await this.retire(session, true);
  }

  /** The connection drops (the socket closes without a word): the node keeps the place for the grace period. */
  async drop(): Promise<void> {
    const session = this.current();
    session.ending = true;
    this.stopStreams(session);
    session.signalling?.close();
    await this.retire(session, true);
  }

  /** The soak is about to end the sitting: the session's end will be no error. */
  expectEnd(): void {
    if (this.session) this.session.ending = true;
  }

  /** After the sitting is closed (or on clean-up): waits for the node to close the socket, then lets go. */
  async finish(timeoutMs = 3_000): Promise<void> {
    const session = this.session;
    if (!session) return;
    session.ending = true;
    this.stopStreams(session);
    await session.waitClosed(timeoutMs);
    await this.retire(session, true);
  }

  /** The consumers this participant holds by its signalling: offered and not closed. */
  held(): HeldStream[] {
    if (!this.session) return [];
    return this.openOffers(this.session).map((o) => ({ sourceId: o.sourceId, kind: o.kind, paused: o.paused, consumerId: o.consumerId }));
  }

  /** Loss over every consumer this participant held, in every session. */
  tally(): Tally {
    let t = this.retired;
    if (this.session) for (const o of this.session.offers.values()) if (o.stream) t = addTally(t, streamLoss(o.stream));
    return t;
  }

  /** Loss by source (whose media), over every session. */
  tallyBySource(): Map<string, Tally> {
    const bySource = new Map(this.retiredBySource);
    if (this.session)
      for (const o of this.session.offers.values())
        if (o.stream) bySource.set(o.sourceId, addTally(bySource.get(o.sourceId) ?? { expected: 0, lost: 0 }, streamLoss(o.stream)));
    return bySource;
  }

  /** Consumers held now. */
  consumerCount(): number {
    return this.session ? this.openOffers(this.session).length : 0;
  }

  /** Counts, once each, the acknowledged consumers that should flow and have received nothing for SILENCE_MS. */
  checkSilence(): void {
    const session = this.session;
    if (!session || session.ending) return;
    const now = this.ctx.now();
    for (const o of this.openOffers(session)) {
      if (!o.acknowledged || !o.stream) continue;
      const received = o.stream.received;
      if (o.paused || received > o.lastReceived) {
        o.lastReceived = received;
        o.progressAt = now;
        continue;
      }
      if (now - o.progressAt > SILENCE_MS && !o.silenceReported) {
        o.silenceReported = true;
        this.ctx.ledger.add(
          'silent',
          `${this.ctx.where}: ${this.label}'s ${o.kind} from ${this.ctx.name(o.sourceId)} (consumer ${o.consumerId}) ` +
            `received nothing for ${((now - o.progressAt) / 1000).toFixed(0)} s (${received} packets in all)`,
        );
      }
    }
  }

  /** A request on the current session; a refusal is counted where it happens. */
  async call<M extends RequestMethod>(method: M, data?: RequestDataOf<M>): Promise<ResponseOf<M>> {
    const session = this.current();
    const signalling = session.signalling as SoakSignalling;
    try {
      return await signalling.call(method, data);
    } catch (error) {
      if (error instanceof RefusedRequest) throw this.ctx.ledger.fail('signalling', `${this.ctx.where}: ${this.label}'s ${error.message}`);
      throw error;
    }
  }

  get label(): string {
    return this.seat.label;
  }

  private async credentials(): Promise<string> {
    if (this.seat.joinsBy === 'link') {
      // The hearing-session token from the one-time link serves every return of the same person.
      this.bearer ??= {
        token: await this.ctx.api.linkSession(await this.ctx.judgeToken(), this.ctx.hearingId, this.id),
        at: this.ctx.now(),
      };
      return this.bearer.token;
    }
    if (!this.bearer || this.ctx.now() - this.bearer.at > TOKEN_REFRESH_MS) {
      this.bearer = { token: await this.ctx.api.signIn(this.seat.email as string, this.ctx.password), at: this.ctx.now() };
    }
    return this.bearer.token;
  }

  private async startSending(session: Session): Promise<void> {
    const transport = await this.call('createWebRtcTransport', { direction: 'send' });
    session.send = await openSendPeer(transport, ['audio', 'video'], {
      connect: async (dtlsParameters) => {
        await this.call('connectWebRtcTransport', { transportId: transport.transportId, dtlsParameters });
      },
      produce: async (kind, rtpParameters) =>
        (
          await this.call('produce', {
            transportId: transport.transportId,
            source: kind === 'audio' ? 'microphone' : 'camera',
            kind,
            rtpParameters,
          })
        ).producerId,
    });
    if (session.closed) return;
    for (const kind of ['audio', 'video'] as const) {
      session.streams.push(this.ctx.replayer.add(this.ctx.clips[kind], session.send.sinkFor(kind), this.ctx.random));
    }
  }

  /** Starts counting an offered consumer and acknowledges it; the node forwards from the acknowledgement on. */
  private async accept(session: Session, offer: Offer): Promise<void> {
    const recv = session.recv;
    if (!recv || offer.stream || offer.closed) return;
    offer.stream = new CountedStream(recv.counters.get(offer.consumerId) ?? recv.track(offered(offer)));
    try {
      await (session.signalling as SoakSignalling).call('resumeConsumer', { consumerId: offer.consumerId });
      offer.acknowledged = true;
      offer.progressAt = this.ctx.now();
    } catch (error) {
      // Closed in the meantime (its producer left, an order took it away), or the session is ending: no error.
      if (offer.closed || session.ending || session.closed) return;
      if (error instanceof RefusedRequest) this.ctx.ledger.add('signalling', `${this.ctx.where}: ${this.label}'s ${error.message}`);
      else this.ctx.ledger.add('signalling', `${this.ctx.where}: ${this.label}: ${(error as Error).message}`);
    }
  }

  private onNotification(session: Session, n: ServerNotification): void {
    const unexpected = (what: string) => {
      if (!session.ending) this.ctx.ledger.add('notification', `${this.ctx.where}: ${this.label} ${what}`);
    };
    switch (n.method) {
      case 'newConsumer': {
        const d = n.data;
        const offer: Offer = {
          consumerId: d.consumerId,
          producerId: d.producerId,
          sourceId: d.participantId,
          kind: d.kind,
          rtpParameters: d.rtpParameters,
          paused: d.producerPaused,
          closed: false,
          acknowledged: false,
          progressAt: this.ctx.now(),
          lastReceived: 0,
          silenceReported: false,
        };
        session.offers.set(d.consumerId, offer);
        if (session.recv) void this.accept(session, offer);
        return;
      }
      case 'consumerClosed': {
        const offer = session.offers.get(n.data.consumerId);
        if (!offer) return;
        offer.closed = true;
        session.offers.delete(offer.consumerId);
        this.retireOffer(offer);
        return;
      }
      case 'consumerPaused': {
        const offer = session.offers.get(n.data.consumerId);
        if (n.data.reason === 'audio_only') unexpected(`was switched to audio only (consumer ${n.data.consumerId})`);
        if (offer) {
          offer.paused = true;
          offer.progressAt = this.ctx.now();
        }
        return;
      }
      case 'consumerResumed': {
        const offer = session.offers.get(n.data.consumerId);
        if (offer) {
          offer.paused = false;
          offer.progressAt = this.ctx.now();
        }
        return;
      }
      case 'producerClosed':
        return unexpected(`had its producer closed (${n.data.reason})`);
      case 'audioOnly':
        if (n.data.enabled) unexpected('was switched to audio only (weak downlink)');
        return;
      case 'mediaReset':
        return unexpected(`was told to rebuild its media (${n.data.reason})`);
      case 'sessionEnded':
        if (!session.ending)
          this.ctx.ledger.add('session', `${this.ctx.where}: ${this.label}'s session ended: ${n.data.reason} (${n.data.code})`);
        session.ending = true;
        return;
      default:
        return;
    }
  }

  private onClosed(session: Session, reason: string): void {
    if (!session.ending) {
      this.ctx.ledger.add('session', `${this.ctx.where}: ${this.label}'s signalling closed unasked (${reason})`);
      session.ending = true;
      // Let go of the dead session's media; the seat is gone until the soak brings it back.
      void this.retire(session, false);
    }
    session.markClosed();
  }

  private retireOffer(offer: Offer): void {
    if (!offer.stream) return;
    const loss = streamLoss(offer.stream);
    this.retired = addTally(this.retired, loss);
    this.retiredBySource.set(offer.sourceId, addTally(this.retiredBySource.get(offer.sourceId) ?? { expected: 0, lost: 0 }, loss));
    // Counted once: a consumer closed by the node is not counted again when its session ends.
    offer.stream = undefined;
  }

  private current(): Session {
    if (!this.session || this.session.closed) throw new Error(`${this.label} has no live session`);
    return this.session;
  }

  private openOffers(session: Session): Offer[] {
    return [...session.offers.values()].filter((o) => !o.closed);
  }

  private stopStreams(session: Session): void {
    for (const s of session.streams.splice(0)) s.stop();
  }

  /** Closes a session's media and adds what it received to the totals. */
  private async retire(session: Session, closeSocket: boolean): Promise<void> {
    this.stopStreams(session);
    if (closeSocket) session.signalling?.close();
    for (const o of session.offers.values()) this.retireOffer(o);
    session.offers.clear();
    const peers = [session.send, session.recv];
    session.send = undefined;
    session.recv = undefined;
    if (this.session === session) this.session = undefined;
    await Promise.all(peers.map((p) => p?.close().catch(() => undefined)));
  }
}

function offered(o: Pick<Offer, 'consumerId' | 'producerId' | 'kind' | 'rtpParameters'>): OfferedConsumer {
  return { consumerId: o.consumerId, producerId: o.producerId, kind: o.kind, rtpParameters: o.rtpParameters };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

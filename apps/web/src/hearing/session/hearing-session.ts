import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type {
  JoinTicket,
  MediaSource,
  NewConsumer,
  RequestDataOf,
  RequestMethod,
  ServerNotification,
  SelfMediaState,
} from '@ejustice/hearings/signalling/signalling-messages';
import { isApiError } from '../../api/problem';
import { RoomMedia } from '../media/room-media';
import type { EndReason } from '../state/room-state';
import { sendsMedia } from '../state/room-view';
import { SignallingClient, isSignallingError } from '../signalling/signalling-client';
import { RoomStore } from './room-store';
import { refusalOutcome } from './refusals';
import type { TicketRequest } from './ticket-api';

/** How a request of the room ended: done, or refused with the catalogue's code and the server's sentence. */
export type ActOutcome = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

export interface LocalTracks {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
}

export interface HearingSessionOptions {
  hearingId: string;
  /** The ticket the page already fetched (its media node URL and the participant's role). */
  firstTicket: JoinTicket;
  /**
   * A fresh ticket from the api, for each reconnection; after a dropped connection it names the
   * node that dropped it, and the ticket may name another node (the hearing moved after a failure).
   */
  fetchTicket: (request?: TicketRequest) => Promise<JoinTicket>;
  /** The person's camera and microphone, as chosen in the tech check. */
  tracks: () => LocalTracks;
}

const MAX_REFUSAL_RETRIES = 4;

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

declare global {
  interface Window {
    /** Set by browser tests before the page loads; nothing else sets it. */
    __EJ_TEST_HOOKS__?: boolean;
    /** Read-only view of the session for browser tests, present only with the flag above. */
    __ejHearing?: {
      consumers(): number;
      /**
       * The consumers the page shows, with their receiving track's id: a test matches it to the
       * `trackIdentifier` of the browser's inbound-rtp statistics to say whose media is received.
       */
      consumerList(): TestHookConsumer[];
      producers(): string[];
      state(): unknown;
      dropConnection(): void;
    };
  }
}

/** One received stream as the browser-test hook lists it (plain data). */
export interface TestHookConsumer {
  readonly consumerId: string;
  readonly participantId: string;
  readonly source: MediaSource;
  readonly kind: string;
  readonly trackId: string;
  readonly paused: boolean;
}

/**
 * One participant's live session in a hearing room: the socket, the mediasoup transports, the
 * producers of their own devices and the consumers the server sends. It follows the order the
 * catalogue prescribes (capabilities, join, transports, produce; consume, then acknowledge) and
 * turns every notification into a room event. It decides nothing about who may see what: the
 * server does, and this class carries out what it is told.
 */
export class HearingSession {
  readonly store = new RoomStore();
  private readonly signalling: SignallingClient;
  private readonly role: HearingRole;
  private media: RoomMedia | null = null;
  private recvReady = deferred();
  private pendingTicket: JoinTicket | null;
  /** Consumers closed by the server while we were still setting them up. */
  private readonly closedConsumers = new Set<string>();
  private readonly producerSources = new Map<string, MediaSource>();
  private readonly tileReports = new Map<string, { width: number; height: number; timer: number | null; sent: string }>();
  private setUpRun = 0;
  private ended = false;
  /** Handshake refusals in a row that a new ticket may cure; reset by every successful join. */
  private refusals = 0;

  constructor(private readonly options: HearingSessionOptions) {
    this.role = options.firstTicket.hearingRole;
    this.pendingTicket = options.firstTicket;
    this.signalling = new SignallingClient(
      { hearingId: options.hearingId, ticket: (unreachableNodeId) => this.nextTicket(unreachableNodeId) },
      {
        connected: () => void this.setUp(true),
        disconnected: (willReconnect) => this.onDisconnected(willReconnect),
        refused: (code) => this.onRefused(code),
        notification: (notification) => void this.onNotification(notification),
      },
    );
    if (typeof window !== 'undefined' && window.__EJ_TEST_HOOKS__ === true) {
      window.__ejHearing = {
        consumers: () => this.media?.consumerCount ?? 0,
        consumerList: () =>
          this.store.getState().media.map((media) => ({
            consumerId: media.consumerId,
            participantId: media.participantId,
            source: media.source,
            kind: media.track.kind,
            trackId: media.track.id,
            paused: media.paused,
          })),
        producers: () => [...this.producerSources.values()],
        state: () => this.store.getState(),
        dropConnection: () => this.signalling.dropTransport(),
      };
    }
  }

  start(): void {
    this.signalling.connect();
  }

  // ---- connection and set-up ------------------------------------------------------------------

  /** The ticket to connect with, and so the node: the one the api names now, which may have changed. */
  private async nextTicket(unreachableNodeId: string | null): Promise<JoinTicket> {
    const pending = this.pendingTicket;
    this.pendingTicket = null;
    if (pending && unreachableNodeId === null && new Date(pending.expiresAt).getTime() - Date.now() > 5_000) return pending;
    try {
      return await this.options.fetchTicket(unreachableNodeId === null ? {} : { unreachableNodeId });
    } catch (error) {
      // The api refused a ticket (removed, hearing closed, session over): no reconnection can help.
      if (isApiError(error) && error.status >= 400 && error.status < 500) this.end('refused', error.code);
      throw error;
    }
  }

  /**
   * Capabilities, Device, join (unless this is a media reset), transports, producers. Runs again
   * after every reconnection; a run overtaken by a newer one stops at its next step.
   */
  private async setUp(join: boolean): Promise<void> {
    if (this.ended) return;
    const run = ++this.setUpRun;
    const stale = () => run !== this.setUpRun || this.ended;
    this.media?.close();
    this.media = null;
    this.recvReady = deferred();
    // In the room (joined now or before): a failure of the media part need not end the session.
    let inRoom = !join;
    try {
      const { routerRtpCapabilities } = await this.signalling.request('getRouterRtpCapabilities', {});
      if (stale()) return;
      const media = new RoomMedia({
        connectTransport: async (transportId, dtlsParameters) => {
          await this.signalling.request('connectWebRtcTransport', { transportId, dtlsParameters });
        },
        produce: async (transportId, kind, rtpParameters, source) => {
          const answer = await this.signalling.request('produce', { transportId, source, kind, rtpParameters });
          this.producerSources.set(answer.producerId, source);
          return { id: answer.producerId, paused: answer.paused };
        },
      });
      await media.load(routerRtpCapabilities);
      if (stale()) return;
      this.media = media;
      if (join) {
        const result = await this.signalling.request('join', { rtpCapabilities: media.rtpCapabilities });
        if (stale()) return;
        this.refusals = 0;
        inRoom = true;
        this.store.dispatch({ type: 'joined', result });
      }
      // The public gallery watches but never sends: no send transport at all. Both asked for at
      // once: after a media reset every moment without them is a moment without sound or picture.
      const sends = sendsMedia(this.role);
      const [send, recv] = await Promise.all([
        sends ? this.signalling.request('createWebRtcTransport', { direction: 'send' }) : null,
        this.signalling.request('createWebRtcTransport', { direction: 'recv' }),
      ]);
      if (stale()) return;
      const options = (transport: typeof recv) => ({
        id: transport.transportId,
        iceParameters: transport.iceParameters,
        iceCandidates: [...transport.iceCandidates],
        dtlsParameters: transport.dtlsParameters,
        ...(transport.sctpParameters ? { sctpParameters: transport.sctpParameters } : {}),
      });
      media.createTransports(
        send ? options(send) : null,
        options(recv),
        (direction, state) => void this.onTransportState(direction, state),
      );
      this.recvReady.resolve();
      if (sends) await this.produceLocal(media);
    } catch (error) {
      if (stale()) return;
      // The media node lost the worker carrying the room while we set up: it rebuilds the room
      // and tells us (`mediaReset`), which runs this again. The person stays in the room meanwhile.
      if (inRoom && isSignallingError(error) && error.code === 'media.unavailable') return;
      this.onSetUpFailed(error);
    }
  }

  private async produceLocal(media: RoomMedia): Promise<void> {
    const { audio, video } = this.options.tracks();
    const state = this.store.getState();
    this.producerSources.clear();
    if (audio) {
      await media.produce('microphone', audio, { paused: state.selfMedia.muted });
    }
    if (video && !state.cameraOff && !state.selfMedia.cameraHeld) {
      video.enabled = true;
      await media.produce('camera', video);
    } else if (video && state.selfMedia.cameraHeld) {
      // The court holds the camera (the server would refuse it): its light stays off.
      video.enabled = false;
    }
  }

  private onSetUpFailed(error: unknown): void {
    if (isSignallingError(error) && error.code === 'signalling.disconnected') return; // the reconnect runs setUp again
    const code = isSignallingError(error) ? error.code : 'internal_error';
    if (code === 'room.removed' || code === 'hearing.participant_removed') this.end('removed', code);
    else if (code === 'room.hearing_closed' || code === 'hearing.closed') this.end('hearing_closed', code);
    else if (code === 'room.hearing_adjourned') this.end('hearing_adjourned', code);
    else this.end('failed', code);
  }

  private onDisconnected(willReconnect: boolean): void {
    if (this.ended) return;
    this.setUpRun += 1;
    this.media?.close();
    this.media = null;
    if (willReconnect) this.store.dispatch({ type: 'connection-lost' });
    else this.end('failed', 'signalling.disconnected');
  }

  private onRefused(code: string): void {
    if (this.ended) return;
    const outcome = refusalOutcome(code);
    if (outcome !== 'retry') {
      this.end(outcome, code);
      return;
    }
    // A ticket that expired on the way or could not be fetched: try again with a fresh one, a few
    // times, a little later each time, then say that the connection could not be made.
    if (this.refusals >= MAX_REFUSAL_RETRIES) {
      this.end('failed', code);
      return;
    }
    this.refusals += 1;
    if (this.store.getState().connection === 'connected') this.store.dispatch({ type: 'connection-lost' });
    window.setTimeout(() => {
      if (!this.ended) this.signalling.connect();
    }, 1000 * this.refusals);
  }

  private async onTransportState(direction: 'send' | 'recv', state: string): Promise<void> {
    // A network change (Wi-Fi to 4G, a new address): new ICE credentials keep the session.
    if (state !== 'failed' && state !== 'disconnected') return;
    const media = this.media;
    const transportId = media?.transportId(direction);
    if (!media || !transportId || !this.signalling.connected) return;
    if (state === 'disconnected') {
      // Often a blip that heals by itself; restart only if it has not after a moment.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      if (this.media !== media) return;
    }
    try {
      const { iceParameters } = await this.signalling.request('restartIce', { transportId });
      if (this.media === media) await media.restartIce(direction, iceParameters);
    } catch {
      // The socket is down or the transport gone: the reconnection sets everything up anew.
    }
  }

  private end(reason: EndReason, code?: string | null): void {
    if (this.ended) return;
    this.ended = true;
    this.setUpRun += 1;
    this.media?.close();
    this.media = null;
    this.signalling.close();
    for (const report of this.tileReports.values()) if (report.timer !== null) window.clearTimeout(report.timer);
    this.store.dispatch({ type: 'ended', reason, code });
  }

  // ---- notifications ----------------------------------------------------------------------------

  private async onNotification(notification: ServerNotification): Promise<void> {
    if (this.ended) return;
    switch (notification.method) {
      case 'participantsChanged':
        this.store.dispatch({ type: 'participants-changed', ...notification.data });
        return;
      case 'hearingChanged':
        this.store.dispatch({
          type: 'hearing-changed',
          status: notification.data.status,
          roomLocked: notification.data.roomLocked,
          sittingInPrivate: notification.data.sittingInPrivate,
        });
        return;
      case 'recordingChanged':
        this.store.dispatch({ type: 'recording-changed', recording: notification.data.recording });
        return;
      case 'breakRequested':
        this.store.dispatch({ type: 'break-requested', participantId: notification.data.participantId, at: new Date().toISOString() });
        return;
      case 'selfMediaState':
        this.applySelfMedia(notification.data);
        return;
      case 'newConsumer':
        await this.consume(notification.data);
        return;
      case 'newDataConsumer': {
        await this.recvReady.promise;
        const data = notification.data;
        await this.media
          ?.consumeWarmup({
            id: data.dataConsumerId,
            dataProducerId: data.dataProducerId,
            sctpStreamParameters: data.sctpStreamParameters,
            label: data.label,
            protocol: data.protocol,
          })
          // Only a head start: without it the transport connects with the first media.
          .catch(() => undefined);
        return;
      }
      case 'consumerClosed':
        this.closedConsumers.add(notification.data.consumerId);
        this.media?.closeConsumer(notification.data.consumerId);
        this.tileReports.delete(notification.data.consumerId);
        this.store.dispatch({ type: 'media-removed', consumerId: notification.data.consumerId });
        return;
      case 'consumerPaused':
        this.store.dispatch({ type: 'media-paused', consumerId: notification.data.consumerId, paused: true });
        return;
      case 'consumerResumed':
        this.store.dispatch({ type: 'media-paused', consumerId: notification.data.consumerId, paused: false });
        return;
      case 'consumerLayersChanged':
        return;
      case 'producerClosed': {
        const source = this.producerSources.get(notification.data.producerId);
        if (!source) return;
        this.producerSources.delete(notification.data.producerId);
        this.media?.closeProducer(source);
        if (source === 'camera') {
          // The camera light goes off: the person can see that they are no longer filmed.
          const video = this.options.tracks().video;
          if (video) video.enabled = false;
        }
        this.store.dispatch({ type: 'producer-closed', source, reason: notification.data.reason });
        return;
      }
      case 'activeSpeaker':
        this.store.dispatch({ type: 'active-speaker', participantId: notification.data.participantId });
        return;
      case 'networkHealth':
        this.store.dispatch({ type: 'network-health', health: notification.data });
        return;
      case 'audioOnly':
        this.store.dispatch({ type: 'self-media', media: { ...this.store.getState().selfMedia, audioOnly: notification.data.enabled } });
        return;
      case 'mediaReset':
        this.store.dispatch({ type: 'media-reset' });
        await this.setUp(false);
        return;
      case 'sessionEnded':
        this.end(notification.data.reason, notification.data.code);
        return;
    }
  }

  private applySelfMedia(state: SelfMediaState): void {
    this.store.dispatch({ type: 'self-media', media: state });
    // The server holds the microphone; the local producer follows it, never the other way round.
    const microphone = this.media?.producer('microphone');
    if (microphone) {
      if (state.muted && !microphone.paused) microphone.pause();
      if (!state.muted && microphone.paused) microphone.resume();
    }
  }

  /** The catalogue's order: consume locally, show it, then tell the server to start forwarding. */
  private async consume(data: NewConsumer): Promise<void> {
    await this.recvReady.promise;
    const media = this.media;
    if (!media || this.ended) return;
    try {
      const consumer = await media.consume({
        id: data.consumerId,
        producerId: data.producerId,
        kind: data.kind,
        rtpParameters: data.rtpParameters,
        appData: { participantId: data.participantId, source: data.source },
      });
      if (this.closedConsumers.has(data.consumerId) || this.media !== media) {
        media.closeConsumer(data.consumerId);
        return;
      }
      this.store.dispatch({
        type: 'media-added',
        media: {
          consumerId: data.consumerId,
          participantId: data.participantId,
          source: data.source,
          track: consumer.track,
          paused: data.producerPaused,
          channel: data.channel,
        },
      });
      await this.signalling.request('resumeConsumer', { consumerId: data.consumerId });
    } catch {
      // Closed before it could start, or the connection dropped: the server sends it again after
      // the rejoin if it is still allowed.
    }
  }

  // ---- the person's own actions -----------------------------------------------------------------

  /** Mute or unmute. Unmuting is the server's to grant: refused while the court holds the mute. */
  async setMuted(muted: boolean): Promise<void> {
    try {
      const state = await this.signalling.request('setMuted', { muted });
      this.applySelfMedia(state);
    } catch (error) {
      this.refusedAction(error);
    }
  }

  async setCameraOff(off: boolean): Promise<void> {
    const media = this.media;
    const video = this.options.tracks().video;
    try {
      const producer = media?.producer('camera');
      if (off) {
        if (producer) {
          await this.signalling.request('pauseProducer', { producerId: producer.id });
          producer.pause();
        }
        if (video) video.enabled = false;
      } else {
        if (!video || !media) return;
        // The button is disabled meanwhile; the server would refuse it anyway (media.camera_held).
        if (this.store.getState().selfMedia.cameraHeld) {
          this.store.dispatch({ type: 'announce', key: 'refused', values: { code: 'media.camera_held' }, urgent: true });
          return;
        }
        video.enabled = true;
        if (producer) {
          await this.signalling.request('resumeProducer', { producerId: producer.id });
          producer.resume();
        } else {
          await media.produce('camera', video);
        }
      }
      this.store.dispatch({ type: 'camera', off });
    } catch (error) {
      if (!off && video) video.enabled = false;
      this.refusedAction(error);
    }
  }

  async startScreenShare(): Promise<void> {
    const media = this.media;
    if (!media || !navigator.mediaDevices?.getDisplayMedia) return;
    let track: MediaStreamTrack | undefined;
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { max: 5 } }, audio: false });
      track = stream.getVideoTracks()[0];
      if (!track) return;
      // The browser's own "Stop sharing" bar ends the track: stop on our side too.
      track.addEventListener('ended', () => void this.stopScreenShare());
      await media.produce('screen', track);
      this.store.dispatch({ type: 'screen', sharing: true });
    } catch (error) {
      track?.stop();
      // Cancelling the browser's picker is a choice, not an error.
      if (error instanceof DOMException && error.name === 'NotAllowedError') return;
      this.refusedAction(error);
    }
  }

  async stopScreenShare(): Promise<void> {
    const media = this.media;
    const producer = media?.producer('screen');
    if (producer) {
      this.producerSources.delete(producer.id);
      media?.closeProducer('screen');
      try {
        await this.signalling.request('closeProducer', { producerId: producer.id });
      } catch {
        // Already closed on the server (or the socket dropped, which closes it there too).
      }
    }
    this.store.dispatch({ type: 'screen', sharing: false });
  }

  /**
   * Listen to the floor (null) or to one interpretation channel. The picker shows the server's
   * answer, not the choice: the channel's audio arrives (and the floor's level drops) only once
   * the server has switched.
   */
  async chooseChannel(channel: string | null): Promise<ActOutcome> {
    try {
      this.applySelfMedia(await this.signalling.request('chooseChannel', { channel }));
    } catch (error) {
      return this.refusedAction(error);
    }
    return { ok: true };
  }

  /** Interpreters: speak on the floor (consecutive) or into their channel (simultaneous). */
  async setInterpreterOutput(toFloor: boolean): Promise<ActOutcome> {
    try {
      this.applySelfMedia(await this.signalling.request('setInterpreterOutput', { toFloor }));
    } catch (error) {
      return this.refusedAction(error);
    }
    return { ok: true };
  }

  async setHandRaised(raised: boolean): Promise<void> {
    try {
      await this.signalling.request(raised ? 'raiseHand' : 'lowerHand', {});
      this.store.dispatch({ type: 'self-media', media: { ...this.store.getState().selfMedia, handRaised: raised } });
    } catch (error) {
      this.refusedAction(error);
    }
  }

  /**
   * A control of the bench or a consultation request; the server checks the role and the state.
   * A refusal is announced, and returned for a screen that shows it beside the control.
   */
  async act<M extends RequestMethod>(method: M, data: RequestDataOf<M>): Promise<ActOutcome> {
    try {
      await this.signalling.request(method, data);
    } catch (error) {
      return this.refusedAction(error);
    }
    return { ok: true };
  }

  /** "I need a break": to the judge alone. Only this person is told that it went through. */
  async requestBreak(): Promise<ActOutcome> {
    const outcome = await this.act('requestBreak', {});
    if (outcome.ok) this.store.dispatch({ type: 'break-asked' });
    return outcome;
  }

  /** The judge has seen a request for a break (the request itself went to nobody else). */
  dismissBreakRequest(participantId: string): void {
    this.store.dispatch({ type: 'break-dismissed', participantId });
  }

  /** The viewer's tile for a video changed size: the server picks the simulcast layer from it. */
  reportTileSize(consumerId: string, width: number, height: number): void {
    const clamp = (value: number) => Math.max(0, Math.min(8192, Math.round(value)));
    const report = this.tileReports.get(consumerId) ?? { width: 0, height: 0, timer: null, sent: '' };
    report.width = clamp(width);
    report.height = clamp(height);
    this.tileReports.set(consumerId, report);
    if (report.timer !== null) return;
    // Resizing a window fires many events: send the size it settles on.
    report.timer = window.setTimeout(() => {
      report.timer = null;
      const size = `${report.width}x${report.height}`;
      if (size === report.sent || !this.tileReports.has(consumerId)) return;
      report.sent = size;
      void this.signalling
        .request('setConsumerTileSize', { consumerId, width: report.width, height: report.height })
        .catch(() => undefined);
    }, 300);
  }

  /** The person chose another camera or microphone in the room. */
  async replaceTrack(source: 'microphone' | 'camera', track: MediaStreamTrack | null): Promise<void> {
    const producer = this.media?.producer(source);
    if (producer && track) await producer.replaceTrack({ track });
  }

  async leave(): Promise<void> {
    try {
      await this.signalling.request('leave', {});
    } catch {
      // Leaving works even if the server cannot be told: the grace period runs out.
    }
    this.end('left', null);
  }

  /** The page went away (navigation, unmount) without "leave": the server's grace period applies. */
  dispose(): void {
    if (this.ended) return;
    this.ended = true;
    this.setUpRun += 1;
    this.media?.close();
    this.media = null;
    this.signalling.close();
    if (typeof window !== 'undefined') delete window.__ejHearing;
  }

  private refusedAction(error: unknown): ActOutcome {
    const code = isSignallingError(error) ? error.code : 'internal_error';
    const message = isSignallingError(error) ? error.message : '';
    this.store.dispatch({ type: 'announce', key: 'refused', values: { code, message }, urgent: true });
    return { ok: false, code, message };
  }
}

import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { types as ms } from 'mediasoup';
import {
  type AvailableProducer,
  type ConsumerGrant,
  MEDIA_KINDS,
  type MediaKind,
  type PolicySnapshot,
  type SpecialMeasure,
  checkSnapshot,
  decideMedia,
  desiredConsumers,
  diffConsumers,
  grantKey,
  isLive,
  mayLearnAbout,
  mayProduce,
  roleMayProduce,
  sittingInPrivate,
  maySelfPreview,
  selfPreviewGrants,
  visibleParticipants,
} from '@ejustice/media-policy';
import { type ProtectedName, maskProtectedNames } from '@ejustice/cases/domain/protected-names';
import {
  type ClientRequest,
  type HearingView,
  type IdentityShield,
  type JoinResult,
  type MediaSource,
  type NewDataConsumer,
  type ParticipantView,
  type RoomAction,
  type RoomActorRef,
  type RoomCommand,
  type RoomEffect,
  type RoomLedger,
  type RoomParticipant,
  type RoomState,
  type RtpCapabilities,
  type RtpParameters,
  type SelfMediaState,
  type TransportDirection,
  type TransportOptions,
  applyRoomCommand,
  assessQuality,
  audioChannelOf,
  buildPolicySnapshot,
  chooseLayers,
  findParticipant,
  interpretationView,
  interpretingOf,
  isBench,
  nextAudioOnly,
  recordedParticipants,
  recordingOf,
  refuseAttempt,
  roomError,
  roomErrorMessage,
  OUTSIDER,
  hiddenHearingNames,
  listChanges,
  maskParticipantLine,
  shieldViews,
  withNewParticipants,
  withdrawnSeats,
} from '@ejustice/hearings';
import type { Clock } from '@ejustice/platform';
import { MediaAnonymiser } from '../anonymiser';
import { HearingRecorder, type RecordedProducer, type RecordingDeps, type TrackRecorderStats } from '../recording';
import {
  HEARING_MEDIA_CODECS,
  INITIAL_OUTGOING_BITRATE,
  KEY_FRAME_REQUEST_DELAY_MS,
  MAX_INCOMING_BITRATE,
} from '../mediasoup/media-codecs';
import type { WorkerSlot } from '../mediasoup/worker-pool.service';
import type { RoomCascadePort } from '../cascade/cascade-origin';
import { isViewerSeat } from '../cascade/cascade-plan';
import { type ConsumerEntry, PEER_LIMITS, Peer, type PeerChannel, type PeerLimits, type ProducerEntry } from './peer';
import { RequestLanes } from './request-lanes';

/** The media policy names what a producer carries by kind; the client by device. */
export function policyKind(source: MediaSource): MediaKind {
  return source === 'microphone' ? 'audio' : source === 'camera' ? 'video' : 'screen';
}

export interface RoomSettings {
  readonly reconnectGraceSeconds: number;
  readonly audioOnlyBelowKbps: number;
  /** ffmpeg for the anonymised variants (default: `ffmpeg` on the PATH). */
  readonly ffmpegBin?: string;
  /** What each peer may hold at once (default PEER_LIMITS; tests lower it). */
  readonly peerLimits?: PeerLimits;
}

/**
 * The anonymised variant of one raw producer (a protected witness's microphone or camera), or
 * the promise of one while ffmpeg starts.
 */
interface AnonymisedVariant {
  readonly participantId: string;
  readonly source: MediaSource;
  readonly rawProducerId: string;
  readonly picture: 'blur' | 'silhouette';
  anonymiser: MediaAnonymiser | null;
}

/** A pipeline that failed to start is tried again after this long (the witness stays silent to the unentitled meanwhile). */
const ANONYMISER_RETRY_MS = 2000;

export type RoomLedgerPort = Pick<RoomLedger, 'commit' | 'loadParticipants' | 'loadShield' | 'loadOrders'>;

/** Requests a joined participant may send, as the room handles them. */
type RoomRequest = Exclude<ClientRequest, { method: 'join' | 'getRouterRtpCapabilities' }>;

/** Requests on the room's media (its router, transports, producers, consumers). */
const MEDIA_REQUESTS: ReadonlySet<RoomRequest['method']> = new Set([
  'createWebRtcTransport',
  'connectWebRtcTransport',
  'restartIce',
  'produce',
  'closeProducer',
  'pauseProducer',
  'resumeProducer',
  'resumeConsumer',
  'pauseConsumer',
  'setConsumerTileSize',
]);

/**
 * The room action a request attempts, for the permission check at the door. Null for media
 * requests (their checks are the media policy's) and for the consultation requests whose
 * permission depends on who opened the consultation (the transition checks them first thing).
 */
function attemptedAction(request: RoomRequest): RoomAction | null {
  switch (request.method) {
    case 'admit':
    case 'sendToWaitingRoom':
    case 'askToUnmute':
    case 'stopCamera':
    case 'allowCamera':
    case 'lowerHands':
    case 'setRoomLock':
    case 'openHearing':
    case 'recessHearing':
    case 'adjournHearing':
    case 'closeHearing':
    case 'recessForWitness':
    case 'startRecording':
    case 'pauseRecording':
    case 'stopRecording':
    case 'openConsultation':
    case 'leaveConsultation':
    case 'requestBreak':
    case 'raiseHand':
    case 'chooseChannel':
    case 'setInterpreterOutput':
      return request.method;
    case 'removeParticipant':
      return 'remove';
    case 'muteParticipant':
      return 'mute';
    case 'lowerHand':
      return 'lowerOwnHand';
    case 'setMuted':
      return request.data.muted ? 'muteSelf' : 'unmuteSelf';
    default:
      return null;
  }
}

interface HealthReading {
  readonly peer: Peer;
  readonly availableKbps: number | null;
  readonly rttMs: number | null;
  readonly packetLoss: number | null;
}

/** A room task taking longer than this is logged: every other request of the room waited for it. */
const SLOW_TASK_MS = 1000;

/** A refresh of an unchanged health reading, so a newly opened console fills in. */
const HEALTH_REFRESH_MS = 10_000;

/**
 * One hearing on this media node: the mediasoup Router (on one worker), the active-speaker
 * observer, the connected peers, and the room state (who is where, the sitting, the lock).
 *
 * Every change goes through one path (`change`): check and compute the transition (pure,
 * room-state.ts), persist it with its audit events, adopt it, then `afterChange`:
 *   1. re-ask the media policy for the whole room and close every consumer that became forbidden,
 *      at once, before anything else is said or done;
 *   2. tell each viewer what changed in the list they may see;
 *   3. apply the effects (end sessions, stop cameras, tell people about their microphone);
 *   4. open the consumers that became allowed, asking `decideMedia` again for each right before
 *      it is created.
 * Changes run one at a time (a queue), so two judges' clicks, a join and a disconnect never
 * interleave. Each participant has at most one request in that queue at a time (its lane waits
 * in front), so one participant's flood of requests holds nobody else up by more than one.
 */
export class Room {
  private readonly logger: Logger;
  private state: RoomState;
  private shield: IdentityShield;
  private readonly peers = new Map<string, Peer>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Each participant's requests wait here for their turn in `queue`, one at a time (fairness under a flood). */
  private readonly lanes = new RequestLanes();
  private router!: ms.Router;
  private observer!: ms.ActiveSpeakerObserver;
  /** Carries nothing: a data channel every receiving transport consumes at once, so it connects before any media is allowed. */
  private warmup!: ms.DataProducer;
  private slotRef!: WorkerSlot;
  private dominantSpeakerId: string | null = null;
  private statsTimer: NodeJS.Timeout | undefined;
  private closedFlag = false;
  private sampling = false;
  /** Anonymised variants by raw producer id. */
  private readonly variants = new Map<string, AnonymisedVariant>();
  /** Viewers beyond this node's share get their receiving transport on an edge node (cascade/). */
  private cascade: RoomCascadePort | undefined;
  /** Told after every adopted change (the node keeps the live-only state for a failover: room-snapshot.ts). */
  private stateListener: ((state: RoomState) => void) | undefined;
  /** The court's recording of this hearing; null on a node that cannot record (it refuses to start one). */
  private readonly recorder: HearingRecorder | null;

  private constructor(
    loaded: { state: RoomState; shield: IdentityShield },
    private readonly ledger: RoomLedgerPort,
    private readonly clock: Clock,
    private readonly settings: RoomSettings,
    recording?: { deps: RecordingDeps; current: { recordingId: string } | null },
  ) {
    this.state = loaded.state;
    this.shield = loaded.shield;
    this.logger = new Logger(`Room:${loaded.state.hearingId.slice(0, 8)}`);
    this.recorder = recording
      ? new HearingRecorder(
          loaded.state.hearingId,
          recording.deps,
          recording.current,
          () => void this.run(async () => this.syncRecorders(), 'syncRecorders').catch(() => undefined),
        )
      : null;
  }

  /**
   * Opens a room on a worker. Anyone the database still shows inside the hearing is in fact
   * disconnected (this node just took the hearing on, perhaps after another node failed): they
   * are recorded so, and keep their place for the grace period.
   */
  static async create(
    loaded: { state: RoomState; shield: IdentityShield },
    slot: WorkerSlot,
    deps: {
      ledger: RoomLedgerPort;
      clock: Clock;
      settings: RoomSettings;
      statsIntervalMs: number;
      recording?: RecordingDeps;
      /** The live-only state was restored from the snapshot of the node that carried it (room-snapshot.ts). */
      restored?: boolean;
      /** Where viewers beyond this node's share are served (cascade/); none: all here. */
      cascade?: RoomCascadePort;
    },
  ): Promise<Room> {
    // A recording running or paused when the hearing's last room closed (or its node died) goes
    // on in this one: the room starts from the record's state.
    const current = deps.recording ? await deps.recording.ledger.current(loaded.state.hearingId) : null;
    const state: RoomState = { ...loaded.state, recording: current?.status ?? 'off' };
    const room = new Room(
      { ...loaded, state },
      deps.ledger,
      deps.clock,
      deps.settings,
      deps.recording && { deps: deps.recording, current },
    );
    room.cascade = deps.cascade;
    await room.attach(slot);
    await room.run(() =>
      room.change('system', {
        type: 'recover',
        now: deps.clock.now().getTime(),
        graceMs: deps.settings.reconnectGraceSeconds * 1000,
        sessionsRestored: deps.restored === true,
      }),
    );
    if (deps.statsIntervalMs > 0) {
      room.statsTimer = setInterval(
        () => void room.sampleHealth().catch((e: Error) => room.logger.warn(`sampleHealth() failed [error:${e.message}]`)),
        deps.statsIntervalMs,
      );
      room.statsTimer.unref();
    }
    return room;
  }

  get hearingId(): string {
    return this.state.hearingId;
  }

  get workerIndex(): number {
    return this.slotRef.index;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get routerRtpCapabilities(): RtpCapabilities {
    return this.router.rtpCapabilities as RtpCapabilities;
  }

  /** For the node's load report and for tests: what exists right now. */
  stats(): { participants: number; consumers: number; producers: number } {
    let consumers = 0;
    let producers = 0;
    for (const peer of this.peers.values()) {
      consumers += peer.allConsumers().length;
      producers += peer.allProducers().length;
    }
    return { participants: this.peers.size, consumers, producers };
  }

  /** Each connected participant's packet loss in the last health sample (0..1), where known: the node's loss metrics. */
  packetLosses(): number[] {
    return [...this.peers.values()].flatMap((peer) => (peer.packetLoss === null ? [] : [peer.packetLoss]));
  }

  /** The room's state, for tests and diagnostics (plain data). */
  snapshotState(): RoomState {
    return this.state;
  }

  /** One listener, told synchronously after each change is adopted; it must not throw or wait. */
  onStateChanged(listener: (state: RoomState) => void): void {
    this.stateListener = listener;
  }

  /** The consumers that exist, as policy grants, for tests and diagnostics. */
  existingGrants(): ConsumerGrant[] {
    return [...this.peers.values()].flatMap((p) => p.allConsumers().map((c) => c.grant));
  }

  connectedParticipantIds(): string[] {
    return [...this.peers.keys()];
  }

  /** The anonymised variants and their pipelines, for tests and diagnostics. */
  anonymisedVariants(): {
    participantId: string;
    source: MediaSource;
    producerId: string | null;
    flowing: boolean;
    ffmpegPid: number | undefined;
  }[] {
    return [...this.variants.values()].map((v) => ({
      participantId: v.participantId,
      source: v.source,
      producerId: v.anonymiser?.producer.id ?? null,
      flowing: v.anonymiser?.flowing ?? false,
      ffmpegPid: v.anonymiser?.stats().ffmpegPid,
    }));
  }

  /** The recording's tracks being recorded now, for tests and diagnostics. */
  recordingTracks(): TrackRecorderStats[] {
    return this.recorder?.tracks() ?? [];
  }

  /** The underlying mediasoup objects of one peer, for integration tests that read their statistics. */
  peerMedia(
    participantId: string,
  ): { consumers: ConsumerEntry[]; producers: ProducerEntry[]; transports: ms.WebRtcTransport[] } | undefined {
    const peer = this.peers.get(participantId);
    return peer && { consumers: peer.allConsumers(), producers: peer.allProducers(), transports: peer.allTransports() };
  }

  // -------------------------------------------------------------------------------------------
  // Lifecycle of a participant's connection
  // -------------------------------------------------------------------------------------------

  /**
   * `sessionKey` names the session the connection comes from (`link:<linkId>` for a one-time
   * link's holder, `user:<userId>` for an account): only the session that held a place gets it
   * back; another (a newly issued link) waits to be admitted.
   */
  async join(participantId: string, channel: PeerChannel, rtpCapabilities: RtpCapabilities, sessionKey: string): Promise<JoinResult> {
    return this.run(async () => {
      this.assertOpen();
      if (!findParticipant(this.state, participantId)) await this.refreshParticipants();
      // The same person on a new connection (a reload, a second device): the old one goes, the
      // state stays.
      const previous = this.peers.get(participantId);
      if (previous) {
        this.peers.delete(participantId);
        previous.channel.end('replaced', 'signalling.session_replaced', roomErrorMessage('signalling.session_replaced'));
        previous.close();
      }
      const participant = findParticipant(this.state, participantId);
      await this.change(participant ? this.actorOf(participant) : 'system', {
        type: 'join',
        participantId,
        now: this.clock.now().getTime(),
        sessionKey,
      });
      // Connected only now: the join result below is their first list, not a change to it. They
      // have no receiving transport yet, so there is nothing to consume before they ask for one.
      const peer = new Peer(participantId, channel, rtpCapabilities, this.settings.peerLimits ?? PEER_LIMITS);
      this.peers.set(participantId, peer);
      const view = this.roomView(participantId);
      peer.activeSpeakerSent = view.activeSpeakerId;
      return { ...view, reconnectGraceSeconds: this.settings.reconnectGraceSeconds };
    }, 'join');
  }

  /** The connection dropped. Ignored if that connection was already replaced or ended by the room. */
  async disconnect(participantId: string, channel: PeerChannel): Promise<void> {
    await this.run(async () => {
      const peer = this.peers.get(participantId);
      // A closed room (the node is shutting down) records nothing more: the next node recovers.
      if (this.closedFlag || !peer || peer.channel !== channel) return;
      this.peers.delete(participantId);
      peer.close();
      const command: RoomCommand = {
        type: 'disconnect',
        participantId,
        now: this.clock.now().getTime(),
        graceMs: this.settings.reconnectGraceSeconds * 1000,
      };
      try {
        await this.change('system', command);
      } catch (error) {
        // The person is gone whatever the database says: adopt the change, and say why it is not on record.
        this.logger.error(`disconnect() not recorded [participant:${participantId}] [error:${(error as Error).message}]`);
        const t = applyRoomCommand(this.state, command);
        if (t.ok) {
          const before = this.policySnapshot();
          this.state = t.state;
          this.stateListener?.(this.state);
          await this.afterChange(before, t.effects);
        }
      }
    }, 'disconnect');
  }

  // -------------------------------------------------------------------------------------------
  // Requests
  // -------------------------------------------------------------------------------------------

  /**
   * One request of a joined participant. It is checked at the door first (`gate`): a request its
   * sender may not make is refused at once, before anything is loaded from the database or made
   * in mediasoup for it, and without taking a place in the queue. An admissible one waits in its
   * sender's lane, so that each participant has at most one request in the room's queue at a
   * time, then runs in the queue, where it is checked again (the room may have changed meanwhile).
   */
  async handle(participantId: string, request: RoomRequest): Promise<unknown> {
    const peer = this.gate(participantId, request);
    return this.lanes.run(participantId, () =>
      this.run(async () => {
        // Replaced by a newer connection while it waited: that one is not this request's sender.
        if (this.gate(participantId, request) !== peer) throw roomError('signalling.not_joined');
        try {
          return await this.execute(peer, participantId, request);
        } catch (error) {
          // The worker died under the request (its channel closed): not the client's fault, and
          // not the end of its session; it sets its media up again on `mediaReset`.
          if (MEDIA_REQUESTS.has(request.method) && this.mediaLost) throw roomError('media.unavailable');
          throw error;
        }
      }, request.method),
    );
  }

  /** Requests of this participant waiting or running (for tests and diagnostics). */
  queuedRequests(participantId: string): number {
    return this.lanes.depth(participantId);
  }

  /**
   * The checks a request passes before it may cost the room anything: the sender is connected
   * and known, may attempt the action at all (their role, their presence, the hearing's status:
   * `refuseAttempt`, the transition's own check without its target), and may send media at all
   * if the request is for sending. Synchronous and without I/O.
   */
  private gate(participantId: string, request: RoomRequest): Peer {
    this.assertOpen();
    const peer = this.peers.get(participantId);
    if (!peer) throw roomError('signalling.not_joined');
    const participant = findParticipant(this.state, participantId);
    if (!participant) throw roomError('room.participant_not_found');
    const action = attemptedAction(request);
    const refusal = action === null ? undefined : refuseAttempt(this.state, action, participantId);
    if (refusal) throw refusal;
    if (
      request.method === 'createWebRtcTransport' &&
      request.data.direction === 'send' &&
      !MEDIA_KINDS.some((kind) => roleMayProduce(participant.role, kind))
    )
      throw roomError('media.produce_forbidden', 'Your role in this hearing sends no media, so it has no sending connection.');
    if (request.method === 'produce' && !mayProduce(this.policySnapshot(), participantId, policyKind(request.data.source)).allowed)
      throw roomError('media.produce_forbidden');
    return peer;
  }

  private async execute(peer: Peer, participantId: string, request: RoomRequest): Promise<unknown> {
    // The worker died and the room is not rebuilt yet: the client sets up again on `mediaReset`.
    if (this.mediaLost && MEDIA_REQUESTS.has(request.method)) throw roomError('media.unavailable');
    const participant = findParticipant(this.state, participantId);
    if (!participant) throw roomError('room.participant_not_found');
    const actor = this.actorOf(participant);
    switch (request.method) {
      case 'leave':
        await this.change(actor, { type: 'leave', participantId });
        return {};
      case 'getRoomState':
        return this.roomView(participantId);
      case 'createWebRtcTransport':
        return this.createTransport(peer, request.data.direction);
      case 'connectWebRtcTransport':
        await mediaCall(() =>
          peer.transport(request.data.transportId).transport.connect({ dtlsParameters: request.data.dtlsParameters as ms.DtlsParameters }),
        );
        return {};
      case 'restartIce': {
        const iceParameters = await peer.transport(request.data.transportId).transport.restartIce();
        return { iceParameters };
      }
      case 'produce':
        return this.produce(peer, request.data);
      case 'closeProducer':
        peer.producer(request.data.producerId).producer.close();
        return {};
      case 'pauseProducer':
      case 'resumeProducer': {
        const entry = peer.producer(request.data.producerId);
        if (entry.source === 'microphone')
          throw roomError('signalling.invalid_request', 'Use setMuted for the microphone: the server holds its mute.');
        if (request.method === 'pauseProducer') await entry.producer.pause();
        else await entry.producer.resume();
        return {};
      }
      case 'setMuted':
        await this.change(actor, { type: 'setMuted', actorId: participantId, muted: request.data.muted });
        return this.selfMedia(participantId);
      case 'chooseChannel':
        await this.change(actor, { type: 'chooseChannel', actorId: participantId, channel: request.data.channel });
        return this.selfMedia(participantId);
      case 'setInterpreterOutput':
        await this.change(actor, { type: 'setInterpreterOutput', actorId: participantId, toFloor: request.data.toFloor });
        return this.selfMedia(participantId);
      case 'resumeConsumer':
      case 'pauseConsumer': {
        const entry = peer.consumer(request.data.consumerId);
        if (request.method === 'resumeConsumer') {
          entry.acknowledged = true;
          entry.pausedByClient = false;
        } else {
          entry.pausedByClient = true;
        }
        await this.applyConsumerPause(peer, entry);
        return {};
      }
      case 'setConsumerTileSize': {
        const entry = peer.consumer(request.data.consumerId);
        entry.tile = { width: request.data.width, height: request.data.height };
        await this.applyLayers(peer, entry, await this.availableKbps(peer));
        return {};
      }
      case 'raiseHand':
      case 'lowerHand':
        await this.change(actor, { type: request.method, actorId: participantId });
        return {};
      case 'requestBreak':
        // "The judge has been told" must be true: with no judge inside, nobody would be.
        if (!this.judgeInside())
          throw roomError(
            'room.not_allowed_now',
            'The judge is not in the hearing at this moment. Tell the court staff or your supporter.',
          );
        await this.change(actor, { type: 'requestBreak', actorId: participantId });
        return {};
      case 'admit':
      case 'sendToWaitingRoom':
      case 'removeParticipant':
      case 'muteParticipant':
      case 'askToUnmute':
      case 'stopCamera':
      case 'allowCamera': {
        const type = request.method === 'removeParticipant' ? 'remove' : request.method === 'muteParticipant' ? 'mute' : request.method;
        // Someone added since the room opened is read from the record, for the bench only: the
        // gate has refused everyone else before any query.
        if (!findParticipant(this.state, request.data.participantId)) await this.refreshParticipants();
        await this.change(actor, { type, actorId: participantId, targetId: request.data.participantId });
        return {};
      }
      case 'lowerHands':
        await this.change(actor, { type: 'lowerHands', actorId: participantId, targetIds: request.data.participantIds });
        return {};
      case 'openHearing':
      case 'recessHearing':
      case 'adjournHearing':
      case 'closeHearing':
        // Closing the hearing also stops its recording.
        await this.changeWithRecording(actor, { type: request.method, actorId: participantId });
        return {};
      case 'startRecording':
      case 'pauseRecording':
      case 'stopRecording':
        await this.changeWithRecording(actor, { type: request.method, actorId: participantId });
        return { recording: recordingOf(this.state) };
      case 'setRoomLock':
        await this.change(actor, { type: 'setRoomLock', actorId: participantId, locked: request.data.locked });
        return {};
      case 'recessForWitness': {
        const consultationId = randomUUID();
        await this.change(actor, {
          type: 'recessForWitness',
          actorId: participantId,
          targetId: request.data.participantId,
          consultationId,
        });
        return { consultationId };
      }
      case 'openConsultation': {
        const consultationId = randomUUID();
        await this.change(actor, { type: 'openConsultation', actorId: participantId, consultationId, memberIds: request.data.memberIds });
        return { consultationId };
      }
      case 'addToConsultation':
        await this.change(actor, {
          type: 'addToConsultation',
          actorId: participantId,
          consultationId: request.data.consultationId,
          targetId: request.data.participantId,
        });
        return {};
      case 'leaveConsultation':
        await this.change(actor, { type: 'leaveConsultation', actorId: participantId });
        return {};
      case 'closeConsultation':
        await this.change(actor, { type: 'closeConsultation', actorId: participantId, consultationId: request.data.consultationId });
        return {};
    }
  }

  // -------------------------------------------------------------------------------------------
  // The one path of every change
  // -------------------------------------------------------------------------------------------

  /**
   * Applies a command: permission and transition (pure), then the record (database + audit, one
   * transaction), and only then the live room. A refused command or a failed write changes nothing.
   * `before`: what everyone saw, when the state moved since they were last told (seats re-read).
   */
  private async change(actor: RoomActorRef, command: RoomCommand, before = this.policySnapshot()): Promise<void> {
    const transition = applyRoomCommand(this.state, command);
    if (!transition.ok) throw transition.error;
    await this.ledger.commit(this.state, actor, transition.events);
    this.state = transition.state;
    this.stateListener?.(this.state);
    await this.afterChange(before, transition.effects);
  }

  /**
   * A change that may move the court's recording (the judge's recording commands, closing the
   * hearing): the recording's record first (started, resumed, paused or stopped, and audited by
   * the recording ledger), then the change as any other. A record that cannot be written changes
   * nothing. After a pause or a stop, the answer waits until every track has its last segment
   * registered: when the judge sees "paused", the record up to that instant is complete.
   */
  private async changeWithRecording(actor: RoomActorRef, command: RoomCommand): Promise<void> {
    const transition = applyRoomCommand(this.state, command);
    if (!transition.ok) throw transition.error;
    const from = recordingOf(this.state);
    const to = recordingOf(transition.state);
    if (from !== to) {
      if (!this.recorder || actor === 'system') throw roomError('recording.unavailable');
      try {
        await this.recorder.changeRecord(from, to, actor, this.clock.now());
      } catch (error) {
        this.logger.error(`changeWithRecording() record failed [from:${from}] [to:${to}] [error:${(error as Error).message}]`);
        throw roomError(
          'recording.unavailable',
          to === 'running'
            ? undefined
            : 'The court recording could not be paused or stopped on the media server. Try again; if it fails again, tell the court IT team.',
        );
      }
    }
    await this.change(actor, command);
    if (from !== to) await this.recorder?.settled();
  }

  private async afterChange(before: PolicySnapshot, effects: readonly RoomEffect[]): Promise<void> {
    const after = this.policySnapshot();
    for (const problem of checkSnapshot(after))
      this.logger.warn(`afterChange() policy problem [code:${problem.code}] [${problem.message}]`);

    // 1. Producers that may no longer exist (the sitting ended, someone was removed) and the
    //    server-held mute, then every consumer the policy now forbids: closed at once.
    this.closeForbiddenProducers(after);
    const plan = this.plan(after);
    for (const grant of plan.close) this.closeConsumer(grant);
    this.closeRelabelled();
    await this.enforceMutes();

    // 2. Lists: each viewer hears exactly what changed in what they may see.
    for (const peer of this.peers.values()) {
      // Over the lines as sent: a line whose text an order now masks is sent again.
      const changes = listChanges(this.linesFor(before, peer.participantId), this.linesFor(after, peer.participantId));
      if (changes.appeared.length + changes.changed.length + changes.disappeared.length === 0) continue;
      peer.notify({ method: 'participantsChanged', data: changes });
      // Coming inside: now they may know how the hearing stands.
      const wasLive = before.participants.some((p) => p.id === peer.participantId && isLive(p.state));
      if (!wasLive && this.isInside(peer.participantId)) peer.notify({ method: 'hearingChanged', data: this.hearingStatusView() });
    }

    // 3. Effects, and the dominant speaker for whoever now hears them (or no longer does).
    for (const effect of effects) this.applyEffect(effect);
    this.syncActiveSpeaker(after);

    // 4. Newly allowed consumers, and the anonymised variants the orders now call for.
    for (const grant of this.plan(this.policySnapshot()).open) await this.openConsumer(grant);
    this.syncAnonymisers();
    this.syncRecorders();
  }

  /**
   * Makes the court's recording match the room: a track for each raw producer (never an
   * anonymised variant: the raw media is the court record) of each participant the recording
   * rules name now (recording-plan.ts: while it runs and the court sits, everyone in the
   * courtroom, nobody in a consultation or the waiting room), and no other. Tracks start outside
   * the queue, like the anonymisers; a track no longer wanted stops taking media at once.
   */
  private syncRecorders(): void {
    if (!this.recorder || this.closedFlag || this.router.closed) return;
    const wanted: RecordedProducer[] = recordedParticipants(this.state).flatMap((participantId) =>
      (this.peers.get(participantId)?.allProducers() ?? [])
        .filter((entry) => !entry.producer.closed)
        .map((entry) => ({ producer: entry.producer, participantId, source: entry.source })),
    );
    this.recorder.sync(this.router, wanted);
  }

  /**
   * Makes the anonymised variants match the orders: one ffmpeg pipeline per microphone and camera
   * of each participant under an anonymity order (with the order's picture treatment), none for
   * anyone else. Starting ffmpeg takes a moment, so it runs outside the room's queue; when the
   * variant exists the room re-plans and its consumers open. Until then the unentitled receive
   * nothing from the witness: the policy grants them only the anonymised variant, never raw.
   */
  private syncAnonymisers(): void {
    if (this.closedFlag) return;
    const wanted = new Map<string, { participantId: string; source: MediaSource; producer: ms.Producer; picture: 'blur' | 'silhouette' }>();
    for (const order of this.state.orders) {
      if (order.kind !== 'anonymity') continue;
      const peer = this.peers.get(order.participantId);
      for (const entry of peer?.allProducers() ?? []) {
        if (entry.source === 'screen' || entry.producer.closed) continue;
        wanted.set(entry.producer.id, {
          participantId: order.participantId,
          source: entry.source,
          producer: entry.producer,
          picture: order.picture ?? 'blur',
        });
      }
    }
    for (const [rawId, variant] of this.variants) {
      const want = wanted.get(rawId);
      if (!want || want.picture !== variant.picture) {
        this.variants.delete(rawId);
        variant.anonymiser?.close();
      }
    }
    for (const [rawId, want] of wanted) {
      if (this.variants.has(rawId)) continue;
      const variant: AnonymisedVariant = {
        participantId: want.participantId,
        source: want.source,
        rawProducerId: rawId,
        picture: want.picture,
        anonymiser: null,
      };
      this.variants.set(rawId, variant);
      void this.startAnonymiser(variant, want.producer);
    }
  }

  private async startAnonymiser(variant: AnonymisedVariant, raw: ms.Producer): Promise<void> {
    const router = this.router;
    let anonymiser: MediaAnonymiser;
    try {
      anonymiser = await MediaAnonymiser.start(router, raw, {
        picture: variant.picture,
        listenIp: '127.0.0.1',
        ffmpegBin: this.settings.ffmpegBin,
        appData: { participantId: variant.participantId, source: variant.source },
      });
    } catch (error) {
      this.logger.error(
        `startAnonymiser() failed [participant:${variant.participantId}] [source:${variant.source}] [error:${(error as Error).message}]`,
      );
      if (this.variants.get(variant.rawProducerId) === variant) {
        this.variants.delete(variant.rawProducerId);
        const retry = setTimeout(() => void this.run(async () => this.syncAnonymisers(), 'syncAnonymisers'), ANONYMISER_RETRY_MS);
        retry.unref();
      }
      return;
    }
    // Adopted inside the room's queue, like every change: the plan never sees a variant half set up.
    await this.run(async () => {
      // Withdrawn or gone meanwhile (order lifted, producer closed, worker died, room closed): not needed.
      if (
        this.closedFlag ||
        this.variants.get(variant.rawProducerId) !== variant ||
        router !== this.router ||
        raw.closed ||
        anonymiser.closed
      ) {
        anonymiser.close();
        return;
      }
      variant.anonymiser = anonymiser;
      // The witness's own pause (a muted microphone, a camera on hold) shows on the variant too.
      if (raw.paused) await anonymiser.producer.pause();
      const onPause = () => void anonymiser.producer.pause().catch(() => undefined);
      const onResume = () => void anonymiser.producer.resume().catch(() => undefined);
      raw.observer.on('pause', onPause);
      raw.observer.on('resume', onResume);
      anonymiser.once('close', () => {
        raw.observer.off('pause', onPause);
        raw.observer.off('resume', onResume);
        if (this.variants.get(variant.rawProducerId) === variant) this.variants.delete(variant.rawProducerId);
        // Its consumers closed with its producer; a worker restart or a new producer brings a new one.
        void this.run(async () => this.syncAnonymisers(), 'syncAnonymisers').catch(() => undefined);
      });
      for (const grant of this.plan(this.policySnapshot()).open) await this.openConsumer(grant);
    }, 'anonymiserReady');
  }

  private applyEffect(effect: RoomEffect): void {
    switch (effect.type) {
      case 'endSession': {
        const peer = this.peers.get(effect.participantId);
        if (!peer) return;
        this.peers.delete(effect.participantId);
        const code =
          effect.reason === 'removed'
            ? 'room.removed'
            : effect.reason === 'hearing_closed'
              ? 'room.hearing_closed'
              : effect.reason === 'left'
                ? 'signalling.left'
                : 'room.hearing_adjourned';
        peer.channel.end(effect.reason, code, roomErrorMessage(code));
        peer.close();
        return;
      }
      case 'closeCamera': {
        const entry = this.peers.get(effect.participantId)?.producerFor('camera');
        if (!entry) return;
        entry.producer.close();
        this.peers
          .get(effect.participantId)
          ?.notify({ method: 'producerClosed', data: { producerId: entry.producer.id, reason: 'stopped_by_bench' } });
        return;
      }
      case 'selfMediaChanged':
        this.peers.get(effect.participantId)?.notify({ method: 'selfMediaState', data: this.selfMedia(effect.participantId) });
        return;
      case 'hearingChanged':
        for (const peer of this.peers.values()) {
          if (this.isInside(peer.participantId)) peer.notify({ method: 'hearingChanged', data: this.hearingStatusView() });
        }
        return;
      case 'recordingChanged':
        // Everyone connected, the waiting room included: nobody is recorded without being told.
        for (const peer of this.peers.values()) peer.notify({ method: 'recordingChanged', data: { recording: recordingOf(this.state) } });
        return;
      case 'breakRequested':
        // To the judge alone: not the clerk, not the courtroom. The witness's request is hers to make quietly.
        for (const peer of this.peers.values()) {
          if (findParticipant(this.state, peer.participantId)?.role === 'judge' && this.isInside(peer.participantId))
            peer.notify({ method: 'breakRequested', data: { participantId: effect.participantId } });
        }
        return;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Media under the policy
  // -------------------------------------------------------------------------------------------

  private policySnapshot(): PolicySnapshot {
    return buildPolicySnapshot(this.state);
  }

  /** The sitting as told to those inside: status, lock, and whether the court sits in private. */
  private hearingStatusView(): { status: RoomState['status']; roomLocked: boolean; sittingInPrivate: boolean } {
    return { status: this.state.status, roomLocked: this.state.roomLocked, sittingInPrivate: sittingInPrivate(this.policySnapshot()) };
  }

  /**
   * Re-reads who is seated (after the api's seat notice, or the periodic check): someone added
   * since the room opened is listed for those who may see them, and a seat the court withdrew
   * before its holder joined is taken off like a removal in the room (every list loses the line),
   * without a second record.
   */
  async reloadParticipants(): Promise<void> {
    await this.run(async () => {
      if (this.closedFlag) return;
      const before = this.policySnapshot();
      const known = this.state;
      const withdrawn = withdrawnSeats(this.state, await this.refreshParticipants());
      if (withdrawn.length > 0) {
        this.logger.log(`reloadParticipants() seats withdrawn by the court [count:${withdrawn.length}]`);
        await this.change('system', { type: 'seatsWithdrawn', participantIds: withdrawn }, before);
      } else if (this.state !== known) {
        // Only seats added: each viewer hears of the new lines they may see.
        this.stateListener?.(this.state);
        await this.afterChange(before, []);
      }
    }, 'reloadParticipants');
  }

  /**
   * Re-reads the orders in force from the record (after the api's notice, or the periodic check)
   * and applies them like any other change: forbidden consumers close first, lists and names are
   * re-sent as each viewer may now see them, newly allowed consumers open. Nobody rejoins.
   */
  async reloadOrders(): Promise<void> {
    await this.run(async () => {
      if (this.closedFlag) return;
      const orders = await this.ledger.loadOrders(this.state.hearingId);
      if (sameOrders(orders, this.state.orders)) return;
      // An order may name someone added to the hearing since the room opened.
      await this.refreshParticipants();
      this.logger.log(`reloadOrders() orders changed [count:${orders.length}]`);
      await this.change('system', { type: 'ordersChanged', orders });
      // Whether the court sits in private is part of the sitting's view.
      for (const peer of this.peers.values()) {
        if (this.isInside(peer.participantId)) peer.notify({ method: 'hearingChanged', data: this.hearingStatusView() });
      }
    }, 'reloadOrders');
  }

  /**
   * What must change so that the existing consumers are exactly those the policy allows: the
   * room's, and the self-preview of a participant under an anonymity order (her own anonymised
   * picture and voice, so that she sees and hears what the unentitled receive of her).
   */
  private plan(snapshot: PolicySnapshot) {
    const available: AvailableProducer[] = [...this.peers.values()].flatMap((peer) =>
      peer.allProducers().map((p) => ({ sourceId: peer.participantId, kind: policyKind(p.source), variant: 'raw' as const })),
    );
    for (const variant of this.variants.values()) {
      if (variant.anonymiser && !variant.anonymiser.closed && this.peers.has(variant.participantId))
        available.push({ sourceId: variant.participantId, kind: policyKind(variant.source), variant: 'anonymised' as const });
    }
    return diffConsumers(this.existingGrants(), [...desiredConsumers(snapshot, available), ...selfPreviewGrants(snapshot, available)]);
  }

  /** The producer a grant is for: the raw one, or its anonymised variant (never one for the other). */
  private producerFor(grant: ConsumerGrant): { producer: ms.Producer; source: MediaSource } | undefined {
    const raw = this.peers
      .get(grant.sourceId)
      ?.allProducers()
      .find((p) => policyKind(p.source) === grant.kind && !p.producer.closed);
    if (!raw) return undefined;
    if (grant.variant === 'raw') return { producer: raw.producer, source: raw.source };
    const anonymiser = this.variants.get(raw.producer.id)?.anonymiser;
    return anonymiser && !anonymiser.closed ? { producer: anonymiser.producer, source: raw.source } : undefined;
  }

  /** Closes the producers the policy no longer allows (the sitting ended, someone was removed). */
  private closeForbiddenProducers(snapshot: PolicySnapshot): void {
    for (const peer of this.peers.values()) {
      for (const entry of peer.allProducers()) {
        if (mayProduce(snapshot, peer.participantId, policyKind(entry.source)).allowed) continue;
        entry.producer.close();
        peer.notify({ method: 'producerClosed', data: { producerId: entry.producer.id, reason: 'not_allowed' } });
      }
    }
  }

  /** Holds each microphone paused while its owner is muted; awaited, so a mute is in force when it is acknowledged. */
  private async enforceMutes(): Promise<void> {
    const changes: Promise<void>[] = [];
    for (const peer of this.peers.values()) {
      const participant = findParticipant(this.state, peer.participantId);
      const mic = peer.producerFor('microphone')?.producer;
      if (!participant || !mic) continue;
      if (participant.muted && !mic.paused) changes.push(mic.pause());
      if (!participant.muted && mic.paused) changes.push(mic.resume());
    }
    await Promise.all(changes);
  }

  /**
   * Closes the audio consumers whose channel changed (an interpreter switched between the floor
   * and their channel): a client plays a channel at full level and the floor lowered, so it must
   * learn the new channel, and learns it from a new consumer, opened in the same re-plan if the
   * policy still allows it.
   */
  private closeRelabelled(): void {
    for (const peer of this.peers.values()) {
      for (const entry of peer.allConsumers()) if (entry.channel !== this.channelOf(entry.grant)) this.closeConsumer(entry.grant);
    }
  }

  /** The channel a consumer carries: the interpreter's while they speak into it, else the floor (null). */
  private channelOf(grant: ConsumerGrant): string | null {
    const source = grant.kind === 'audio' ? findParticipant(this.state, grant.sourceId) : undefined;
    return source ? audioChannelOf(this.state, source) : null;
  }

  private closeConsumer(grant: ConsumerGrant): void {
    const viewer = this.peers.get(grant.viewerId);
    const entry = viewer?.allConsumers().find((c) => grantKey(c.grant) === grantKey(grant));
    if (!viewer || !entry) return;
    entry.consumer.close();
    viewer.notify({ method: 'consumerClosed', data: { consumerId: entry.consumer.id } });
  }

  /**
   * Creates one consumer the plan allows. The policy is asked again right here: no consumer is
   * ever created, not even paused, that `decideMedia` (for one's own preview, `maySelfPreview`)
   * does not allow at this instant. The notification names the source, so a preview names its
   * viewer herself: that is how her client recognises it. It is created
   * paused and resumed only when the client acknowledges it (`resumeConsumer`), so the client
   * has set up its decoder before the first packet and the keyframe request.
   */
  private async openConsumer(grant: ConsumerGrant): Promise<void> {
    const viewer = this.peers.get(grant.viewerId);
    const source = this.peers.get(grant.sourceId);
    const recv = viewer?.transportFor('recv');
    const producerEntry = source ? this.producerFor(grant) : undefined;
    if (!viewer || !recv || !producerEntry) return;
    const snapshot = this.policySnapshot();
    // One's own media only through the self-preview rule, and only anonymised (decideMedia
    // denies everyone their own media).
    const decision = grant.viewerId === grant.sourceId ? null : decideMedia(snapshot, grant.viewerId, grant.sourceId, grant.kind);
    const allowed =
      decision === null
        ? grant.variant === 'anonymised' && maySelfPreview(snapshot, grant.viewerId, grant.kind)
        : decision.allowed && decision.variant === grant.variant;
    if (!allowed) return;
    if (!viewer.hasRoomFor('consumers')) {
      this.logger.warn(`openConsumer() consumer limit reached [viewer:${grant.viewerId}] [limit:${viewer.limits.consumers}]`);
      return;
    }
    const producer = producerEntry.producer;
    if (!this.router.canConsume({ producerId: producer.id, rtpCapabilities: viewer.rtpCapabilities as ms.RtpCapabilities })) {
      this.logger.warn(`openConsumer() viewer cannot receive [viewer:${grant.viewerId}] [kind:${grant.kind}]`);
      return;
    }
    let consumer: ms.Consumer;
    try {
      consumer = await recv.consume({
        producerId: producer.id,
        rtpCapabilities: viewer.rtpCapabilities as ms.RtpCapabilities,
        paused: true,
        enableRtx: true,
        ignoreDtx: true,
        // The grant goes with it: on an edge node, the pipe plan is the policy's (cascade/).
        appData: { grant },
      });
    } catch (error) {
      this.logger.warn(`openConsumer() failed [viewer:${grant.viewerId}] [error:${(error as Error).message}]`);
      return;
    }
    const entry: ConsumerEntry = {
      consumer,
      grant,
      source: producerEntry.source,
      channel: this.channelOf(grant),
      acknowledged: false,
      pausedByClient: false,
      tile: null,
      preferred: null,
    };
    viewer.addConsumer(entry);
    // The sender's own pause (a muted microphone, a camera on hold) is shown as a placeholder.
    consumer.on('producerpause', () =>
      viewer.notify({ method: 'consumerPaused', data: { consumerId: consumer.id, reason: 'producer_paused' } }),
    );
    consumer.on('producerresume', () => viewer.notify({ method: 'consumerResumed', data: { consumerId: consumer.id } }));
    consumer.on('producerclose', () => viewer.notify({ method: 'consumerClosed', data: { consumerId: consumer.id } }));
    consumer.on('layerschange', (layers) =>
      viewer.notify({
        method: 'consumerLayersChanged',
        data: { consumerId: consumer.id, spatialLayer: layers?.spatialLayer ?? null, temporalLayer: layers?.temporalLayer ?? null },
      }),
    );
    viewer.notify({
      method: 'newConsumer',
      data: {
        consumerId: consumer.id,
        producerId: producer.id,
        participantId: grant.sourceId,
        source: producerEntry.source,
        kind: consumer.kind,
        rtpParameters: consumer.rtpParameters as RtpParameters,
        type: consumer.type,
        producerPaused: consumer.producerPaused,
        channel: entry.channel,
      },
    });
  }

  /** A consumer forwards only once acknowledged, unless the client hides it or the viewer is audio-only. */
  private async applyConsumerPause(peer: Peer, entry: ConsumerEntry): Promise<void> {
    const heldForAudioOnly = peer.audioOnly.audioOnly && entry.source === 'camera';
    const shouldPause = !entry.acknowledged || entry.pausedByClient || heldForAudioOnly;
    if (shouldPause && !entry.consumer.paused) await entry.consumer.pause();
    if (!shouldPause && entry.consumer.paused) await entry.consumer.resume();
  }

  private async createTransport(peer: Peer, direction: TransportDirection): Promise<TransportOptions> {
    // One transport per direction: a client recreating one (after a failure) replaces the old.
    peer.transportFor(direction)?.close();
    peer.assertRoomFor('transports');
    const edge = direction === 'recv' ? await this.edgeTransport(peer) : undefined;
    const transport =
      edge ??
      (await this.router.createWebRtcTransport({
        webRtcServer: this.slotRef.webRtcServer,
        enableUdp: true,
        enableTcp: true,
        preferUdp: true,
        initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
        // Receiving transports carry the warm-up data channel (below).
        ...(direction === 'recv' ? { enableSctp: true, numSctpStreams: { OS: 16, MIS: 16 } } : {}),
        appData: { participantId: peer.participantId, direction },
      }));
    if (direction === 'send') await transport.setMaxIncomingBitrate(MAX_INCOMING_BITRATE);
    peer.addTransport(transport, direction);
    if (direction === 'recv') {
      // A receiving transport connects (ICE, DTLS) only when the client consumes something on it.
      // Left alone, a waiting witness's would connect only on admission, adding that handshake to
      // the time before she sees the court; a data channel that carries nothing connects it now.
      const warm = await transport.consumeData({ dataProducerId: this.warmup.id });
      peer.notify({
        method: 'newDataConsumer',
        data: {
          dataConsumerId: warm.id,
          dataProducerId: this.warmup.id,
          sctpStreamParameters: warm.sctpStreamParameters as NewDataConsumer['sctpStreamParameters'],
          label: warm.label,
          protocol: warm.protocol,
        },
      });
      // A new receiving transport can carry the consumers the policy already allows.
      const snapshot = this.policySnapshot();
      for (const grant of this.plan(snapshot).open) await this.openConsumer(grant);
    }
    return {
      transportId: transport.id,
      direction,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates as TransportOptions['iceCandidates'],
      dtlsParameters: transport.dtlsParameters as TransportOptions['dtlsParameters'],
      ...(transport.sctpParameters ? { sctpParameters: transport.sctpParameters as TransportOptions['sctpParameters'] } : {}),
    };
  }

  /**
   * A receive-only seat (the public gallery) beyond the share of the hearing's viewers this node
   * serves gets its receiving transport on an edge node, which the hearing's producers are piped
   * to; the consumers on it are decided here by the media policy like any other. Undefined: here.
   */
  private async edgeTransport(peer: Peer): Promise<ms.WebRtcTransport | undefined> {
    const isViewer = (p: Peer) => {
      const role = findParticipant(this.state, p.participantId)?.role;
      return role !== undefined && isViewerSeat(role);
    };
    if (!this.cascade || !isViewer(peer)) return undefined;
    const here = [...this.peers.values()].filter((p) => {
      const recv = p !== peer && isViewer(p) ? p.transportFor('recv') : undefined;
      return recv !== undefined && !this.cascade?.isEdgeTransport(recv);
    }).length;
    // Its edge gone, the viewer sets up again (as after a worker's death) and is placed anew.
    return this.cascade.recvTransport(peer.participantId, here, () =>
      peer.notify({ method: 'mediaReset', data: { reason: 'media_worker_failed' } }),
    );
  }

  private async produce(
    peer: Peer,
    data: { transportId: string; source: MediaSource; kind: 'audio' | 'video'; rtpParameters: unknown },
  ): Promise<{ producerId: string; paused: boolean }> {
    const { transport, direction } = peer.transport(data.transportId);
    if (direction !== 'send') throw roomError('media.transport_not_found', 'Produce on your sending transport.');
    if (peer.producerFor(data.source)) throw roomError('media.already_producing');
    const decision = mayProduce(this.policySnapshot(), peer.participantId, policyKind(data.source));
    if (!decision.allowed) throw roomError('media.produce_forbidden');
    const participant = findParticipant(this.state, peer.participantId);
    // A camera the bench stopped stays stopped until the bench allows it again.
    if (data.source === 'camera' && participant?.cameraHeldByBench) throw roomError('media.camera_held');
    // The server holds the mute: a muted participant's microphone starts, and stays, paused.
    const paused = data.source === 'microphone' && (participant?.muted ?? true);
    peer.assertRoomFor('producers');
    const producer = await mediaCall(() =>
      transport.produce({
        kind: data.kind,
        rtpParameters: data.rtpParameters as ms.RtpParameters,
        paused,
        ...(data.kind === 'video' ? { keyFrameRequestDelay: KEY_FRAME_REQUEST_DELAY_MS } : {}),
        appData: { participantId: peer.participantId, source: data.source },
      }),
    );
    peer.addProducer(producer, data.source);
    if (data.source === 'microphone') await this.observer.addProducer({ producerId: producer.id }).catch(() => undefined);
    for (const grant of this.plan(this.policySnapshot()).open) await this.openConsumer(grant);
    this.syncAnonymisers();
    this.syncRecorders();
    return { producerId: producer.id, paused: producer.paused };
  }

  // -------------------------------------------------------------------------------------------
  // Quality: layers, health, audio-only
  // -------------------------------------------------------------------------------------------

  private async availableKbps(peer: Peer): Promise<number | null> {
    const recv = peer.transportFor('recv');
    if (!recv) return null;
    const stats = await recv.getStats().catch(() => []);
    const bitrate = stats[0]?.availableOutgoingBitrate;
    return typeof bitrate === 'number' && bitrate > 0 ? Math.round(bitrate / 1000) : null;
  }

  private async applyLayers(peer: Peer, entry: ConsumerEntry, availableKbps: number | null): Promise<void> {
    const consumer = entry.consumer;
    if (consumer.kind !== 'video' || consumer.type !== 'simulcast' || !entry.tile) return;
    // A simulcast consumer describes the producer's layers as one encoding, e.g. L3T3.
    const mode = /^L(\d+)T(\d+)/.exec(consumer.rtpParameters.encodings?.[0]?.scalabilityMode ?? '');
    const layers = chooseLayers({
      tileWidth: entry.tile.width,
      tileHeight: entry.tile.height,
      spatialLayers: mode ? Number(mode[1]) : 1,
      temporalLayers: mode ? Number(mode[2]) : 1,
      availableKbps,
      videoConsumers: peer.allConsumers().filter((c) => c.consumer.kind === 'video' && !c.consumer.paused).length || 1,
      producerScore: consumer.score?.producerScore ?? null,
    });
    if (entry.preferred && entry.preferred.spatialLayer === layers.spatialLayer && entry.preferred.temporalLayer === layers.temporalLayer)
      return;
    entry.preferred = { ...layers };
    await consumer.setPreferredLayers(layers);
  }

  /**
   * Reads each peer's transport statistics: the network-health indicator (to the participant and
   * the bench), the audio-only fallback (video consumers held while the downlink is too weak), and
   * the simulcast layer of each video consumer. The statistics are read outside the room's queue
   * and in parallel (they change nothing, and reading them one by one on a busy node would hold
   * every request up); only the decisions are applied inside it. A sample still running when the
   * next is due is not doubled.
   */
  private async sampleHealth(): Promise<void> {
    if (this.sampling || this.closedFlag) return;
    this.sampling = true;
    try {
      const readings = await Promise.all([...this.peers.values()].map((peer) => this.readHealth(peer)));
      await this.run(() => this.applyHealth(readings), 'applyHealth');
    } finally {
      this.sampling = false;
    }
  }

  private async readHealth(peer: Peer): Promise<HealthReading> {
    const consumerStats = Promise.all(peer.allConsumers().map((e) => e.consumer.getStats().catch(() => [])));
    const producerStats = Promise.all(peer.allProducers().map((e) => e.producer.getStats().catch(() => [])));
    const [availableKbps, consumers, producers] = await Promise.all([this.availableKbps(peer), consumerStats, producerStats]);
    let rttMs: number | null = null;
    let packetLoss: number | null = null;
    // Loss reported by the participant about what it receives, and seen by the node in what it sends.
    for (const s of [...consumers.flat().filter((x) => x.type === 'outbound-rtp'), ...producers.flat()]) {
      if (typeof s.roundTripTime === 'number' && s.roundTripTime > 0) rttMs = Math.max(rttMs ?? 0, s.roundTripTime);
      packetLoss = Math.max(packetLoss ?? 0, s.fractionLost / 256);
    }
    return { peer, availableKbps, rttMs: rttMs === null ? null : Math.round(rttMs), packetLoss };
  }

  private async applyHealth(readings: readonly HealthReading[]): Promise<void> {
    const now = this.clock.now().getTime();
    const snapshot = this.policySnapshot();
    for (const { peer, availableKbps, rttMs, packetLoss } of readings) {
      if (peer.closed || this.peers.get(peer.participantId) !== peer) continue;
      peer.packetLoss = packetLoss;
      const health = {
        participantId: peer.participantId,
        quality: assessQuality({ rttMs, packetLoss, availableKbps }),
        rttMs,
        packetLoss,
        availableKbps,
      };
      // Coarse buckets: the indicator is for people, and a flood of tiny changes helps nobody.
      const key = JSON.stringify([
        health.quality,
        rttMs === null ? null : Math.round(rttMs / 25),
        packetLoss === null ? null : Math.round(packetLoss * 100),
        availableKbps === null ? null : Math.round(availableKbps / 100),
      ]);
      if (!peer.lastHealth || peer.lastHealth.key !== key || now - peer.lastHealth.at >= HEALTH_REFRESH_MS) {
        peer.lastHealth = { key, at: now };
        for (const viewer of this.peers.values()) {
          const participant = findParticipant(this.state, viewer.participantId);
          const entitled =
            viewer === peer ||
            (participant !== undefined &&
              isBench(participant.role) &&
              this.isInside(viewer.participantId) &&
              mayLearnAbout(snapshot, viewer.participantId, peer.participantId));
          if (entitled) viewer.notify({ method: 'networkHealth', data: health });
        }
      }

      const audioOnly = nextAudioOnly(peer.audioOnly, availableKbps, this.settings.audioOnlyBelowKbps, now);
      const flipped = audioOnly.audioOnly !== peer.audioOnly.audioOnly;
      peer.audioOnly = audioOnly;
      for (const entry of peer.allConsumers()) {
        const wasPaused = entry.consumer.paused;
        await this.applyConsumerPause(peer, entry);
        if (flipped && entry.source === 'camera' && wasPaused !== entry.consumer.paused) {
          peer.notify(
            entry.consumer.paused
              ? { method: 'consumerPaused', data: { consumerId: entry.consumer.id, reason: 'audio_only' } }
              : { method: 'consumerResumed', data: { consumerId: entry.consumer.id } },
          );
        }
        await this.applyLayers(peer, entry, availableKbps);
      }
      if (flipped) {
        this.logger.log(
          `applyHealth() audio only [participant:${peer.participantId}] [enabled:${audioOnly.audioOnly}] [kbps:${availableKbps}]`,
        );
        peer.notify({ method: 'audioOnly', data: { enabled: audioOnly.audioOnly } });
      }
    }
  }

  /**
   * Tells each client the dominant speaker as they may know it: the speaker's id only to those
   * who hear that voice (the policy's audio decision), null to the others, and only on change.
   * A witness admitted while the judge speaks learns it then; the courtroom is not told that
   * someone in a consultation room is talking.
   */
  private syncActiveSpeaker(snapshot: PolicySnapshot): void {
    const speaker = this.dominantSpeakerId;
    for (const peer of this.peers.values()) {
      const value = speaker !== null && decideMedia(snapshot, peer.participantId, speaker, 'audio').allowed ? speaker : null;
      if (value === peer.activeSpeakerSent) continue;
      peer.activeSpeakerSent = value;
      peer.notify({ method: 'activeSpeaker', data: { participantId: value } });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Views
  // -------------------------------------------------------------------------------------------

  private judgeInside(): boolean {
    return [...this.peers.keys()].some((id) => findParticipant(this.state, id)?.role === 'judge' && this.isInside(id));
  }

  private isInside(participantId: string): boolean {
    const p = findParticipant(this.state, participantId);
    return p !== undefined && isLive(p.state);
  }

  private roomView(viewerId: string): Omit<JoinResult, 'reconnectGraceSeconds'> {
    const snapshot = this.policySnapshot();
    const participants = this.linesFor(snapshot, viewerId);
    const self = participants.find((p) => p.self);
    if (!self) throw roomError('room.participant_not_found');
    const inside = this.isInside(viewerId);
    const title = maskProtectedNames(this.state.title, this.hiddenNames(snapshot, viewerId));
    // Whether the court records is told to everyone, before admission too.
    const recording = recordingOf(this.state);
    // The languages too, to those waiting: a witness is on her channel as she comes in.
    const interpretation = interpretationView(this.state);
    const hearing: HearingView = inside
      ? { id: this.state.hearingId, title, ...this.hearingStatusView(), recording, interpretation }
      : { id: this.state.hearingId, title, recording, interpretation };
    const speaker = this.dominantSpeakerId;
    const hearsSpeaker = speaker !== null && decideMedia(snapshot, viewerId, speaker, 'audio').allowed;
    return {
      self,
      participants,
      hearing,
      media: this.selfMedia(viewerId),
      activeSpeakerId: hearsSpeaker ? speaker : null,
    };
  }

  /**
   * The participant list as `viewerId` receives it: what the media policy lets them see, with
   * protected parties by pseudonym (the identity shield) and the names they may not know masked
   * in what people typed (hearing-names.ts).
   */
  private linesFor(snapshot: PolicySnapshot, viewerId: string): ParticipantView[] {
    const names = this.hiddenNames(snapshot, viewerId);
    const lines = shieldViews(visibleParticipants(snapshot, viewerId) as ParticipantView[], viewerId, this.shield);
    return lines.map((line) => maskParticipantLine(line, names));
  }

  private hiddenNames(snapshot: PolicySnapshot, viewerId: string): ProtectedName[] {
    const role = snapshot.participants.find((p) => p.id === viewerId)?.role;
    const facts = { participants: snapshot.participants, orders: snapshot.orders, shield: this.shield };
    return hiddenHearingNames(facts, role ? { id: viewerId, role } : OUTSIDER);
  }

  private selfMedia(participantId: string): SelfMediaState {
    const p = findParticipant(this.state, participantId);
    if (!p) throw roomError('room.participant_not_found');
    const interpreting = interpretingOf(this.state, p);
    return {
      muted: p.muted,
      mayUnmute: p.role !== 'observer' && (!p.mutedByBench || p.unmuteRequested),
      unmuteRequested: p.unmuteRequested,
      handRaised: p.handRaised,
      audioOnly: this.peers.get(participantId)?.audioOnly.audioOnly ?? false,
      cameraHeld: p.cameraHeldByBench,
      listening: p.listening,
      ...(interpreting ? { interpreting } : {}),
    };
  }

  private actorOf(p: RoomParticipant): RoomActorRef {
    return { participantId: p.id, userId: p.userId };
  }

  /** Lists anyone added to the hearing since the room opened; answers the record as read. */
  private async refreshParticipants(): Promise<readonly RoomParticipant[]> {
    const rows = await this.ledger.loadParticipants(this.state.hearingId);
    const next = withNewParticipants(this.state, rows);
    if (next !== this.state) {
      this.state = next;
      this.shield = await this.ledger.loadShield(this.state.caseId, this.state.participants);
    }
    return rows;
  }

  // -------------------------------------------------------------------------------------------
  // Router, worker failure, closing
  // -------------------------------------------------------------------------------------------

  private async attach(slot: WorkerSlot): Promise<void> {
    this.slotRef = slot;
    this.router = await slot.worker.createRouter({ mediaCodecs: HEARING_MEDIA_CODECS, appData: { hearingId: this.state.hearingId } });
    this.cascade?.attach(this.router);
    this.observer = await this.router.createActiveSpeakerObserver({ interval: 300 });
    this.warmup = await (await this.router.createDirectTransport()).produceData({ label: 'warmup', protocol: 'ejustice-warmup' });
    const observer = this.observer;
    observer.on('dominantspeaker', ({ producer }) => {
      const speakerId = (producer.appData as { participantId?: string }).participantId ?? null;
      void this.run(async () => {
        if (observer !== this.observer || speakerId === this.dominantSpeakerId) return;
        this.dominantSpeakerId = speakerId;
        this.syncActiveSpeaker(this.policySnapshot());
      });
    });
  }

  /**
   * Whether the room has lost its media: the worker carrying its router died (or was closed),
   * and with it every transport, producer, consumer and anonymiser pipeline. Until `relocate`
   * rebuilds it, media requests are refused as unavailable; who is in the room, muted, admitted
   * and under which orders is untouched.
   */
  get mediaLost(): boolean {
    return this.router.closed;
  }

  /**
   * Rebuilds a room that lost its worker on a live one: a new router, and each client told
   * (`mediaReset`) to set its media up again. Participant state (who is admitted, who is muted,
   * the orders) is untouched, so it comes back as it was: the server holds the mute on each new
   * microphone, and every consumer is opened anew through the media policy, the anonymised
   * variants only once their new pipeline is ready. Does nothing if the room has its media (it
   * moved already: several workers' deaths may ask for the same room); if the new worker fails
   * too, the room stays lost and the next respawn moves it.
   */
  async relocate(slot: WorkerSlot): Promise<void> {
    await this.run(async () => {
      if (this.closedFlag || !this.router.closed) return;
      const started = Date.now();
      const from = this.slotRef.index;
      for (const peer of this.peers.values()) peer.closeMedia();
      // Their raw producers are gone: the pipelines (and their ffmpeg) go now, not when their
      // transports' close events come round; new ones start as the witness's media comes back.
      for (const variant of this.variants.values()) variant.anonymiser?.close();
      this.variants.clear();
      this.dominantSpeakerId = null;
      this.syncActiveSpeaker(this.policySnapshot());
      await this.attach(slot);
      for (const peer of this.peers.values()) peer.notify({ method: 'mediaReset', data: { reason: 'media_worker_failed' } });
      this.logger.warn(`relocate() rebuilt on a live worker [from:${from}] [to:${slot.index}] [ms:${Date.now() - started}]`);
    }, 'relocate');
  }

  /**
   * Waits for the changes already queued (so none is cut off half-way by a shutdown), then
   * finishes the recording's tracks while the database is still there: their last segments are
   * registered, not left in the spool.
   */
  async drain(): Promise<void> {
    await this.run(async () => undefined);
    await this.recorder?.finishAll();
  }

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    if (this.statsTimer) clearInterval(this.statsTimer);
    // Each track takes no media from now on; its last segment is registered as it finishes.
    void this.recorder?.finishAll();
    for (const variant of this.variants.values()) variant.anonymiser?.close();
    this.variants.clear();
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.cascade?.close();
    this.router?.close();
  }

  private assertOpen(): void {
    if (this.closedFlag) throw roomError('media.unavailable');
  }

  /** Runs `task` after every task queued before it; a failure does not stop the queue. */
  run<T>(task: () => Promise<T>, label = task.name || 'task'): Promise<T> {
    const timed = async (): Promise<T> => {
      const started = Date.now();
      try {
        return await task();
      } finally {
        // Everything in a room waits behind a slow task: say so, it is where latency comes from.
        const ms = Date.now() - started;
        if (ms > SLOW_TASK_MS) this.logger.warn(`run() slow task [task:${label}] [ms:${ms}]`);
      }
    };
    const result = this.queue.then(timed, timed);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** Orders compared as the record states them (the same rows, in the same terms). */
function sameOrders(a: readonly SpecialMeasure[], b: readonly SpecialMeasure[]): boolean {
  const key = (orders: readonly SpecialMeasure[]) => JSON.stringify([...orders].map((o) => JSON.stringify(o)).sort());
  return key(a) === key(b);
}

/** mediasoup refuses malformed parameters with a TypeError: that is the client's mistake, said as such. */
async function mediaCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof TypeError) throw roomError('signalling.invalid_request', `The media parameters are not valid: ${error.message}`);
    throw error;
  }
}

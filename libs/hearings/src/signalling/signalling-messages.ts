/**
 * The signalling catalogue of a hearing room: every request a client may send to the media node
 * (with what it answers), every notification the media node sends to a client, and every error
 * code. Shared by the media node and the browser (imported there as
 * `@ejustice/hearings/signalling/signalling-messages`), so it holds only types, constants and small
 * hand-written validators: no Nest, no TypeORM, no mediasoup runtime.
 *
 * ## Connecting
 * 1. Ask the api for a join ticket: `POST /api/hearings/:hearingId/join-ticket` with the bearer
 *    access token of a signed-in user, or the hearing-session token from
 *    `POST /api/hearing-links/exchange`. The answer is a {@link JoinTicket}.
 * 2. Open a socket.io connection to `ticket.mediaUrl` + {@link SIGNALLING_NAMESPACE}, path
 *    {@link SIGNALLING_PATH}, with `auth: { ticket: ticket.ticket, hearingId }` ({@link HandshakeAuth})
 *    and `transports: ['websocket']`. The ticket lives {@link JoinTicket.expiresAt} (a minute or
 *    two): give socket.io's `auth` as a function that fetches a fresh ticket, so that its automatic
 *    reconnection presents a live one.
 *    A refused handshake arrives as `connect_error` whose `data` is a {@link SignallingError}
 *    (`auth.ticket_invalid`, `auth.ticket_expired`, `hearing.ticket_for_other_hearing`,
 *    `hearing_link.revoked`, `hearing.participant_removed`, `hearing.closed`, ...).
 * 3. Within the join timeout (10 s by default) send `getRouterRtpCapabilities`, load the
 *    mediasoup-client Device, then send `join`. A connection that has not joined in time is
 *    told `sessionEnded { reason: 'join_timeout' }` and closed.
 * 4. Create a `send` and a `recv` transport (`createWebRtcTransport`, `connectWebRtcTransport`
 *    from the transports' `connect` events), then `produce` microphone and camera. Producing is
 *    allowed in the waiting room (testimony starts at once on admission); nobody receives it
 *    before admission.
 *
 * ## Requests and answers
 * `socket.emit(REQUEST_EVENT, { method, data }, ack)`; the ack receives an {@link Ack}:
 * `{ ok: true, data }` with the method's {@link ResponseOf} type, or
 * `{ ok: false, error: { code, message } }`. A refused request changes nothing.
 *
 * Flood control, per connection (the media node's MEDIA_SIGNALLING_* settings; by default 20
 * requests a second on average, bursts of 60, 32 unanswered at once): a request beyond them is
 * refused at once with `signalling.rate_limited` or `signalling.limit_reached` (wait, then send it
 * again), and the node stops reading the connection for a moment. A connection that keeps going
 * over the rate (10 s by default) gets `sessionEnded { reason: 'rate_limited' }`.
 *
 * ## Notifications
 * `socket.on(NOTIFICATION_EVENT, (n: ServerNotification) => ...)`, switching on `n.method`.
 * Every notification has already been filtered for this participant by the media policy: it
 * never names someone they may not learn about.
 *
 * ## Consuming (the order matters)
 * The server creates every consumer paused and sends `newConsumer`. Call
 * `recvTransport.consume(...)` with its fields, attach the track, then send `resumeConsumer`: the
 * server resumes it only after that acknowledgement, so no RTP is lost before the client can
 * decode it (and a keyframe is requested at that moment). `consumerClosed` may arrive at any
 * time (the policy forbade it): close the local consumer and remove the tile.
 *
 * ## Reconnecting
 * - Network change (ICE disconnected/failed): send `restartIce` for each transport and call
 *   `transport.restartIce({ iceParameters })`.
 * - `mediaReset`: the server lost the media process that carried this hearing and rebuilt the
 *   room elsewhere. Close both local transports and every local producer and consumer; create
 *   new transports and produce again. Participant state (admitted, muted, hand) is kept.
 * - Dropped socket: reconnect with a fresh ticket and `join` again within the grace period: the
 *   same participant state comes back (a muted participant stays muted).
 */
import type { types as msc } from 'mediasoup-client';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';

// ---------------------------------------------------------------------------------------------
// Transport-level constants
// ---------------------------------------------------------------------------------------------

/** The socket.io namespace of hearing rooms on a media node. */
export const SIGNALLING_NAMESPACE = '/hearing-room';
/** socket.io's HTTP path on the media node (the default). */
export const SIGNALLING_PATH = '/socket.io';
/** Event carrying client → server requests, answered through the socket.io ack. */
export const REQUEST_EVENT = 'request';
/** Event carrying server → client notifications. */
export const NOTIFICATION_EVENT = 'notification';

/** What the api answers to `POST /api/hearings/:hearingId/join-ticket`. */
export interface JoinTicket {
  /** Signed, short-lived, names one hearing, one participant and one media node. */
  readonly ticket: string;
  readonly expiresAt: string;
  readonly hearingId: string;
  readonly participantId: string;
  readonly hearingRole: HearingRole;
  /** Base URL of the media node (socket.io server) that carries this hearing. */
  readonly mediaUrl: string;
  readonly nodeId: string;
  readonly namespace: typeof SIGNALLING_NAMESPACE;
}

/** socket.io `auth` of the handshake. */
export interface HandshakeAuth {
  readonly ticket: string;
  /** The hearing the client means to join; a ticket for another hearing is refused. */
  readonly hearingId: string;
}

// ---------------------------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------------------------

export type RtpCapabilities = msc.RtpCapabilities;
export type RtpParameters = msc.RtpParameters;
export type DtlsParameters = msc.DtlsParameters;
export type IceParameters = msc.IceParameters;
export type IceCandidate = msc.IceCandidate;
export type SctpParameters = msc.SctpParameters;
export type SctpStreamParameters = msc.SctpStreamParameters;

/** What a producer carries: the policy's media kinds, named after the device. */
export const MEDIA_SOURCES = ['microphone', 'camera', 'screen'] as const;
export type MediaSource = (typeof MEDIA_SOURCES)[number];

export const TRANSPORT_DIRECTIONS = ['send', 'recv'] as const;
export type TransportDirection = (typeof TRANSPORT_DIRECTIONS)[number];

/**
 * One line of the participant list as this client may see it (the media policy's
 * ParticipantView). Fields the viewer may not know are absent, not blanked.
 */
export interface ParticipantView {
  readonly id: string;
  readonly role: HearingRole;
  /** The name this viewer may be shown (a real name or a pseudonym), or null: say the role ("the judge"). */
  readonly displayName: string | null;
  /** This line is the viewer. */
  readonly self: boolean;
  readonly state?: ParticipantState;
  /** Only to the bench and to fellow members of the same consultation. */
  readonly consultationId?: string;
  readonly muted?: boolean;
  /** Only to the bench and the asker. */
  readonly handRaised?: boolean;
  /** The bench stopped this camera and has not allowed it again (`allowCamera`): only to the bench and the person. */
  readonly cameraHeld?: boolean;
  /** The live-link location a witness gives evidence from (remote witness room order): to the bench only. */
  readonly remoteLocation?: string;
}

/** The hearing as a live participant sees it. Outsiders (waiting room) are not told its status. */
export interface HearingView {
  readonly id: string;
  readonly title: string;
  /** Present only for participants inside the hearing (admitted, in consultation). */
  readonly status?: HearingStatus;
  readonly roomLocked?: boolean;
  /** An order for evidence in private is in force: the public gallery receives nothing meanwhile. */
  readonly sittingInPrivate?: boolean;
  /**
   * Whether the court is recording. Told to everyone connected, the waiting room included: a
   * person learns that the hearing is recorded before the judge admits them.
   */
  readonly recording: RecordingState;
  /** The hearing's languages: the floor's, and the interpretation channels a listener may choose. */
  readonly interpretation: InterpretationView;
}

/**
 * The court's recording of the hearing. `running`: the judge started it (it records only while
 * the court sits, and never a private consultation); `paused`: the judge paused it; `off`: never
 * started, or stopped.
 */
export const RECORDING_STATES = ['off', 'running', 'paused'] as const;
export type RecordingState = (typeof RECORDING_STATES)[number];

/** Languages are BCP 47 tags, lower-case primary subtag ('fr', 'ar', 'en', 'ti', 'pt-br'). */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$/;

export interface InterpretationView {
  /** The language the court works in: what is said on the floor. */
  readonly floorLanguage: string;
  /** The languages an interpreter of this hearing renders the floor into (empty: no interpretation). */
  readonly channels: readonly string[];
}

/** An interpreter's own assignment and switch, as the server holds it. */
export interface InterpretingState {
  /** The channel this interpreter serves (the other language of their pair is the floor's). */
  readonly channel: string;
  /**
   * Consecutive interpretation: the interpreter speaks on the floor, heard by everyone. Otherwise
   * (simultaneous) their voice reaches only the listeners of `channel`.
   */
  readonly toFloor: boolean;
}

/**
 * The client's own microphone, as the server enforces it. `muted`: the server holds the audio
 * producer paused. `mayUnmute`: `setMuted { muted: false }` will be accepted — false after the
 * bench muted this participant, until the bench asks them to unmute (`unmuteRequested`).
 */
export interface SelfMediaState {
  readonly muted: boolean;
  readonly mayUnmute: boolean;
  readonly unmuteRequested: boolean;
  readonly handRaised: boolean;
  /** The bench stopped this participant's camera: it cannot be started again until the bench allows it. */
  readonly cameraHeld: boolean;
  /** The server stopped forwarding video to this client because its downlink is too weak. */
  readonly audioOnly: boolean;
  /**
   * The interpretation channel this participant listens to, or null for the floor. On a channel
   * they receive that channel's interpreter at full level and the floor, to be played lowered.
   */
  readonly listening: string | null;
  /** Present for an interpreter with an assignment: their channel and floor/channel switch. */
  readonly interpreting?: InterpretingState;
}

export const NETWORK_QUALITIES = ['good', 'fair', 'poor', 'unknown'] as const;
export type NetworkQuality = (typeof NETWORK_QUALITIES)[number];

export interface NetworkHealth {
  readonly participantId: string;
  readonly quality: NetworkQuality;
  /** Round-trip time between the media node and this participant, ms; null when not measured yet. */
  readonly rttMs: number | null;
  /** Share of packets lost in either direction over the last interval, 0..1; null when unknown. */
  readonly packetLoss: number | null;
  /** Bitrate the node estimates it can send to this participant, kbit/s; null when unknown. */
  readonly availableKbps: number | null;
}

// ---------------------------------------------------------------------------------------------
// Client → server requests
// ---------------------------------------------------------------------------------------------

type Empty = Record<string, never>;

export interface JoinResult {
  readonly self: ParticipantView;
  /** Everyone this participant may see, themselves included. */
  readonly participants: readonly ParticipantView[];
  readonly hearing: HearingView;
  readonly media: SelfMediaState;
  /** Whose voice dominates now, if this participant hears them. */
  readonly activeSpeakerId: string | null;
  /** Seconds a dropped connection may take to come back with its state. */
  readonly reconnectGraceSeconds: number;
}

export interface TransportOptions {
  readonly transportId: string;
  readonly direction: TransportDirection;
  readonly iceParameters: IceParameters;
  readonly iceCandidates: readonly IceCandidate[];
  readonly dtlsParameters: DtlsParameters;
  /** Receiving transports: for the warm-up data channel (`newDataConsumer`). */
  readonly sctpParameters?: SctpParameters;
}

/**
 * Every request: its `data` and what a successful ack carries. Requests marked (bench) are for
 * the judge, or a clerk acting for the judge; counsel may also open consultations.
 */
export interface RequestCatalogue {
  // --- session
  getRouterRtpCapabilities: { data: Empty; response: { routerRtpCapabilities: RtpCapabilities } };
  /** Enter the hearing: the bench goes straight in, everyone else to the waiting room. */
  join: { data: { rtpCapabilities: RtpCapabilities }; response: JoinResult };
  /** Leave for good (no grace period). The server closes the socket after answering. */
  leave: { data: Empty; response: Empty };
  /** The current list and state again (after a missed notification, or to resynchronise). */
  getRoomState: { data: Empty; response: Omit<JoinResult, 'reconnectGraceSeconds'> };

  // --- transports
  createWebRtcTransport: { data: { direction: TransportDirection }; response: TransportOptions };
  connectWebRtcTransport: { data: { transportId: string; dtlsParameters: DtlsParameters }; response: Empty };
  /** After a network change: new ICE credentials for `transport.restartIce()`. */
  restartIce: { data: { transportId: string }; response: { iceParameters: IceParameters } };

  // --- producing
  /**
   * `paused` in the answer is authoritative: a microphone produced while muted starts paused on
   * the server; pause the local producer to match. Video should be sent as three simulcast
   * layers (scaleResolutionDownBy 4, 2, 1).
   */
  produce: {
    data: { transportId: string; source: MediaSource; kind: 'audio' | 'video'; rtpParameters: RtpParameters };
    response: { producerId: string; paused: boolean };
  };
  closeProducer: { data: { producerId: string }; response: Empty };
  /** Camera or screen on hold. The microphone goes through `setMuted`. */
  pauseProducer: { data: { producerId: string }; response: Empty };
  resumeProducer: { data: { producerId: string }; response: Empty };
  /** Mute or unmute one's own microphone. Unmuting is refused while the bench holds the mute. */
  setMuted: { data: { muted: boolean }; response: SelfMediaState };

  // --- consuming
  /** Acknowledges a `newConsumer`: the server starts forwarding only now. */
  resumeConsumer: { data: { consumerId: string }; response: Empty };
  /** The tile is hidden (another page of the grid, a minimised window). */
  pauseConsumer: { data: { consumerId: string }; response: Empty };
  /**
   * The size, in device pixels, at which this video is shown; the server chooses the simulcast
   * layer from it and from the bandwidth towards this client. 0 × 0 = not visible.
   */
  setConsumerTileSize: { data: { consumerId: string; width: number; height: number }; response: Empty };

  // --- the floor
  raiseHand: { data: Empty; response: Empty };
  lowerHand: { data: Empty; response: Empty };
  /** "I need a break": a private signal to the judge alone (never to the courtroom). */
  requestBreak: { data: Empty; response: Empty };

  // --- interpretation
  /** Listen to the floor (null) or to one of the hearing's interpretation channels. */
  chooseChannel: { data: { channel: string | null }; response: SelfMediaState };
  /** Interpreters: speak on the floor (consecutive) or into their channel (simultaneous). */
  setInterpreterOutput: { data: { toFloor: boolean }; response: SelfMediaState };

  // --- the court's recording (the presiding judge)
  /** Starts, or resumes after a pause. It records only while the court sits. */
  startRecording: { data: Empty; response: { recording: RecordingState } };
  pauseRecording: { data: Empty; response: { recording: RecordingState } };
  /** Ends the recording: its last segments are finished and registered. */
  stopRecording: { data: Empty; response: { recording: RecordingState } };

  // --- the bench's controls
  admit: { data: { participantId: string }; response: Empty };
  sendToWaitingRoom: { data: { participantId: string }; response: Empty };
  removeParticipant: { data: { participantId: string }; response: Empty };
  muteParticipant: { data: { participantId: string }; response: Empty };
  askToUnmute: { data: { participantId: string }; response: Empty };
  /** The camera stays stopped until the bench allows it again (`allowCamera`). */
  stopCamera: { data: { participantId: string }; response: Empty };
  allowCamera: { data: { participantId: string }; response: Empty };
  /** Lowers the hands of the listed participants, or of everyone when the list is omitted. */
  lowerHands: { data: { participantIds?: readonly string[] }; response: Empty };
  /** Opens the sitting; also resumes after a recess, and starts a later sitting after an adjournment. */
  openHearing: { data: Empty; response: Empty };
  recessHearing: { data: Empty; response: Empty };
  /** A recess called for a witness who asked for a break: she and her supporters wait in a private room until the judge resumes. */
  recessForWitness: { data: { participantId: string }; response: { consultationId: string } };
  /** Ends this sitting; the hearing continues another day. Everyone is disconnected. */
  adjournHearing: { data: Empty; response: Empty };
  /** Ends the hearing for good. Everyone is disconnected. */
  closeHearing: { data: Empty; response: Empty };
  /**
   * A locked room takes nobody new: only people already in the waiting room or inside, or
   * reconnecting within the grace period, may (re)join; the bench may always join. Admitting
   * from the waiting room still works.
   */
  setRoomLock: { data: { locked: boolean }; response: Empty };

  // --- private consultations (the judge or counsel)
  /** Moves the opener and the listed participants (all inside the hearing) into a new private room. */
  openConsultation: { data: { memberIds: readonly string[] }; response: { consultationId: string } };
  addToConsultation: { data: { consultationId: string; participantId: string }; response: Empty };
  /** Back to the courtroom. The room closes when its last member leaves. */
  leaveConsultation: { data: Empty; response: Empty };
  /** The opener or the bench: everyone back to the courtroom. */
  closeConsultation: { data: { consultationId: string }; response: Empty };
}

export type RequestMethod = keyof RequestCatalogue;
export type RequestDataOf<M extends RequestMethod> = RequestCatalogue[M]['data'];
export type ResponseOf<M extends RequestMethod> = RequestCatalogue[M]['response'];

/** One request as sent on {@link REQUEST_EVENT}: a union discriminated by `method`. */
export type ClientRequest = { [M in RequestMethod]: { readonly method: M; readonly data: RequestDataOf<M> } }[RequestMethod];

export interface SignallingError {
  readonly code: SignallingErrorCode;
  /** A sentence the person can act on (English; the UI translates by `code`). */
  readonly message: string;
}

export type Ack<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: SignallingError };

export const REQUEST_METHODS: readonly RequestMethod[] = [
  'getRouterRtpCapabilities',
  'join',
  'leave',
  'getRoomState',
  'createWebRtcTransport',
  'connectWebRtcTransport',
  'restartIce',
  'produce',
  'closeProducer',
  'pauseProducer',
  'resumeProducer',
  'setMuted',
  'resumeConsumer',
  'pauseConsumer',
  'setConsumerTileSize',
  'raiseHand',
  'lowerHand',
  'admit',
  'sendToWaitingRoom',
  'removeParticipant',
  'muteParticipant',
  'askToUnmute',
  'stopCamera',
  'allowCamera',
  'requestBreak',
  'chooseChannel',
  'setInterpreterOutput',
  'startRecording',
  'pauseRecording',
  'stopRecording',
  'lowerHands',
  'openHearing',
  'recessHearing',
  'recessForWitness',
  'adjournHearing',
  'closeHearing',
  'setRoomLock',
  'openConsultation',
  'addToConsultation',
  'leaveConsultation',
  'closeConsultation',
];

// ---------------------------------------------------------------------------------------------
// Server → client notifications
// ---------------------------------------------------------------------------------------------

export const SESSION_END_REASONS = [
  'removed',
  'hearing_adjourned',
  'hearing_closed',
  'replaced',
  'join_timeout',
  'left',
  'token_revoked',
  /** The connection kept sending far more requests than any client needs, and was closed. */
  'rate_limited',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export interface NewConsumer {
  readonly consumerId: string;
  readonly producerId: string;
  /** Whose media this is. */
  readonly participantId: string;
  readonly source: MediaSource;
  readonly kind: 'audio' | 'video';
  readonly rtpParameters: RtpParameters;
  /** 'simulcast' for cameras sending layers. */
  readonly type: 'simple' | 'simulcast' | 'svc' | 'pipe';
  /** The sender holds it paused (muted microphone, camera on hold): show a placeholder. */
  readonly producerPaused: boolean;
  /**
   * The interpretation channel this audio belongs to (an interpreter speaking into it), or null
   * for the floor. A listener on a channel plays the floor lowered and the channel at full level.
   */
  readonly channel: string | null;
}

/**
 * A data channel to consume on the receiving transport as soon as it exists. It carries nothing:
 * consuming it makes the transport connect (ICE, DTLS) while the participant waits, so media
 * starts the moment they are admitted instead of after a handshake.
 */
export interface NewDataConsumer {
  readonly dataConsumerId: string;
  readonly dataProducerId: string;
  readonly sctpStreamParameters: SctpStreamParameters;
  readonly label: string;
  readonly protocol: string;
}

export interface NotificationCatalogue {
  /** Exactly what changed in this participant's list (their own line included). */
  participantsChanged: {
    readonly appeared: readonly ParticipantView[];
    readonly changed: readonly ParticipantView[];
    readonly disappeared: readonly string[];
  };
  /** Status or lock changed (only sent to participants inside the hearing). */
  hearingChanged: { readonly status: HearingStatus; readonly roomLocked: boolean; readonly sittingInPrivate: boolean };
  /** The recording started, paused or stopped: sent to everyone connected, the waiting room included. */
  recordingChanged: { readonly recording: RecordingState };
  /** To the judge alone: this participant asked, privately, for a break. */
  breakRequested: { readonly participantId: string };
  /** The client's own microphone and hand, as the server holds them (after a bench action too). */
  selfMediaState: SelfMediaState;
  newConsumer: NewConsumer;
  newDataConsumer: NewDataConsumer;
  consumerClosed: { readonly consumerId: string };
  consumerPaused: { readonly consumerId: string; readonly reason: 'producer_paused' | 'audio_only' };
  consumerResumed: { readonly consumerId: string };
  consumerLayersChanged: { readonly consumerId: string; readonly spatialLayer: number | null; readonly temporalLayer: number | null };
  /** The server closed one of the client's producers: close the local one and stop its track. */
  producerClosed: { readonly producerId: string; readonly reason: 'stopped_by_bench' | 'not_allowed' };
  /** The dominant speaker among those this participant hears; null when nobody is speaking. */
  activeSpeaker: { readonly participantId: string | null };
  /** Per participant: sent to that participant and to the bench. */
  networkHealth: NetworkHealth;
  /** Video forwarding to this client stopped (weak downlink) or came back. */
  audioOnly: { readonly enabled: boolean };
  /** Rebuild transports and produce again (see "Reconnecting"). */
  mediaReset: { readonly reason: 'media_worker_failed' };
  /** The server is about to close this connection. Do not reconnect automatically. */
  sessionEnded: { readonly reason: SessionEndReason; readonly code: SignallingErrorCode; readonly message: string };
}

export type NotificationMethod = keyof NotificationCatalogue;
export type NotificationDataOf<M extends NotificationMethod> = NotificationCatalogue[M];
/** One notification as sent on {@link NOTIFICATION_EVENT}: a union discriminated by `method`. */
export type ServerNotification = {
  [M in NotificationMethod]: { readonly method: M; readonly data: NotificationDataOf<M> };
}[NotificationMethod];

export const NOTIFICATION_METHODS: readonly NotificationMethod[] = [
  'participantsChanged',
  'hearingChanged',
  'recordingChanged',
  'breakRequested',
  'selfMediaState',
  'newConsumer',
  'newDataConsumer',
  'consumerClosed',
  'consumerPaused',
  'consumerResumed',
  'consumerLayersChanged',
  'producerClosed',
  'activeSpeaker',
  'networkHealth',
  'audioOnly',
  'mediaReset',
  'sessionEnded',
];

// ---------------------------------------------------------------------------------------------
// Error codes
// ---------------------------------------------------------------------------------------------

/** Every code an ack, a refused handshake or `sessionEnded` may carry. Stable: clients translate them. */
export const SIGNALLING_ERROR_CODES = [
  // handshake
  'auth.ticket_missing',
  'auth.ticket_invalid',
  'auth.ticket_expired',
  'auth.ticket_wrong_node',
  'hearing.ticket_for_other_hearing',
  'hearing_link.revoked',
  'hearing.not_found',
  'hearing.closed',
  'hearing.participant_removed',
  'hearing.room_locked',
  'hearing.attendance_not_allowed',
  // handshake, and a live connection re-checked after the court's administrator acted
  'auth.account_disabled',
  'auth.role_withdrawn',
  // request shape and protocol order
  'signalling.invalid_request',
  'signalling.unknown_method',
  'signalling.not_joined',
  'signalling.already_joined',
  'signalling.join_timeout',
  'signalling.session_replaced',
  'signalling.left',
  // flood control: a request refused at once, before it costs the room anything
  'signalling.rate_limited',
  'signalling.limit_reached',
  // authorisation and state of the room
  'room.forbidden',
  'room.not_allowed_now',
  'room.participant_not_found',
  'room.not_inside',
  'room.hearing_adjourned',
  'room.hearing_closed',
  'room.removed',
  'consultation.not_found',
  'consultation.forbidden',
  'consultation.member_not_available',
  // interpretation and recording
  'interpretation.unknown_channel',
  'interpretation.not_interpreter',
  'recording.not_allowed_now',
  'recording.unavailable',
  // media
  'media.transport_not_found',
  'media.producer_not_found',
  'media.consumer_not_found',
  'media.produce_forbidden',
  'media.already_producing',
  'media.unmute_forbidden',
  'media.camera_held',
  'media.cannot_consume',
  'media.unavailable',
  'internal_error',
] as const;
export type SignallingErrorCode = (typeof SIGNALLING_ERROR_CODES)[number];

export function isSignallingErrorCode(value: unknown): value is SignallingErrorCode {
  return typeof value === 'string' && (SIGNALLING_ERROR_CODES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Validators (hand-written, so the browser needs no extra library)
// ---------------------------------------------------------------------------------------------

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SignallingError; readonly fields: readonly FieldProblem[] };

type Check = (data: Record<string, unknown>, problems: FieldProblem[]) => void;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Grid tiles are never larger than an 8K screen; anything above is a malformed report. */
const MAX_TILE_PIXELS = 8192;
/** A consultation is a small private room; the bench can open another one. */
const MAX_CONSULTATION_MEMBERS = 20;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

const checks = {
  uuid:
    (field: string): Check =>
    (data, problems) => {
      if (!isUuid(data[field])) problems.push({ field, message: `${field} must be an id` });
    },
  object:
    (field: string): Check =>
    (data, problems) => {
      if (!isRecord(data[field])) problems.push({ field, message: `${field} must be an object` });
    },
  boolean:
    (field: string): Check =>
    (data, problems) => {
      if (typeof data[field] !== 'boolean') problems.push({ field, message: `${field} must be true or false` });
    },
  oneOf:
    (field: string, allowed: readonly string[]): Check =>
    (data, problems) => {
      if (typeof data[field] !== 'string' || !allowed.includes(data[field] as string)) {
        problems.push({ field, message: `${field} must be one of ${allowed.join(', ')}` });
      }
    },
  pixels:
    (field: string): Check =>
    (data, problems) => {
      const v = data[field];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_TILE_PIXELS) {
        problems.push({ field, message: `${field} must be a whole number of pixels from 0 to ${MAX_TILE_PIXELS}` });
      }
    },
  uuidList:
    (field: string, { optional, min, max }: { optional: boolean; min: number; max: number }): Check =>
    (data, problems) => {
      const v = data[field];
      if (v === undefined && optional) return;
      if (!Array.isArray(v) || v.length < min || v.length > max || !v.every(isUuid) || new Set(v).size !== v.length) {
        problems.push({ field, message: `${field} must be a list of ${min} to ${max} different ids` });
      }
    },
};

/** Per method: the fields its data must have. Unknown fields are refused, as at the REST edge. */
const REQUEST_SHAPES: { readonly [M in RequestMethod]: { readonly fields: readonly string[]; readonly checks: readonly Check[] } } = {
  getRouterRtpCapabilities: { fields: [], checks: [] },
  join: { fields: ['rtpCapabilities'], checks: [checks.object('rtpCapabilities')] },
  leave: { fields: [], checks: [] },
  getRoomState: { fields: [], checks: [] },
  createWebRtcTransport: { fields: ['direction'], checks: [checks.oneOf('direction', TRANSPORT_DIRECTIONS)] },
  connectWebRtcTransport: {
    fields: ['transportId', 'dtlsParameters'],
    checks: [checks.uuid('transportId'), checks.object('dtlsParameters')],
  },
  restartIce: { fields: ['transportId'], checks: [checks.uuid('transportId')] },
  produce: {
    fields: ['transportId', 'source', 'kind', 'rtpParameters'],
    checks: [
      checks.uuid('transportId'),
      checks.oneOf('source', MEDIA_SOURCES),
      checks.oneOf('kind', ['audio', 'video']),
      checks.object('rtpParameters'),
      (data, problems) => {
        const expected = data.source === 'microphone' ? 'audio' : 'video';
        if (MEDIA_SOURCES.includes(data.source as MediaSource) && data.kind !== expected) {
          problems.push({ field: 'kind', message: `a ${String(data.source)} sends ${expected}` });
        }
      },
    ],
  },
  closeProducer: { fields: ['producerId'], checks: [checks.uuid('producerId')] },
  pauseProducer: { fields: ['producerId'], checks: [checks.uuid('producerId')] },
  resumeProducer: { fields: ['producerId'], checks: [checks.uuid('producerId')] },
  setMuted: { fields: ['muted'], checks: [checks.boolean('muted')] },
  resumeConsumer: { fields: ['consumerId'], checks: [checks.uuid('consumerId')] },
  pauseConsumer: { fields: ['consumerId'], checks: [checks.uuid('consumerId')] },
  setConsumerTileSize: {
    fields: ['consumerId', 'width', 'height'],
    checks: [checks.uuid('consumerId'), checks.pixels('width'), checks.pixels('height')],
  },
  raiseHand: { fields: [], checks: [] },
  lowerHand: { fields: [], checks: [] },
  admit: { fields: ['participantId'], checks: [checks.uuid('participantId')] },
  sendToWaitingRoom: { fields: ['participantId'], checks: [checks.uuid('participantId')] },
  removeParticipant: { fields: ['participantId'], checks: [checks.uuid('participantId')] },
  muteParticipant: { fields: ['participantId'], checks: [checks.uuid('participantId')] },
  askToUnmute: { fields: ['participantId'], checks: [checks.uuid('participantId')] },
  stopCamera: { fields: ['participantId'], checks: [checks.uuid('participantId')] },
  allowCamera: { fields: ['participantId'], checks: [checks.uuid('participantId')] },
  requestBreak: { fields: [], checks: [] },
  chooseChannel: {
    fields: ['channel'],
    checks: [
      (data, problems) => {
        const v = data.channel;
        if (v !== null && (typeof v !== 'string' || !LANGUAGE_TAG.test(v))) {
          problems.push({ field: 'channel', message: 'channel must be null (the floor) or a language tag such as "fr"' });
        }
      },
    ],
  },
  setInterpreterOutput: { fields: ['toFloor'], checks: [checks.boolean('toFloor')] },
  startRecording: { fields: [], checks: [] },
  pauseRecording: { fields: [], checks: [] },
  stopRecording: { fields: [], checks: [] },
  lowerHands: { fields: ['participantIds'], checks: [checks.uuidList('participantIds', { optional: true, min: 1, max: 500 })] },
  openHearing: { fields: [], checks: [] },
  recessHearing: { fields: [], checks: [] },
  recessForWitness: { fields: ['participantId'], checks: [checks.uuid('participantId')] },
  adjournHearing: { fields: [], checks: [] },
  closeHearing: { fields: [], checks: [] },
  setRoomLock: { fields: ['locked'], checks: [checks.boolean('locked')] },
  openConsultation: {
    fields: ['memberIds'],
    checks: [checks.uuidList('memberIds', { optional: false, min: 1, max: MAX_CONSULTATION_MEMBERS })],
  },
  addToConsultation: { fields: ['consultationId', 'participantId'], checks: [checks.uuid('consultationId'), checks.uuid('participantId')] },
  leaveConsultation: { fields: [], checks: [] },
  closeConsultation: { fields: ['consultationId'], checks: [checks.uuid('consultationId')] },
};

export function isRequestMethod(value: unknown): value is RequestMethod {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REQUEST_SHAPES, value);
}

/**
 * Checks one raw request from the wire: a known method, a data object with exactly the fields the
 * method takes, each well-formed. Deep media parameters (rtpParameters, dtlsParameters,
 * rtpCapabilities) are only checked to be objects here; mediasoup validates them in depth.
 */
export function parseClientRequest(raw: unknown): ParseResult<ClientRequest> {
  if (!isRecord(raw)) return invalid('signalling.invalid_request', 'A request must be an object with a method and data.', []);
  if (!isRequestMethod(raw.method)) {
    return invalid('signalling.unknown_method', `There is no request called ${JSON.stringify(String(raw.method)).slice(0, 60)}.`, [
      { field: 'method', message: 'unknown method' },
    ]);
  }
  const data = raw.data === undefined ? {} : raw.data;
  if (!isRecord(data))
    return invalid('signalling.invalid_request', 'The request data must be an object.', [{ field: 'data', message: 'must be an object' }]);
  const shape = REQUEST_SHAPES[raw.method];
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(data)) {
    if (!shape.fields.includes(key)) problems.push({ field: key, message: `${key} is not expected` });
  }
  for (const check of shape.checks) check(data, problems);
  if (problems.length > 0) {
    return invalid(
      'signalling.invalid_request',
      `The ${raw.method} request has ${problems.length} invalid field${problems.length === 1 ? '' : 's'}.`,
      problems,
    );
  }
  return { ok: true, value: { method: raw.method, data } as ClientRequest };
}

/** A shallow check of a notification from the wire, for clients that want to be defensive. */
export function isServerNotification(raw: unknown): raw is ServerNotification {
  return (
    isRecord(raw) &&
    typeof raw.method === 'string' &&
    (NOTIFICATION_METHODS as readonly string[]).includes(raw.method) &&
    isRecord(raw.data)
  );
}

/** Whether an ack from the wire has the catalogue's shape. */
export function isAck(raw: unknown): raw is Ack<unknown> {
  if (!isRecord(raw)) return false;
  if (raw.ok === true) return 'data' in raw;
  return raw.ok === false && isRecord(raw.error) && typeof raw.error.code === 'string' && typeof raw.error.message === 'string';
}

function invalid(code: SignallingErrorCode, message: string, fields: readonly FieldProblem[]): ParseResult<never> {
  return { ok: false, error: { code, message }, fields };
}

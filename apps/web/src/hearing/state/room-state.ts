import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import type {
  HearingView,
  JoinResult,
  MediaSource,
  NetworkHealth,
  ParticipantView,
  RecordingState,
  SelfMediaState,
  SessionEndReason,
} from '@ejustice/hearings/signalling/signalling-messages';
import { recordingAnnouncement } from '../recording/recording';
import { isBench, isReceiveOnly } from './role-lists';

/**
 * The hearing room as this browser knows it, and the one function that changes it.
 *
 * Everything here is what the server said: who is visible (the server filters the list through
 * media-policy), this participant's own state and microphone, the hearing's status, the media the
 * server chose to send. The UI never infers permission from it (a button may be left out for
 * tidiness, but the server refuses what is not allowed); it shows it, and says what changed in
 * words through `announcement`, for the live region.
 */

export type { MediaSource, ParticipantView };
export { isBench };

/**
 * A track the server is sending us: one participant's microphone, camera or screen. One of our
 * own (`participantId` is our id) is the self-preview: under an anonymity order the server sends
 * a witness her own anonymised picture and voice, as everyone not entitled to know her receives
 * them (see `selfPreview` in room-view).
 */
export interface RemoteMedia {
  readonly consumerId: string;
  readonly participantId: string;
  readonly source: MediaSource;
  readonly track: MediaStreamTrack;
  /** Not flowing (the sender paused it, or video is held back for audio-only): show no frozen picture. */
  readonly paused: boolean;
  /** The interpretation channel this audio belongs to (an interpreter speaking into it), or null for the floor. */
  readonly channel: string | null;
}

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'ended';

/**
 * Why this browser is no longer in the room: the server's reasons, plus `refused` (the
 * handshake or the join was refused, see `endCode`) and `failed` (the connection could not be
 * brought back).
 */
export type EndReason = SessionEndReason | 'refused' | 'failed';

/** A sentence for the live region: a key under `room.announce.` and its values. */
export interface Announcement {
  readonly seq: number;
  readonly key: string;
  readonly values?: Readonly<Record<string, string>>;
  /** Urgent ones interrupt the screen reader (assertive); the rest wait their turn (polite). */
  readonly urgent: boolean;
}

/** A participant told the judge, privately, that they need a break (the judge's console only). */
export interface BreakRequest {
  readonly participantId: string;
  /** When this browser received it (ISO 8601), for "at 10:32" in the alert. */
  readonly at: string;
}

export interface RoomState {
  readonly connection: ConnectionStatus;
  readonly endReason: EndReason | null;
  /** The server's error code for the end or the refusal, for the sentence. */
  readonly endCode: string | null;
  /** Our own line of the list (role, state, consultation). */
  readonly self: ParticipantView | null;
  /** Status and lock are absent while we are outside the room: the server does not tell them. */
  readonly hearing: HearingView | null;
  /** In the order the server listed them; appearances are appended. */
  readonly participants: readonly ParticipantView[];
  readonly media: readonly RemoteMedia[];
  readonly activeSpeakerId: string | null;
  /** Our microphone, hand, audio-only and whether the court holds our camera, as the server holds them. */
  readonly selfMedia: SelfMediaState;
  /** Our camera is on hold (by us), or was stopped by the court (then `selfMedia.cameraHeld`). */
  readonly cameraOff: boolean;
  readonly sharingScreen: boolean;
  /** Network health per participant (ourselves, and everyone for the bench), as the server measures it. */
  readonly network: Readonly<Record<string, NetworkHealth>>;
  /** The judge: requests for a break not yet dismissed, newest first, one per participant. */
  readonly breakRequests: readonly BreakRequest[];
  /** We asked for a break and the server passed it on to the judge (until we move or the sitting changes). */
  readonly breakAsked: boolean;
  readonly announcement: Announcement | null;
}

export const INITIAL_SELF_MEDIA: SelfMediaState = {
  muted: true,
  mayUnmute: true,
  unmuteRequested: false,
  handRaised: false,
  cameraHeld: false,
  audioOnly: false,
  listening: null,
};

export const initialRoomState: RoomState = {
  connection: 'connecting',
  endReason: null,
  endCode: null,
  self: null,
  hearing: null,
  participants: [],
  media: [],
  activeSpeakerId: null,
  selfMedia: INITIAL_SELF_MEDIA,
  cameraOff: false,
  sharingScreen: false,
  network: {},
  breakRequests: [],
  breakAsked: false,
  announcement: null,
};

export type RoomEvent =
  /** The join (or a resynchronisation with getRoomState) was answered. */
  | { type: 'joined'; result: Omit<JoinResult, 'reconnectGraceSeconds'> }
  | {
      type: 'participants-changed';
      appeared: readonly ParticipantView[];
      changed: readonly ParticipantView[];
      disappeared: readonly string[];
    }
  | { type: 'hearing-changed'; status: NonNullable<HearingView['status']>; roomLocked: boolean; sittingInPrivate: boolean }
  /** The presiding judge started, paused or stopped the recording (told in the waiting room too). */
  | { type: 'recording-changed'; recording: RecordingState }
  | { type: 'self-media'; media: SelfMediaState }
  | { type: 'media-added'; media: RemoteMedia }
  | { type: 'media-removed'; consumerId: string }
  | { type: 'media-paused'; consumerId: string; paused: boolean }
  | { type: 'active-speaker'; participantId: string | null }
  | { type: 'network-health'; health: NetworkHealth }
  /** The server closed one of our producers. */
  | { type: 'producer-closed'; source: MediaSource; reason: 'stopped_by_bench' | 'not_allowed' }
  /** Our own camera and screen as we set them (and the server accepted). */
  | { type: 'camera'; off: boolean }
  | { type: 'screen'; sharing: boolean }
  /** The server passed our "I need a break" on to the judge. */
  | { type: 'break-asked' }
  /** The judge: someone asked for a break (`at`: when it arrived, stamped by the session). */
  | { type: 'break-requested'; participantId: string; at: string }
  | { type: 'break-dismissed'; participantId: string }
  | { type: 'connection-lost' }
  /** The media node rebuilt the room: local media is being set up again. */
  | { type: 'media-reset' }
  | { type: 'ended'; reason: EndReason; code?: string | null }
  /** Something the person should hear that changes nothing else (an action was refused...). */
  | { type: 'announce'; key: string; values?: Record<string, string>; urgent?: boolean };

function announce(state: RoomState, key: string, urgent = false, values?: Record<string, string>): Announcement {
  return { seq: (state.announcement?.seq ?? 0) + 1, key, values, urgent };
}

const INSIDE: readonly (ParticipantState | undefined)[] = ['admitted', 'in_consultation'];

/** Inside the hearing (courtroom or a consultation room): the only states that see and are seen. */
export function isInsideState(state: ParticipantState | undefined): boolean {
  return INSIDE.includes(state);
}

export function isInside(state: RoomState): boolean {
  return isInsideState(state.self?.state);
}

/**
 * Where media can reach a participant in this state: inside the hearing, or the waiting room.
 * The waiting room receives only what the media policy allows there (a waiting witness and the
 * supporter her order links to her, from each other); the server enforces it, and the browser
 * shows what it is sent there without second-guessing roles. Anywhere else (invited,
 * disconnected, removed, not joined yet) nothing may arrive.
 */
function mediaPlace(state: ParticipantState | undefined): 'inside' | 'waiting' | null {
  if (isInsideState(state)) return 'inside';
  return state === 'waiting' ? 'waiting' : null;
}

/** Whether media the server sends is shown and played now (inside, or in the waiting room). */
export function receivesMedia(state: RoomState): boolean {
  return mediaPlace(state.self?.state) !== null;
}

/** The public gallery while the court sits in private: it receives nothing and sees nobody. */
export function galleryExcluded(state: RoomState): boolean {
  return isReceiveOnly(state.self?.role) && state.hearing?.sittingInPrivate === true;
}

/** What to tell a person whose own state moved from `previous` to `next`. */
function selfStateAnnouncement(previous: ParticipantState | undefined, next: ParticipantState | undefined): string | null {
  if (previous === next || next === undefined) return null;
  switch (next) {
    case 'waiting':
      return isInsideState(previous) ? 'sentBack' : 'waiting';
    case 'admitted':
      return previous === 'in_consultation' ? 'consultationLeft' : 'admitted';
    case 'in_consultation':
      return 'consultationJoined';
    case 'removed':
      return 'removed';
    default:
      return null;
  }
}

/** Applies a change of our own line: state, consultation, the media we may keep. */
function withSelf(state: RoomState, self: ParticipantView): RoomState {
  const previous = state.self?.state;
  const key = selfStateAnnouncement(previous, self.state);
  const inside = isInsideState(self.state);
  const movedRoom = previous !== self.state || state.self?.consultationId !== self.consultationId;
  // Through the door (waiting room and hearing, either way) nothing received comes along: no
  // consumer is allowed on both sides, and the server closes them before it sends the list that
  // moves us. Between rooms inside (courtroom and consultation) it closes what became forbidden;
  // the grid shows only the room we are in. Elsewhere nothing may be shown, whatever arrives late.
  // Our own preview is the exception: the server keeps it on both sides of the door.
  const place = mediaPlace(self.state);
  const keepsMedia = place !== null && place === mediaPlace(previous);
  const ownPreview = place === null ? [] : state.media.filter((media) => media.participantId === self.id);
  return {
    ...state,
    self,
    media: keepsMedia ? state.media : ownPreview,
    activeSpeakerId: keepsMedia && !movedRoom ? state.activeSpeakerId : null,
    sharingScreen: inside ? state.sharingScreen : false,
    // Told once: a new room (admitted, sent back, a consultation) is a fresh start.
    breakAsked: previous === self.state ? state.breakAsked : false,
    // Leaving the room the status is no longer ours to know; that the court records, and in which
    // languages, is told in the waiting room too.
    hearing:
      inside || !state.hearing
        ? state.hearing
        : {
            id: state.hearing.id,
            title: state.hearing.title,
            recording: state.hearing.recording,
            interpretation: state.hearing.interpretation,
          },
    announcement: key ? announce(state, key, self.state === 'admitted' || self.state === 'removed') : state.announcement,
  };
}

function selfMediaAnnouncement(
  before: SelfMediaState,
  after: SelfMediaState,
  receiveOnly: boolean,
): { key: string; urgent: boolean } | null {
  // The public gallery has no microphone or camera: nothing about them is news to it.
  if (!receiveOnly) {
    if (before.mayUnmute && !after.mayUnmute) return { key: 'mutedByCourt', urgent: true };
    if (!before.unmuteRequested && after.unmuteRequested) return { key: 'unmuteRequested', urgent: true };
    if (!before.cameraHeld && after.cameraHeld) return { key: 'cameraStopped', urgent: true };
    if (before.cameraHeld && !after.cameraHeld) return { key: 'cameraAllowed', urgent: false };
  }
  if (before.audioOnly !== after.audioOnly) return { key: after.audioOnly ? 'audioOnly' : 'videoBack', urgent: false };
  if (before.handRaised && !after.handRaised) return { key: 'handLowered', urgent: false };
  return null;
}

export function roomReducer(state: RoomState, event: RoomEvent): RoomState {
  switch (event.type) {
    case 'joined': {
      const { result } = event;
      const rejoined = state.connection === 'reconnecting';
      const base: RoomState = {
        ...state,
        connection: 'connected',
        endReason: null,
        endCode: null,
        hearing: result.hearing,
        participants: result.participants,
        selfMedia: result.media,
        // A camera the court holds stays off, whatever this page did before.
        cameraOff: result.media.cameraHeld || state.cameraOff,
        activeSpeakerId: result.activeSpeakerId,
      };
      const next = withSelf(base, result.self);
      if (rejoined) return { ...next, announcement: announce(state, 'reconnected') };
      // First join: say where the person is, even though no state "changed".
      if (state.self === null) {
        let key = result.self.state === 'waiting' ? 'waiting' : isInsideState(result.self.state) ? 'entered' : null;
        if (key === 'entered' && galleryExcluded(next)) key = 'enteredInPrivate';
        return { ...next, announcement: key ? announce(state, key) : next.announcement };
      }
      return next;
    }
    case 'participants-changed': {
      const changed = new Map(event.changed.map((view) => [view.id, view]));
      const gone = new Set(event.disappeared);
      const kept = state.participants.filter((view) => !gone.has(view.id)).map((view) => changed.get(view.id) ?? view);
      const known = new Set(kept.map((view) => view.id));
      const participants = [...kept, ...event.appeared.filter((view) => !known.has(view.id))];
      const network = { ...state.network };
      for (const id of gone) delete network[id];
      const next: RoomState = {
        ...state,
        participants,
        // The media of someone we may no longer see goes with them (the server closes it too).
        media: state.media.filter((media) => !gone.has(media.participantId)),
        activeSpeakerId: state.activeSpeakerId && gone.has(state.activeSpeakerId) ? null : state.activeSpeakerId,
        network,
        breakRequests: gone.size > 0 ? state.breakRequests.filter((request) => !gone.has(request.participantId)) : state.breakRequests,
      };
      const self = participants.find((view) => view.self);
      return self && self !== state.self ? withSelf(next, self) : next;
    }
    case 'hearing-changed': {
      if (!state.hearing) return state;
      const statusChanged = state.hearing.status !== event.status;
      const lockChanged = (state.hearing.roomLocked ?? false) !== event.roomLocked;
      const privacyChanged = (state.hearing.sittingInPrivate ?? false) !== event.sittingInPrivate;
      if (!statusChanged && !lockChanged && !privacyChanged) return state;
      const hearing = { ...state.hearing, status: event.status, roomLocked: event.roomLocked, sittingInPrivate: event.sittingInPrivate };
      const gallery = isReceiveOnly(state.self?.role);
      // Learning the status on coming inside is not news: the admission was just announced, and
      // a second urgent sentence would cut it off before a screen reader has finished it. The
      // gallery admitted while the court sits in private hears both in one sentence instead.
      const firstLearned = state.hearing.status === undefined;
      let announcement = state.announcement;
      if (firstLearned) {
        if (gallery && event.sittingInPrivate && state.announcement?.key === 'admitted') {
          announcement = announce(state, 'admittedInPrivate', true);
        }
      } else if (gallery && privacyChanged) {
        // What the gallery most needs to know: why the screen went empty, or that it is back.
        announcement = announce(state, event.sittingInPrivate ? 'galleryPrivate' : 'galleryPublic', true);
      } else if (statusChanged) {
        announcement = announce(state, `status.${event.status}`, true);
      } else if (privacyChanged) {
        announcement = announce(state, event.sittingInPrivate ? 'sittingInPrivate' : 'sittingInPublic');
      } else if (lockChanged) {
        announcement = announce(state, event.roomLocked ? 'locked' : 'unlocked');
      }
      return {
        ...state,
        hearing,
        announcement,
        // A new stage of the sitting answers an earlier "I need a break"; a recess answers every one.
        breakAsked: statusChanged ? false : state.breakAsked,
        breakRequests: statusChanged && event.status === 'in_recess' ? [] : state.breakRequests,
      };
    }
    case 'recording-changed': {
      if (!state.hearing) return state;
      const key = recordingAnnouncement(state.hearing.recording, event.recording);
      if (key === null) return state;
      // Polite: it matters (what one says is now on the record) but must not cut a sentence off.
      return { ...state, hearing: { ...state.hearing, recording: event.recording }, announcement: announce(state, key) };
    }
    case 'self-media': {
      const said = selfMediaAnnouncement(state.selfMedia, event.media, isReceiveOnly(state.self?.role));
      return {
        ...state,
        selfMedia: event.media,
        cameraOff: event.media.cameraHeld || state.cameraOff,
        announcement: said ? announce(state, said.key, said.urgent) : state.announcement,
      };
    }
    case 'media-added':
      // Inside, or in the waiting room: there the server sends only what the policy allows (a
      // witness and her supporter), so it is shown as sent. Anywhere else it would be a server
      // fault: never show it; nor after the end.
      if (!receivesMedia(state) || state.connection === 'ended') return state;
      return { ...state, media: [...state.media.filter((media) => media.consumerId !== event.media.consumerId), event.media] };
    case 'media-removed':
      return { ...state, media: state.media.filter((media) => media.consumerId !== event.consumerId) };
    case 'media-paused':
      return {
        ...state,
        media: state.media.map((media) => (media.consumerId === event.consumerId ? { ...media, paused: event.paused } : media)),
      };
    case 'active-speaker':
      return event.participantId === state.activeSpeakerId ? state : { ...state, activeSpeakerId: event.participantId };
    case 'network-health':
      return { ...state, network: { ...state.network, [event.health.participantId]: event.health } };
    case 'producer-closed':
      if (event.source === 'camera') {
        // Stopped by the bench means held: the server refuses the camera until the bench allows
        // it (it sends selfMediaState only when it does).
        const byCourt = event.reason === 'stopped_by_bench';
        return {
          ...state,
          cameraOff: true,
          selfMedia: byCourt ? { ...state.selfMedia, cameraHeld: true } : state.selfMedia,
          announcement: announce(state, byCourt ? 'cameraStopped' : 'cameraRefused', true),
        };
      }
      if (event.source === 'screen') return { ...state, sharingScreen: false, announcement: announce(state, 'screenStopped', true) };
      return { ...state, announcement: announce(state, 'microphoneRefused', true) };
    case 'camera':
      return { ...state, cameraOff: event.off };
    case 'screen':
      return { ...state, sharingScreen: event.sharing };
    case 'break-asked':
      // Quietly: only this person hears it; nothing changes for anyone else in the room.
      return { ...state, breakAsked: true, announcement: announce(state, 'breakAsked') };
    case 'break-requested': {
      const view = state.participants.find((participant) => participant.id === event.participantId);
      const others = state.breakRequests.filter((request) => request.participantId !== event.participantId);
      return {
        ...state,
        breakRequests: [{ participantId: event.participantId, at: event.at }, ...others],
        // Named as the judge sees them; the role alone when the list gives no name.
        announcement: announce(
          state,
          'breakRequested',
          true,
          view ? { role: view.role, ...(view.displayName === null ? {} : { name: view.displayName }) } : {},
        ),
      };
    }
    case 'break-dismissed': {
      const breakRequests = state.breakRequests.filter((request) => request.participantId !== event.participantId);
      return breakRequests.length === state.breakRequests.length ? state : { ...state, breakRequests };
    }
    case 'connection-lost':
      if (state.connection === 'ended' || state.connection === 'reconnecting') return state;
      // What we received will not come back as it was: the server sends it again after the rejoin.
      return {
        ...state,
        connection: 'reconnecting',
        media: [],
        activeSpeakerId: null,
        announcement: announce(state, 'reconnecting', true),
      };
    case 'media-reset':
      return { ...state, media: [], activeSpeakerId: null, sharingScreen: false, announcement: announce(state, 'mediaReset') };
    case 'ended':
      if (state.connection === 'ended') return state;
      return {
        ...state,
        connection: 'ended',
        endReason: event.reason,
        endCode: event.code ?? null,
        media: [],
        activeSpeakerId: null,
        sharingScreen: false,
        announcement: announce(state, `ended.${event.reason}`, true),
      };
    case 'announce':
      return { ...state, announcement: announce(state, event.key, event.urgent ?? false, event.values) };
  }
}

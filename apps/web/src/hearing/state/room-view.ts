import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import { playbackGain } from '../interpretation/interpretation';
import { isBench } from './role-lists';
import { isInside, receivesMedia, type ParticipantView, type RemoteMedia, type RoomState } from './room-state';

export { isReceiveOnly, mayAskForBreak, mayOpenConsultation, mayShareScreen, ROLE_LISTS_FOR_TEST, sendsMedia } from './role-lists';

/** One tile of the video grid. */
export interface VideoTile {
  readonly key: string;
  readonly participantId: string;
  readonly kind: 'camera' | 'screen';
  readonly view: ParticipantView | null;
  /** Null: no picture (camera off, audio only, not sent to us): show the name instead. */
  readonly track: MediaStreamTrack | null;
  /** Only used for the consumer's tile size report. */
  readonly consumerId: string | null;
  readonly self: boolean;
  readonly speaking: boolean;
}

/*
 * Order of the grid: shared screens first (they are what the court is looking at), then the
 * bench, then everyone else in the order the server listed them. A stable order matters: tiles
 * that jump around whenever someone speaks are hard to follow, above all for a tired witness.
 */
const ROLE_ORDER: readonly HearingRole[] = [
  'judge',
  'clerk',
  'prosecutor',
  'defence_counsel',
  'victim_counsel',
  'defendant',
  'victim',
  'witness',
  'interpreter',
  'supporter',
  'observer',
];

/**
 * The tiles of the hearing room: one per participant inside the room whom we may see (the
 * server's list), plus one per shared screen, plus our own picture. Nothing outside the room:
 * the waiting room draws its own (`waitingRoomTiles`).
 */
export function videoTiles(state: RoomState, localCamera: MediaStreamTrack | null): VideoTile[] {
  if (!isInside(state)) return [];
  const selfConsultation = state.self?.state === 'in_consultation' ? state.self.consultationId : undefined;
  const present = state.participants.filter((view) => {
    // The public gallery sends no picture and no voice: an empty tile for each would fill the grid.
    if (view.role === 'observer') return false;
    if (view.self) return true;
    if (view.state !== undefined && view.state !== 'admitted' && view.state !== 'in_consultation') return false;
    // In a consultation room the tiles are its members; in the courtroom, those in the courtroom.
    if (selfConsultation) return view.consultationId === selfConsultation;
    return view.state !== 'in_consultation';
  });
  const rank = (view: ParticipantView) => ROLE_ORDER.indexOf(view.role);
  const ordered = present
    .map((view, index) => ({ view, index }))
    .sort((a, b) => rank(a.view) - rank(b.view) || a.index - b.index)
    .map(({ view }) => view);

  const cameras: VideoTile[] = ordered.map((view) => {
    if (view.self) {
      return {
        key: `self-${view.id}`,
        participantId: view.id,
        kind: 'camera',
        view,
        track: state.cameraOff ? null : localCamera,
        consumerId: null,
        self: true,
        speaking: state.activeSpeakerId === view.id,
      };
    }
    return cameraTile(state, view.id, view);
  });
  return [...screenTiles(state), ...cameras];
}

/**
 * The waiting room's tiles: one per person whose media the server sends us there (a waiting
 * witness and the supporter her order links to her see each other), named as our list names
 * them, in the list's order. Whom to send is the server's decision, not a role check here: what
 * it sends to the waiting room is allowed there. Empty anywhere but the waiting room, and while
 * nothing is sent.
 */
export function waitingRoomTiles(state: RoomState): VideoTile[] {
  if (state.self?.state !== 'waiting') return [];
  // Our own preview is not company: it has its own panel (`selfPreview`).
  const senders = new Set(state.media.filter((media) => !isOwn(state, media)).map((media) => media.participantId));
  const listed = state.participants.filter((view) => senders.has(view.id));
  // Media of someone not (yet) in our list still gets a tile, as "a participant".
  const unlisted = [...senders].filter((id) => !listed.some((view) => view.id === id));
  return [
    ...screenTiles(state),
    ...listed.map((view) => cameraTile(state, view.id, view)),
    ...unlisted.map((id) => cameraTile(state, id, null)),
  ];
}

function screenTiles(state: RoomState): VideoTile[] {
  return state.media
    .filter((media) => media.source === 'screen' && !media.paused)
    .map((media) => ({
      key: `screen-${media.consumerId}`,
      participantId: media.participantId,
      kind: 'screen',
      view: state.participants.find((view) => view.id === media.participantId) ?? null,
      track: media.track,
      consumerId: media.consumerId,
      self: false,
      speaking: false,
    }));
}

/** Someone else's camera tile: their picture when it flows, else their name. */
function cameraTile(state: RoomState, participantId: string, view: ParticipantView | null): VideoTile {
  const camera = state.media.find((media) => media.participantId === participantId && media.source === 'camera');
  return {
    key: `camera-${participantId}`,
    participantId,
    kind: 'camera',
    view,
    track: camera && !camera.paused && !state.selfMedia.audioOnly ? camera.track : null,
    consumerId: camera?.consumerId ?? null,
    self: false,
    speaking: state.activeSpeakerId === participantId,
  };
}

/**
 * Remote sound to play, in the room or the waiting room: every audio consumer that is not paused,
 * but never our own voice: played live, the preview would come back into the microphone (an echo
 * the whole room hears). It is only recorded and played back (`selfPreview`). Each at its level:
 * on an interpretation channel the floor plays lowered under the interpreter (`playbackGain`).
 */
export function audioTracks(state: RoomState): { consumerId: string; track: MediaStreamTrack; gain: number }[] {
  if (!receivesMedia(state)) return [];
  const { listening } = state.selfMedia;
  // Present, even paused between two sentences: the floor must not jump up whenever the interpreter pauses.
  const channelSpeaking = listening !== null && state.media.some((media) => media.source === 'microphone' && media.channel === listening);
  return state.media
    .filter((media) => media.source === 'microphone' && !media.paused && !isOwn(state, media))
    .map(({ consumerId, track, channel }) => ({ consumerId, track, gain: playbackGain(channel, listening, channelSpeaking) }));
}

/**
 * Where one half of the self-preview stands: flowing; held by her (microphone muted, camera off or
 * stopped by the court); not shown because her own connection is weak (audio only); not made yet.
 */
export type PreviewState = 'flowing' | 'paused' | 'weak' | 'starting';

/**
 * What the server sends back of ourselves: under an anonymity order, our own anonymised picture
 * and voice, exactly as everyone not entitled to know who we are receives them (the judge sees
 * the local preview: us as we are). The server decides who gets one; the page shows it whenever
 * it arrives, in the waiting room and inside.
 */
export interface SelfPreview {
  /** The picture the others see; null while it is held or not made yet. */
  readonly video: MediaStreamTrack | null;
  readonly videoState: PreviewState;
  /** The voice the others hear, to record and play back, never to play live; null while held or not made yet. */
  readonly audio: MediaStreamTrack | null;
  readonly audioState: PreviewState;
}

/** Our self-preview, or null when the server sends none (no anonymity order, or not yet). */
export function selfPreview(state: RoomState): SelfPreview | null {
  if (!receivesMedia(state) || state.connection === 'ended') return null;
  const own = state.media.filter((media) => isOwn(state, media));
  if (own.length === 0) return null;
  const camera = own.find((media) => media.source === 'camera');
  const microphone = own.find((media) => media.source === 'microphone');
  const { muted, audioOnly } = state.selfMedia;
  // Held for audio only like any picture: a weak connection gets no frozen frame.
  const videoState: PreviewState = state.cameraOff
    ? 'paused'
    : !camera
      ? 'starting'
      : audioOnly
        ? 'weak'
        : camera.paused
          ? 'paused'
          : 'flowing';
  const audioState: PreviewState = muted || microphone?.paused ? 'paused' : microphone ? 'flowing' : 'starting';
  return {
    video: videoState === 'flowing' && camera ? camera.track : null,
    videoState,
    audio: audioState === 'flowing' && microphone ? microphone.track : null,
    audioState,
  };
}

function isOwn(state: RoomState, media: RemoteMedia): boolean {
  return state.self !== null && media.participantId === state.self.id;
}

export type BenchAction =
  'admit' | 'sendBack' | 'remove' | 'mute' | 'holdMute' | 'askUnmute' | 'stopCamera' | 'allowCamera' | 'lowerHand' | 'addToConsultation';

/**
 * The buttons the console offers for one participant. Tidiness only: the server checks every
 * action again by role and by state, and refuses (with a coded error) what is not allowed.
 */
export function benchActionsFor(
  viewerRole: HearingRole | null | undefined,
  participant: ParticipantView,
  options: { consultationId?: string } = {},
): BenchAction[] {
  if (!isBench(viewerRole) || participant.self || participant.state === 'removed') return [];
  // The presiding judge is not admitted, muted or removed by the clerk acting for them.
  if (participant.role === 'judge') return [];
  const actions: BenchAction[] = [];
  switch (participant.state) {
    case 'waiting':
      actions.push('admit');
      // A camera stopped in the courtroom stays held in the waiting room too.
      if (participant.cameraHeld) actions.push('allowCamera');
      break;
    case 'admitted':
    case 'in_consultation':
      actions.push('sendBack');
      // The public gallery has no microphone or camera to control.
      if (participant.role !== 'observer') {
        // A muted person may have muted themselves: the bench can still hold the mute (they cannot
        // unmute then) or ask them to speak. The list does not say which kind of mute it is.
        if (participant.muted) actions.push('askUnmute', 'holdMute');
        else actions.push('mute');
        // Stopped, the camera stays held until the bench allows it again. The list says so (to the
        // bench), whoever on the bench stopped it and from whichever browser.
        actions.push(participant.cameraHeld ? 'allowCamera' : 'stopCamera');
      }
      if (participant.handRaised) actions.push('lowerHand');
      // Into the consultation the viewer is in, for someone still in the courtroom.
      if (options.consultationId && participant.state === 'admitted') actions.push('addToConsultation');
      break;
    default:
      break;
  }
  actions.push('remove');
  return actions;
}

/** Actions that cannot be undone from the console: they ask for confirmation first. */
export const DESTRUCTIVE_ACTIONS: ReadonlySet<string> = new Set(['remove', 'closeHearing', 'adjournHearing']);

export function waitingList(state: RoomState): ParticipantView[] {
  return state.participants.filter((view) => !view.self && view.state === 'waiting');
}

export function inRoomList(state: RoomState): ParticipantView[] {
  return state.participants.filter(
    (view) => view.self || view.state === 'admitted' || view.state === 'in_consultation' || view.state === undefined,
  );
}

export function otherList(state: RoomState): ParticipantView[] {
  return state.participants.filter((view) => !view.self && (view.state === 'invited' || view.state === 'disconnected'));
}

/** A private consultation running now, and who is in it, in the order of the list. */
export interface RunningConsultation {
  readonly id: string;
  readonly members: readonly ParticipantView[];
}

/**
 * The consultations the viewer may know of, with their members: every one for the bench (its list
 * carries everyone's consultation), one's own for anyone else. Names only: the bench does not
 * receive a consultation's media, and this is not a way to.
 */
export function runningConsultations(state: RoomState): RunningConsultation[] {
  const byId = new Map<string, ParticipantView[]>();
  for (const view of state.participants) {
    if (view.state !== 'in_consultation' || !view.consultationId) continue;
    const members = byId.get(view.consultationId) ?? [];
    members.push(view);
    byId.set(view.consultationId, members);
  }
  return [...byId].map(([id, members]) => ({ id, members }));
}

export function raisedHands(state: RoomState): ParticipantView[] {
  return state.participants.filter((view) => view.handRaised && !view.self);
}

/** Which sitting controls make sense now; the server refuses the others (room.not_allowed_now). */
export function sittingControls(
  status: HearingStatus | undefined,
): ('openHearing' | 'recessHearing' | 'adjournHearing' | 'closeHearing')[] {
  switch (status) {
    case 'scheduled':
    case 'adjourned':
      return ['openHearing', 'closeHearing'];
    case 'open':
      return ['recessHearing', 'adjournHearing', 'closeHearing'];
    case 'in_recess':
      return ['openHearing', 'adjournHearing', 'closeHearing'];
    default:
      return [];
  }
}

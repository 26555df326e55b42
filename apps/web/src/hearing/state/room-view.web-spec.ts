import path from 'node:path';
import type { ParticipantView } from '@ejustice/hearings/signalling/signalling-messages';
import { initialRoomState, type RoomState } from './room-state';
import {
  audioTracks,
  benchActionsFor,
  isReceiveOnly,
  mayAskForBreak,
  ROLE_LISTS_FOR_TEST,
  runningConsultations,
  selfPreview,
  sendsMedia,
  sittingControls,
  videoTiles,
  waitingList,
  waitingRoomTiles,
} from './room-view';

const track = (id: string) => ({ id }) as unknown as MediaStreamTrack;
const view = (id: string, over: Partial<ParticipantView> = {}): ParticipantView => ({
  id,
  role: 'witness',
  displayName: id,
  self: false,
  state: 'admitted',
  ...over,
});

function room(over: Partial<RoomState>): RoomState {
  return { ...initialRoomState, connection: 'connected', ...over };
}

describe('video tiles', () => {
  const self = view('me', { role: 'defence_counsel', self: true });
  const judge = view('judge', { role: 'judge' });
  const witness = view('witness');
  const state = room({
    self,
    participants: [witness, self, judge],
    media: [
      { consumerId: 'c1', participantId: 'witness', source: 'camera', track: track('w-cam'), paused: false, channel: null },
      { consumerId: 'c2', participantId: 'judge', source: 'camera', track: track('j-cam'), paused: true, channel: null },
      { consumerId: 'c3', participantId: 'judge', source: 'screen', track: track('j-screen'), paused: false, channel: null },
      { consumerId: 'c4', participantId: 'witness', source: 'microphone', track: track('w-mic'), paused: false, channel: null },
      { consumerId: 'c5', participantId: 'judge', source: 'microphone', track: track('j-mic'), paused: true, channel: null },
    ],
    activeSpeakerId: 'witness',
  });

  it('puts shared screens first, then the bench, then the others; rings the active speaker', () => {
    const tiles = videoTiles(state, track('local'));

    expect(tiles.map((tile) => tile.key)).toEqual(['screen-c3', 'camera-judge', 'self-me', 'camera-witness']);
    expect(tiles.find((tile) => tile.participantId === 'witness' && tile.kind === 'camera')).toMatchObject({
      speaking: true,
      consumerId: 'c1',
    });
  });

  it('draws no tile for the public gallery, which sends no picture: not theirs, not anyone else’s', () => {
    const gallery = view('press', { role: 'observer' });
    expect(videoTiles({ ...state, participants: [...state.participants, gallery] }, null).map((tile) => tile.key)).not.toContain(
      'camera-press',
    );
    const asGallery = room({ self: { ...gallery, self: true }, participants: [{ ...gallery, self: true }, judge] });
    expect(videoTiles(asGallery, null).map((tile) => tile.key)).toEqual(['camera-judge']);
  });

  it('shows no frozen picture for a paused camera, and the local picture for oneself', () => {
    const tiles = videoTiles(state, track('local'));

    expect(tiles.find((tile) => tile.key === 'camera-judge')?.track).toBeNull();
    expect(tiles.find((tile) => tile.key === 'self-me')?.track).toEqual(track('local'));
  });

  it('shows names instead of pictures in audio-only mode', () => {
    const tiles = videoTiles({ ...state, selfMedia: { ...state.selfMedia, audioOnly: true } }, null);

    expect(tiles.filter((tile) => tile.kind === 'camera').map((tile) => tile.track)).toEqual([null, null, null]);
  });

  it('plays only sound that flows', () => {
    expect(audioTracks(state).map((sound) => sound.consumerId)).toEqual(['c4']);
  });

  it('draws no room grid outside the room, and plays nothing where no media may arrive', () => {
    const waiting = { ...state, self: { ...self, state: 'waiting' as const } };
    const invited = { ...state, self: { ...self, state: 'invited' as const } };

    expect(videoTiles(waiting, track('local'))).toEqual([]);
    expect(audioTracks(invited)).toEqual([]);
    expect(audioTracks({ ...state, self: null })).toEqual([]);
    expect(waitingRoomTiles(state)).toEqual([]);
  });

  it('in a consultation shows its members only', () => {
    const inConsultation = room({
      self: { ...self, state: 'in_consultation', consultationId: 'k1' },
      participants: [
        { ...self, state: 'in_consultation', consultationId: 'k1' },
        view('client', { role: 'defendant', state: 'in_consultation', consultationId: 'k1' }),
        judge,
      ],
    });

    expect(videoTiles(inConsultation, null).map((tile) => tile.participantId)).toEqual(['me', 'client']);
  });
});

describe('the waiting room, where a witness and her supporter see and hear each other', () => {
  const witness = view('w', { self: true, state: 'waiting' });
  // Named as the witness's list names him; a null name is said by role (the tile's label does it).
  const supporter = view('s', { role: 'supporter', displayName: null, state: 'waiting', muted: false });
  const judgeByRole: ParticipantView = { id: 'judge', role: 'judge', displayName: null, self: false };
  const waiting = room({
    self: witness,
    participants: [witness, judgeByRole, supporter],
    media: [
      { consumerId: 'c1', participantId: 's', source: 'microphone', track: track('s-mic'), paused: false, channel: null },
      { consumerId: 'c2', participantId: 's', source: 'camera', track: track('s-cam'), paused: false, channel: null },
    ],
  });

  it('shows one tile for the person whose media the server sends, named by the list, and plays the voice', () => {
    const tiles = waitingRoomTiles(waiting);

    expect(tiles).toEqual([
      {
        key: 'camera-s',
        participantId: 's',
        kind: 'camera',
        view: supporter,
        track: track('s-cam'),
        consumerId: 'c2',
        self: false,
        speaking: false,
      },
    ]);
    expect(audioTracks(waiting).map((sound) => sound.consumerId)).toEqual(['c1']);
  });

  it('shows nobody when the server sends nothing, even with the supporter in the list', () => {
    expect(waitingRoomTiles({ ...waiting, media: [] })).toEqual([]);
  });

  it('keeps the tile, without a picture, when only the voice comes or the camera is paused', () => {
    const voiceOnly = { ...waiting, media: [waiting.media[0]] };
    const paused = { ...waiting, media: [waiting.media[0], { ...waiting.media[1], paused: true }] };

    expect(waitingRoomTiles(voiceOnly).map((tile) => [tile.participantId, tile.track])).toEqual([['s', null]]);
    expect(waitingRoomTiles(paused).map((tile) => [tile.participantId, tile.track, tile.consumerId])).toEqual([['s', null, 'c2']]);
  });

  it('shows whatever the server sends there, whatever the role, and someone not in the list as nobody in particular', () => {
    const sut = waitingRoomTiles({
      ...waiting,
      media: [
        ...waiting.media,
        { consumerId: 'c3', participantId: 'x', source: 'camera', track: track('x-cam'), paused: false, channel: null },
      ],
    });

    expect(sut.map((tile) => [tile.participantId, tile.view?.role ?? null])).toEqual([
      ['s', 'supporter'],
      ['x', null],
    ]);
  });

  it('is the supporter’s view too: the witness she supports, as his list names her', () => {
    const supporterSelf = { ...supporter, self: true };
    const witnessLine = view('w', { state: 'waiting' });
    const sut = waitingRoomTiles(
      room({
        self: supporterSelf,
        participants: [supporterSelf, witnessLine],
        media: [{ consumerId: 'c9', participantId: 'w', source: 'camera', track: track('w-cam'), paused: false, channel: null }],
      }),
    );

    expect(sut.map((tile) => [tile.view, tile.track])).toEqual([[witnessLine, track('w-cam')]]);
  });
});

describe('the self-preview of a witness under an anonymity order', () => {
  const witness = view('w', { self: true, state: 'waiting' });
  const supporter = view('s', { role: 'supporter', displayName: null, state: 'waiting' });
  const ownCamera = {
    consumerId: 'p-cam',
    participantId: 'w',
    source: 'camera' as const,
    track: track('w-anon-cam'),
    paused: false,
    channel: null,
  };
  const ownVoice = {
    consumerId: 'p-mic',
    participantId: 'w',
    source: 'microphone' as const,
    track: track('w-anon-mic'),
    paused: false,
    channel: null,
  };
  const supporterVoice = {
    consumerId: 'c1',
    participantId: 's',
    source: 'microphone' as const,
    track: track('s-mic'),
    paused: false,
    channel: null,
  };
  const waiting = room({
    self: witness,
    participants: [witness, supporter],
    media: [ownCamera, ownVoice, supporterVoice],
    selfMedia: { ...initialRoomState.selfMedia, muted: false },
  });

  it('is what the server sends of herself: the anonymised picture and voice, in the waiting room and inside', () => {
    expect(selfPreview(waiting)).toEqual({
      video: track('w-anon-cam'),
      videoState: 'flowing',
      audio: track('w-anon-mic'),
      audioState: 'flowing',
    });
    const inside = { ...waiting, self: { ...witness, state: 'admitted' as const } };
    expect(selfPreview(inside)?.audio).toEqual(track('w-anon-mic'));
  });

  it('never plays her own voice live (it would echo), while the others’ voices still play', () => {
    expect(audioTracks(waiting).map((sound) => sound.consumerId)).toEqual(['c1']);
    const inside = { ...waiting, self: { ...witness, state: 'admitted' as const } };
    expect(audioTracks(inside).map((sound) => sound.consumerId)).toEqual(['c1']);
  });

  it('is not company: the waiting room shows a tile for her supporter, none for herself', () => {
    expect(waitingRoomTiles(waiting).map((tile) => tile.participantId)).toEqual(['s']);
    expect(waitingRoomTiles({ ...waiting, media: [ownCamera, ownVoice] })).toEqual([]);
  });

  it('inside, keeps her own tile as the local camera (what the judge sees), not the preview', () => {
    const inside = room({ self: { ...witness, state: 'admitted' }, participants: [{ ...witness, state: 'admitted' }], media: [ownCamera] });

    expect(videoTiles(inside, track('local')).map((tile) => [tile.key, tile.track])).toEqual([['self-w', track('local')]]);
  });

  it('says which half is held (microphone muted, camera off), which is hidden for a weak connection and which is not made yet', () => {
    const pausedVoice = room({ ...waiting, media: [ownCamera, { ...ownVoice, paused: true }] });
    expect(selfPreview(pausedVoice)).toMatchObject({ audio: null, audioState: 'paused', videoState: 'flowing' });
    const muted = room({ ...waiting, selfMedia: { ...waiting.selfMedia, muted: true } });
    expect(selfPreview(muted)).toMatchObject({ audio: null, audioState: 'paused' });
    expect(selfPreview(room({ ...waiting, cameraOff: true }))).toMatchObject({ video: null, videoState: 'paused' });
    expect(selfPreview(room({ ...waiting, media: [{ ...ownCamera, paused: true }] }))).toMatchObject({ videoState: 'paused' });
    expect(selfPreview(room({ ...waiting, media: [ownVoice] }))).toMatchObject({ video: null, videoState: 'starting' });
    const weak = room({ ...waiting, selfMedia: { ...waiting.selfMedia, audioOnly: true } });
    expect(selfPreview(weak)).toMatchObject({ video: null, videoState: 'weak', audioState: 'flowing' });
  });

  it('is nothing without a preview from the server, before joining, outside the rooms or after the end', () => {
    expect(selfPreview({ ...waiting, media: [supporterVoice] })).toBeNull();
    expect(selfPreview({ ...waiting, self: null })).toBeNull();
    expect(selfPreview({ ...waiting, self: { ...witness, state: 'disconnected' } })).toBeNull();
    expect(selfPreview({ ...waiting, connection: 'ended' })).toBeNull();
  });
});

describe('the console', () => {
  it('offers Admit for the waiting, and the controls for those inside, to the bench only', () => {
    expect(benchActionsFor('judge', view('w', { state: 'waiting' }))).toEqual(['admit', 'remove']);
    expect(benchActionsFor('clerk', view('w', { muted: false }))).toEqual(['sendBack', 'mute', 'stopCamera', 'remove']);
    expect(benchActionsFor('judge', view('w', { muted: true, handRaised: true }))).toEqual([
      'sendBack',
      'askUnmute',
      'holdMute',
      'stopCamera',
      'lowerHand',
      'remove',
    ]);
    expect(benchActionsFor('defence_counsel', view('w', { state: 'waiting' }))).toEqual([]);
  });

  it('offers no microphone or camera controls over the public gallery, which sends neither', () => {
    expect(benchActionsFor('judge', view('o', { role: 'observer', muted: true }))).toEqual(['sendBack', 'remove']);
  });

  it('offers nothing over oneself, the presiding judge, or someone removed', () => {
    expect(benchActionsFor('judge', view('me', { self: true }))).toEqual([]);
    expect(benchActionsFor('clerk', view('j', { role: 'judge' }))).toEqual([]);
    expect(benchActionsFor('judge', view('r', { state: 'removed' }))).toEqual([]);
  });

  it('offers "add to consultation" for someone in the courtroom when the viewer is in one', () => {
    expect(benchActionsFor('judge', view('w'), { consultationId: 'k1' })).toContain('addToConsultation');
    expect(benchActionsFor('judge', view('w', { state: 'in_consultation' }), { consultationId: 'k1' })).not.toContain('addToConsultation');
  });

  it('offers "allow camera" instead of "stop camera" when the list says the camera is held, inside or waiting', () => {
    expect(benchActionsFor('judge', view('w', { muted: false, cameraHeld: true }))).toEqual(['sendBack', 'mute', 'allowCamera', 'remove']);
    expect(benchActionsFor('clerk', view('w', { state: 'waiting', cameraHeld: true }))).toEqual(['admit', 'allowCamera', 'remove']);
    expect(benchActionsFor('judge', view('w', { muted: false, cameraHeld: false }))).toContain('stopCamera');
  });

  it('lists each running consultation with its members, in the order of the list', () => {
    const state = room({
      participants: [
        view('me', { role: 'judge', self: true }),
        view('counsel', { role: 'defence_counsel', state: 'in_consultation', consultationId: 'k1' }),
        view('w', { state: 'in_consultation', consultationId: 'k2' }),
        view('client', { role: 'defendant', state: 'in_consultation', consultationId: 'k1' }),
        view('s', { role: 'supporter', state: 'in_consultation', consultationId: 'k2' }),
        view('p', { role: 'prosecutor' }),
        // Back in the courtroom: a stale id is not a consultation.
        view('x', { consultationId: 'k3' }),
      ],
    });

    expect(runningConsultations(state).map((c) => [c.id, c.members.map((member) => member.id)])).toEqual([
      ['k1', ['counsel', 'client']],
      ['k2', ['w', 's']],
    ]);
  });

  it('lists the waiting room', () => {
    const state = room({ participants: [view('a', { state: 'waiting' }), view('b'), view('me', { self: true, state: 'waiting' })] });
    expect(waitingList(state).map((item) => item.id)).toEqual(['a']);
  });

  it('offers the sitting controls that fit the status', () => {
    expect(sittingControls('scheduled')).toEqual(['openHearing', 'closeHearing']);
    expect(sittingControls('open')).toEqual(['recessHearing', 'adjournHearing', 'closeHearing']);
    expect(sittingControls('in_recess')).toEqual(['openHearing', 'adjournHearing', 'closeHearing']);
    expect(sittingControls('closed')).toEqual([]);
    expect(sittingControls(undefined)).toEqual([]);
  });
});

describe('who has which controls', () => {
  it('gives the public gallery no microphone, camera or break, and knows no gallery in an unknown role', () => {
    expect(isReceiveOnly('observer')).toBe(true);
    expect(sendsMedia('observer')).toBe(false);
    expect(mayAskForBreak('observer')).toBe(false);
    expect(isReceiveOnly(null)).toBe(false);
    expect(isReceiveOnly('witness')).toBe(false);
  });

  it('lets everyone but the bench and the gallery ask for a break', () => {
    expect(
      ['witness', 'victim', 'defendant', 'supporter', 'interpreter', 'defence_counsel'].every((role) => mayAskForBreak(role as never)),
    ).toBe(true);
    expect(mayAskForBreak('judge')).toBe(false);
    expect(mayAskForBreak('clerk')).toBe(false);
    expect(mayAskForBreak(undefined)).toBe(false);
  });
});

describe("the browser's copies of media-policy's role lists", () => {
  it('equal the ones the media node enforces', () => {
    // Loaded by path: the browser bundle cannot import media-policy, but this test can.
    const policy = jest.requireActual(path.resolve(__dirname, '../../../../../libs/media-policy/src/role-permissions.ts'));
    expect(ROLE_LISTS_FOR_TEST).toEqual({
      SCREEN_SHARING_ROLES: policy.SCREEN_SHARING_ROLES,
      CONSULTATION_OPENING_ROLES: policy.CONSULTATION_OPENING_ROLES,
      RECEIVE_ONLY_ROLES: policy.RECEIVE_ONLY_ROLES,
    });
  });
});

describe('audio levels with interpretation', () => {
  const self = view('me', { self: true });
  const floorVoice = {
    consumerId: 'c-judge',
    participantId: 'judge',
    source: 'microphone' as const,
    track: track('j'),
    paused: false,
    channel: null,
  };
  const interpreter = {
    consumerId: 'c-int',
    participantId: 'int',
    source: 'microphone' as const,
    track: track('i'),
    paused: false,
    channel: 'ar',
  };

  it('plays everything at full level on the floor', () => {
    const state = room({ self, media: [floorVoice] });
    expect(audioTracks(state).map((sound) => [sound.consumerId, sound.gain])).toEqual([['c-judge', 1]]);
  });

  it('on a channel, plays the interpreter at full level and the floor lowered under them', () => {
    const state = room({ self, media: [floorVoice, interpreter], selfMedia: { ...initialRoomState.selfMedia, listening: 'ar' } });
    expect(audioTracks(state).map((sound) => [sound.consumerId, sound.gain])).toEqual([
      ['c-judge', 0.25],
      ['c-int', 1],
    ]);
  });

  it('keeps the floor lowered while the interpreter pauses between sentences', () => {
    const paused = { ...interpreter, paused: true };
    const state = room({ self, media: [floorVoice, paused], selfMedia: { ...initialRoomState.selfMedia, listening: 'ar' } });
    expect(audioTracks(state).map((sound) => [sound.consumerId, sound.gain])).toEqual([['c-judge', 0.25]]);
  });

  it('plays the floor at full level on a channel nobody interprets into now (consecutive)', () => {
    const state = room({ self, media: [floorVoice], selfMedia: { ...initialRoomState.selfMedia, listening: 'ar' } });
    expect(audioTracks(state).map((sound) => [sound.consumerId, sound.gain])).toEqual([['c-judge', 1]]);
  });
});

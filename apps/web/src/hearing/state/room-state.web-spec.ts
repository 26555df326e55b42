import type { JoinResult, ParticipantView, SelfMediaState } from '@ejustice/hearings/signalling/signalling-messages';
import { initialRoomState, isInside, roomReducer, type RoomEvent, type RoomState } from './room-state';

const track = (id: string) => ({ id, kind: 'video' }) as unknown as MediaStreamTrack;

const judge: ParticipantView = {
  id: 'judge',
  role: 'judge',
  displayName: 'Judge Amina Benali',
  self: false,
  state: 'admitted',
  muted: false,
};
const witnessSelf: ParticipantView = { id: 'witness', role: 'witness', displayName: 'W', self: true, state: 'waiting', muted: true };
const media = (over: Partial<SelfMediaState> = {}): SelfMediaState => ({
  muted: true,
  mayUnmute: true,
  unmuteRequested: false,
  handRaised: false,
  audioOnly: false,
  ...over,
});

function joined(self: ParticipantView, participants: ParticipantView[], over: Partial<JoinResult> = {}): RoomEvent {
  return {
    type: 'joined',
    result: {
      self,
      participants,
      hearing:
        self.state === 'admitted' ? { id: 'h', title: 'State v. X', status: 'open', roomLocked: false } : { id: 'h', title: 'State v. X' },
      media: media(),
      activeSpeakerId: null,
      ...over,
    },
  };
}

function run(...events: RoomEvent[]): RoomState {
  return events.reduce(roomReducer, initialRoomState);
}

const judgeCamera = { consumerId: 'c-judge-cam', participantId: 'judge', source: 'camera' as const, track: track('t1'), paused: false };

describe('roomReducer: a witness waits, is admitted, sent back and removed', () => {
  it('joins into the waiting room, seeing only themselves and the judge by role, and says so', () => {
    const sut = run(joined(witnessSelf, [witnessSelf, { id: 'judge', role: 'judge', displayName: null, self: false }]));

    expect(sut.connection).toBe('connected');
    expect(sut.self?.state).toBe('waiting');
    expect(isInside(sut)).toBe(false);
    expect(sut.hearing).toEqual({ id: 'h', title: 'State v. X' });
    expect(sut.announcement).toMatchObject({ key: 'waiting', urgent: false });
  });

  it('never shows media that arrives while waiting', () => {
    const sut = run(joined(witnessSelf, [witnessSelf]), { type: 'media-added', media: judgeCamera });

    expect(sut.media).toEqual([]);
  });

  it('announces admission urgently when its own line turns admitted, then keeps media that arrives', () => {
    const sut = run(
      joined(witnessSelf, [witnessSelf]),
      { type: 'participants-changed', appeared: [judge], changed: [{ ...witnessSelf, state: 'admitted' }], disappeared: [] },
      { type: 'hearing-changed', status: 'open', roomLocked: false },
      { type: 'media-added', media: judgeCamera },
    );

    expect(sut.self?.state).toBe('admitted');
    expect(sut.participants.map((view) => view.id)).toEqual(['witness', 'judge']);
    expect(sut.media).toEqual([judgeCamera]);
    // The status learnt on coming inside does not cut off the news of the admission.
    expect(sut.announcement).toMatchObject({ key: 'admitted', urgent: true });
    expect(sut.hearing?.status).toBe('open');
  });

  it('announces a change of status to those inside (a recess), and the lock', () => {
    const inside = run(joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]));

    const recess = roomReducer(inside, { type: 'hearing-changed', status: 'in_recess', roomLocked: false });
    const locked = roomReducer(recess, { type: 'hearing-changed', status: 'in_recess', roomLocked: true });

    expect(recess.announcement).toMatchObject({ key: 'status.in_recess', urgent: true });
    expect(locked.announcement).toMatchObject({ key: 'locked' });
  });

  it('drops all media and the status when sent back to the waiting room', () => {
    const inside = run(joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]), {
      type: 'media-added',
      media: judgeCamera,
    });

    const sut = roomReducer(inside, {
      type: 'participants-changed',
      appeared: [],
      changed: [{ ...witnessSelf, state: 'waiting' }],
      disappeared: ['judge'],
    });

    expect(sut.media).toEqual([]);
    expect(sut.hearing).toEqual({ id: 'h', title: 'State v. X' });
    expect(sut.participants.map((view) => view.id)).toEqual(['witness']);
    expect(sut.announcement).toMatchObject({ key: 'sentBack' });
  });

  it('ends the session when the server ends it, and ignores what comes after', () => {
    const ended = run(joined(witnessSelf, [witnessSelf]), { type: 'ended', reason: 'removed', code: 'room.removed' });
    const sut = roomReducer(ended, { type: 'ended', reason: 'left' });

    expect(sut).toBe(ended);
    expect(sut).toMatchObject({ connection: 'ended', endReason: 'removed', endCode: 'room.removed', media: [] });
    expect(sut.announcement).toMatchObject({ key: 'ended.removed', urgent: true });
  });
});

describe('roomReducer: the microphone is the server’s', () => {
  const admitted = () => run(joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]));

  it('says, urgently, when the court takes the microphone away', () => {
    const sut = roomReducer(admitted(), { type: 'self-media', media: media({ muted: true, mayUnmute: false }) });

    expect(sut.selfMedia).toMatchObject({ muted: true, mayUnmute: false });
    expect(sut.announcement).toMatchObject({ key: 'mutedByCourt', urgent: true });
  });

  it('says when the judge asks to unmute', () => {
    const muted = roomReducer(admitted(), { type: 'self-media', media: media({ mayUnmute: false }) });
    const sut = roomReducer(muted, { type: 'self-media', media: media({ mayUnmute: true, unmuteRequested: true }) });

    expect(sut.announcement).toMatchObject({ key: 'unmuteRequested', urgent: true });
  });

  it('tells the audio-only fallback and its end', () => {
    const only = roomReducer(admitted(), { type: 'self-media', media: media({ audioOnly: true }) });
    const back = roomReducer(only, { type: 'self-media', media: media({ audioOnly: false }) });

    expect(only.announcement?.key).toBe('audioOnly');
    expect(back.announcement?.key).toBe('videoBack');
  });

  it('marks the camera stopped by the court when the server closes the camera producer for the bench', () => {
    const sut = roomReducer(admitted(), { type: 'producer-closed', source: 'camera', reason: 'stopped_by_bench' });

    expect(sut).toMatchObject({ cameraOff: true, cameraStoppedByCourt: true });
    expect(roomReducer(sut, { type: 'camera', off: false })).toMatchObject({ cameraOff: false, cameraStoppedByCourt: false });
  });
});

describe('roomReducer: connection', () => {
  it('drops received media while reconnecting, and says "connected again" on the rejoin', () => {
    const inside = run(joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]), {
      type: 'media-added',
      media: judgeCamera,
    });

    const lost = roomReducer(inside, { type: 'connection-lost' });
    expect(lost).toMatchObject({ connection: 'reconnecting', media: [] });
    expect(lost.announcement).toMatchObject({ key: 'reconnecting', urgent: true });
    expect(roomReducer(lost, { type: 'connection-lost' })).toBe(lost);

    const back = roomReducer(
      lost,
      joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge], {
        media: media({ muted: true, mayUnmute: false }),
      }),
    );
    expect(back.connection).toBe('connected');
    expect(back.announcement?.key).toBe('reconnected');
    // A participant muted by the court comes back muted: the server's word, not a local memory.
    expect(back.selfMedia).toMatchObject({ muted: true, mayUnmute: false });
  });

  it('forgets the media, speaker and network health of someone who disappears from the list', () => {
    const inside = run(
      joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]),
      { type: 'media-added', media: judgeCamera },
      { type: 'active-speaker', participantId: 'judge' },
      { type: 'network-health', health: { participantId: 'judge', quality: 'good', rttMs: 20, packetLoss: 0, availableKbps: 2000 } },
    );

    const sut = roomReducer(inside, { type: 'participants-changed', appeared: [], changed: [], disappeared: ['judge'] });

    expect(sut).toMatchObject({ media: [], activeSpeakerId: null, network: {} });
  });

  it('keeps the same state object for an event that changes nothing, so React does not re-render', () => {
    const inside = run(joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]), {
      type: 'active-speaker',
      participantId: 'judge',
    });

    expect(roomReducer(inside, { type: 'active-speaker', participantId: 'judge' })).toBe(inside);
    expect(roomReducer(inside, { type: 'hearing-changed', status: 'open', roomLocked: false })).toBe(inside);
  });
});

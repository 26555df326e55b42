import type { HearingView, JoinResult, ParticipantView, SelfMediaState } from '@ejustice/hearings/signalling/signalling-messages';
import { galleryExcluded, initialRoomState, isInside, roomReducer, type RoomEvent, type RoomState } from './room-state';

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
/** What the server tells anyone connected, the waiting room included. */
const outside: HearingView = {
  id: 'h',
  title: 'State v. X',
  recording: 'off',
  interpretation: { floorLanguage: 'fr', channels: ['ar'] },
};
const media = (over: Partial<SelfMediaState> = {}): SelfMediaState => ({
  muted: true,
  mayUnmute: true,
  unmuteRequested: false,
  handRaised: false,
  cameraHeld: false,
  audioOnly: false,
  listening: null,
  ...over,
});

function joined(self: ParticipantView, participants: ParticipantView[], over: Partial<JoinResult> = {}): RoomEvent {
  return {
    type: 'joined',
    result: {
      self,
      participants,
      hearing: self.state === 'admitted' ? { ...outside, status: 'open', roomLocked: false, sittingInPrivate: false } : outside,
      media: media(),
      activeSpeakerId: null,
      ...over,
    },
  };
}

function run(...events: RoomEvent[]): RoomState {
  return events.reduce(roomReducer, initialRoomState);
}

const judgeCamera = {
  consumerId: 'c-judge-cam',
  participantId: 'judge',
  source: 'camera' as const,
  track: track('t1'),
  paused: false,
  channel: null,
};

describe('roomReducer: a witness waits, is admitted, sent back and removed', () => {
  it('joins into the waiting room, seeing only themselves and the judge by role, and says so', () => {
    const sut = run(joined(witnessSelf, [witnessSelf, { id: 'judge', role: 'judge', displayName: null, self: false }]));

    expect(sut.connection).toBe('connected');
    expect(sut.self?.state).toBe('waiting');
    expect(isInside(sut)).toBe(false);
    expect(sut.hearing).toEqual(outside);
    expect(sut.announcement).toMatchObject({ key: 'waiting', urgent: false });
  });

  it('shows no media before it has joined, nor once the session has ended', () => {
    const early = run({ type: 'media-added', media: judgeCamera });
    const ended = run(joined(witnessSelf, [witnessSelf]), { type: 'ended', reason: 'left' }, { type: 'media-added', media: judgeCamera });

    expect(early.media).toEqual([]);
    expect(ended.media).toEqual([]);
  });

  it('announces admission urgently when its own line turns admitted, then keeps media that arrives', () => {
    const sut = run(
      joined(witnessSelf, [witnessSelf]),
      { type: 'participants-changed', appeared: [judge], changed: [{ ...witnessSelf, state: 'admitted' }], disappeared: [] },
      { type: 'hearing-changed', status: 'open', roomLocked: false, sittingInPrivate: false },
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

    const recess = roomReducer(inside, { type: 'hearing-changed', status: 'in_recess', roomLocked: false, sittingInPrivate: false });
    const locked = roomReducer(recess, { type: 'hearing-changed', status: 'in_recess', roomLocked: true, sittingInPrivate: false });

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
    expect(sut.hearing).toEqual(outside);
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
});

describe('roomReducer: a camera the court stopped stays stopped until the court allows it', () => {
  const admitted = () => run(joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]));

  it('holds the camera when the server closes it for the bench, and says so urgently', () => {
    const sut = roomReducer(admitted(), { type: 'producer-closed', source: 'camera', reason: 'stopped_by_bench' });

    expect(sut).toMatchObject({ cameraOff: true, selfMedia: { cameraHeld: true } });
    expect(sut.announcement).toMatchObject({ key: 'cameraStopped', urgent: true });
  });

  it('does not hold a camera the policy refused (nothing for the bench to allow)', () => {
    const sut = roomReducer(admitted(), { type: 'producer-closed', source: 'camera', reason: 'not_allowed' });

    expect(sut).toMatchObject({ cameraOff: true, selfMedia: { cameraHeld: false } });
    expect(sut.announcement?.key).toBe('cameraRefused');
  });

  it('says, without interrupting, when the court allows it again; the person turns it on herself', () => {
    const held = roomReducer(admitted(), { type: 'producer-closed', source: 'camera', reason: 'stopped_by_bench' });
    // The server's selfMediaState repeating the hold is not news.
    const repeated = roomReducer(held, { type: 'self-media', media: media({ cameraHeld: true }) });
    const allowed = roomReducer(repeated, { type: 'self-media', media: media({ cameraHeld: false }) });

    expect(repeated.announcement).toBe(held.announcement);
    expect(allowed).toMatchObject({ cameraOff: true, selfMedia: { cameraHeld: false } });
    expect(allowed.announcement).toMatchObject({ key: 'cameraAllowed', urgent: false });
    expect(roomReducer(allowed, { type: 'camera', off: false }).cameraOff).toBe(false);
  });

  it('comes back held after a reconnection, with the camera off', () => {
    const sut = run(
      joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }], { media: media({ cameraHeld: true }) }),
    );

    expect(sut).toMatchObject({ cameraOff: true, selfMedia: { cameraHeld: true } });
  });

  it('tells the bench whose camera is held through the list alone: a clerk’s stop, and after a reload', () => {
    const witnessLine: ParticipantView = { ...witnessSelf, self: false, state: 'admitted' };
    // A fresh page (a reload): the join answer already says the camera is held.
    const reloaded = run(
      joined({ ...judge, self: true }, [
        { ...judge, self: true },
        { ...witnessLine, cameraHeld: true },
      ]),
    );
    const allowed = roomReducer(reloaded, {
      type: 'participants-changed',
      appeared: [],
      changed: [{ ...witnessLine, cameraHeld: false }],
      disappeared: [],
    });
    // Stopped by the clerk, from another browser: the change arrives like any other.
    const stoppedElsewhere = roomReducer(allowed, {
      type: 'participants-changed',
      appeared: [],
      changed: [{ ...witnessLine, cameraHeld: true }],
      disappeared: [],
    });

    const held = (state: RoomState) => state.participants.find((view) => view.id === 'witness')?.cameraHeld;
    expect([held(reloaded), held(allowed), held(stoppedElsewhere)]).toEqual([true, false, true]);
  });
});

describe('roomReducer: a waiting witness and her supporter see and hear each other', () => {
  // As the server lists them to each other: the supporter named as the order allows (here by role only).
  const supporter: ParticipantView = { id: 'sup', role: 'supporter', displayName: null, self: false, state: 'waiting', muted: true };
  const supporterCamera = {
    consumerId: 'c-sup-cam',
    participantId: 'sup',
    source: 'camera' as const,
    track: track('s1'),
    paused: false,
    channel: null,
  };
  const supporterMic = {
    consumerId: 'c-sup-mic',
    participantId: 'sup',
    source: 'microphone' as const,
    track: track('s2'),
    paused: true,
    channel: null,
  };
  const together = () =>
    run(
      joined(witnessSelf, [witnessSelf, { id: 'judge', role: 'judge', displayName: null, self: false }, supporter]),
      { type: 'media-added', media: supporterCamera },
      { type: 'media-added', media: supporterMic },
    );

  it('keeps what the server sends to the waiting room, whoever sends it: the server has already decided', () => {
    const sut = together();

    expect(sut.media).toEqual([supporterCamera, supporterMic]);
    // Any role: the client does not filter what the server allowed.
    const fromAnyone = roomReducer(sut, { type: 'media-added', media: { ...judgeCamera, consumerId: 'c-other' } });
    expect(fromAnyone.media.map((media) => media.consumerId)).toContain('c-other');
  });

  it('follows pause and resume, and removes a consumer the server closed', () => {
    const resumed = roomReducer(together(), { type: 'media-paused', consumerId: 'c-sup-mic', paused: false });
    const closed = roomReducer(resumed, { type: 'media-removed', consumerId: 'c-sup-cam' });

    expect(resumed.media.find((media) => media.consumerId === 'c-sup-mic')?.paused).toBe(false);
    expect(closed.media.map((media) => media.consumerId)).toEqual(['c-sup-mic']);
  });

  it('keeps it while she stays in the waiting room and her own line changes', () => {
    const sut = roomReducer(together(), {
      type: 'participants-changed',
      appeared: [],
      changed: [{ ...witnessSelf, muted: false }],
      disappeared: [],
    });

    expect(sut.media).toHaveLength(2);
  });

  it('drops the supporter’s media when the supporter goes in and leaves her list', () => {
    const sut = roomReducer(together(), { type: 'participants-changed', appeared: [], changed: [], disappeared: ['sup'] });

    expect(sut.media).toEqual([]);
  });

  it('drops it when she is admitted: nothing received in the waiting room comes through the door', () => {
    const sut = roomReducer(together(), {
      type: 'participants-changed',
      appeared: [judge],
      changed: [{ ...witnessSelf, state: 'admitted' }],
      disappeared: ['sup'],
    });

    expect(sut.media).toEqual([]);
    const stillListed = roomReducer(together(), {
      type: 'participants-changed',
      appeared: [],
      changed: [{ ...witnessSelf, state: 'admitted' }],
      disappeared: [],
    });
    expect(stillListed.media).toEqual([]);
  });

  it('keeps what arrives once she is sent back and her supporter is sent back too', () => {
    const inside = run(joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]), {
      type: 'media-added',
      media: judgeCamera,
    });

    const events: RoomEvent[] = [
      { type: 'participants-changed', appeared: [], changed: [{ ...witnessSelf, state: 'waiting' }], disappeared: ['judge'] },
      { type: 'participants-changed', appeared: [supporter], changed: [], disappeared: [] },
      { type: 'media-added', media: supporterCamera },
    ];
    const sut = events.reduce(roomReducer, inside);

    expect(sut.media).toEqual([supporterCamera]);
  });
});

describe('roomReducer: the self-preview of a witness under an anonymity order', () => {
  const ownCamera = {
    consumerId: 'p-cam',
    participantId: 'witness',
    source: 'camera' as const,
    track: track('p1'),
    paused: false,
    channel: null,
  };
  const ownVoice = {
    consumerId: 'p-mic',
    participantId: 'witness',
    source: 'microphone' as const,
    track: track('p2'),
    paused: true,
    channel: null,
  };
  const waitingWithPreview = () =>
    run(
      joined(witnessSelf, [witnessSelf, { id: 'judge', role: 'judge', displayName: null, self: false }]),
      { type: 'media-added', media: ownCamera },
      { type: 'media-added', media: ownVoice },
    );

  it('keeps the preview the server sends her in the waiting room, and follows its pause', () => {
    const sut = roomReducer(waitingWithPreview(), { type: 'media-paused', consumerId: 'p-mic', paused: false });

    expect(sut.media.map((media) => [media.consumerId, media.paused])).toEqual([
      ['p-cam', false],
      ['p-mic', false],
    ]);
  });

  it('takes it through the door both ways: the server keeps it on either side, and nothing else comes along', () => {
    const admitted = roomReducer(
      roomReducer(waitingWithPreview(), { type: 'media-added', media: { ...judgeCamera, consumerId: 'c-stray' } }),
      { type: 'participants-changed', appeared: [judge], changed: [{ ...witnessSelf, state: 'admitted' }], disappeared: [] },
    );
    expect(admitted.media).toEqual([ownCamera, ownVoice]);

    const inside = roomReducer(admitted, { type: 'media-added', media: judgeCamera });
    const sentBack = roomReducer(inside, {
      type: 'participants-changed',
      appeared: [],
      changed: [{ ...witnessSelf, state: 'waiting' }],
      disappeared: ['judge'],
    });
    expect(sentBack.media).toEqual([ownCamera, ownVoice]);
  });

  it('drops it when she leaves the rooms, the connection drops or the session ends', () => {
    const gone = roomReducer(waitingWithPreview(), {
      type: 'participants-changed',
      appeared: [],
      changed: [{ ...witnessSelf, state: 'disconnected' }],
      disappeared: [],
    });
    expect(gone.media).toEqual([]);
    expect(roomReducer(waitingWithPreview(), { type: 'connection-lost' }).media).toEqual([]);
    expect(roomReducer(waitingWithPreview(), { type: 'ended', reason: 'left' }).media).toEqual([]);
  });

  it('removes it when the server closes it (the order was lifted)', () => {
    const sut = roomReducer(roomReducer(waitingWithPreview(), { type: 'media-removed', consumerId: 'p-cam' }), {
      type: 'media-removed',
      consumerId: 'p-mic',
    });

    expect(sut.media).toEqual([]);
  });
});

describe('roomReducer: "I need a break", from the witness to the judge alone', () => {
  const judgeSelf: ParticipantView = { ...judge, self: true };
  const witness: ParticipantView = { id: 'witness', role: 'witness', displayName: 'Witness A', self: false, state: 'admitted' };
  const protectedWitness: ParticipantView = { id: 'w2', role: 'witness', displayName: null, self: false, state: 'waiting' };
  const bench = () => run(joined(judgeSelf, [judgeSelf, witness, protectedWitness]));
  const at = '2031-03-04T10:32:00.000Z';

  it('tells the witness, quietly, that the judge has been told', () => {
    const sut = run(joined(witnessSelf, [witnessSelf]), { type: 'break-asked' });

    expect(sut.breakAsked).toBe(true);
    expect(sut.announcement).toMatchObject({ key: 'breakAsked', urgent: false });
  });

  it('forgets that she asked once she moves room or the sitting changes', () => {
    const asked = run(joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]), {
      type: 'break-asked',
    });

    const recess = roomReducer(asked, { type: 'hearing-changed', status: 'in_recess', roomLocked: false, sittingInPrivate: false });
    const sentBack = roomReducer(asked, {
      type: 'participants-changed',
      appeared: [],
      changed: [{ ...witnessSelf, state: 'waiting' }],
      disappeared: [],
    });
    const locked = roomReducer(asked, { type: 'hearing-changed', status: 'open', roomLocked: true, sittingInPrivate: false });

    expect(recess.breakAsked).toBe(false);
    expect(sentBack.breakAsked).toBe(false);
    expect(locked.breakAsked).toBe(true);
  });

  it('alerts the judge urgently, naming the participant as the judge’s list does', () => {
    const sut = roomReducer(bench(), { type: 'break-requested', participantId: 'witness', at });

    expect(sut.breakRequests).toEqual([{ participantId: 'witness', at }]);
    expect(sut.announcement).toMatchObject({ key: 'breakRequested', urgent: true, values: { role: 'witness', name: 'Witness A' } });
  });

  it('names by role alone someone the list gives no name, and says "a participant" for someone not in it', () => {
    const byRole = roomReducer(bench(), { type: 'break-requested', participantId: 'w2', at });
    const unknown = roomReducer(bench(), { type: 'break-requested', participantId: 'nobody', at });

    expect(byRole.announcement?.values).toEqual({ role: 'witness' });
    expect(unknown.announcement?.values).toEqual({});
  });

  it('keeps one alert per person, newest first, until dismissed', () => {
    const sut = run(
      joined(judgeSelf, [judgeSelf, witness, protectedWitness]),
      { type: 'break-requested', participantId: 'witness', at },
      { type: 'break-requested', participantId: 'w2', at },
      { type: 'break-requested', participantId: 'witness', at: '2031-03-04T10:40:00.000Z' },
    );

    expect(sut.breakRequests.map((request) => [request.participantId, request.at])).toEqual([
      ['witness', '2031-03-04T10:40:00.000Z'],
      ['w2', at],
    ]);
    const dismissed = roomReducer(sut, { type: 'break-dismissed', participantId: 'witness' });
    expect(dismissed.breakRequests.map((request) => request.participantId)).toEqual(['w2']);
    expect(roomReducer(dismissed, { type: 'break-dismissed', participantId: 'witness' })).toBe(dismissed);
  });

  it('clears every alert when the judge calls a recess, and the alert of someone who left the list', () => {
    const asked = run(
      joined(judgeSelf, [judgeSelf, witness, protectedWitness]),
      { type: 'break-requested', participantId: 'witness', at },
      { type: 'break-requested', participantId: 'w2', at },
    );

    const gone = roomReducer(asked, { type: 'participants-changed', appeared: [], changed: [], disappeared: ['w2'] });
    const recess = roomReducer(asked, { type: 'hearing-changed', status: 'in_recess', roomLocked: false, sittingInPrivate: false });

    expect(gone.breakRequests.map((request) => request.participantId)).toEqual(['witness']);
    expect(recess.breakRequests).toEqual([]);
  });
});

describe('roomReducer: the public gallery', () => {
  const observer: ParticipantView = { id: 'obs', role: 'observer', displayName: 'O', self: true, state: 'waiting' };
  const admittedObserver: ParticipantView = { ...observer, state: 'admitted' };
  const observerMedia = media({ muted: true, mayUnmute: false });
  const admit = (sittingInPrivate: boolean) =>
    run(
      joined(observer, [observer], { media: observerMedia }),
      { type: 'participants-changed', appeared: [], changed: [admittedObserver], disappeared: [] },
      { type: 'hearing-changed', status: 'open', roomLocked: false, sittingInPrivate },
    );

  it('is never told that the court muted a microphone it does not have', () => {
    const inside = admit(false);
    const sut = roomReducer(inside, { type: 'self-media', media: media({ muted: true, mayUnmute: false, unmuteRequested: true }) });

    expect(sut.announcement).toBe(inside.announcement);
  });

  it('admitted while the court sits in private, hears both in one sentence and is shown why nothing is there', () => {
    const sut = admit(true);

    expect(galleryExcluded(sut)).toBe(true);
    expect(sut.announcement).toMatchObject({ key: 'admittedInPrivate', urgent: true });
    expect(galleryExcluded(admit(false))).toBe(false);
    expect(admit(false).announcement?.key).toBe('admitted');
  });

  it('is told when the court goes into private and when it sits in public again', () => {
    const closed = roomReducer(admit(false), { type: 'hearing-changed', status: 'open', roomLocked: false, sittingInPrivate: true });
    const reopened = roomReducer(closed, { type: 'hearing-changed', status: 'open', roomLocked: false, sittingInPrivate: false });

    expect(closed.announcement).toMatchObject({ key: 'galleryPrivate', urgent: true });
    expect(galleryExcluded(closed)).toBe(true);
    expect(reopened.announcement).toMatchObject({ key: 'galleryPublic', urgent: true });
    expect(galleryExcluded(reopened)).toBe(false);
  });

  it('entering straight into a private sitting (a rejoin in a new tab) is told so', () => {
    const sut = run(
      joined(admittedObserver, [admittedObserver], {
        hearing: { ...outside, status: 'open', roomLocked: false, sittingInPrivate: true },
      }),
    );

    expect(sut.announcement?.key).toBe('enteredInPrivate');
  });

  it('tells those inside, without interrupting, that the public can no longer follow; a change of status comes first', () => {
    const inside = run(joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]));

    const privately = roomReducer(inside, { type: 'hearing-changed', status: 'open', roomLocked: false, sittingInPrivate: true });
    const both = roomReducer(inside, { type: 'hearing-changed', status: 'in_recess', roomLocked: false, sittingInPrivate: true });

    expect(privately.announcement).toMatchObject({ key: 'sittingInPrivate', urgent: false });
    expect(privately.hearing?.sittingInPrivate).toBe(true);
    expect(galleryExcluded(privately)).toBe(false);
    expect(both.announcement?.key).toBe('status.in_recess');
    expect(
      roomReducer(privately, { type: 'hearing-changed', status: 'open', roomLocked: false, sittingInPrivate: false }).announcement?.key,
    ).toBe('sittingInPublic');
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
    expect(roomReducer(inside, { type: 'hearing-changed', status: 'open', roomLocked: false, sittingInPrivate: false })).toBe(inside);
  });
});

describe('roomReducer: the court records', () => {
  const inside = () => run(joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]));

  it('tells everyone inside that the recording started, paused, resumed and stopped, without interrupting', () => {
    const started = roomReducer(inside(), { type: 'recording-changed', recording: 'running' });
    const paused = roomReducer(started, { type: 'recording-changed', recording: 'paused' });
    const resumed = roomReducer(paused, { type: 'recording-changed', recording: 'running' });
    const stopped = roomReducer(resumed, { type: 'recording-changed', recording: 'off' });

    expect(started.hearing?.recording).toBe('running');
    expect(started.announcement).toMatchObject({ key: 'recording.started', urgent: false });
    expect(paused.announcement).toMatchObject({ key: 'recording.paused', urgent: false });
    expect(resumed.announcement).toMatchObject({ key: 'recording.resumed', urgent: false });
    expect(stopped.hearing?.recording).toBe('off');
    expect(stopped.announcement).toMatchObject({ key: 'recording.stopped', urgent: false });
  });

  it('says nothing when told again what it already knows (the answer and the notification both arrive)', () => {
    const started = roomReducer(inside(), { type: 'recording-changed', recording: 'running' });
    expect(roomReducer(started, { type: 'recording-changed', recording: 'running' })).toBe(started);
  });

  it('tells a person in the waiting room too, and keeps it when they are sent back out', () => {
    const waiting = roomReducer(run(joined(witnessSelf, [witnessSelf])), { type: 'recording-changed', recording: 'running' });
    expect(waiting.hearing).toEqual({ ...outside, recording: 'running' });
    expect(waiting.announcement?.key).toBe('recording.started');

    const admitted = roomReducer(waiting, {
      type: 'participants-changed',
      appeared: [],
      changed: [{ ...witnessSelf, state: 'admitted' }],
      disappeared: [],
    });
    const sentBack = roomReducer(admitted, { type: 'participants-changed', appeared: [], changed: [witnessSelf], disappeared: [] });
    expect(sentBack.hearing).toEqual({ ...outside, recording: 'running' });
  });

  it('learns from the join that the hearing is already being recorded', () => {
    const sut = run(joined(witnessSelf, [witnessSelf], { hearing: { ...outside, recording: 'paused' } }));
    expect(sut.hearing?.recording).toBe('paused');
    expect(sut.announcement?.key).toBe('waiting');
  });

  it('ignores the notification before the join (nothing to attach it to)', () => {
    expect(run({ type: 'recording-changed', recording: 'running' })).toEqual(initialRoomState);
  });
});

describe('roomReducer: interpretation', () => {
  it('starts on the floor until the server says otherwise, and keeps the channel of each received voice', () => {
    const sut = run(
      joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge], {
        media: media({ listening: 'ar' }),
      }),
      {
        type: 'media-added',
        media: { consumerId: 'c-int', participantId: 'int', source: 'microphone', track: track('i'), paused: false, channel: 'ar' },
      },
    );

    expect(initialRoomState.selfMedia.listening).toBeNull();
    expect(sut.selfMedia.listening).toBe('ar');
    expect(sut.media[0]?.channel).toBe('ar');
  });

  it('follows the server when the listener changes channel', () => {
    const inside = run(joined({ ...witnessSelf, state: 'admitted' }, [{ ...witnessSelf, state: 'admitted' }, judge]));
    const sut = roomReducer(inside, { type: 'self-media', media: media({ listening: 'ar' }) });
    expect(sut.selfMedia.listening).toBe('ar');
  });
});

import { checkSnapshot, decideMedia, visibleParticipants } from '@ejustice/media-policy';
import { newRoomParticipant, type RoomCommand, type RoomState, applyRoomCommand } from './room-state';
import { buildPolicySnapshot } from './room-policy';

function room(): RoomState {
  const p = (id: string, role: Parameters<typeof newRoomParticipant>[0]['role']) =>
    newRoomParticipant({
      id,
      role,
      displayName: `Name ${id}`,
      userId: null,
      // Counsel acts for the defendant.
      partyId: role === 'defendant' ? 'defendant-party' : null,
      clientPartyIds: role === 'defence_counsel' ? ['defendant-party'] : [],
      state: 'invited',
    });
  return {
    hearingId: 'h',
    courtId: 'c',
    caseId: 'k',
    title: 'T',
    status: 'open',
    roomLocked: false,
    participants: [p('judge', 'judge'), p('counsel', 'defence_counsel'), p('defendant', 'defendant'), p('witness', 'witness')],
    consultations: [],
    orders: [],
    floorLanguage: 'en',
  };
}

function play(state: RoomState, ...commands: RoomCommand[]): RoomState {
  return commands.reduce((s, c) => {
    const t = applyRoomCommand(s, c);
    if (!t.ok) throw t.error;
    return t.state;
  }, state);
}

const join = (participantId: string): RoomCommand => ({ type: 'join', participantId, now: 0, sessionKey: `s-${participantId}` });

describe('the media policy snapshot of a room', () => {
  it('carries roles, states, mute and hands, and is sound for the policy', () => {
    const s = play(
      room(),
      join('judge'),
      join('witness'),
      { type: 'admit', actorId: 'judge', targetId: 'witness' },
      { type: 'raiseHand', actorId: 'witness' },
    );
    const snapshot = buildPolicySnapshot(s);
    expect(snapshot.participants.find((p) => p.id === 'witness')).toEqual({
      id: 'witness',
      role: 'witness',
      state: 'admitted',
      displayName: 'Name witness',
      consultationId: null,
      muted: true,
      handRaised: true,
      cameraHeld: false,
      partyId: null,
      clientPartyIds: [],
      // On the floor: no channel.
      listening: null,
    });
    expect(snapshot.orders).toEqual([]);
    expect(checkSnapshot(snapshot)).toEqual([]);
    expect(decideMedia(snapshot, 'judge', 'witness', 'audio')).toMatchObject({ allowed: true, variant: 'raw' });
  });

  it('keeps the waiting room dark: no media to or from it, and only the judge by role in its list', () => {
    const s = play(room(), join('judge'), join('witness'));
    const snapshot = buildPolicySnapshot(s);
    expect(decideMedia(snapshot, 'witness', 'judge', 'video').allowed).toBe(false);
    expect(decideMedia(snapshot, 'judge', 'witness', 'video').allowed).toBe(false);
    expect(visibleParticipants(snapshot, 'witness').map((v) => [v.id, v.displayName])).toEqual([
      ['judge', null],
      ['witness', 'Name witness'],
    ]);
  });

  it('states consultation membership twice, in agreement, so privileged media flows inside only', () => {
    let s = play(room(), join('judge'), join('counsel'), join('defendant'));
    s = play(s, { type: 'admit', actorId: 'judge', targetId: 'counsel' }, { type: 'admit', actorId: 'judge', targetId: 'defendant' });
    s = play(s, { type: 'openConsultation', actorId: 'counsel', consultationId: 'c1', memberIds: ['defendant'] });
    const snapshot = buildPolicySnapshot(s);
    expect(checkSnapshot(snapshot)).toEqual([]);
    expect(snapshot.consultations).toEqual([{ id: 'c1', openedBy: 'counsel', memberIds: ['counsel', 'defendant'] }]);
    expect(decideMedia(snapshot, 'defendant', 'counsel', 'audio')).toMatchObject({ allowed: true, reason: 'consultation' });
    expect(decideMedia(snapshot, 'judge', 'counsel', 'audio').allowed).toBe(false);
    expect(decideMedia(snapshot, 'counsel', 'judge', 'audio').allowed).toBe(false);
  });

  it('passes the orders in force through unchanged', () => {
    const s = play(room(), join('judge'));
    const order = { kind: 'anonymity' as const, id: 'o1', participantId: 'witness', pseudonym: 'Witness A' };
    expect(buildPolicySnapshot(s, [order]).orders).toEqual([order]);
  });
});

import type { SpecialMeasure } from '@ejustice/media-policy/special-measure';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import {
  type RoomCommand,
  type RoomState,
  applyRoomCommand,
  findParticipant,
  newRoomParticipant,
  withNewParticipants,
  withdrawnSeats,
} from './room-state';
import { ok, play, roomWith } from './room-fixtures.testing';

const NOW = 1_800_000_000_000;
const GRACE = 60_000;

/** Counsel acts for the defendant (the defendant's party is their client). The judge called `judge` presides. */
function person(id: string, role: HearingRole, state: ParticipantState = 'invited') {
  return newRoomParticipant({
    id,
    role,
    displayName: `Name of ${id}`,
    userId: null,
    partyId: role === 'defendant' ? 'defendant-party' : role === 'victim' ? 'victim-party' : null,
    clientPartyIds: role === 'defence_counsel' ? ['defendant-party'] : [],
    presiding: id === 'judge',
    state,
  });
}

function newRoom(overrides: Partial<RoomState> = {}): RoomState {
  return roomWith(
    [
      person('judge', 'judge'),
      person('clerk', 'clerk'),
      person('witness', 'witness'),
      person('counsel', 'defence_counsel'),
      person('defendant', 'defendant'),
      person('public', 'observer'),
      person('supporter', 'supporter'),
      person('victim', 'victim'),
    ],
    overrides,
  );
}

function stateOf(s: RoomState, id: string) {
  return findParticipant(s, id)?.state;
}

/** A participant's own session (their link's, or their account's): the same one each time unless said otherwise. */
const join = (participantId: string, now = NOW, sessionKey = `session-of-${participantId}`): RoomCommand => ({
  type: 'join',
  participantId,
  now,
  sessionKey,
});

describe('hearing room transitions', () => {
  describe('joining', () => {
    it('seats the bench at once and sends everyone else to the waiting room, muted except the judge', () => {
      const t = ok(applyRoomCommand(newRoom(), join('judge')));
      expect(stateOf(t.state, 'judge')).toBe('admitted');
      expect(findParticipant(t.state, 'judge')?.muted).toBe(false);
      expect(t.events).toEqual([
        {
          type: 'participant_state',
          participantId: 'judge',
          from: 'invited',
          to: 'admitted',
          action: 'hearing.participant_admitted',
          data: { hearingRole: 'judge', from: 'invited', to: 'admitted', automatic: true },
        },
      ]);
      const s = play(t.state, join('clerk'), join('witness'));
      expect(stateOf(s, 'clerk')).toBe('admitted');
      expect(findParticipant(s, 'clerk')?.muted).toBe(true);
      expect(stateOf(s, 'witness')).toBe('waiting');
      expect(findParticipant(s, 'witness')?.muted).toBe(true);
    });

    it('refuses the removed and a closed hearing', () => {
      const removed = newRoom({ participants: [person('judge', 'judge'), person('witness', 'witness', 'removed')] });
      expect(applyRoomCommand(removed, join('witness'))).toMatchObject({ ok: false, error: { code: 'hearing.participant_removed' } });
      expect(applyRoomCommand(newRoom({ status: 'closed' }), join('judge'))).toMatchObject({
        ok: false,
        error: { code: 'hearing.closed' },
      });
    });

    it('keeps a locked room closed to newcomers, but not to the bench', () => {
      const s = play(newRoom(), join('judge'), { type: 'setRoomLock', actorId: 'judge', locked: true });
      expect(applyRoomCommand(s, join('witness'))).toMatchObject({ ok: false, error: { code: 'hearing.room_locked' } });
      expect(stateOf(play(s, join('clerk')), 'clerk')).toBe('admitted');
    });

    it('gives a dropped participant their place back within the grace period, muted as they were', () => {
      let s = play(newRoom(), join('judge'), join('witness'), { type: 'admit', actorId: 'judge', targetId: 'witness' });
      s = play(s, { type: 'disconnect', participantId: 'witness', now: NOW, graceMs: GRACE });
      expect(stateOf(s, 'witness')).toBe('disconnected');
      const back = ok(applyRoomCommand(s, join('witness', NOW + GRACE - 1)));
      expect(stateOf(back.state, 'witness')).toBe('admitted');
      expect(findParticipant(back.state, 'witness')?.muted).toBe(true);
      expect(back.events[0]).toMatchObject({ action: 'hearing.participant_rejoined', from: 'disconnected', to: 'admitted' });
      // Too late: the waiting room again.
      expect(stateOf(play(s, join('witness', NOW + GRACE + 1)), 'witness')).toBe('waiting');
    });

    it('gives a place back only to the session that held it: a new link waits to be admitted, and replaces a live one', () => {
      const s = play(newRoom({ status: 'open' }), join('judge'), join('witness'), { type: 'admit', actorId: 'judge', targetId: 'witness' });
      const dropped = play(s, { type: 'disconnect', participantId: 'witness', now: NOW, graceMs: GRACE });
      expect(stateOf(play(dropped, join('witness', NOW + 10, 'a-new-link')), 'witness')).toBe('waiting');
      expect(stateOf(play(dropped, join('witness', NOW + 10)), 'witness')).toBe('admitted');
      // Still connected, and a new link's holder arrives: the place is not theirs either.
      const t = ok(applyRoomCommand(s, join('witness', NOW + 10, 'a-new-link')));
      expect(stateOf(t.state, 'witness')).toBe('waiting');
      expect(t.events.map((e) => e.action)).toEqual(['hearing.participant_waiting']);
      // After a media node restart, an account is the same person; a link's holder waits again.
      const counselIn = play(s, join('counsel'), { type: 'admit', actorId: 'judge', targetId: 'counsel' });
      const recovered = play(
        { ...counselIn, participants: counselIn.participants.map((p) => (p.id === 'counsel' ? { ...p, userId: 'u-counsel' } : p)) },
        { type: 'recover', now: NOW, graceMs: GRACE },
      );
      expect(stateOf(play(recovered, join('counsel', NOW + 10, 'user:u-counsel')), 'counsel')).toBe('admitted');
      expect(stateOf(play(recovered, join('witness', NOW + 10)), 'witness')).toBe('waiting');
    });

    it('keeps a bench mute across a reconnection', () => {
      let s = play(newRoom({ status: 'open' }), join('judge'), join('witness'), { type: 'admit', actorId: 'judge', targetId: 'witness' });
      s = play(s, { type: 'setMuted', actorId: 'witness', muted: false }, { type: 'mute', actorId: 'judge', targetId: 'witness' });
      s = play(s, { type: 'disconnect', participantId: 'witness', now: NOW, graceMs: GRACE }, join('witness', NOW + 1000));
      expect(findParticipant(s, 'witness')).toMatchObject({ state: 'admitted', muted: true, mutedByBench: true });
      expect(applyRoomCommand(s, { type: 'setMuted', actorId: 'witness', muted: false })).toMatchObject({
        ok: false,
        error: { code: 'media.unmute_forbidden' },
      });
    });

    it('after a node restart, records everyone who was inside as disconnected, keeping their place', () => {
      const stale = newRoom({
        status: 'open',
        participants: [person('judge', 'judge', 'admitted'), person('witness', 'witness', 'waiting'), person('x', 'observer', 'invited')],
      });
      const t = ok(applyRoomCommand(stale, { type: 'recover', now: NOW, graceMs: GRACE }));
      expect(t.events.map((e) => (e.type === 'participant_state' ? [e.participantId, e.to, e.data] : e.type))).toEqual([
        ['judge', 'disconnected', { hearingRole: 'judge', from: 'admitted', to: 'disconnected', reason: 'media_node_restarted' }],
        ['witness', 'disconnected', { hearingRole: 'witness', from: 'waiting', to: 'disconnected', reason: 'media_node_restarted' }],
      ]);
      expect(stateOf(play(t.state, join('witness', NOW + 5)), 'witness')).toBe('waiting');
      expect(stateOf(play(t.state, join('judge', NOW + 5)), 'judge')).toBe('admitted');
    });
  });

  describe("the bench's controls", () => {
    const sitting = () => play(newRoom({ status: 'open' }), join('judge'), join('clerk'), join('witness'), join('counsel'));

    it('admits, sends back and removes, each with its audit event', () => {
      const admitted = ok(applyRoomCommand(sitting(), { type: 'admit', actorId: 'clerk', targetId: 'witness' }));
      expect(admitted.events).toEqual([
        expect.objectContaining({
          type: 'participant_state',
          participantId: 'witness',
          from: 'waiting',
          to: 'admitted',
          action: 'hearing.participant_admitted',
        }),
      ]);
      const back = ok(applyRoomCommand(admitted.state, { type: 'sendToWaitingRoom', actorId: 'judge', targetId: 'witness' }));
      expect(stateOf(back.state, 'witness')).toBe('waiting');
      const removed = ok(applyRoomCommand(back.state, { type: 'remove', actorId: 'judge', targetId: 'witness' }));
      expect(stateOf(removed.state, 'witness')).toBe('removed');
      expect(removed.effects).toEqual([{ type: 'endSession', participantId: 'witness', reason: 'removed' }]);
    });

    it('refuses a judge-only message from anyone else, and changes nothing', () => {
      const s = sitting();
      for (const actorId of ['witness', 'counsel']) {
        for (const command of [
          { type: 'admit', actorId, targetId: 'witness' },
          { type: 'remove', actorId, targetId: 'judge' },
          { type: 'mute', actorId, targetId: 'clerk' },
          { type: 'closeHearing', actorId },
          { type: 'setRoomLock', actorId, locked: true },
        ] as RoomCommand[]) {
          const t = applyRoomCommand(s, command);
          expect(t).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^room\.(forbidden|not_inside)$/) } });
        }
      }
    });

    it('mutes, and lets the participant speak again only after being asked', () => {
      let s = play(
        sitting(),
        { type: 'admit', actorId: 'judge', targetId: 'witness' },
        { type: 'setMuted', actorId: 'witness', muted: false },
      );
      const muted = ok(applyRoomCommand(s, { type: 'mute', actorId: 'clerk', targetId: 'witness' }));
      expect(muted.events).toEqual([{ type: 'note', action: 'hearing.participant_muted', participantId: 'witness' }]);
      s = muted.state;
      expect(applyRoomCommand(s, { type: 'setMuted', actorId: 'witness', muted: false })).toMatchObject({
        ok: false,
        error: { code: 'media.unmute_forbidden' },
      });
      s = play(s, { type: 'askToUnmute', actorId: 'judge', targetId: 'witness' });
      expect(findParticipant(s, 'witness')).toMatchObject({ muted: true, unmuteRequested: true });
      s = play(s, { type: 'setMuted', actorId: 'witness', muted: false });
      expect(findParticipant(s, 'witness')).toMatchObject({ muted: false, mutedByBench: false, unmuteRequested: false });
    });

    it('lets a participant who joined muted unmute themselves', () => {
      const s = play(
        sitting(),
        { type: 'admit', actorId: 'judge', targetId: 'witness' },
        { type: 'setMuted', actorId: 'witness', muted: false },
      );
      expect(findParticipant(s, 'witness')?.muted).toBe(false);
    });

    it('runs the sitting: open, recess, resume, adjourn (everyone disconnected), reopen, close', () => {
      let s = play(newRoom(), join('judge'), join('witness'), { type: 'admit', actorId: 'judge', targetId: 'witness' });
      const opened = ok(applyRoomCommand(s, { type: 'openHearing', actorId: 'judge' }));
      expect(opened.events).toEqual([{ type: 'hearing_status', from: 'scheduled', to: 'open', action: 'hearing.opened' }]);
      s = play(opened.state, { type: 'recessHearing', actorId: 'judge' });
      const resumed = ok(applyRoomCommand(s, { type: 'openHearing', actorId: 'judge' }));
      expect(resumed.events[0]).toMatchObject({ action: 'hearing.resumed' });
      const adjourned = ok(applyRoomCommand(resumed.state, { type: 'adjournHearing', actorId: 'judge' }));
      expect(adjourned.state.status).toBe('adjourned');
      expect(
        adjourned.state.participants
          .filter((p) => p.state === 'disconnected')
          .map((p) => p.id)
          .sort(),
      ).toEqual(['judge', 'witness']);
      expect(adjourned.effects).toEqual(
        expect.arrayContaining([
          { type: 'endSession', participantId: 'judge', reason: 'hearing_adjourned' },
          { type: 'endSession', participantId: 'witness', reason: 'hearing_adjourned' },
        ]),
      );
      // No place is kept after an adjournment: the next sitting starts from the waiting room.
      s = play(adjourned.state, join('judge', NOW + 1), join('witness', NOW + 2));
      expect(stateOf(s, 'witness')).toBe('waiting');
      s = play(s, { type: 'openHearing', actorId: 'judge' }, { type: 'closeHearing', actorId: 'judge' });
      expect(s.status).toBe('closed');
      expect(applyRoomCommand(s, { type: 'openHearing', actorId: 'judge' }).ok).toBe(false);
    });

    it('keeps the sitting to the presiding judge: a judge added to the panel cannot open, recess or close it', () => {
      const room = newRoom();
      let s = play(
        { ...room, participants: [...room.participants, person('panel', 'judge')] },
        join('judge'),
        join('panel'),
        join('witness'),
        { type: 'admit', actorId: 'panel', targetId: 'witness' },
      );
      expect(findParticipant(s, 'panel')).toMatchObject({ state: 'admitted', presiding: false });
      const refused = applyRoomCommand(s, { type: 'openHearing', actorId: 'panel' });
      expect(refused.ok ? null : refused.error.code).toBe('room.forbidden');
      s = play(s, { type: 'openHearing', actorId: 'judge' });
      for (const command of [
        { type: 'recessHearing', actorId: 'panel' },
        { type: 'adjournHearing', actorId: 'panel' },
        { type: 'closeHearing', actorId: 'panel' },
        { type: 'recessForWitness', actorId: 'panel', targetId: 'witness', consultationId: 'break' },
      ] as const) {
        const t = applyRoomCommand(s, command);
        expect({ command: command.type, code: t.ok ? null : t.error.code }).toEqual({ command: command.type, code: 'room.forbidden' });
      }
      expect(s.status).toBe('open');
    });

    it('lowers hands, all or some', () => {
      let s = play(
        sitting(),
        { type: 'admit', actorId: 'judge', targetId: 'witness' },
        { type: 'admit', actorId: 'judge', targetId: 'counsel' },
      );
      s = play(s, { type: 'raiseHand', actorId: 'witness' }, { type: 'raiseHand', actorId: 'counsel' });
      const some = ok(applyRoomCommand(s, { type: 'lowerHands', actorId: 'judge', targetIds: ['witness'] }));
      expect(some.state.participants.filter((p) => p.handRaised).map((p) => p.id)).toEqual(['counsel']);
      const all = ok(applyRoomCommand(s, { type: 'lowerHands', actorId: 'clerk' }));
      expect(all.state.participants.some((p) => p.handRaised)).toBe(false);
      expect(all.events).toEqual([{ type: 'note', action: 'hearing.hands_lowered', data: { participantIds: ['witness', 'counsel'] } }]);
      expect(applyRoomCommand(s, { type: 'raiseHand', actorId: 'judge' })).toMatchObject({ ok: false, error: { code: 'room.forbidden' } });
    });
  });

  describe('private consultations', () => {
    const court = () =>
      play(
        newRoom({ status: 'open' }),
        join('judge'),
        join('counsel'),
        join('defendant'),
        join('witness'),
        join('public'),
        { type: 'admit', actorId: 'judge', targetId: 'counsel' },
        { type: 'admit', actorId: 'judge', targetId: 'defendant' },
        { type: 'admit', actorId: 'judge', targetId: 'witness' },
        { type: 'admit', actorId: 'judge', targetId: 'public' },
      );

    it('moves counsel and client into one room, keeping both records of membership in agreement', () => {
      const t = ok(
        applyRoomCommand(court(), { type: 'openConsultation', actorId: 'counsel', consultationId: 'c1', memberIds: ['defendant'] }),
      );
      expect(t.state.consultations).toEqual([{ id: 'c1', openedBy: 'counsel', memberIds: ['counsel', 'defendant'] }]);
      expect(findParticipant(t.state, 'counsel')).toMatchObject({ state: 'in_consultation', consultationId: 'c1' });
      expect(findParticipant(t.state, 'defendant')).toMatchObject({ state: 'in_consultation', consultationId: 'c1' });
      expect(t.events.map((e) => e.action)).toEqual([
        'hearing.consultation_opened',
        'hearing.consultation_joined',
        'hearing.consultation_joined',
      ]);
    });

    it('refuses openers without the role, the gallery as member, and counsel convening the bench', () => {
      const s = court();
      expect(
        applyRoomCommand(s, { type: 'openConsultation', actorId: 'defendant', consultationId: 'c', memberIds: ['counsel'] }),
      ).toMatchObject({ ok: false, error: { code: 'room.forbidden' } });
      expect(
        applyRoomCommand(s, { type: 'openConsultation', actorId: 'counsel', consultationId: 'c', memberIds: ['public'] }),
      ).toMatchObject({ ok: false, error: { code: 'room.forbidden' } });
      expect(
        applyRoomCommand(s, { type: 'openConsultation', actorId: 'counsel', consultationId: 'c', memberIds: ['judge'] }),
      ).toMatchObject({ ok: false, error: { code: 'room.forbidden' } });
      const busy = play(s, { type: 'openConsultation', actorId: 'judge', consultationId: 'c0', memberIds: ['witness'] });
      expect(
        applyRoomCommand(busy, { type: 'openConsultation', actorId: 'counsel', consultationId: 'c', memberIds: ['witness'] }),
      ).toMatchObject({
        ok: false,
        error: { code: 'consultation.member_not_available' },
      });
    });

    it('closes the room when its last member leaves, or when the opener or the bench closes it', () => {
      let s = play(court(), { type: 'openConsultation', actorId: 'counsel', consultationId: 'c1', memberIds: ['defendant'] });
      s = play(s, { type: 'leaveConsultation', actorId: 'defendant' });
      expect(s.consultations[0].memberIds).toEqual(['counsel']);
      const last = ok(applyRoomCommand(s, { type: 'leaveConsultation', actorId: 'counsel' }));
      expect(last.state.consultations).toEqual([]);
      expect(last.events.map((e) => e.action)).toEqual(['hearing.consultation_closed', 'hearing.consultation_left']);

      s = play(court(), { type: 'openConsultation', actorId: 'counsel', consultationId: 'c2', memberIds: ['defendant'] });
      expect(applyRoomCommand(s, { type: 'closeConsultation', actorId: 'witness', consultationId: 'c2' })).toMatchObject({
        ok: false,
        error: { code: 'consultation.forbidden' },
      });
      const closed = ok(applyRoomCommand(s, { type: 'closeConsultation', actorId: 'judge', consultationId: 'c2' }));
      expect(closed.state.consultations).toEqual([]);
      expect(closed.state.participants.filter((p) => p.state === 'in_consultation')).toEqual([]);
    });

    it('drops a disconnected member from the room, and puts them back if they return in time', () => {
      let s = play(court(), { type: 'openConsultation', actorId: 'counsel', consultationId: 'c1', memberIds: ['defendant'] });
      s = play(s, { type: 'disconnect', participantId: 'defendant', now: NOW, graceMs: GRACE });
      expect(s.consultations[0].memberIds).toEqual(['counsel']);
      s = play(s, join('defendant', NOW + 10));
      expect(findParticipant(s, 'defendant')).toMatchObject({ state: 'in_consultation', consultationId: 'c1' });
      expect(s.consultations[0].memberIds).toEqual(['counsel', 'defendant']);
    });

    it('sends a returning member to the courtroom if their consultation ended meanwhile', () => {
      let s = play(court(), { type: 'openConsultation', actorId: 'counsel', consultationId: 'c1', memberIds: ['defendant'] });
      s = play(
        s,
        { type: 'disconnect', participantId: 'defendant', now: NOW, graceMs: GRACE },
        { type: 'leaveConsultation', actorId: 'counsel' },
      );
      s = play(s, join('defendant', NOW + 10));
      expect(findParticipant(s, 'defendant')).toMatchObject({ state: 'admitted', consultationId: null });
    });
  });

  describe('special measures in the room', () => {
    const supporterOrder: SpecialMeasure = {
      kind: 'supporter',
      id: 'o-sup',
      participantId: 'witness',
      supporterId: 'supporter',
      capacity: 'supporter',
    };
    const screenFromDefendant: SpecialMeasure = {
      kind: 'screen',
      id: 'o-scr',
      participantId: 'witness',
      fromRoles: ['defendant'],
      fromParticipantIds: [],
    };
    const court = (orders: SpecialMeasure[]) =>
      play(
        newRoom({ status: 'open', orders }),
        join('judge'),
        join('counsel'),
        join('defendant'),
        join('witness'),
        join('supporter'),
        { type: 'admit', actorId: 'judge', targetId: 'counsel' },
        { type: 'admit', actorId: 'judge', targetId: 'defendant' },
      );

    it('brings a supporter in beside her witness, back to the waiting room with her, and into her consultations', () => {
      let s = play(court([supporterOrder]), { type: 'admit', actorId: 'judge', targetId: 'witness' });
      expect(stateOf(s, 'supporter')).toBe('admitted');
      s = play(s, { type: 'openConsultation', actorId: 'judge', consultationId: 'c1', memberIds: ['witness'] });
      expect(s.consultations[0].memberIds).toEqual(['judge', 'witness', 'supporter']);
      s = play(s, { type: 'leaveConsultation', actorId: 'witness' });
      expect(stateOf(s, 'supporter')).toBe('admitted');
      s = play(s, { type: 'sendToWaitingRoom', actorId: 'judge', targetId: 'witness' });
      expect(stateOf(s, 'supporter')).toBe('waiting');
    });

    it('lets counsel consult only their own client, and a supporter only their witness', () => {
      const s = play(court([supporterOrder]), { type: 'admit', actorId: 'judge', targetId: 'witness' });
      expect(
        applyRoomCommand(s, { type: 'openConsultation', actorId: 'counsel', consultationId: 'c', memberIds: ['witness'] }),
      ).toMatchObject({
        ok: false,
        error: { code: 'consultation.forbidden', message: 'Counsel may consult only their own client in private.' },
      });
      expect(
        applyRoomCommand(s, { type: 'openConsultation', actorId: 'supporter', consultationId: 'c', memberIds: ['defendant'] }),
      ).toMatchObject({ ok: false, error: { code: 'consultation.forbidden' } });
      const together = ok(
        applyRoomCommand(s, { type: 'openConsultation', actorId: 'supporter', consultationId: 'c', memberIds: ['witness'] }),
      );
      expect(together.state.consultations[0].memberIds).toEqual(['supporter', 'witness']);
      // Counsel may not add a stranger to a room with their client either.
      const withClient = play(s, { type: 'openConsultation', actorId: 'counsel', consultationId: 'c2', memberIds: ['defendant'] });
      expect(
        applyRoomCommand(withClient, { type: 'addToConsultation', actorId: 'counsel', consultationId: 'c2', targetId: 'witness' }),
      ).toMatchObject({ ok: false, error: { code: 'consultation.forbidden' } });
    });

    it('never puts people screened from each other in one room, and ends such a room when a screen is ordered', () => {
      const s = play(court([screenFromDefendant]), { type: 'admit', actorId: 'judge', targetId: 'witness' });
      expect(
        applyRoomCommand(s, { type: 'openConsultation', actorId: 'judge', consultationId: 'c', memberIds: ['witness', 'defendant'] }),
      ).toMatchObject({ ok: false, error: { code: 'consultation.forbidden' } });

      const open = play(
        court([]),
        { type: 'admit', actorId: 'judge', targetId: 'witness' },
        { type: 'openConsultation', actorId: 'judge', consultationId: 'c', memberIds: ['witness', 'defendant'] },
      );
      const t = ok(applyRoomCommand(open, { type: 'ordersChanged', orders: [screenFromDefendant] }));
      expect(t.state.consultations).toEqual([]);
      expect(['judge', 'witness', 'defendant'].map((id) => stateOf(t.state, id))).toEqual(['admitted', 'admitted', 'admitted']);
      expect(t.events.map((e) => e.action)).toContain('hearing.consultation_closed');
    });

    it('calls a recess for her: the court is dark, she and her supporter wait together without the judge, resuming brings them back', () => {
      const s = play(court([supporterOrder]), { type: 'admit', actorId: 'judge', targetId: 'witness' });
      expect(
        applyRoomCommand(s, { type: 'recessForWitness', actorId: 'counsel', targetId: 'witness', consultationId: 'b1' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'room.forbidden' },
      });
      const t = ok(applyRoomCommand(s, { type: 'recessForWitness', actorId: 'judge', targetId: 'witness', consultationId: 'b1' }));
      expect(t.state.status).toBe('in_recess');
      expect(t.state.consultations).toEqual([{ id: 'b1', openedBy: 'judge', memberIds: ['witness', 'supporter'], breakFor: 'witness' }]);
      expect(['witness', 'supporter', 'judge'].map((id) => stateOf(t.state, id))).toEqual([
        'in_consultation',
        'in_consultation',
        'admitted',
      ]);
      expect(t.events.map((e) => e.action)).toEqual([
        'hearing.recessed',
        'hearing.recess_for_witness',
        'hearing.consultation_joined',
        'hearing.consultation_joined',
      ]);
      const resumed = ok(applyRoomCommand(t.state, { type: 'openHearing', actorId: 'judge' }));
      expect(resumed.state.status).toBe('open');
      expect(resumed.state.consultations).toEqual([]);
      expect(['witness', 'supporter'].map((id) => stateOf(resumed.state, id))).toEqual(['admitted', 'admitted']);
    });

    it('holds a camera the bench stopped until the bench allows it', () => {
      const s = play(court([]), { type: 'stopCamera', actorId: 'judge', targetId: 'defendant' });
      expect(findParticipant(s, 'defendant')?.cameraHeldByBench).toBe(true);
      expect(applyRoomCommand(s, { type: 'allowCamera', actorId: 'counsel', targetId: 'defendant' })).toMatchObject({
        ok: false,
        error: { code: 'room.forbidden' },
      });
      const t = ok(applyRoomCommand(s, { type: 'allowCamera', actorId: 'judge', targetId: 'defendant' }));
      expect(findParticipant(t.state, 'defendant')?.cameraHeldByBench).toBe(false);
      expect(t.events.map((e) => e.action)).toEqual(['hearing.participant_camera_allowed']);
    });

    it('sends "I need a break" to the judge alone, from the waiting room too, and audits it', () => {
      const t = ok(applyRoomCommand(court([]), { type: 'requestBreak', actorId: 'witness' }));
      expect(t.effects).toEqual([{ type: 'breakRequested', participantId: 'witness' }]);
      expect(t.events).toEqual([{ type: 'note', action: 'hearing.break_requested', participantId: 'witness' }]);
      expect(applyRoomCommand(court([]), { type: 'requestBreak', actorId: 'judge' })).toMatchObject({
        ok: false,
        error: { code: 'room.forbidden' },
      });
    });
  });

  it('adds participants the room did not know, without touching the known ones', () => {
    const s = play(newRoom(), join('judge'));
    const next = withNewParticipants(s, [person('judge', 'judge'), person('late', 'interpreter')]);
    expect(next.participants.map((p) => p.id)).toContain('late');
    expect(stateOf(next, 'judge')).toBe('admitted');
    expect(withNewParticipants(next, [person('late', 'interpreter')])).toBe(next);
  });

  describe('seats the court withdrew from outside the room', () => {
    it('finds, in the record as re-read, the seats withdrawn before their holders joined', () => {
      const s = play(newRoom(), join('judge'), join('counsel'));
      const record = s.participants.map((p) => (['witness', 'counsel', 'judge'].includes(p.id) ? { ...p, state: 'removed' as const } : p));
      // The witness never joined: withdrawn. Counsel is in the room (the room's own word stands, and
      // the api never withdraws a seat someone has taken up); the judge is never withdrawn.
      expect(withdrawnSeats(s, record)).toEqual(['witness']);
      expect(withdrawnSeats(s, s.participants)).toEqual([]);
      // Someone the room never knew is not the room's to withdraw.
      expect(withdrawnSeats(s, [person('stranger', 'witness', 'removed')])).toEqual([]);
    });

    it('takes them off the room without a row to write (the api wrote and audited it), and leaves the others', () => {
      const s = play(newRoom(), join('judge'), join('counsel'));
      const t = ok(applyRoomCommand(s, { type: 'seatsWithdrawn', participantIds: ['witness', 'counsel', 'nobody'] }));
      expect(stateOf(t.state, 'witness')).toBe('removed');
      expect(stateOf(t.state, 'counsel')).toBe(stateOf(s, 'counsel'));
      expect(stateOf(t.state, 'victim')).toBe('invited');
      expect(t.events).toEqual([]);
      expect(t.effects).toEqual([]);
    });
  });
});

import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import { decideMedia } from '@ejustice/media-policy';
import { audioChannelOf, interpretationView, interpretingOf, withDefaultListening } from './interpretation';
import { buildPolicySnapshot } from './room-policy';
import {
  type RoomCommand,
  type RoomState,
  applyRoomCommand,
  findParticipant,
  newRoomParticipant,
  refuseAttempt,
  withNewParticipants,
} from './room-state';
import { ok, play, roomWith } from './room-fixtures.testing';

const NOW = 1_800_000_000_000;
const GRACE = 60_000;

function person(id: string, role: HearingRole, language: string | null = null) {
  return newRoomParticipant({
    id,
    role,
    displayName: `Name of ${id}`,
    userId: null,
    partyId: null,
    presiding: id === 'judge',
    state: 'invited',
    language,
  });
}

/**
 * A French-speaking witness in an English court, with a French interpreter; an Arabic
 * interpreter; an interpreter the court has not yet given a language; the public gallery.
 */
function newRoom(): RoomState {
  return withDefaultListening(
    roomWith(
      [
        person('judge', 'judge'),
        person('interpreter-fr', 'interpreter', 'fr'),
        person('interpreter-ar', 'interpreter', 'ar'),
        person('interpreter-none', 'interpreter'),
        person('witness', 'witness', 'fr'),
        person('defendant', 'defendant', 'ti'),
        person('public', 'observer'),
      ],
      { status: 'open' },
    ),
  );
}

const join = (participantId: string, now = NOW): RoomCommand => ({ type: 'join', participantId, now, sessionKey: `s-${participantId}` });
const admit = (targetId: string): RoomCommand => ({ type: 'admit', actorId: 'judge', targetId });

/** Everyone in court. */
function sitting(): RoomState {
  const ids = ['interpreter-fr', 'interpreter-ar', 'interpreter-none', 'witness', 'defendant', 'public'];
  return play(newRoom(), join('judge'), ...ids.map((id) => join(id)), ...ids.map(admit));
}

const listening = (s: RoomState, id: string) => findParticipant(s, id)?.listening;

describe('interpretation in the hearing room', () => {
  describe('the channels', () => {
    it('are the languages of the interpreters assigned, besides the floor', () => {
      expect(interpretationView(newRoom())).toEqual({ floorLanguage: 'en', channels: ['ar', 'fr'] });
    });

    it('leave out an interpreter into the floor language itself', () => {
      const room = { ...newRoom(), floorLanguage: 'fr' };

      expect(interpretationView(room)).toEqual({ floorLanguage: 'fr', channels: ['ar'] });
      expect(interpretingOf(room, findParticipant(room, 'interpreter-fr')!)).toBeUndefined();
    });
  });

  describe('where each starts listening', () => {
    it('puts a witness who needs French on the French channel, and everyone else on the floor', () => {
      const s = sitting();

      expect(listening(s, 'witness')).toBe('fr');
      // Tigrinya is not interpreted in this hearing: the defendant hears the floor.
      for (const id of ['judge', 'defendant', 'public', 'interpreter-fr', 'interpreter-ar']) expect(listening(s, id)).toBeNull();
    });

    it('puts a participant added while the room is live on their channel', () => {
      const s = withNewParticipants(sitting(), [person('witness-2', 'witness', 'ar')]);

      expect(listening(s, 'witness-2')).toBe('ar');
    });

    it('keeps a choice across a reconnection within the grace period, and resets it after', () => {
      const chosen = play(sitting(), { type: 'chooseChannel', actorId: 'witness', channel: null });
      const dropped = play(chosen, { type: 'disconnect', participantId: 'witness', now: NOW, graceMs: GRACE });

      expect(listening(play(dropped, join('witness', NOW + 1_000)), 'witness')).toBeNull();
      expect(listening(play(dropped, join('witness', NOW + GRACE + 1)), 'witness')).toBe('fr');
    });

    it('keeps an interpreter on the floor across a reconnection within the grace period', () => {
      const onFloor = play(sitting(), { type: 'setInterpreterOutput', actorId: 'interpreter-fr', toFloor: true });
      const back = play(
        onFloor,
        { type: 'disconnect', participantId: 'interpreter-fr', now: NOW, graceMs: GRACE },
        join('interpreter-fr', NOW + 1_000),
      );

      expect(findParticipant(back, 'interpreter-fr')?.toFloor).toBe(true);
    });
  });

  describe('choosing a channel', () => {
    it('tunes a listener to a channel and back to the floor, audited, and tells them', () => {
      const t = ok(applyRoomCommand(sitting(), { type: 'chooseChannel', actorId: 'public', channel: 'ar' }));

      expect(listening(t.state, 'public')).toBe('ar');
      expect(t.events).toEqual([
        { type: 'note', action: 'hearing.interpretation_channel_chosen', participantId: 'public', data: { channel: 'ar' } },
      ]);
      expect(t.effects).toEqual([{ type: 'selfMediaChanged', participantId: 'public' }]);
      expect(listening(play(t.state, { type: 'chooseChannel', actorId: 'public', channel: null }), 'public')).toBeNull();
    });

    it('refuses a language the hearing does not interpret into', () => {
      const t = applyRoomCommand(sitting(), { type: 'chooseChannel', actorId: 'defendant', channel: 'ti' });

      expect(t).toMatchObject({ ok: false, error: { code: 'interpretation.unknown_channel' } });
    });

    it('changes nothing when the listener is already there', () => {
      const t = ok(applyRoomCommand(sitting(), { type: 'chooseChannel', actorId: 'witness', channel: 'fr' }));

      expect(t.events).toEqual([]);
      expect(t.effects).toEqual([]);
    });

    it('is open to a witness in the waiting room, and to nobody who is not connected', () => {
      const waiting = play(newRoom(), join('judge'), join('witness'));

      expect(listening(play(waiting, { type: 'chooseChannel', actorId: 'witness', channel: null }), 'witness')).toBeNull();
      expect(applyRoomCommand(waiting, { type: 'chooseChannel', actorId: 'public', channel: 'fr' })).toMatchObject({
        ok: false,
        error: { code: 'room.not_inside' },
      });
    });
  });

  describe("an interpreter's switch", () => {
    it('puts the interpreter on the floor (consecutive) and back into the channel (simultaneous)', () => {
      const s = sitting();
      expect(interpretingOf(s, findParticipant(s, 'interpreter-fr')!)).toEqual({ channel: 'fr', toFloor: false });
      expect(audioChannelOf(s, findParticipant(s, 'interpreter-fr')!)).toBe('fr');

      const t = ok(applyRoomCommand(s, { type: 'setInterpreterOutput', actorId: 'interpreter-fr', toFloor: true }));
      expect(interpretingOf(t.state, findParticipant(t.state, 'interpreter-fr')!)).toEqual({ channel: 'fr', toFloor: true });
      expect(audioChannelOf(t.state, findParticipant(t.state, 'interpreter-fr')!)).toBeNull();
      expect(t.events).toEqual([
        {
          type: 'note',
          action: 'hearing.interpreter_output_changed',
          participantId: 'interpreter-fr',
          data: { channel: 'fr', toFloor: true },
        },
      ]);
      expect(t.effects).toEqual([{ type: 'selfMediaChanged', participantId: 'interpreter-fr' }]);
    });

    it('is refused to anyone but an interpreter, at the door as in the transition', () => {
      const s = sitting();

      expect(applyRoomCommand(s, { type: 'setInterpreterOutput', actorId: 'witness', toFloor: true })).toMatchObject({
        ok: false,
        error: { code: 'interpretation.not_interpreter' },
      });
      expect(refuseAttempt(s, 'setInterpreterOutput', 'witness')?.code).toBe('interpretation.not_interpreter');
    });

    it('is refused to an interpreter the court gave no language: they have no channel', () => {
      expect(applyRoomCommand(sitting(), { type: 'setInterpreterOutput', actorId: 'interpreter-none', toFloor: true })).toMatchObject({
        ok: false,
        error: { code: 'interpretation.not_interpreter' },
      });
    });
  });

  describe('as the media policy reads it', () => {
    it('routes the French interpreter to the French channel only, and everyone after a switch to the floor', () => {
      const s = sitting();
      const hears = (state: RoomState, viewer: string) => decideMedia(buildPolicySnapshot(state), viewer, 'interpreter-fr', 'audio');

      expect(hears(s, 'witness')).toMatchObject({ allowed: true });
      expect(hears(s, 'judge')).toMatchObject({ allowed: false, reason: 'other_channel' });
      expect(hears(s, 'interpreter-ar')).toMatchObject({ allowed: false, reason: 'other_channel' });

      const onFloor = play(s, { type: 'setInterpreterOutput', actorId: 'interpreter-fr', toFloor: true });
      expect(hears(onFloor, 'judge')).toMatchObject({ allowed: true });
      expect(hears(onFloor, 'public')).toMatchObject({ allowed: true });
    });
  });
});

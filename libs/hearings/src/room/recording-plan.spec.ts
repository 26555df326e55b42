import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import { HEARING_STATUSES } from '@ejustice/vocabulary/hearing-status';
import { PARTICIPANT_STATES, type ParticipantState } from '@ejustice/vocabulary/participant-state';
import { RECORDING_STATES, type RecordingState } from '../signalling/signalling-messages';
import { nextRecordingState, recordedParticipants } from './recording-plan';
import { type RoomCommand, type RoomState, applyRoomCommand, newRoomParticipant } from './room-state';
import { ok, play } from './room-fixtures.testing';

const NOW = 1_800_000_000_000;

/** Counsel acts for the defendant (the defendant's party is their client). */
function person(id: string, role: HearingRole, state: ParticipantState, presiding = false) {
  return newRoomParticipant({
    id,
    role,
    displayName: `Name of ${id}`,
    userId: null,
    partyId: role === 'defendant' ? 'defendant-party' : null,
    clientPartyIds: role === 'defence_counsel' ? ['defendant-party'] : [],
    presiding,
    state,
  });
}

/** The presiding judge, a clerk, a panel judge, counsel, a witness and the gallery, all in court. */
function sitting(overrides: Partial<RoomState> = {}): RoomState {
  return {
    hearingId: 'h',
    courtId: 'court',
    caseId: 'case',
    title: 'R v X',
    status: 'open',
    roomLocked: false,
    participants: [
      person('judge', 'judge', 'admitted', true),
      person('panel', 'judge', 'admitted'),
      person('clerk', 'clerk', 'admitted'),
      person('counsel', 'defence_counsel', 'admitted'),
      person('defendant', 'defendant', 'admitted'),
      person('witness', 'witness', 'admitted'),
      person('public', 'observer', 'admitted'),
    ],
    consultations: [],
    orders: [],
    floorLanguage: 'en',
    ...overrides,
  };
}

const start: RoomCommand = { type: 'startRecording', actorId: 'judge' };
const pause: RoomCommand = { type: 'pauseRecording', actorId: 'judge' };
const stop: RoomCommand = { type: 'stopRecording', actorId: 'judge' };

describe('the court recording', () => {
  describe('nextRecordingState', () => {
    it('starts from off or paused, pauses what runs, stops what is not off, and refuses everything else', () => {
      const table: Record<RecordingState, Record<'startRecording' | 'pauseRecording' | 'stopRecording', RecordingState | null>> = {
        off: { startRecording: 'running', pauseRecording: null, stopRecording: null },
        running: { startRecording: null, pauseRecording: 'paused', stopRecording: 'off' },
        paused: { startRecording: 'running', pauseRecording: null, stopRecording: 'off' },
      };
      for (const from of RECORDING_STATES) {
        for (const command of ['startRecording', 'pauseRecording', 'stopRecording'] as const) {
          expect([from, command, nextRecordingState(from, command)]).toEqual([from, command, table[from][command]]);
        }
      }
    });
  });

  describe('the judge’s commands', () => {
    it('lets the presiding judge start, pause, resume and stop, telling everyone each time and writing no room event', () => {
      let state = sitting();
      expect(state.recording).toBeUndefined();
      for (const [command, to] of [
        [start, 'running'],
        [pause, 'paused'],
        [start, 'running'],
        [stop, 'off'],
      ] as const) {
        const t = ok(applyRoomCommand(state, command));
        expect(t.state.recording).toBe(to);
        expect(t.effects).toEqual([{ type: 'recordingChanged' }]);
        // The recording's start, pause and stop are audited by the recording's own record.
        expect(t.events).toEqual([]);
        state = t.state;
      }
    });

    it('refuses a change that makes no sense now with recording.not_allowed_now, changing nothing', () => {
      const off = sitting();
      const running = play(off, start);
      const paused = play(running, pause);
      for (const [state, command] of [
        [off, pause],
        [off, stop],
        [running, start],
        [paused, pause],
      ] as const) {
        const t = applyRoomCommand(state, command);
        expect(t.ok).toBe(false);
        if (!t.ok) expect(t.error.code).toBe('recording.not_allowed_now');
      }
    });

    it('is the presiding judge’s alone: the clerk, a panel judge, counsel, a witness and the gallery are forbidden', () => {
      const running = play(sitting(), start);
      for (const actorId of ['clerk', 'panel', 'counsel', 'defendant', 'witness', 'public']) {
        for (const [state, type] of [
          [sitting(), 'startRecording'],
          [running, 'pauseRecording'],
          [running, 'stopRecording'],
        ] as const) {
          const t = applyRoomCommand(state, { type, actorId });
          expect([actorId, type, t.ok ? 'allowed' : t.error.code]).toEqual([actorId, type, 'room.forbidden']);
        }
      }
    });

    it('may be started before the court sits and during a recess, but not once the hearing is closed', () => {
      expect(ok(applyRoomCommand(sitting({ status: 'scheduled' }), start)).state.recording).toBe('running');
      expect(ok(applyRoomCommand(sitting({ status: 'in_recess' }), start)).state.recording).toBe('running');
      const closed = applyRoomCommand(sitting({ status: 'closed' }), start);
      expect(closed.ok ? 'allowed' : closed.error.code).toBe('recording.not_allowed_now');
    });

    it('needs the judge inside: from the waiting room the judge learns only that they are not inside', () => {
      const t = applyRoomCommand(
        sitting({ participants: [person('judge', 'judge', 'waiting', true), person('witness', 'witness', 'admitted')] }),
        start,
      );
      expect(t.ok ? 'allowed' : t.error.code).toBe('room.not_inside');
    });

    it('ends with the hearing: closing it stops a running or paused recording and tells everyone', () => {
      for (const before of [play(sitting(), start), play(sitting(), start, pause)]) {
        const t = ok(applyRoomCommand(before, { type: 'closeHearing', actorId: 'judge' }));
        expect(t.state.recording).toBe('off');
        expect(t.effects).toContainEqual({ type: 'recordingChanged' });
      }
      const never = ok(applyRoomCommand(sitting(), { type: 'closeHearing', actorId: 'judge' }));
      expect(never.effects).not.toContainEqual({ type: 'recordingChanged' });
    });
  });

  describe('recordedParticipants', () => {
    it('records everyone in the courtroom while the recording runs and the court sits', () => {
      expect(recordedParticipants(play(sitting(), start)).sort()).toEqual(
        ['clerk', 'counsel', 'defendant', 'judge', 'panel', 'public', 'witness'].sort(),
      );
    });

    it('records nobody unless it is running and the court is open, whoever is in the room', () => {
      for (const recording of RECORDING_STATES) {
        for (const status of HEARING_STATUSES) {
          const want = recording === 'running' && status === 'open';
          expect([recording, status, recordedParticipants(sitting({ recording, status })).length > 0]).toEqual([recording, status, want]);
        }
      }
    });

    it('records only participants admitted to the courtroom: never the waiting room, a consultation, the absent', () => {
      const participants = PARTICIPANT_STATES.map((state) => person(`p-${state}`, 'witness', state));
      const state = sitting({ recording: 'running', participants });
      expect(recordedParticipants(state)).toEqual(['p-admitted']);
    });

    it('pauses with a recess and comes back with the sitting', () => {
      let state = play(sitting(), start);
      state = play(state, { type: 'recessHearing', actorId: 'judge' });
      expect(recordedParticipants(state)).toEqual([]);
      state = play(state, { type: 'openHearing', actorId: 'judge' });
      expect(recordedParticipants(state)).toContain('witness');
    });

    it('records nothing of a private consultation: its members drop off the record until they come back', () => {
      let state = play(sitting(), start, {
        type: 'openConsultation',
        actorId: 'counsel',
        consultationId: 'c1',
        memberIds: ['defendant'],
      });
      expect(recordedParticipants(state)).not.toContain('counsel');
      expect(recordedParticipants(state)).not.toContain('defendant');
      expect(recordedParticipants(state)).toContain('witness');
      state = play(state, { type: 'closeConsultation', actorId: 'counsel', consultationId: 'c1' });
      expect(recordedParticipants(state)).toEqual(expect.arrayContaining(['counsel', 'defendant']));
    });

    it('drops a witness sent to her break room, and records nobody during that recess', () => {
      const state = play(sitting(), start, { type: 'recessForWitness', actorId: 'judge', targetId: 'witness', consultationId: 'b1' });
      expect(recordedParticipants(state)).toEqual([]);
    });

    it('drops whoever leaves or loses their connection', () => {
      const state = play(
        sitting(),
        start,
        { type: 'leave', participantId: 'witness' },
        { type: 'disconnect', participantId: 'counsel', now: NOW, graceMs: 60_000 },
      );
      expect(recordedParticipants(state)).not.toContain('witness');
      expect(recordedParticipants(state)).not.toContain('counsel');
    });
  });
});

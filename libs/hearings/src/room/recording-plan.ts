import type { RecordingState } from '../signalling/signalling-messages';
import type { RoomState } from './room-state';

/**
 * The court's recording, as pure rules: which way the judge may move it, and whose media it
 * takes at any moment. The media node records exactly `recordedParticipants(state)` after every
 * change of the room, so the rules of what is on the record live here and nowhere else.
 */

export type RecordingCommand = 'startRecording' | 'pauseRecording' | 'stopRecording';

/**
 * The recording's next state, or null when the command makes no sense from where it stands
 * (starting what runs, pausing what does not run, stopping what is off). Starting a paused
 * recording resumes it: the same recording goes on, with new tracks.
 */
export function nextRecordingState(from: RecordingState, command: RecordingCommand): RecordingState | null {
  switch (command) {
    case 'startRecording':
      return from === 'running' ? null : 'running';
    case 'pauseRecording':
      return from === 'running' ? 'paused' : null;
    case 'stopRecording':
      return from === 'off' ? null : 'off';
  }
}

/** The room's recording state; a room that never heard of one is not recording. */
export function recordingOf(state: Pick<RoomState, 'recording'>): RecordingState {
  return state.recording ?? 'off';
}

/**
 * Whose producers are recorded now: nobody unless the judge has the recording running and the
 * court sits (a recess, an adjournment or a hearing not yet opened records nothing); then every
 * participant in the courtroom itself. Nobody in a private consultation (counsel and client, a
 * witness in her break room) nor in the waiting room is ever recorded: what is said there is not
 * said to the court.
 */
export function recordedParticipants(state: Pick<RoomState, 'recording' | 'status' | 'participants'>): string[] {
  if (recordingOf(state) !== 'running' || state.status !== 'open') return [];
  return state.participants.filter((p) => p.state === 'admitted').map((p) => p.id);
}

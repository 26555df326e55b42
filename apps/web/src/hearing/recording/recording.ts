import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { RecordingState } from '@ejustice/hearings/signalling/signalling-messages';

/**
 * The court's recording as the room shows it. The server starts, pauses and stops it on the
 * presiding judge's request and tells everyone connected (the waiting room too); the browser
 * shows what it was told.
 */

export type RecordingControl = 'startRecording' | 'resumeRecording' | 'pauseRecording' | 'stopRecording';

/** The request each console button sends: resuming is starting again after a pause. */
export const RECORDING_REQUEST = {
  startRecording: 'startRecording',
  resumeRecording: 'startRecording',
  pauseRecording: 'pauseRecording',
  stopRecording: 'stopRecording',
} as const satisfies Record<RecordingControl, 'startRecording' | 'pauseRecording' | 'stopRecording'>;

/**
 * The recording buttons of the console, for the presiding judge only (a clerk acting for the
 * judge does not start the court record). Tidiness only: the server checks the role and the
 * state again and refuses with `recording.not_allowed_now`.
 */
export function recordingControls(role: HearingRole | null | undefined, recording: RecordingState | undefined): RecordingControl[] {
  if (role !== 'judge' || recording === undefined) return [];
  switch (recording) {
    case 'off':
      return ['startRecording'];
    case 'running':
      return ['pauseRecording', 'stopRecording'];
    case 'paused':
      return ['resumeRecording', 'stopRecording'];
  }
}

/** Stopping ends the recording for good (a new start makes a new recording): asked first. */
export const CONFIRMED_RECORDING_CONTROLS: ReadonlySet<RecordingControl> = new Set(['stopRecording']);

/** What the indicator shows: nothing while the court does not record. */
export function recordingIndicator(recording: RecordingState | undefined): 'running' | 'paused' | null {
  return recording === 'running' || recording === 'paused' ? recording : null;
}

/** The live region's key for a change of the recording (under `room.announce.`), or null when nothing changed. */
export function recordingAnnouncement(before: RecordingState | undefined, after: RecordingState): string | null {
  if (before === after) return null;
  if (after === 'off') return before === undefined ? null : 'recording.stopped';
  if (after === 'running') return before === 'paused' ? 'recording.resumed' : 'recording.started';
  return 'recording.paused';
}

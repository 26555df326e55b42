import type { RecordingState } from '@ejustice/hearings/signalling/signalling-messages';
import { useTranslation } from 'react-i18next';
import { recordingIndicator } from './recording';
import './recording.css';

/**
 * The red dot every participant sees while the court records (a hollow one while it is paused).
 * What changed is said aloud by the room's live region (room-state's `recording-changed`); this
 * is what stays on screen. The dot does not blink: nothing in the room flashes.
 */
export function RecordingIndicator({ recording }: { recording: RecordingState | undefined }) {
  const { t } = useTranslation();
  const shown = recordingIndicator(recording);
  if (shown === null) return null;
  return (
    <span className={`recording-indicator recording-indicator--${shown}`} data-recording={shown}>
      <span className="recording-indicator__dot" aria-hidden="true" />
      {t(`room.recording.${shown}`)}
    </span>
  );
}

/**
 * Before admission: the person is told that the hearing is recorded, so they know it before they
 * say a word. In a polite live region that is always present, so a screen reader reads it when
 * the recording starts while they wait too.
 */
export function RecordingNotice({ recording }: { recording: RecordingState | undefined }) {
  const { t } = useTranslation();
  const shown = recordingIndicator(recording);
  return (
    <div role="status">
      {shown !== null && (
        <p className="notice recording-notice" data-recording={shown}>
          <span className="recording-indicator__dot" aria-hidden="true" /> {t(`room.recording.waitingNotice.${shown}`)}
        </p>
      )}
    </div>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../paths';
import { RecordingIndicator } from '../recording/RecordingIndicator';
import { CONFIRMED_RECORDING_CONTROLS, RECORDING_REQUEST, recordingControls } from '../recording/recording';
import { ConfirmButton } from '../room/ConfirmButton';
import type { HearingSession } from '../session/hearing-session';
import type { RoomState } from '../state/room-state';

/**
 * The court's recording in the console: its state for the bench, Start / Pause / Resume / Stop
 * for the presiding judge (the server refuses anyone else, and a change that makes no sense now),
 * and the way to the recordings for playback, in a new tab so that the room stays open.
 */
export function RecordingPanel({ state, session }: { state: RoomState; session: Pick<HearingSession, 'act'> }) {
  const { t } = useTranslation();
  const headingId = useId();
  const hearing = state.hearing;
  if (!hearing) return null;
  const recording = hearing.recording;
  const controls = recordingControls(state.self?.role, recording);
  return (
    <section aria-labelledby={headingId} className="recording-panel">
      <h2 id={headingId}>{t('console.recording.title')}</h2>
      <p>{recording === 'off' ? t('console.recording.off') : <RecordingIndicator recording={recording} />}</p>
      {controls.length > 0 && (
        <>
          <div className="console__actions">
            {controls.map((control) =>
              CONFIRMED_RECORDING_CONTROLS.has(control) ? (
                <ConfirmButton
                  key={control}
                  className="button button--secondary"
                  label={t(`console.recording.${control}`)}
                  question={t('console.recording.confirmStop')}
                  confirmLabel={t(`console.recording.${control}`)}
                  onConfirm={() => void session.act(RECORDING_REQUEST[control], {})}
                />
              ) : (
                <button key={control} type="button" className="button" onClick={() => void session.act(RECORDING_REQUEST[control], {})}>
                  {t(`console.recording.${control}`)}
                </button>
              ),
            )}
          </div>
          <p className="muted">{t('console.recording.followsSitting')}</p>
        </>
      )}
      <p>
        <Link to={paths.hearingRecordings(hearing.id)} target="_blank" rel="noopener">
          {t('console.recording.playback')}
        </Link>{' '}
        <span className="muted">{t('console.recording.newTab')}</span>
      </p>
    </section>
  );
}

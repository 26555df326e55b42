import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TrackVideo } from '../media/MediaElements';
import type { SelfPreview } from '../state/room-view';
import { RECORD_SECONDS, voiceCheckBusy, voiceCheckStatusKey, useVoiceCheck } from '../tech-check/voice-check';

interface SelfPreviewPanelProps {
  preview: SelfPreview;
  /** The local camera (null when off): what the judge sees. */
  localVideo: MediaStreamTrack | null;
  /** The chosen audio output, for the playback. */
  sinkId: string | null;
  /** In the waiting room: nobody sees her yet, and the panel says what will be seen once she is in. */
  waiting: boolean;
  /**
   * A microphone button for the voice check, where the page offers no other (the waiting room
   * while she is alone); absent inside, where the room's controls hold the microphone.
   */
  microphone?: { muted: boolean; mayUnmute: boolean; onSetMuted: (muted: boolean) => void };
}

/**
 * "How the court sees and hears you", for a witness under an anonymity order: the judge receives
 * her as she is (her local preview), everyone else the picture and voice the server's pipeline
 * makes of her — shown here from that same pipeline, not imitated in the browser. Her voice is
 * recorded for a few seconds and played back, never played live (that would echo).
 */
export function SelfPreviewPanel({ preview, localVideo, sinkId, waiting, microphone }: SelfPreviewPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const voice = useVoiceCheck(preview.audio, sinkId);
  const busy = voiceCheckBusy(voice.state);
  const statusKey = voiceCheckStatusKey(voice.state);
  const canRecord = preview.audio !== null && !busy;

  return (
    <section className="as-others-see" aria-labelledby={headingId} data-view="self-preview">
      <h2 id={headingId}>{t('room.selfPreview.title')}</h2>
      {waiting && <p>{t('room.selfPreview.waitingIntro')}</p>}
      <div className="as-others-see__pair">
        <figure className="as-others-see__figure">
          <figcaption>{t('room.selfPreview.judge')}</figcaption>
          <div className="self-preview">
            {localVideo ? (
              <TrackVideo track={localVideo} label={t('room.selfPreview.judgeLabel')} className="self-preview__video" />
            ) : (
              <p className="self-preview__empty">{t('techCheck.camera.none')}</p>
            )}
          </div>
        </figure>
        <figure className="as-others-see__figure" data-preview="anonymised">
          <figcaption>{t('room.selfPreview.others')}</figcaption>
          <div className="self-preview">
            {preview.video ? (
              <TrackVideo track={preview.video} label={t('room.selfPreview.othersLabel')} className="self-preview__video" />
            ) : (
              <p className="self-preview__empty">
                {preview.videoState === 'paused'
                  ? t('room.selfPreview.videoPaused')
                  : preview.videoState === 'weak'
                    ? t('room.selfPreview.videoWeak')
                    : t('room.selfPreview.videoStarting')}
              </p>
            )}
          </div>
        </figure>
      </div>
      <div className="as-others-see__voice">
        <p>{t('room.selfPreview.voiceIntro', { seconds: RECORD_SECONDS })}</p>
        <div className="as-others-see__buttons">
          <button
            type="button"
            className="button"
            // aria-disabled rather than disabled: the button keeps the keyboard focus while it records.
            aria-disabled={!canRecord}
            onClick={() => {
              if (canRecord) voice.start();
            }}
          >
            {t('room.selfPreview.hear')}
          </button>
          {voice.state.phase === 'done' && (
            <button type="button" className="button button--secondary" onClick={voice.replay}>
              {t('room.selfPreview.playAgain')}
            </button>
          )}
        </div>
        {voice.state.phase === 'recording' && (
          // For the eyes: the live region below says when it starts and ends, not every second.
          <p className="as-others-see__countdown" aria-hidden="true">
            {t('room.selfPreview.speakNow', { seconds: voice.state.secondsLeft })}
          </p>
        )}
        {!preview.audio && (
          <p className="muted">{preview.audioState === 'paused' ? t('room.selfPreview.micOff') : t('room.selfPreview.voiceStarting')}</p>
        )}
        {microphone && (
          <button
            type="button"
            className={microphone.muted ? 'button button--attention' : 'button button--secondary'}
            // Disabled, not hidden: the court holds the microphone.
            disabled={microphone.muted && !microphone.mayUnmute}
            onClick={() => microphone.onSetMuted(!microphone.muted)}
          >
            {microphone.muted ? t('room.controls.unmute') : t('room.controls.mute')}
          </button>
        )}
        {!waiting && <p className="muted">{t('room.selfPreview.headphones')}</p>}
        <p role="status" aria-live="polite" className="as-others-see__status">
          {statusKey ? t(`room.selfPreview.voice.${statusKey}`, { seconds: RECORD_SECONDS }) : ''}
        </p>
      </div>
    </section>
  );
}

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TrackAudio, TrackVideo } from '../media/MediaElements';
import type { ActOutcome } from '../session/hearing-session';
import type { RoomState } from '../state/room-state';
import { audioTracks, isReceiveOnly, mayAskForBreak, selfPreview, waitingRoomTiles } from '../state/room-view';
import { RecordingNotice } from '../recording/RecordingIndicator';
import { BreakButton, BreakConfirmation } from './BreakRequest';
import { ConfirmButton } from './ConfirmButton';
import { SelfPreviewPanel } from './SelfPreviewPanel';
import { VideoGrid } from './VideoGrid';

interface WaitingRoomViewProps {
  state: RoomState;
  hearingTitle: string;
  localVideo: MediaStreamTrack | null;
  hasMicrophone: boolean;
  /** The chosen audio output, for the voice of the person waiting with us. */
  sinkId: string | null;
  onLeave: () => void;
  /** "I need a break", to the judge alone; absent for those who may not ask (the gallery). */
  onRequestBreak?: () => Promise<ActOutcome>;
  onSetMuted: (muted: boolean) => void;
  /** Reports a remote video's on-screen size, for the server's simulcast layer choice. */
  onTileSize: (consumerId: string, width: number, height: number) => void;
}

/**
 * What a witness sees while waiting: a calm sentence, their own picture, a way to tell the judge
 * privately that she needs a break, and nobody from the hearing. The one exception is the server's
 * to make: a waiting witness and the supporter her order links to her see and hear each other
 * here, so whatever media it sends to the waiting room is shown and played, with a microphone
 * button so that they can talk. The public gallery waits without a camera or microphone, so it is
 * shown neither a picture nor a microphone sentence.
 */
export function WaitingRoomView({
  state,
  hearingTitle,
  localVideo,
  hasMicrophone,
  sinkId,
  onLeave,
  onRequestBreak,
  onSetMuted,
  onTileSize,
}: WaitingRoomViewProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sentBack = state.announcement?.key === 'sentBack';
  const role = state.self?.role;
  const gallery = isReceiveOnly(role);
  const company = waitingRoomTiles(state);
  const sounds = audioTracks(state);
  const together = company.length > 0;
  const preview = selfPreview(state);
  const { muted, mayUnmute } = state.selfMedia;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <div className="page-content waiting" data-view="waiting-room">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('room.waiting.title')}
      </h1>
      <p className="muted">
        <bdi>{hearingTitle}</bdi>
      </p>
      <div className="notice">
        {gallery ? (
          <p className="waiting__message">{t('room.waiting.galleryMessage')}</p>
        ) : (
          <>
            <p className="waiting__message">{sentBack ? t('room.waiting.sentBack') : t('room.waiting.message')}</p>
            <p>{t('room.waiting.privacy')}</p>
          </>
        )}
      </div>
      {/* Told before admission: what they say once admitted goes on the court's record. */}
      <RecordingNotice recording={state.hearing?.recording} />
      {/* Polite and always present, so that a screen reader says it when the other person arrives. */}
      <div role="status">
        {together && (
          <p className="waiting__together">{role === 'supporter' ? t('room.waiting.togetherSupporter') : t('room.waiting.together')}</p>
        )}
      </div>
      {together && (
        <VideoGrid tiles={company} label={t('room.waiting.togetherLabel')} emptyText={t('room.gridEmpty')} onTileSize={onTileSize} />
      )}
      {sounds.map((sound) => (
        <TrackAudio key={sound.consumerId} track={sound.track} sinkId={sinkId} gain={sound.gain} />
      ))}
      <p>{t('room.waiting.keepOpen')}</p>
      {onRequestBreak && mayAskForBreak(role) && (
        <div className="waiting__break">
          <p>{t('room.break.waitingHint')}</p>
          <BreakButton onRequest={onRequestBreak} />
          <BreakConfirmation asked={state.breakAsked} />
        </div>
      )}
      {!gallery && preview && (
        // Under an anonymity order: her own picture beside the one everyone else will receive.
        <SelfPreviewPanel
          preview={preview}
          localVideo={localVideo}
          sinkId={sinkId}
          waiting
          // Alone here she has no other microphone button; with her supporter she has the one below.
          microphone={hasMicrophone && !together ? { muted, mayUnmute, onSetMuted } : undefined}
        />
      )}
      {!gallery && (
        <>
          {!preview && (
            <figure className="waiting__preview">
              <div className="self-preview">
                {localVideo ? (
                  <TrackVideo track={localVideo} label={t('room.waiting.previewLabel')} className="self-preview__video" />
                ) : (
                  <p className="self-preview__empty">{t('techCheck.camera.none')}</p>
                )}
              </div>
              <figcaption>{together ? t('room.waiting.previewCaptionTogether') : t('room.waiting.previewCaption')}</figcaption>
            </figure>
          )}
          {state.selfMedia.cameraHeld && <p className="notice notice--warning">{t('room.cameraHeldNotice')}</p>}
          {together ? (
            <>
              <p>{muted ? t('room.waiting.micMutedTogether') : t('room.waiting.micOnTogether')}</p>
              {hasMicrophone && (
                <button
                  type="button"
                  className={muted ? 'button button--attention' : 'button'}
                  // Disabled, not hidden: the court holds the microphone.
                  disabled={muted && !mayUnmute}
                  onClick={() => onSetMuted(!muted)}
                >
                  {muted ? t('room.controls.unmute') : t('room.controls.mute')}
                </button>
              )}
            </>
          ) : (
            <p>{muted ? t('room.waiting.micMuted') : t('room.waiting.micOn')}</p>
          )}
        </>
      )}
      {state.connection === 'reconnecting' && (
        <p className="notice notice--warning" role="status">
          {t('room.reconnecting')}
        </p>
      )}
      <ConfirmButton
        className="button button--secondary"
        label={t('room.controls.leave')}
        question={t('room.confirm.leaveWaiting')}
        confirmLabel={t('room.controls.leave')}
        onConfirm={onLeave}
      />
    </div>
  );
}

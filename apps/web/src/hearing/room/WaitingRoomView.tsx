import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TrackVideo } from '../media/MediaElements';
import type { ActOutcome } from '../session/hearing-session';
import type { RoomState } from '../state/room-state';
import { isReceiveOnly, mayAskForBreak } from '../state/room-view';
import { BreakButton, BreakConfirmation } from './BreakRequest';
import { ConfirmButton } from './ConfirmButton';

interface WaitingRoomViewProps {
  state: RoomState;
  hearingTitle: string;
  localVideo: MediaStreamTrack | null;
  onLeave: () => void;
  /** "I need a break", to the judge alone; absent for those who may not ask (the gallery). */
  onRequestBreak?: () => Promise<ActOutcome>;
}

/**
 * What a witness sees while waiting: a calm sentence, their own picture, a way to tell the judge
 * privately that she needs a break, and nothing and nobody else. The server sends no one's media
 * or name to the waiting room; this view does not pretend otherwise. The public gallery waits
 * without a camera or microphone, so it is shown neither a picture nor a microphone sentence.
 */
export function WaitingRoomView({ state, hearingTitle, localVideo, onLeave, onRequestBreak }: WaitingRoomViewProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sentBack = state.announcement?.key === 'sentBack';
  const role = state.self?.role;
  const gallery = isReceiveOnly(role);

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
      <p>{t('room.waiting.keepOpen')}</p>
      {onRequestBreak && mayAskForBreak(role) && (
        <div className="waiting__break">
          <p>{t('room.break.waitingHint')}</p>
          <BreakButton onRequest={onRequestBreak} />
          <BreakConfirmation asked={state.breakAsked} />
        </div>
      )}
      {!gallery && (
        <>
          <figure className="waiting__preview">
            <div className="self-preview">
              {localVideo ? (
                <TrackVideo track={localVideo} label={t('room.waiting.previewLabel')} className="self-preview__video" />
              ) : (
                <p className="self-preview__empty">{t('techCheck.camera.none')}</p>
              )}
            </div>
            <figcaption>{t('room.waiting.previewCaption')}</figcaption>
          </figure>
          {state.selfMedia.cameraHeld && <p className="notice notice--warning">{t('room.cameraHeldNotice')}</p>}
          <p>{state.selfMedia.muted ? t('room.waiting.micMuted') : t('room.waiting.micOn')}</p>
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

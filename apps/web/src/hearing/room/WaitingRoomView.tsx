import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TrackVideo } from '../media/MediaElements';
import type { RoomState } from '../state/room-state';
import { ConfirmButton } from './ConfirmButton';

interface WaitingRoomViewProps {
  state: RoomState;
  hearingTitle: string;
  localVideo: MediaStreamTrack | null;
  onLeave: () => void;
}

/**
 * What a witness sees while waiting: a calm sentence, their own picture, and nothing and nobody
 * else. The server sends no one's media or name to the waiting room; this view does not pretend
 * otherwise, and it has no "break" button because the protocol has no break signal yet.
 */
export function WaitingRoomView({ state, hearingTitle, localVideo, onLeave }: WaitingRoomViewProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sentBack = state.announcement?.key === 'sentBack';

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
        <p className="waiting__message">{sentBack ? t('room.waiting.sentBack') : t('room.waiting.message')}</p>
        <p>{t('room.waiting.privacy')}</p>
      </div>
      <p>{t('room.waiting.keepOpen')}</p>
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
      <p>{state.selfMedia.muted ? t('room.waiting.micMuted') : t('room.waiting.micOn')}</p>
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

import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TrackAudio } from '../media/MediaElements';
import type { HearingSession } from '../session/hearing-session';
import { isBench, type RoomState } from '../state/room-state';
import { audioTracks, mayOpenConsultation, mayShareScreen, sendsMedia, videoTiles } from '../state/room-view';
import { JudgeConsole } from '../console/JudgeConsole';
import { ConsultationPanel } from '../console/ConsultationPanel';
import { ConfirmButton } from './ConfirmButton';
import { NetworkIndicator } from './NetworkIndicator';
import { VideoGrid } from './VideoGrid';

/** Phones and some browsers cannot share a screen at all: offer nothing rather than a dead button. */
function canShareScreen(): boolean {
  return typeof navigator !== 'undefined' && navigator.mediaDevices !== undefined && 'getDisplayMedia' in navigator.mediaDevices;
}

interface RoomViewProps {
  state: RoomState;
  session: HearingSession;
  hearingTitle: string;
  localVideo: MediaStreamTrack | null;
  hasMicrophone: boolean;
  sinkId: string | null;
}

/**
 * The hearing room: the grid of the people the server lets this participant see, their own
 * controls, and for the bench the console. Every control sends a request and the screen follows
 * the server's answer; a participant muted by the court cannot unmute here until the court asks.
 */
export function RoomView({ state, session, hearingTitle, localVideo, hasMicrophone, sinkId }: RoomViewProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const controlsId = useId();
  const role = state.self?.role;
  const bench = isBench(role);
  const inConsultation = state.self?.state === 'in_consultation';
  const status = state.hearing?.status;
  const tiles = videoTiles(state, localVideo);
  const sounds = audioTracks(state);
  const selfHealth = state.self ? state.network[state.self.id] : undefined;
  const { muted, mayUnmute, unmuteRequested, handRaised, audioOnly } = state.selfMedia;

  useEffect(() => {
    headingRef.current?.focus();
  }, [inConsultation]);

  const micLabel = muted ? t('room.controls.unmute') : t('room.controls.mute');

  return (
    <div className="room" data-view={inConsultation ? 'consultation' : 'hearing-room'}>
      <div className="room__bar">
        <div>
          <h1 ref={headingRef} tabIndex={-1}>
            {inConsultation ? t('room.consultation.title') : <bdi>{hearingTitle}</bdi>}
          </h1>
        </div>
        <div className="room__badges">
          {status && (
            <span className={`status-badge${status === 'open' ? ' status-badge--open' : ' status-badge--warning'}`}>
              {t(`hearingStatuses.${status}`)}
            </span>
          )}
          {state.hearing?.roomLocked && <span className="status-badge">{t('room.locked')}</span>}
          <NetworkIndicator health={selfHealth} />
        </div>
      </div>

      {state.connection === 'reconnecting' && (
        <p className="notice notice--warning room__notice" role="status">
          {t('room.reconnecting')}
        </p>
      )}
      {status && status !== 'open' && !inConsultation && <p className="notice room__notice">{t(`room.statusNotice.${status}`)}</p>}
      {inConsultation && (
        <div className="notice room__notice">
          <p>{t('room.consultation.notice')}</p>
          <button type="button" className="button button--secondary" onClick={() => void session.act('leaveConsultation', {})}>
            {t('room.consultation.leave')}
          </button>
        </div>
      )}
      {audioOnly && <p className="notice notice--warning room__notice">{t('room.audioOnlyNotice')}</p>}
      {!mayUnmute && <p className="notice notice--warning room__notice">{t('room.mutedByCourtNotice')}</p>}
      {unmuteRequested && muted && (
        <div className="notice room__notice">
          <p>{t('room.unmuteRequestedNotice')}</p>
          <button type="button" className="button" onClick={() => void session.setMuted(false)}>
            {t('room.controls.unmute')}
          </button>
        </div>
      )}
      {state.cameraStoppedByCourt && <p className="notice notice--warning room__notice">{t('room.cameraStoppedNotice')}</p>}

      <div className={`room__body${bench || mayOpenConsultation(role) ? ' room__body--with-console' : ''}`}>
        <section className="room__stage" aria-label={t('room.gridLabel')}>
          <VideoGrid
            tiles={tiles}
            label={t('room.gridLabel')}
            emptyText={t('room.gridEmpty')}
            onTileSize={(consumerId, width, height) => session.reportTileSize(consumerId, width, height)}
          />
          {sounds.map((sound) => (
            <TrackAudio key={sound.consumerId} track={sound.track} sinkId={sinkId} />
          ))}
          <div className="room__controls" role="toolbar" aria-label={t('room.controls.label')} id={controlsId}>
            {sendsMedia(role) && hasMicrophone && (
              <button
                type="button"
                className={muted ? 'button button--attention' : 'button'}
                // Disabled, not hidden: the person sees the court holds their microphone.
                disabled={muted && !mayUnmute}
                onClick={() => void session.setMuted(!muted)}
              >
                {micLabel}
              </button>
            )}
            {sendsMedia(role) && localVideo && (
              <button type="button" className="button button--secondary" onClick={() => void session.setCameraOff(!state.cameraOff)}>
                {state.cameraOff ? t('room.controls.cameraOn') : t('room.controls.cameraOff')}
              </button>
            )}
            {!bench && (
              <button type="button" className="button button--secondary" onClick={() => void session.setHandRaised(!handRaised)}>
                {handRaised ? t('room.controls.lowerHand') : t('room.controls.raiseHand')}
              </button>
            )}
            {mayShareScreen(role) && canShareScreen() && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void (state.sharingScreen ? session.stopScreenShare() : session.startScreenShare())}
              >
                {state.sharingScreen ? t('room.controls.stopShare') : t('room.controls.share')}
              </button>
            )}
            <span className="room__controls-end">
              <ConfirmButton
                className="button button--danger"
                label={t('room.controls.leave')}
                question={bench ? t('room.confirm.leaveBench') : t('room.confirm.leave')}
                confirmLabel={t('room.controls.leave')}
                onConfirm={() => void session.leave()}
              />
            </span>
          </div>
        </section>
        {bench ? (
          <JudgeConsole state={state} session={session} />
        ) : mayOpenConsultation(role) ? (
          <aside className="console" aria-label={t('console.label')}>
            <ConsultationPanel state={state} session={session} />
          </aside>
        ) : null}
      </div>
    </div>
  );
}

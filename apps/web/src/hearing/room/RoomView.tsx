import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TrackAudio } from '../media/MediaElements';
import type { HearingSession } from '../session/hearing-session';
import { galleryExcluded, isBench, type RoomState } from '../state/room-state';
import { audioTracks, mayAskForBreak, mayOpenConsultation, mayShareScreen, selfPreview, sendsMedia, videoTiles } from '../state/room-view';
import { JudgeConsole } from '../console/JudgeConsole';
import { ConsultationPanel } from '../console/ConsultationPanel';
import { InterpretationPanel } from '../interpretation/InterpretationPanel';
import { RecordingIndicator } from '../recording/RecordingIndicator';
import { BreakButton, BreakConfirmation } from './BreakRequest';
import { ConfirmButton } from './ConfirmButton';
import { NetworkIndicator } from './NetworkIndicator';
import { SelfPreviewPanel } from './SelfPreviewPanel';
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
 * the server's answer; a participant muted by the court cannot unmute here until the court asks,
 * nor turn on a camera the court stopped until it allows it. The public gallery has no controls
 * over a microphone or camera it does not send, and while the court sits in private it is told
 * so instead of being shown an empty room.
 */
export function RoomView({ state, session, hearingTitle, localVideo, hasMicrophone, sinkId }: RoomViewProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const controlsId = useId();
  const cameraHeldId = useId();
  const role = state.self?.role;
  const bench = isBench(role);
  const sends = sendsMedia(role);
  const excluded = galleryExcluded(state);
  const inConsultation = state.self?.state === 'in_consultation';
  const status = state.hearing?.status;
  const tiles = videoTiles(state, localVideo);
  const sounds = audioTracks(state);
  const preview = selfPreview(state);
  const selfHealth = state.self ? state.network[state.self.id] : undefined;
  const { muted, mayUnmute, unmuteRequested, handRaised, audioOnly, cameraHeld } = state.selfMedia;

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
          <RecordingIndicator recording={state.hearing?.recording} />
          {status && (
            <span className={`status-badge${status === 'open' ? ' status-badge--open' : ' status-badge--warning'}`}>
              {t(`hearingStatuses.${status}`)}
            </span>
          )}
          {state.hearing?.roomLocked && <span className="status-badge">{t('room.locked')}</span>}
          {state.hearing?.sittingInPrivate && !excluded && (
            <span className="status-badge status-badge--warning">{t('room.sittingInPrivateBadge')}</span>
          )}
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
      {audioOnly && !excluded && <p className="notice notice--warning room__notice">{t('room.audioOnlyNotice')}</p>}
      {/* The gallery has no microphone: the court never mutes it. */}
      {sends && !mayUnmute && <p className="notice notice--warning room__notice">{t('room.mutedByCourtNotice')}</p>}
      {sends && unmuteRequested && muted && (
        <div className="notice room__notice">
          <p>{t('room.unmuteRequestedNotice')}</p>
          <button type="button" className="button" onClick={() => void session.setMuted(false)}>
            {t('room.controls.unmute')}
          </button>
        </div>
      )}
      {sends && cameraHeld && (
        <p id={cameraHeldId} className="notice notice--warning room__notice">
          {t('room.cameraHeldNotice')}
        </p>
      )}

      <div className={`room__body${bench || mayOpenConsultation(role) ? ' room__body--with-console' : ''}`}>
        <section className="room__stage" aria-label={t('room.gridLabel')}>
          {excluded ? (
            // The server sends the gallery nothing and nobody meanwhile: say why, not "nobody is here".
            <div className="private-sitting">
              <h2>{t('room.gallery.privateTitle')}</h2>
              <p>{t('room.gallery.privateText')}</p>
              <p className="muted">{t('room.gallery.privateKeepOpen')}</p>
            </div>
          ) : (
            <VideoGrid
              tiles={tiles}
              label={t('room.gridLabel')}
              emptyText={t('room.gridEmpty')}
              onTileSize={(consumerId, width, height) => session.reportTileSize(consumerId, width, height)}
            />
          )}
          {sounds.map((sound) => (
            <TrackAudio key={sound.consumerId} track={sound.track} sinkId={sinkId} gain={sound.gain} />
          ))}
          <div className="room__controls" role="toolbar" aria-label={t('room.controls.label')} id={controlsId}>
            {sends && hasMicrophone && (
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
            {sends && localVideo && (
              <button
                type="button"
                className="button button--secondary"
                // Disabled, not hidden, and described by the notice that says why and until when.
                disabled={cameraHeld}
                aria-describedby={cameraHeld ? cameraHeldId : undefined}
                onClick={() => void session.setCameraOff(!state.cameraOff)}
              >
                {state.cameraOff ? t('room.controls.cameraOn') : t('room.controls.cameraOff')}
              </button>
            )}
            {/* The bench holds the floor; the gallery has no right of audience. */}
            {!bench && sends && (
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
            {mayAskForBreak(role) && <BreakButton onRequest={() => session.requestBreak()} />}
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
          <BreakConfirmation asked={state.breakAsked} />
          {!excluded && (
            <InterpretationPanel
              interpretation={state.hearing?.interpretation}
              selfMedia={state.selfMedia}
              onChooseChannel={(channel) => session.chooseChannel(channel)}
              onSetOutput={(toFloor) => session.setInterpreterOutput(toFloor)}
            />
          )}
          {/* Under an anonymity order the server sends her own anonymised picture and voice back. */}
          {preview && (
            <SelfPreviewPanel preview={preview} localVideo={state.cameraOff ? null : localVideo} sinkId={sinkId} waiting={false} />
          )}
        </section>
        {bench ? (
          <JudgeConsole state={state} session={session} />
        ) : mayOpenConsultation(role) ? (
          <aside className="console" aria-label={t('console.consultation.title')}>
            <ConsultationPanel state={state} session={session} />
          </aside>
        ) : null}
      </div>
    </div>
  );
}

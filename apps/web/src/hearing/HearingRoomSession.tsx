import type { JoinTicket } from '@ejustice/hearings/signalling/signalling-messages';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/error-message';
import type { LocalMedia } from './media/local-media';
import { Announcer } from './room/Announcer';
import { RoomView } from './room/RoomView';
import { WaitingRoomView } from './room/WaitingRoomView';
import { SessionEndedView } from './room/SessionEndedView';
import { HearingSession } from './session/hearing-session';
import type { TicketRequest } from './session/ticket-api';
import { isInside } from './state/room-state';

interface HearingRoomSessionProps {
  hearingId: string;
  hearingTitle: string;
  fetchTicket: (request?: TicketRequest) => Promise<JoinTicket>;
  media: LocalMedia;
  /** Where to go after the session ended (a link to the home page for account holders). */
  afterEnd?: React.ReactNode;
  onRejoin?: () => void;
}

/**
 * Runs one live session (a ticket, the socket, the media) for as long as it is mounted, and shows
 * the right view for the participant's state: the waiting room, the hearing room (with the
 * console for the bench), or the end of the session with what to do next.
 */
export function HearingRoomSession({ hearingId, hearingTitle, fetchTicket, media, afterEnd, onRejoin }: HearingRoomSessionProps) {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState<HearingSession | null>(null);
  const [ticketError, setTicketError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const tracks = useRef({ audio: media.audioTrack, video: media.videoTrack });
  tracks.current = { audio: media.audioTrack, video: media.videoTrack };

  useEffect(() => {
    let current: HearingSession | null = null;
    let cancelled = false;
    setTicketError(null);
    fetchTicket().then(
      (ticket) => {
        if (cancelled) return;
        current = new HearingSession({ hearingId, firstTicket: ticket, fetchTicket, tracks: () => tracks.current });
        current.start();
        setSession(current);
      },
      (error: unknown) => {
        if (!cancelled) setTicketError(error);
      },
    );
    return () => {
      cancelled = true;
      current?.dispose();
      setSession(null);
    };
  }, [hearingId, fetchTicket, attempt]);

  // A device chosen again in the room replaces the track the court receives.
  useEffect(() => {
    void session?.replaceTrack('microphone', media.audioTrack);
  }, [session, media.audioTrack]);
  useEffect(() => {
    void session?.replaceTrack('camera', media.videoTrack);
  }, [session, media.videoTrack]);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);

  if (ticketError) {
    return (
      <div className="page-content page-content--narrow">
        <h1>{t('room.connectFailed.title')}</h1>
        <div className="notice notice--error" role="alert">
          <p>{errorMessage(ticketError, i18n)}</p>
        </div>
        <button type="button" className="button" onClick={retry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (!session) return <Connecting />;
  return (
    <SessionView
      session={session}
      hearingTitle={hearingTitle}
      media={media}
      afterEnd={afterEnd}
      onRejoin={() => {
        retry();
        onRejoin?.();
      }}
    />
  );
}

function Connecting() {
  const { t } = useTranslation();
  return (
    <div className="page-content page-content--narrow">
      <h1>{t('room.connecting.title')}</h1>
      <p role="status">{t('room.connecting.text')}</p>
    </div>
  );
}

function SessionView({
  session,
  hearingTitle,
  media,
  afterEnd,
  onRejoin,
}: {
  session: HearingSession;
  hearingTitle: string;
  media: LocalMedia;
  afterEnd?: React.ReactNode;
  onRejoin: () => void;
}) {
  const state = useSyncExternalStore(session.store.subscribe, session.store.getState);
  let view: React.ReactNode;
  if (state.connection === 'ended') {
    view = <SessionEndedView state={state} afterEnd={afterEnd} onRejoin={onRejoin} />;
  } else if (state.self === null) {
    view = <Connecting />;
  } else if (isInside(state)) {
    view = (
      <RoomView
        state={state}
        session={session}
        hearingTitle={state.hearing?.title ?? hearingTitle}
        localVideo={media.videoTrack}
        hasMicrophone={media.audioTrack !== null}
        sinkId={media.selected.audiooutput}
      />
    );
  } else {
    view = (
      <WaitingRoomView
        state={state}
        hearingTitle={state.hearing?.title ?? hearingTitle}
        localVideo={state.cameraOff ? null : media.videoTrack}
        hasMicrophone={media.audioTrack !== null}
        sinkId={media.selected.audiooutput}
        onLeave={() => void session.leave()}
        onRequestBreak={() => session.requestBreak()}
        onSetMuted={(muted) => void session.setMuted(muted)}
        onTileSize={(consumerId, width, height) => session.reportTileSize(consumerId, width, height)}
      />
    );
  }
  return (
    <>
      <Announcer announcement={state.announcement} />
      {view}
    </>
  );
}

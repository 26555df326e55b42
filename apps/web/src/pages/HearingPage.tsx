import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { HearingRoomSession } from '../hearing/HearingRoomSession';
import { useLocalMedia } from '../hearing/media/local-media';
import { fetchTicketWithAccount } from '../hearing/session/ticket-api';
import { TechCheck } from '../hearing/tech-check/TechCheck';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import '../hearing/hearing.css';

/**
 * `/hearings/:hearingId` for people with an account (the judge, the clerk, counsel, a prosecutor,
 * an interpreter): the same check of camera and microphone as a witness gets, then the room. The
 * api decides whether this account is a participant of this hearing when it issues the ticket.
 */
export function HearingPage() {
  const { t } = useTranslation();
  const { hearingId = '' } = useParams<{ hearingId: string }>();
  const media = useLocalMedia();
  const [entered, setEntered] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(t('room.documentTitle'));
  const fetchTicket = useCallback(() => fetchTicketWithAccount(api, hearingId), [hearingId]);

  useEffect(() => {
    if (!entered) headingRef.current?.focus();
  }, [entered]);

  if (entered) {
    return (
      <HearingRoomSession
        hearingId={hearingId}
        hearingTitle={t('room.untitled')}
        fetchTicket={fetchTicket}
        media={media}
        afterEnd={
          <p>
            <Link to={paths.home}>{t('common.backHome')}</Link>
          </p>
        }
      />
    );
  }
  return (
    <div className="page-content join">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('room.beforeEnter')}
      </h1>
      <TechCheck media={media} enterLabel={t('room.enter')} onEnter={() => setEntered(true)} />
    </div>
  );
}

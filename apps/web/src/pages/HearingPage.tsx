import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { useApiResource } from '../api/use-api-resource';
import type {
  AddedParticipantView,
  HearingDetailView as HearingDetail,
  HearingParticipantLine,
} from '@ejustice/hearings/contract/hearing-contract';
import { useUser } from '../auth/auth-context';
import { getHearing } from '../hearing/hearing-api';
import { CourtRoomName } from '../hearing/home/CourtRoom';
import { HearingRoomSession } from '../hearing/HearingRoomSession';
import { ParticipantLinksSection } from '../hearing/links/ParticipantLinksSection';
import { AddParticipantSection } from '../hearing/participants/AddParticipantSection';
import { withRemoved } from '../hearing/participants/withdraw-seat';
import { SpecialMeasuresPanel } from '../hearing/orders/SpecialMeasuresPanel';
import { useLocalMedia } from '../hearing/media/local-media';
import { type TicketRequest, fetchTicketWithAccount } from '../hearing/session/ticket-api';
import { isReceiveOnly } from '../hearing/state/role-lists';
import { TechCheck } from '../hearing/tech-check/TechCheck';
import { errorMessage } from '../i18n/error-message';
import { useCourtTime } from '../i18n/use-court-time';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import '../hearing/hearing.css';

/**
 * `/hearings/:hearingId` for people with an account (the judge, the clerk, counsel, a prosecutor,
 * an interpreter): which hearing this is, the same check of camera and microphone as a witness
 * gets, then the room. The api decides whether this account may join when it issues the ticket.
 */
export function HearingPage() {
  const { t, i18n } = useTranslation();
  const { hearingId = '' } = useParams<{ hearingId: string }>();
  const media = useLocalMedia();
  const [entered, setEntered] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const load = useCallback((signal: AbortSignal) => getHearing(api, hearingId, signal), [hearingId]);
  const { state, reload } = useApiResource(load);
  const title = state.status === 'loaded' ? state.data.title : t('room.untitled');
  useDocumentTitle(state.status === 'loaded' ? state.data.title : t('room.documentTitle'));
  const fetchTicket = useCallback((request?: TicketRequest) => fetchTicketWithAccount(api, hearingId, request), [hearingId]);

  useEffect(() => {
    if (!entered) headingRef.current?.focus();
  }, [entered, state.status]);

  if (entered) {
    return (
      <HearingRoomSession
        hearingId={hearingId}
        hearingTitle={title}
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
  if (state.status === 'loading') {
    return (
      <p className="notice" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="page-content page-content--narrow">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('room.connectFailed.title')}
        </h1>
        <div className="notice notice--error" role="alert">
          <p>{errorMessage(state.error, i18n)}</p>
        </div>
        <div className="console__actions">
          <button type="button" className="button" onClick={reload}>
            {t('common.retry')}
          </button>
          <Link className="button button--secondary" to={paths.home}>
            {t('common.backHome')}
          </Link>
        </div>
      </div>
    );
  }
  return (
    <div className="page-content join">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('room.beforeEnter')}
      </h1>
      <TechCheck
        media={media}
        enterLabel={t('room.enter')}
        onEnter={() => setEntered(true)}
        receiveOnly={isReceiveOnly(state.data.viewer.hearingRole)}
        bench={goesStraightIn(state.data)}
      >
        <HearingFacts hearing={state.data} />
      </TechCheck>
      {state.data.viewer.bench && <BenchSections key={hearingId} hearing={state.data} />}
    </div>
  );
}

/**
 * For the court's judges and clerks, below the check: who holds which link (issue, revoke), seating
 * someone more or withdrawing a seat given by mistake, and for the judge the special-measures
 * orders, made before anyone joins (a witness's anonymity before her link is sent) as in the room.
 * Those added or withdrawn here show so at once, in every section.
 */
function BenchSections({ hearing }: { hearing: HearingDetail }) {
  const user = useUser();
  const [added, setAdded] = useState<readonly AddedParticipantView[]>([]);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const onAdded = useCallback((p: AddedParticipantView) => setAdded((current) => [...current, p]), []);
  const onRemoved = useCallback((id: string) => setRemoved((current) => (current.has(id) ? current : new Set(current).add(id))), []);
  const participants = withRemoved(withAdded(hearing.participants, added), removed);
  const open = hearing.status !== 'closed';
  return (
    <>
      <ParticipantLinksSection hearingId={hearing.id} participants={participants} onRemoved={open ? onRemoved : undefined} />
      {open && <AddParticipantSection hearingId={hearing.id} caseId={hearing.case.id} courtId={user.courtId} onAdded={onAdded} />}
      {open && hearing.viewer.hearingRole === 'judge' && (
        <div className="panel hearing-page__orders">
          <SpecialMeasuresPanel hearingId={hearing.id} participants={participants} />
        </div>
      )}
    </>
  );
}

/**
 * Whether the viewer enters without the waiting room: listed on the bench, or a clerk of the
 * court not listed, who joins as its clerk (benchSeatOf on the server).
 */
function goesStraightIn(hearing: HearingDetail): boolean {
  const role = hearing.viewer.hearingRole;
  return role === 'judge' || role === 'clerk' || (role === null && hearing.viewer.bench);
}

/** The hearing's participants as loaded, then those added since that the list does not have yet. */
function withAdded(loaded: readonly HearingParticipantLine[], added: readonly AddedParticipantView[]): HearingParticipantLine[] {
  const more = added.filter((p) => !loaded.some((l) => l.id === p.id));
  return [...loaded, ...more.map((p) => ({ id: p.id, role: p.hearingRole, displayName: p.displayName, self: false, state: p.state }))];
}

function HearingFacts({ hearing }: { hearing: HearingDetail }) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  const role = hearing.viewer.hearingRole;
  return (
    <dl className="summary-list">
      <div>
        <dt>{t('join.summary.hearing')}</dt>
        <dd>
          <bdi>{hearing.title}</bdi>
        </dd>
      </div>
      <div>
        <dt>{t('hearingsList.columns.case')}</dt>
        <dd>
          {/* The court's judges and clerks go to the case's page (its hearings, its docket); others may not read it. */}
          {hearing.viewer.bench ? (
            <Link to={paths.caseDocket(hearing.case.id)}>
              <bdi className="case-number">{hearing.case.number}</bdi>
            </Link>
          ) : (
            <bdi className="case-number">{hearing.case.number}</bdi>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('join.summary.when')}</dt>
        <dd>
          <time dateTime={hearing.scheduledStart}>{courtTime.dateTime(hearing.scheduledStart, 'full')}</time>
        </dd>
      </div>
      {hearing.courtRoom && (
        <div>
          <dt>{t('hearingsList.courtRoom')}</dt>
          <dd>
            <CourtRoomName room={hearing.courtRoom} />
          </dd>
        </div>
      )}
      <div>
        <dt>{t('hearingsList.columns.status')}</dt>
        <dd>{t(`hearingStatuses.${hearing.status}`)}</dd>
      </div>
      {role && (
        <div>
          <dt>{t('join.summary.as')}</dt>
          <dd>{t(`hearingRoles.${role}`)}</dd>
        </div>
      )}
    </dl>
  );
}

import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import type { HearingSessionGrant as HearingLinkExchange } from '@ejustice/hearings/links/hearing-link-views';
import { HearingRoomSession } from '../hearing/HearingRoomSession';
import { exchangeLink } from '../hearing/join/link-api';
import { type TicketRequest, fetchTicketWithSession } from '../hearing/session/ticket-api';
import {
  classifyLinkError,
  createLinkSessionStore,
  exchangeOnce,
  isFinalLinkProblem,
  type LinkProblem,
} from '../hearing/join/link-session';
import { useLocalMedia } from '../hearing/media/local-media';
import { isReceiveOnly } from '../hearing/state/role-lists';
import { TechCheck } from '../hearing/tech-check/TechCheck';
import { formatCourtDateTime } from '../i18n/court-time';
import { currentLanguage } from '../i18n/i18n';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import '../hearing/hearing.css';

const sessions = createLinkSessionStore();

type Phase =
  | { step: 'welcome' }
  | { step: 'exchanging' }
  | { step: 'link-problem'; problem: LinkProblem }
  | { step: 'check'; session: HearingLinkExchange }
  | { step: 'session'; session: HearingLinkExchange };

/**
 * `/join/:token` and `/join`: a witness, victim, supporter or interpreter joins without an account.
 *
 * 1. A calm welcome that says what will happen. The link is spent only when the person presses
 *    "Start": a messaging app that opens links to preview them must not use it up.
 * 2. The exchange. The session it returns is kept for this tab and the token leaves the address
 *    bar and the history at once (the page moves to `/join`), so a reload keeps working and the
 *    token is never shown or sent again.
 * 3. The check of camera, microphone, speakers and connection.
 * 4. The waiting room and the hearing, only when the person presses "Enter the waiting room".
 */
export function JoinHearingPage() {
  const { t, i18n } = useTranslation();
  const { token } = useParams<{ token?: string }>();
  const navigate = useNavigate();
  const location = useLocation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [phase, setPhase] = useState<Phase>(() => {
    if (token) return { step: 'welcome' };
    const stored = sessions.load();
    return stored ? { step: 'check', session: stored } : { step: 'link-problem', problem: 'unknown' };
  });
  const media = useLocalMedia();
  useDocumentTitle(t('join.documentTitle'));

  // Each step is a new screen: move focus to its heading, as a page load would. After the
  // layout's own focus move (it focuses <main> when the address changes, as it does after the
  // exchange), because the heading tells a screen-reader user where they are.
  useEffect(() => {
    const timer = window.setTimeout(() => headingRef.current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, [phase.step, location.pathname]);

  const start = useCallback(async () => {
    if (!token) return;
    setPhase({ step: 'exchanging' });
    try {
      const session = await exchangeOnce(token, (value) => exchangeLink(api, value));
      sessions.save(session);
      navigate(paths.joinSession, { replace: true });
      setPhase({ step: 'check', session });
    } catch (error) {
      setPhase({ step: 'link-problem', problem: classifyLinkError(error) });
    }
  }, [token, navigate]);

  const language = currentLanguage(i18n);

  switch (phase.step) {
    case 'welcome':
    case 'exchanging':
      return (
        <div className="page-content page-content--narrow join">
          <h1 ref={headingRef} tabIndex={-1}>
            {t('join.welcome.title')}
          </h1>
          <p>{t('join.welcome.intro')}</p>
          <ol className="join__steps">
            <li>{t('join.welcome.stepCheck')}</li>
            <li>{t('join.welcome.stepWait')}</li>
            <li>{t('join.welcome.stepHearing')}</li>
          </ol>
          <p>{t('join.welcome.supporter')}</p>
          <p className="muted">{t('join.welcome.privacy')}</p>
          <button type="button" className="button button--large" onClick={() => void start()} disabled={phase.step === 'exchanging'}>
            {phase.step === 'exchanging' ? t('join.welcome.starting') : t('join.welcome.start')}
          </button>
        </div>
      );
    case 'link-problem':
      return <LinkProblemView problem={phase.problem} headingRef={headingRef} onRetry={token ? () => void start() : undefined} />;
    case 'check':
      return (
        <div className="page-content join">
          <h1 ref={headingRef} tabIndex={-1}>
            {t('join.check.title')}
          </h1>
          <TechCheck
            media={media}
            enterLabel={t('join.check.enter')}
            onEnter={() => setPhase({ step: 'session', session: phase.session })}
            receiveOnly={isReceiveOnly(phase.session.participant.hearingRole)}
          >
            <HearingSummary session={phase.session} language={language} />
          </TechCheck>
        </div>
      );
    case 'session':
      return <LinkHearingSession session={phase.session} media={media} />;
  }
}

function LinkHearingSession({ session, media }: { session: HearingLinkExchange; media: ReturnType<typeof useLocalMedia> }) {
  const { sessionToken } = session;
  const hearingId = session.hearing.id;
  const fetchTicket = useCallback(
    (request?: TicketRequest) => fetchTicketWithSession(sessionToken, hearingId, request),
    [sessionToken, hearingId],
  );
  return <HearingRoomSession hearingId={hearingId} hearingTitle={session.hearing.title} fetchTicket={fetchTicket} media={media} />;
}

function HearingSummary({ session, language }: { session: HearingLinkExchange; language: ReturnType<typeof currentLanguage> }) {
  const { t } = useTranslation();
  return (
    <dl className="summary-list">
      <div>
        <dt>{t('join.summary.hearing')}</dt>
        <dd>
          <bdi>{session.hearing.title}</bdi>
        </dd>
      </div>
      <div>
        <dt>{t('join.summary.when')}</dt>
        <dd>
          {/* The holder has no account: the link's answer names the court's zone. */}
          <time dateTime={session.hearing.scheduledStart}>
            {formatCourtDateTime(session.hearing.scheduledStart, language, session.hearing.courtTimeZone, 'full')}
          </time>
        </dd>
      </div>
      <div>
        <dt>{t('join.summary.as')}</dt>
        <dd>{t(`hearingRoles.${session.participant.hearingRole}`, { defaultValue: session.participant.hearingRole })}</dd>
      </div>
    </dl>
  );
}

function LinkProblemView({
  problem,
  headingRef,
  onRetry,
}: {
  problem: LinkProblem;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  const textId = useId();
  return (
    <div className="page-content page-content--narrow join">
      <h1 ref={headingRef} tabIndex={-1} aria-describedby={textId}>
        {t(`join.problem.${problem}.title`)}
      </h1>
      <div id={textId} className="notice" role="alert">
        <p>{t(`join.problem.${problem}.text`)}</p>
      </div>
      <p>{t('join.problem.contactCourt')}</p>
      {!isFinalLinkProblem(problem) && onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

import { useCallback, useId, useMemo, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useCourtTime } from '../../i18n/use-court-time';
import { SpecialMeasuresPanel } from '../orders/SpecialMeasuresPanel';
import { NetworkIndicator } from '../room/NetworkIndicator';
import { ConfirmButton } from '../room/ConfirmButton';
import { ParticipantName, useParticipantText } from '../room/participant-label';
import type { HearingSession } from '../session/hearing-session';
import type { ParticipantView, RoomState } from '../state/room-state';
import { benchActionsFor, inRoomList, otherList, raisedHands, sittingControls, waitingList, type BenchAction } from '../state/room-view';
import { ConsultationPanel } from './ConsultationPanel';
import { RecordingPanel } from './RecordingPanel';

interface JudgeConsoleProps {
  state: RoomState;
  session: Pick<HearingSession, 'act'>;
}

type ConsoleSession = Pick<HearingSession, 'act' | 'dismissBreakRequest'>;

/**
 * The judge's console (and the clerk's, acting for the judge): requests for a break, the sitting,
 * the waiting room with its Admit buttons, everyone in the room with their state and the controls
 * over them, the private consultations, and for the judge the special-measures orders. Every
 * control is a labelled button in the tab order; those that cannot be undone ask first. The
 * server checks each action again, and a refusal is read out with its reason.
 */
export function JudgeConsole({ state, session }: { state: RoomState; session: ConsoleSession }) {
  const { t } = useTranslation();
  const asideRef = useRef<HTMLElement>(null);
  // Most controls vanish once used (Admit moves the person out of the waiting room, Open becomes
  // Recess, Dismiss removes its alert): keyboard focus would fall to the page's start. It goes
  // back to the console instead.
  const keepFocus = useCallback(() => {
    window.setTimeout(() => {
      if (document.activeElement === null || document.activeElement === document.body) asideRef.current?.focus();
    }, 0);
  }, []);
  const keeping = useMemo<Pick<HearingSession, 'act'>>(
    () => ({
      act: async (method, data) => {
        const done = await session.act(method, data);
        keepFocus();
        return done;
      },
    }),
    [session, keepFocus],
  );
  const dismiss = useCallback(
    (participantId: string) => {
      session.dismissBreakRequest(participantId);
      keepFocus();
    },
    [session, keepFocus],
  );
  return (
    <aside ref={asideRef} tabIndex={-1} className="console" aria-label={t('console.label')}>
      <BreakRequestsPanel state={state} session={keeping} onDismiss={dismiss} />
      <SittingPanel state={state} session={keeping} />
      <RecordingPanel state={state} session={keeping} />
      <WaitingPanel state={state} session={keeping} />
      <PeoplePanel state={state} session={keeping} />
      <ConsultationPanel state={state} session={keeping} />
      {/* Orders are the presiding judge's to make; a clerk acting for the judge does not see this panel. */}
      {state.self?.role === 'judge' && state.hearing && (
        <SpecialMeasuresPanel hearingId={state.hearing.id} participants={state.participants} />
      )}
    </aside>
  );
}

/**
 * "I need a break", received privately from a witness (or anyone giving evidence or supporting
 * her): one alert per person, newest first, until the judge dismisses it or calls a recess. The
 * Announcer has already said it aloud; this is what stays on screen.
 */
function BreakRequestsPanel({ state, session, onDismiss }: JudgeConsoleProps & { onDismiss: (participantId: string) => void }) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  const headingId = useId();
  const nameOf = useParticipantText();
  if (state.breakRequests.length === 0) return null;
  const mayRecess = state.hearing?.status === 'open';
  return (
    <section aria-labelledby={headingId} className="break-requests">
      <h2 id={headingId}>{t('console.breaks.title', { count: state.breakRequests.length })}</h2>
      <ul className="people">
        {state.breakRequests.map((request) => {
          const view = state.participants.find((participant) => participant.id === request.participantId);
          const who = view ? nameOf(view) : t('room.tile.someone');
          return (
            <li key={request.participantId} className="notice notice--warning break-request" data-participant-id={request.participantId}>
              <p>
                <Trans
                  i18nKey="console.breaks.asked"
                  values={{ time: courtTime.time(request.at) }}
                  components={{ who: <bdi className="person__name">{who}</bdi> }}
                />
              </p>
              <p className="muted">{t('console.breaks.private')}</p>
              <div className="console__actions">
                {mayRecess && view && (
                  <button
                    type="button"
                    className="button"
                    title={t('console.breaks.recessForHint')}
                    onClick={() => void session.act('recessForWitness', { participantId: request.participantId })}
                  >
                    {t('console.breaks.recessFor', { name: who })}
                  </button>
                )}
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('console.breaks.dismissFor', { name: who })}
                  onClick={() => onDismiss(request.participantId)}
                >
                  {t('console.breaks.dismiss')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function SittingPanel({ state, session }: JudgeConsoleProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const status = state.hearing?.status;
  const locked = state.hearing?.roomLocked ?? false;
  const hands = raisedHands(state);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('console.sitting.title')}</h2>
      <p>{status ? t('console.sitting.status', { status: t(`hearingStatuses.${status}`) }) : t('common.loading')}</p>
      <div className="console__actions">
        {sittingControls(status).map((method) =>
          method === 'adjournHearing' || method === 'closeHearing' ? (
            <ConfirmButton
              key={method}
              className="button button--secondary"
              label={t(`console.sitting.${method}`)}
              question={t(`console.confirm.${method}`)}
              confirmLabel={t(`console.sitting.${method}`)}
              onConfirm={() => void session.act(method, {})}
            />
          ) : (
            <button key={method} type="button" className="button" onClick={() => void session.act(method, {})}>
              {method === 'openHearing' && status === 'in_recess' ? t('console.sitting.resume') : t(`console.sitting.${method}`)}
            </button>
          ),
        )}
        <button
          type="button"
          className="button button--secondary"

          onClick={() => void session.act('setRoomLock', { locked: !locked })}
        >
          {locked ? t('console.sitting.unlock') : t('console.sitting.lock')}
        </button>
        {hands.length > 0 && (
          <button type="button" className="button button--secondary" onClick={() => void session.act('lowerHands', {})}>
            {t('console.sitting.lowerHands', { count: hands.length })}
          </button>
        )}
      </div>
    </section>
  );
}

function WaitingPanel({ state, session }: JudgeConsoleProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const waiting = waitingList(state);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('console.waiting.title', { count: waiting.length })}</h2>
      {waiting.length === 0 ? (
        <p className="muted">{t('console.waiting.empty')}</p>
      ) : (
        <ul className="people">
          {waiting.map((view) => (
            <PersonRow key={view.id} view={view} state={state} session={session} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PeoplePanel({ state, session }: JudgeConsoleProps) {
  const { t } = useTranslation();
  const headingId = useId();
  // Oneself first: the bench checks their own microphone at a glance.
  const inside = [...inRoomList(state)].sort((a, b) => Number(b.self) - Number(a.self));
  const others = otherList(state);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('console.people.title', { count: inside.length })}</h2>
      <ul className="people">
        {inside.map((view) => (
          <PersonRow key={view.id} view={view} state={state} session={session} />
        ))}
      </ul>
      {others.length > 0 && (
        <>
          <h3>{t('console.people.notConnected')}</h3>
          <ul className="people">
            {others.map((view) => (
              <PersonRow key={view.id} view={view} state={state} session={session} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function PersonRow({ view, state, session }: { view: ParticipantView; state: RoomState; session: Pick<HearingSession, 'act'> }) {
  const { t } = useTranslation();
  const nameOf = useParticipantText();
  const name = nameOf(view);
  const consultationId = state.self?.state === 'in_consultation' ? state.self.consultationId : undefined;
  const actions = benchActionsFor(state.self?.role, view, { consultationId });
  const facts = [
    view.state && t(`participantStates.${view.state}`),
    view.muted === true && t('console.people.muted'),
    view.muted === false && t('console.people.unmuted'),
    view.handRaised && t('console.people.handRaised'),
    // Why "Allow camera" is offered, whoever on the bench stopped it.
    view.cameraHeld && t('console.people.cameraHeld'),
  ].filter((fact): fact is string => typeof fact === 'string');

  const run = (action: BenchAction) => {
    const participantId = view.id;
    switch (action) {
      case 'admit':
        return session.act('admit', { participantId });
      case 'sendBack':
        return session.act('sendToWaitingRoom', { participantId });
      case 'remove':
        return session.act('removeParticipant', { participantId });
      case 'mute':
      case 'holdMute':
        return session.act('muteParticipant', { participantId });
      case 'askUnmute':
        return session.act('askToUnmute', { participantId });
      case 'stopCamera':
        return session.act('stopCamera', { participantId });
      case 'allowCamera':
        return session.act('allowCamera', { participantId });
      case 'lowerHand':
        return session.act('lowerHands', { participantIds: [participantId] });
      case 'addToConsultation':
        return consultationId ? session.act('addToConsultation', { consultationId, participantId }) : undefined;
    }
  };

  return (
    <li className="person" data-participant-id={view.id}>
      <div className="person__head">
        {view.self ? <span className="person__name">{t('console.people.you')}</span> : <ParticipantName view={view} />}
      </div>
      <p className="person__meta">
        {facts.map((fact) => (
          <span key={fact} className="person__fact">
            {fact}
          </span>
        ))}
        {view.remoteLocation && (
          <span className="person__fact">
            <Trans i18nKey="console.people.remoteLocation" components={{ place: <bdi>{view.remoteLocation}</bdi> }} />
          </span>
        )}
        {!view.self && state.network[view.id] && (
          <>
            {' '}
            <NetworkIndicator health={state.network[view.id]} compact />
          </>
        )}
      </p>
      {actions.length > 0 && (
        <div className="person__actions">
          {actions.map((action) =>
            action === 'remove' ? (
              <ConfirmButton
                key={action}
                className="button button--secondary"
                label={t('console.actions.remove')}
                ariaLabel={t('console.actionsFor.remove', { name })}
                question={t('console.confirm.remove', { name })}
                confirmLabel={t('console.actions.remove')}
                onConfirm={() => void run(action)}
              />
            ) : (
              <button
                key={action}
                type="button"
                className={action === 'admit' ? 'button' : 'button button--secondary'}
                aria-label={t(`console.actionsFor.${action}`, { name })}
                onClick={() => void run(action)}
              >
                {t(`console.actions.${action}`)}
              </button>
            ),
          )}
        </div>
      )}
    </li>
  );
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalText } from '../room/Announcer';
import { useParticipantText } from '../room/participant-label';
import type { ActOutcome, HearingSession } from '../session/hearing-session';
import { isBench, type RoomState } from '../state/room-state';
import { mayOpenConsultation, runningConsultations, type RunningConsultation } from '../state/room-view';

type Refusal = Extract<ActOutcome, { ok: false }>;

/**
 * Private consultations (the judge; counsel taking instructions from their own client; a
 * supporter with the witness they support): choose people in the courtroom and open a private
 * room with them; media then flows only among its members. The server moves the members at once;
 * nobody is asked, as in a courtroom where the judge calls counsel to the bench. The server alone
 * knows who is whose client, so it may refuse a choice: its reason is shown beside the form.
 *
 * The bench (the clerk too, who opens none) also sees every consultation running and who is in
 * it — by name, never its media — and may end any of them.
 */
export function ConsultationPanel({ state, session }: { state: RoomState; session: Pick<HearingSession, 'act'> }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const errorId = useId();
  const nameOf = useParticipantText();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const role = state.self?.role;
  const self = state.self;
  const bench = isBench(role);
  // The clerk opens none, but sees (and may end) those running, as the judge does.
  const mayOpen = mayOpenConsultation(role);
  if (!self || (!mayOpen && !bench)) return null;
  const ownConsultation = self.state === 'in_consultation' ? self.consultationId : undefined;
  const candidates = state.participants.filter((view) => !view.self && view.state === 'admitted');
  const running = runningConsultations(state);
  const own = running.find((consultation) => consultation.id === ownConsultation);

  const attempt = async (outcome: Promise<ActOutcome>): Promise<boolean> => {
    const result = await outcome;
    setRefusal(result.ok ? null : result);
    return result.ok;
  };
  const open = async () => {
    if (chosen.size === 0) return;
    if (await attempt(session.act('openConsultation', { memberIds: [...chosen] }))) setChosen(new Set());
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('console.consultation.title')}</h2>
      {refusal && (
        <div id={errorId} className="notice notice--error">
          <p>
            <bdi>{refusalText(refusal.code, refusal.message, i18n)}</bdi>
          </p>
        </div>
      )}
      {ownConsultation ? (
        <>
          <p>{t('console.consultation.inside')}</p>
          {own && <MemberList consultation={own} label={t('console.consultation.withYou')} />}
          <div className="console__actions">
            <button type="button" className="button button--secondary" onClick={() => void attempt(session.act('leaveConsultation', {}))}>
              {t('room.consultation.leave')}
            </button>
            {/* Its opener or the bench may close it; the server refuses anyone else. */}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void attempt(session.act('closeConsultation', { consultationId: ownConsultation }))}
            >
              {t('console.consultation.close')}
            </button>
          </div>
        </>
      ) : !mayOpen ? null : candidates.length === 0 ? (
        <p className="muted">{t('console.consultation.nobody')}</p>
      ) : (
        <fieldset className="consultation__choose" aria-describedby={refusal ? errorId : undefined}>
          <legend>{t('console.consultation.choose')}</legend>
          {candidates.map((view) => (
            <label key={view.id} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(view.id)}
                onChange={(event) => {
                  const next = new Set(chosen);
                  if (event.target.checked) next.add(view.id);
                  else next.delete(view.id);
                  setChosen(next);
                }}
              />
              <bdi>{nameOf(view)}</bdi>
            </label>
          ))}
          <button type="button" className="button" disabled={chosen.size === 0} onClick={() => void open()}>
            {t('console.consultation.open')}
          </button>
        </fieldset>
      )}
      {bench && (
        <RunningConsultations consultations={running.filter((consultation) => consultation.id !== ownConsultation)} session={session} />
      )}
    </section>
  );
}

/** The bench's view of the consultations it is not in: who is in each, and a way to end it. */
function RunningConsultations({
  consultations,
  session,
}: {
  consultations: readonly RunningConsultation[];
  session: Pick<HearingSession, 'act'>;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <div className="consultations" aria-labelledby={headingId} role="group">
      <h3 id={headingId}>{t('console.consultation.running', { count: consultations.length })}</h3>
      {consultations.length === 0 ? (
        <p className="muted">{t('console.consultation.noneRunning')}</p>
      ) : (
        <ol className="people">
          {consultations.map((consultation, index) => {
            const label = t('console.consultation.numbered', { number: index + 1 });
            return (
              <li key={consultation.id} className="person" data-consultation-id={consultation.id}>
                <MemberList consultation={consultation} label={label} />
                <div className="person__actions">
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={t('console.consultation.closeNumbered', { number: index + 1 })}
                    onClick={() => void session.act('closeConsultation', { consultationId: consultation.id })}
                  >
                    {t('console.consultation.close')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

function MemberList({ consultation, label }: { consultation: RunningConsultation; label: string }) {
  const { t } = useTranslation();
  const nameOf = useParticipantText();
  const labelId = useId();
  return (
    <>
      <p id={labelId} className="person__head">
        <span className="person__name">{label}</span>
      </p>
      <ul className="consultation__members" aria-labelledby={labelId}>
        {consultation.members.map((view) => (
          <li key={view.id}>{view.self ? t('console.people.you') : <bdi>{nameOf(view)}</bdi>}</li>
        ))}
      </ul>
    </>
  );
}

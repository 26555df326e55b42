import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParticipantText } from '../room/participant-label';
import type { HearingSession } from '../session/hearing-session';
import type { RoomState } from '../state/room-state';
import { mayOpenConsultation } from '../state/room-view';

/**
 * Private consultations (the judge, or counsel taking instructions): choose people in the
 * courtroom and open a private room with them; media then flows only among its members. The
 * server moves the members at once; nobody is asked, as in a courtroom where the judge calls
 * counsel to the bench.
 */
export function ConsultationPanel({ state, session }: { state: RoomState; session: Pick<HearingSession, 'act'> }) {
  const { t } = useTranslation();
  const headingId = useId();
  const nameOf = useParticipantText();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const role = state.self?.role;
  const self = state.self;
  if (!self || !mayOpenConsultation(role)) return null;

  const inConsultation = self.state === 'in_consultation' && self.consultationId;
  const candidates = state.participants.filter((view) => !view.self && view.state === 'admitted');

  const open = async () => {
    if (chosen.size === 0) return;
    if (await session.act('openConsultation', { memberIds: [...chosen] })) setChosen(new Set());
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('console.consultation.title')}</h2>
      {inConsultation ? (
        <>
          <p>{t('console.consultation.inside')}</p>
          <div className="console__actions">
            <button type="button" className="button button--secondary" onClick={() => void session.act('leaveConsultation', {})}>
              {t('room.consultation.leave')}
            </button>
            {/* Its opener or the bench may close it; the server refuses anyone else. */}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void session.act('closeConsultation', { consultationId: self.consultationId as string })}
            >
              {t('console.consultation.close')}
            </button>
          </div>
        </>
      ) : candidates.length === 0 ? (
        <p className="muted">{t('console.consultation.nobody')}</p>
      ) : (
        <fieldset className="consultation__choose">
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
    </section>
  );
}

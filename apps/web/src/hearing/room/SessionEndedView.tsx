import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomState } from '../state/room-state';

/** Reasons after which joining again makes sense (the person left, or the line dropped). */
const MAY_REJOIN = new Set(['left', 'failed', 'replaced', 'join_timeout']);

/**
 * The end of a session, in words: the hearing closed or was adjourned, the court removed the
 * person, they left, or the connection could not be brought back — and what they can do now.
 */
export function SessionEndedView({ state, afterEnd, onRejoin }: { state: RoomState; afterEnd?: React.ReactNode; onRejoin: () => void }) {
  const { t, i18n } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reason = state.endReason ?? 'failed';
  const codeKey = state.endCode ? `room.errors.${state.endCode}` : null;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <div className="page-content page-content--narrow" data-view="ended">
      <h1 ref={headingRef} tabIndex={-1}>
        {t(`room.ended.${reason}.title`)}
      </h1>
      <p>{t(`room.ended.${reason}.text`)}</p>
      {reason === 'refused' && codeKey && i18n.exists(codeKey) && <p className="notice">{t(codeKey)}</p>}
      {MAY_REJOIN.has(reason) && (
        <button type="button" className="button" onClick={onRejoin}>
          {t('room.ended.rejoin')}
        </button>
      )}
      {afterEnd}
    </div>
  );
}

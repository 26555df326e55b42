import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActOutcome } from '../session/hearing-session';

interface BreakButtonProps {
  onRequest: () => Promise<ActOutcome>;
  className?: string;
}

/**
 * "I need a break": tells the judge, and the judge alone, without a word to the courtroom. One
 * press, no question asked: a witness who needs a break should not have to explain it to a
 * dialog. Its description says who is told, for a screen-reader user before they press it.
 */
export function BreakButton({ onRequest, className = 'button button--secondary' }: BreakButtonProps) {
  const { t } = useTranslation();
  const hintId = useId();
  const [sending, setSending] = useState(false);
  const press = async () => {
    setSending(true);
    try {
      await onRequest();
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <button type="button" className={className} aria-describedby={hintId} disabled={sending} onClick={() => void press()}>
        {t('room.break.button')}
      </button>
      <span id={hintId} className="visually-hidden">
        {t('room.break.hint')}
      </span>
    </>
  );
}

/**
 * What the person sees once the judge has been told. Not a live region: the Announcer says it,
 * politely, once; this stays on screen so that she can check it again.
 */
export function BreakConfirmation({ asked }: { asked: boolean }) {
  const { t } = useTranslation();
  if (!asked) return null;
  return <p className="notice break-confirmation">{t('room.break.told')}</p>;
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import { openQueueBoard } from './queue-board';

/** The administrator's way to the job queue board: what waits, runs and failed in the background. */
export function QueueBoardSection() {
  const { t } = useTranslation();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const open = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await openQueueBoard();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailed(true);
      setBusy(false);
    }
  };
  return (
    <section className="panel panel--link" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('sections.jobQueues.title')}</h2>
      <p className="muted">{t('sections.jobQueues.text')}</p>
      <p>
        <button type="button" className="button" onClick={open} disabled={busy}>
          {t('sections.jobQueues.open')}
        </button>
      </p>
      {failed && (
        <p role="alert" className="notice notice--error">
          {t('sections.jobQueues.failed')}
        </p>
      )}
    </section>
  );
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import { errorMessage } from '../i18n/error-message';
import { openQueueBoard } from './queue-board';

/** The administrator's way to the job queue board: what waits, runs and failed in the background. */
export function QueueBoardSection() {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const open = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await openQueueBoard();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailure(error);
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
      {failure && (
        <p role="alert" className="notice notice--error">
          {/* A refusal (such as another court's administrator where one court operates the
              platform) says why, since trying again will not help; anything else may pass. */}
          {failure.status === 403 ? errorMessage(failure, i18n) : t('sections.jobQueues.failed')}
        </p>
      )}
    </section>
  );
}

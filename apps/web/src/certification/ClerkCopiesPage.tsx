import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertifiedCopyView, CopyStatus } from '@ejustice/certification/contract/certification-contract';
import { ResourceStates } from '../api/ResourceStates';
import { useApiResource } from '../api/use-api-resource';
import { errorMessage } from '../i18n/error-message';
import { useCourtTime } from '../i18n/use-court-time';
import { useDocumentTitle } from '../layout/use-document-title';
import { type CertificationApi, certificationApi } from './certification-api';
import { type ClerkCopyAction, COPY_STATUS_ORDER, MAX_REASON, clerkActionsFor } from './copy-status';
import { CopyStatusBadge, FeeLine, IssuingProgressView } from './CopyParts';
import './certification.css';

/** The court clerks' approval queue of certified-copy requests, filtered by status. */
export function ClerkCopiesPage() {
  const { t } = useTranslation();
  const filterId = useId();
  useDocumentTitle(t('certification.queue.title'));
  const [status, setStatus] = useState<CopyStatus | ''>('requested');
  const load = useCallback((signal: AbortSignal) => certificationApi.list(status || undefined, signal), [status]);
  const { state, reload } = useApiResource(load);
  return (
    <div className="page-content">
      <h1>{t('certification.queue.title')}</h1>
      <div className="field">
        <label htmlFor={filterId}>{t('certification.queue.filter')}</label>
        <select id={filterId} value={status} onChange={(e) => setStatus(e.target.value as CopyStatus | '')}>
          <option value="">{t('certification.queue.all')}</option>
          {COPY_STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {t(`certification.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(items) => items.length === 0}
        messages={{
          loading: t('certification.queue.loading'),
          loadFailed: t('certification.queue.loadFailed'),
          empty: t('certification.queue.empty'),
          emptyHint: t('certification.queue.emptyHint'),
        }}
      />
      {state.status === 'loaded' && state.data.length > 0 && (
        <CopyQueueTable items={state.data} client={certificationApi} onChanged={reload} />
      )}
    </div>
  );
}

export function CopyQueueTable({
  items,
  client,
  onChanged,
}: {
  items: CertifiedCopyView[];
  client: Pick<CertificationApi, 'decide'>;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  const headingId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
      <table className="table">
        <caption id={headingId} className="visually-hidden">
          {t('certification.queue.title')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('certification.queue.columns.requested')}</th>
            <th scope="col">{t('certification.queue.columns.request')}</th>
            <th scope="col">{t('certification.queue.columns.fee')}</th>
            <th scope="col">{t('certification.queue.columns.status')}</th>
            <th scope="col">{t('certification.queue.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((copy) => (
            <tr key={copy.id}>
              <td>
                <time dateTime={copy.requestedAt}>{courtTime.dateTime(copy.requestedAt)}</time>
              </td>
              <td>
                {t('certification.queue.copies', { copies: copy.copies })} — <bdi>{copy.purpose}</bdi>
              </td>
              <td>
                <FeeLine fee={copy.fee} />
              </td>
              <td>
                <CopyStatusBadge status={copy.status} />
                <IssuingProgressView copy={copy} />
                {copy.verificationCode && <bdi className="verification-code">{copy.verificationCode}</bdi>}
                {copy.refusalReason && <p className="muted">{copy.refusalReason}</p>}
              </td>
              <td>
                <CopyActions copy={copy} client={client} onChanged={onChanged} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The buttons a request offers; refusing and revoking ask for the reason the requester will read. */
function CopyActions({
  copy,
  client,
  onChanged,
}: {
  copy: CertifiedCopyView;
  client: Pick<CertificationApi, 'decide'>;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const reasonId = useId();
  const [asking, setAsking] = useState<'refuse' | 'revoke' | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [reasonMissing, setReasonMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const actions = clerkActionsFor(copy);
  if (actions.length === 0) return <span className="muted">—</span>;

  const act = async (action: ClerkCopyAction, text = '') => {
    setError(null);
    setBusy(true);
    try {
      await client.decide(copy.id, action, text);
      setAsking(null);
      setReason('');
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      {asking ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            setReasonMissing(reason.trim() === '');
            if (reason.trim() !== '') void act(asking, reason.trim());
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>{t(`certification.queue.reason.${asking}`)}</label>
            <textarea id={reasonId} rows={2} maxLength={MAX_REASON} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="copy-actions">
            <button type="submit" className="button button--small" disabled={busy}>
              {t(`certification.queue.actions.${asking}`)}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setAsking(null)}>
              {t('certification.queue.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="copy-actions">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`button button--small${action === 'refuse' || action === 'revoke' ? ' button--secondary' : ''}`}
              disabled={busy}
              onClick={() => (action === 'refuse' || action === 'revoke' ? setAsking(action) : void act(action))}
            >
              {t(`certification.queue.actions.${action}`)}
            </button>
          ))}
        </div>
      )}
      {(reasonMissing || error !== null) && (
        <p className="field__error" role="alert">
          {reasonMissing ? t('errors.certification.reason_required') : errorMessage(error, i18n)}
        </p>
      )}
    </div>
  );
}

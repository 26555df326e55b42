import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiResource } from '../api/use-api-resource';
import { useCourtTime } from '../i18n/use-court-time';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import { filingApi } from './filing-api';
import './filing.css';
import { ResourceStates } from '../api/ResourceStates';

/** The filer's own filings, newest first, each with its status and a link to its receipt. */
export function MyFilingsPage() {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  const headingId = useId();
  useDocumentTitle(t('filing.mine.title'));
  const load = useCallback((signal: AbortSignal) => filingApi.mine(signal), []);
  const { state, reload } = useApiResource(load);

  return (
    <div className="page-content">
      <div className="page-heading">
        <h1 id={headingId}>{t('filing.mine.title')}</h1>
        <Link className="button" to={paths.newFiling}>
          {t('filing.mine.start')}
        </Link>
      </div>
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(data) => data.items.length === 0}
        messages={{
          loading: t('filing.mine.loading'),
          loadFailed: t('filing.mine.loadFailed'),
          empty: t('filing.mine.empty'),
          emptyHint: t('filing.mine.emptyHint'),
        }}
      />
      {state.status === 'loaded' && state.data.items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{t('filing.mine.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('filing.mine.columns.received')}</th>
                <th scope="col">{t('filing.mine.columns.title')}</th>
                <th scope="col">{t('filing.mine.columns.type')}</th>
                <th scope="col">{t('filing.mine.columns.case')}</th>
                <th scope="col">{t('filing.mine.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.items.map((filing) => (
                <tr key={filing.id}>
                  <td>
                    <time dateTime={filing.receivedAt}>{courtTime.dateTime(filing.receivedAt)}</time>
                  </td>
                  <td>
                    <Link to={paths.filing(filing.id)}>
                      <bdi>{filing.title}</bdi>
                    </Link>
                  </td>
                  <td>{t(`filing.filingType.${filing.filingType}`, { defaultValue: filing.filingType })}</td>
                  <td>
                    {filing.caseId ? (
                      <Link to={paths.caseDocket(filing.caseId)}>
                        <bdi className="case-number">{filing.caseNumber}</bdi>
                      </Link>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <span className={`status status--${filing.status}`}>
                      {t(`filing.status.${filing.status}`, { defaultValue: filing.status })}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

import { useCallback, useId, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApiResource } from '../api/use-api-resource';
import { filingApi } from '../filing/filing-api';
import { formatWaiting } from '../filing/filing-format';
import {
  FILING_STATUSES,
  OPENING_FILING_TYPES,
  SUBSEQUENT_FILING_TYPES,
  type FilingQueueQuery as QueueFilters,
  type FilingSummaryView as FilingSummary,
} from '@ejustice/filing/contract/filing-contract';
import { errorMessage } from '../i18n/error-message';
import { currentLanguage } from '../i18n/i18n';
import { useCourtTime } from '../i18n/use-court-time';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import '../filing/filing.css';
import { ResourceStates } from '../api/ResourceStates';

const AGE_CHOICES = [
  { minutes: 0, key: 'ageAny' },
  { minutes: 24 * 60, key: 'ageDay' },
  { minutes: 3 * 24 * 60, key: 'ageThreeDays' },
  { minutes: 7 * 24 * 60, key: 'ageWeek' },
] as const;

const WAITING_STATUSES = FILING_STATUSES.filter((status) => status === 'submitted' || status === 'under_review');

/**
 * The clerk's queue. The server sorts (urgent first, then the longest waiting) and filters; the
 * filters live in the address, so a clerk can bookmark "urgent only" and the back button works.
 */
export function ClerkQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('clerk.queue.title'));
  const [params, setParams] = useSearchParams();
  const headingId = useId();
  const filters = filtersFrom(params);
  const filterKey = params.toString();
  const load = useCallback((signal: AbortSignal) => filingApi.queue(filtersFrom(new URLSearchParams(filterKey)), signal), [filterKey]);
  const { state, reload } = useApiResource(load);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <div className="page-content">
      <h1 id={headingId}>{t('clerk.queue.title')}</h1>
      <p className="muted">{t('clerk.queue.intro')}</p>

      <form className="filters panel" role="search" aria-label={t('clerk.queue.filters')} onSubmit={(event) => event.preventDefault()}>
        <FilterSelect label={t('clerk.queue.status')} value={filters.status ?? ''} onChange={(value) => setFilter('status', value)}>
          <option value="">{t('clerk.queue.statusOpen')}</option>
          {WAITING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`filing.status.${status}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label={t('clerk.queue.type')} value={filters.filingType ?? ''} onChange={(value) => setFilter('filingType', value)}>
          <option value="">{t('clerk.queue.anyType')}</option>
          {[...OPENING_FILING_TYPES, ...SUBSEQUENT_FILING_TYPES].map((type) => (
            <option key={type} value={type}>
              {t(`filing.filingType.${type}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('clerk.queue.age')}
          value={String(filters.minAgeMinutes ?? 0)}
          onChange={(value) => setFilter('minAgeMinutes', value === '0' ? '' : value)}
        >
          {AGE_CHOICES.map((choice) => (
            <option key={choice.key} value={choice.minutes}>
              {t(`clerk.queue.${choice.key}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label={t('clerk.queue.urgency')} value={filters.urgent ?? ''} onChange={(value) => setFilter('urgent', value)}>
          <option value="">{t('clerk.queue.urgencyAll')}</option>
          <option value="true">{t('clerk.queue.urgencyOnly')}</option>
        </FilterSelect>
      </form>

      <div aria-live="polite" aria-busy={state.status === 'loading'}>
        <ResourceStates
          state={state}
          reload={reload}
          isEmpty={(data) => data.items.length === 0}
          messages={{
            loading: t('clerk.queue.loading'),
            loadFailed: t('clerk.queue.loadFailed'),
            empty: t('clerk.queue.empty'),
            emptyHint: t('clerk.queue.emptyHint'),
          }}
        />
        {state.status === 'loaded' && state.data.items.length > 0 && (
          <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
            <QueueTable items={state.data.items} caption={t('clerk.queue.title')} onChanged={reload} />
          </div>
        )}
      </div>
    </div>
  );
}

function filtersFrom(params: URLSearchParams): QueueFilters {
  return {
    status: (params.get('status') ?? '') as QueueFilters['status'],
    filingType: (params.get('filingType') ?? '') as QueueFilters['filingType'],
    minAgeMinutes: Number(params.get('minAgeMinutes') ?? 0) || undefined,
    urgent: params.get('urgent') === 'true' ? 'true' : '',
  };
}

function FilterSelect({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
    </div>
  );
}

export function QueueTable({ items, caption, onChanged }: { items: FilingSummary[]; caption: string; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const courtTime = useCourtTime();
  const navigate = useNavigate();
  const [claiming, setClaiming] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ filingId: string; error: unknown } | null>(null);

  const claim = async (filing: FilingSummary) => {
    setClaiming(filing.id);
    setFailure(null);
    try {
      await filingApi.claim(filing.id);
      navigate(paths.clerkReview(filing.id));
    } catch (error) {
      setFailure({ filingId: filing.id, error });
      setClaiming(null);
      // Someone else may have claimed it in the meantime: show the queue as it is now.
      onChanged();
    }
  };

  return (
    <>
      {failure && (
        <div className="notice notice--error" role="alert">
          <p>
            {t('clerk.queue.claimFailed')} {errorMessage(failure.error, i18n)}
          </p>
        </div>
      )}
      <table className="table queue-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clerk.queue.columns.urgency')}</th>
            <th scope="col">{t('clerk.queue.columns.received')}</th>
            <th scope="col">{t('clerk.queue.columns.filing')}</th>
            <th scope="col">{t('clerk.queue.columns.filer')}</th>
            <th scope="col">{t('clerk.queue.columns.documents')}</th>
            <th scope="col">{t('clerk.queue.columns.review')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((filing) => (
            <tr key={filing.id} className={filing.urgent ? 'queue-table__urgent' : undefined}>
              <td>
                {filing.urgent && (
                  <>
                    <span className="tag tag--urgent">{t('filing.urgent')}</span>
                    <ul className="plain-list muted">
                      {filing.urgencyGrounds.map((ground) => (
                        <li key={ground}>{t(`filing.urgency.${ground}`)}</li>
                      ))}
                    </ul>
                  </>
                )}
              </td>
              <td>
                <time dateTime={filing.receivedAt}>{courtTime.dateTime(filing.receivedAt)}</time>
                <br />
                <span className="muted">{formatWaiting(filing.ageMinutes, language)}</span>
              </td>
              <td>
                <span className="muted">{t(`filing.filingType.${filing.filingType}`, { defaultValue: filing.filingType })}</span>
                <br />
                <bdi>{filing.title}</bdi>
                {filing.caseNumber && (
                  <>
                    <br />
                    <bdi className="case-number muted">{filing.caseNumber}</bdi>
                  </>
                )}
              </td>
              <td>
                <bdi>{filing.filer.displayName}</bdi>
              </td>
              <td>{new Intl.NumberFormat(language).format(filing.documentCount)}</td>
              <td>
                {filing.claim && !filing.claim.mine ? (
                  <span className="tag tag--quiet">
                    <Trans i18nKey="clerk.queue.claimedBy" components={{ name: <bdi>{filing.claim.claimedBy.displayName}</bdi> }} />
                  </span>
                ) : filing.claim?.mine ? (
                  <>
                    <span className="tag">{t('clerk.queue.claimedByYou')}</span>{' '}
                    <Link to={paths.clerkReview(filing.id)} aria-label={t('clerk.queue.reviewLabel', { title: filing.title })}>
                      {t('clerk.queue.review')}
                    </Link>
                  </>
                ) : (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => claim(filing)}
                    disabled={claiming !== null}
                    aria-label={t('clerk.queue.claimLabel', { title: filing.title })}
                  >
                    {t('clerk.queue.claim')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

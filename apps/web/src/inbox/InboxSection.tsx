import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiResource } from '../api/use-api-resource';
import { filingApi } from '../filing/filing-api';
import type { InboxMessageView as InboxMessage } from '@ejustice/filing/contract/filing-contract';
import { useCourtTime } from '../i18n/use-court-time';
import { paths } from '../paths';
import { ResourceStates } from '../api/ResourceStates';

/**
 * The in-app inbox on the home page: the court's messages about filings. The server writes the
 * messages in its own words; the structured part (status, title, case) is shown translated, the
 * server's sentence below it.
 */
export function InboxSection() {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  const headingId = useId();
  const load = useCallback((signal: AbortSignal) => filingApi.inbox(signal), []);
  const { state, reload } = useApiResource(load);
  const [read, setRead] = useState<Set<string>>(new Set());

  const markRead = async (message: InboxMessage) => {
    await filingApi.markRead(message.id).catch(() => undefined);
    setRead((ids) => new Set(ids).add(message.id));
  };

  return (
    <section className="panel" aria-labelledby={headingId} aria-busy={state.status === 'loading'}>
      <h2 id={headingId}>{t('inbox.title')}</h2>
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(data) => data.items.length === 0}
        messages={{
          loading: t('inbox.loading'),
          loadFailed: t('inbox.loadFailed'),
          empty: t('inbox.empty'),
          emptyHint: t('inbox.emptyHint'),
        }}
      />
      {state.status === 'loaded' && state.data.items.length > 0 && (
        <ul className="inbox">
          {state.data.items.map((message) => {
            const unread = message.readAt === null && !read.has(message.id);
            const data = message.data as {
              status?: string;
              title?: string;
              caseId?: string | null;
              caseNumber?: string | null;
              filingId?: string;
            };
            return (
              <li key={message.id} className={`inbox__item${unread ? ' inbox__item--unread' : ''}`}>
                <p className="inbox__head">
                  {unread && <span className="tag tag--new">{t('inbox.new')}</span>}
                  {data.status && (
                    <span className={`status status--${data.status}`}>
                      {t(`filing.status.${data.status}`, { defaultValue: data.status })}
                    </span>
                  )}
                  <bdi className="inbox__title">{data.title ?? message.subject}</bdi>
                  <time className="muted" dateTime={message.createdAt}>
                    {courtTime.dateTime(message.createdAt)}
                  </time>
                </p>
                <p className="inbox__body muted" lang="en" dir="auto">
                  {message.body.split('\n')[0]}
                </p>
                <p className="inbox__actions">
                  {data.caseId ? (
                    <Link to={paths.caseDocket(data.caseId)}>
                      <bdi className="case-number">{data.caseNumber}</bdi>
                    </Link>
                  ) : (
                    data.filingId && <Link to={paths.filing(data.filingId)}>{t('inbox.open')}</Link>
                  )}
                  {unread && (
                    <button type="button" className="button button--quiet button--small" onClick={() => markRead(message)}>
                      {t('inbox.markRead')}
                    </button>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

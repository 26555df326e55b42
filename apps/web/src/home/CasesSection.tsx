import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { CaseSummaryView as CaseSummary } from '@ejustice/cases/contract/case-contract';
import { useApiResource } from '../api/use-api-resource';
import { useCourtTime } from '../i18n/use-court-time';
import { paths } from '../paths';
import { ResourceStates } from '../api/ResourceStates';

interface CasesSectionProps {
  titleKey: 'cases.titleMine' | 'cases.titleAll';
}

export function CasesSection({ titleKey }: CasesSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const load = useCallback((signal: AbortSignal) => api.listCases(signal), []);
  const { state, reload } = useApiResource(load);
  const title = t(titleKey);

  return (
    <section className="panel" aria-labelledby={headingId} aria-busy={state.status === 'loading'}>
      <h2 id={headingId}>{title}</h2>
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(data) => data.items.length === 0}
        messages={{
          loading: t('cases.loading'),
          loadFailed: t('cases.loadFailed'),
          empty: t('cases.empty'),
          emptyHint: t('cases.emptyHint'),
        }}
      />
      {state.status === 'loaded' && state.data.items.length > 0 && (
        <>
          <p className="muted">
            {state.data.total > state.data.items.length
              ? t('cases.showing', { shown: state.data.items.length, total: state.data.total })
              : t('cases.count', { count: state.data.total })}
          </p>
          {/* Focusable and named so keyboard users can scroll a table wider than the screen. */}
          <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
            <CasesTable caption={title} cases={state.data.items} />
          </div>
        </>
      )}
    </section>
  );
}

function CasesTable({ caption, cases }: { caption: string; cases: CaseSummary[] }) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  // Unknown codes (a case type added on the server before the UI knows it) show as sent.
  const label = (group: string, code: string) => t(`cases.${group}.${code}`, { defaultValue: code });

  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('cases.columns.number')}</th>
          <th scope="col">{t('cases.columns.title')}</th>
          <th scope="col">{t('cases.columns.caseType')}</th>
          <th scope="col">{t('cases.columns.status')}</th>
          <th scope="col">{t('cases.columns.confidentiality')}</th>
          <th scope="col">{t('cases.columns.openedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((item) => (
          <tr key={item.id}>
            <td>
              <Link to={paths.caseDocket(item.id)}>
                <bdi className="case-number">{item.number}</bdi>
              </Link>
            </td>
            <td>
              <bdi>{item.title}</bdi>
            </td>
            <td>{label('caseType', item.caseType)}</td>
            <td>{label('status', item.status)}</td>
            <td>
              <span className={item.confidentiality === 'public' ? undefined : 'tag'}>
                {label('confidentiality', item.confidentiality)}
              </span>
            </td>
            <td>
              <time dateTime={item.openedAt}>{courtTime.date(item.openedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

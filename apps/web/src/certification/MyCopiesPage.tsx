import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertifiedCopyView, DownloadLinkView } from '@ejustice/certification/contract/certification-contract';
import { ResourceStates } from '../api/ResourceStates';
import { useApiResource } from '../api/use-api-resource';
import { useCourtTime } from '../i18n/use-court-time';
import { useDocumentTitle } from '../layout/use-document-title';
import { certificationApi, storedPublicRequests } from './certification-api';
import { CopyFacts, DownloadCopyButton } from './CopyParts';
import './certification.css';

/** The requests of the signed-in person, newest first as the api gives them, each with its progress. */
export function MyCopiesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('certification.mine.title'));
  const load = useCallback((signal: AbortSignal) => certificationApi.list(undefined, signal), []);
  const { state, reload } = useApiResource(load);
  return (
    <div className="page-content">
      <h1>{t('certification.mine.title')}</h1>
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(items) => items.length === 0}
        messages={{
          loading: t('certification.mine.loading'),
          loadFailed: t('certification.mine.loadFailed'),
          empty: t('certification.mine.empty'),
          emptyHint: t('certification.mine.emptyHint'),
        }}
      />
      {state.status === 'loaded' && <CopyRequestList items={state.data} linkOf={(copy) => () => certificationApi.downloadLink(copy.id)} />}
    </div>
  );
}

/**
 * A member of the public's requests made in this browser: each is looked up with the access key
 * its request answered with (there is no account to list them by).
 */
export function PublicCopiesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('certification.publicMine.title'));
  const load = useCallback(async (signal: AbortSignal) => {
    const stored = storedPublicRequests();
    const views = await Promise.all(stored.map((r) => certificationApi.onePublic(r.id, r.accessKey, signal)));
    return views.map((view, index) => ({ view, accessKey: stored[index].accessKey }));
  }, []);
  const { state, reload } = useApiResource(load);
  const keys = new Map(state.status === 'loaded' ? state.data.map((r) => [r.view.id, r.accessKey]) : []);
  return (
    <div className="page-content">
      <h1>{t('certification.publicMine.title')}</h1>
      <p className="muted">{t('certification.publicMine.intro')}</p>
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(items) => items.length === 0}
        messages={{
          loading: t('certification.mine.loading'),
          loadFailed: t('certification.mine.loadFailed'),
          empty: t('certification.mine.empty'),
          emptyHint: t('certification.publicMine.emptyHint'),
        }}
      />
      {state.status === 'loaded' && (
        <CopyRequestList
          items={state.data.map((r) => r.view)}
          linkOf={(copy) => () => certificationApi.downloadLinkPublic(copy.id, keys.get(copy.id) ?? '')}
        />
      )}
    </div>
  );
}

export function CopyRequestList({
  items,
  linkOf,
}: {
  items: CertifiedCopyView[];
  linkOf: (copy: CertifiedCopyView) => () => Promise<DownloadLinkView>;
}) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  return (
    <ul className="plain-list" aria-label={t('certification.mine.title')}>
      {items.map((copy) => (
        <li key={copy.id} className="panel">
          <CopyFacts copy={copy} courtTime={courtTime} />
          <DownloadCopyButton copy={copy} getLink={linkOf(copy)} />
        </li>
      ))}
    </ul>
  );
}

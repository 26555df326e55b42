import { useCallback, useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseDetailView as CaseDetail } from '@ejustice/cases/contract/case-contract';
import { api } from '../api/client';
import { useApiResource } from '../api/use-api-resource';
import { useUser } from '../auth/auth-context';
import { AuthoriseCopyDisclosure } from '../certification/AuthoriseCopyForm';
import { CaseSchedulingSection } from '../case-scheduling/CaseSchedulingSection';
import { schedulingAccess } from '../case-scheduling/case-scheduling-form';
import { filingApi, saveBlob } from '../filing/filing-api';
import { CaseHearingsSection } from '../hearing/home/CaseHearingsSection';
import { ListHearingSection } from '../hearing/list/ListHearingSection';
import type { DocketView, FilingDocumentView } from '@ejustice/filing/contract/filing-contract';
import { errorMessage } from '../i18n/error-message';
import { currentLanguage } from '../i18n/i18n';
import { useCourtTime } from '../i18n/use-court-time';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import '../filing/filing.css';

const FILER_ROLES = ['party', 'counsel', 'prosecutor', 'observer'];

/**
 * A case's docket. Everything about who may see what is decided by the server: a protected
 * person arrives here already as their pseudonym (this page never has the real name to hide),
 * and entries a viewer may not read are simply not in the answer.
 */
export function CaseDocketPage() {
  const { t, i18n } = useTranslation();
  const { caseId = '' } = useParams();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [detail, docket] = await Promise.all([
        api.get<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`, signal),
        api.get<DocketView>(`/api/cases/${encodeURIComponent(caseId)}/docket`, signal),
      ]);
      return { detail, docket };
    },
    [caseId],
  );
  const { state, reload } = useApiResource(load);
  const number = state.status === 'loaded' ? state.data.detail.number : '';
  useDocumentTitle(number ? t('docket.caseTitle', { number }) : t('docket.loading'));

  return (
    <div className="page-content docket">
      {state.status === 'loading' && (
        <p className="muted" role="status">
          {t('docket.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <div className="notice notice--error" role="alert">
          <p>
            {t('docket.loadFailed')} {errorMessage(state.error, i18n)}
          </p>
          <button type="button" className="button button--secondary" onClick={reload}>
            {t('common.retry')}
          </button>
          <p>
            <Link to={paths.home}>{t('docket.back')}</Link>
          </p>
        </div>
      )}
      {state.status === 'loaded' && <Docket detail={state.data.detail} docket={state.data.docket} />}
    </div>
  );
}

export function Docket({ detail, docket }: { detail: CaseDetail; docket: DocketView }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const user = useUser();
  const courtTime = useCourtTime();
  const detailsId = useId();
  const partiesId = useId();
  const entriesId = useId();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  // How many hearings were listed on this page.
  const [listed, setListed] = useState(0);
  const label = (group: string, code: string) => t(`cases.${group}.${code}`, { defaultValue: code });
  const mayFile = detail.status !== 'disposed' && user.roles.some((role) => FILER_ROLES.includes(role));
  // Clerks keep the case's scheduling facts, judges read them; the server enforces it anyway.
  const scheduling = schedulingAccess(user.roles);
  // The court's clerks and judges list hearings by hand; the server enforces it anyway.
  const mayListHearing = detail.status !== 'disposed' && user.roles.some((role) => role === 'clerk' || role === 'judge');
  // Only a judge may authorise a copy of a sealed document; the server enforces it anyway.
  const mayAuthorise = (document: FilingDocumentView) => user.roles.includes('judge') && document.confidentiality === 'sealed';

  const download = async (document: FilingDocumentView) => {
    setDownloadError(null);
    try {
      saveBlob(await filingApi.download(`${document.contentUrl}?disposition=attachment`), document.fileName);
    } catch (error) {
      setDownloadError(error);
    }
  };

  return (
    <>
      <div className="page-heading">
        <h1>
          <Trans i18nKey="docket.heading" components={{ number: <bdi className="case-number">{detail.number}</bdi> }} />
        </h1>
        {mayFile && (
          <Link className="button button--secondary" to={`${paths.newFiling}?caseId=${encodeURIComponent(detail.id)}`}>
            {t('docket.fileInto')}
          </Link>
        )}
      </div>

      <section className="panel" aria-labelledby={detailsId}>
        <h2 id={detailsId}>{t('docket.details')}</h2>
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>{t('docket.fields.title')}</dt>
            <dd>
              <bdi>{detail.title}</bdi>
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('docket.fields.type')}</dt>
            <dd>{label('caseType', detail.caseType)}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('docket.fields.status')}</dt>
            <dd>{label('status', detail.status)}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('docket.fields.confidentiality')}</dt>
            <dd>
              <span className={detail.confidentiality === 'public' ? undefined : 'tag'}>
                {label('confidentiality', detail.confidentiality)}
              </span>
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('docket.fields.opened')}</dt>
            <dd>
              <time dateTime={detail.openedAt}>{courtTime.date(detail.openedAt)}</time>
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('docket.fields.judge')}</dt>
            <dd>
              {detail.assignedJudge ? (
                <bdi>{detail.assignedJudge.displayName}</bdi>
              ) : (
                <span className="muted">{t('docket.fields.noJudge')}</span>
              )}
            </dd>
          </div>
        </dl>
      </section>

      <section className="panel" aria-labelledby={partiesId}>
        <h2 id={partiesId}>{t('docket.parties')}</h2>
        {detail.parties.length === 0 ? (
          <p className="empty-state">{t('docket.partiesEmpty')}</p>
        ) : (
          <>
            {detail.parties.some((party) => party.isProtected) && <p className="muted">{t('docket.protectedHint')}</p>}
            <table className="table table--narrow">
              <caption className="visually-hidden">{t('docket.parties')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('docket.partyColumns.role')}</th>
                  <th scope="col">{t('docket.partyColumns.name')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.parties.map((party) => (
                  <tr key={party.id}>
                    <td>{t(`docket.partyRole.${party.partyRole}`, { defaultValue: party.partyRole })}</td>
                    <td>
                      <bdi>{party.name}</bdi>
                      {party.isProtected && <span className="tag tag--protected">{t('docket.protected')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      {scheduling !== 'none' && <CaseSchedulingSection caseId={detail.id} parties={detail.parties} access={scheduling} />}

      {/* Read again (a new key) once a hearing is listed below, so it shows at once. */}
      {mayListHearing && <CaseHearingsSection key={listed} caseId={detail.id} />}

      {mayListHearing && <ListHearingSection caseId={detail.id} courtId={user.courtId} onListed={() => setListed((n) => n + 1)} />}

      <section className="panel" aria-labelledby={entriesId}>
        <h2 id={entriesId}>{t('docket.entries')}</h2>
        {downloadError !== null && (
          <p className="notice notice--error" role="alert">
            {t('docket.downloadFailed')} {errorMessage(downloadError, i18n)}
          </p>
        )}
        {docket.entries.length === 0 ? (
          <div className="empty-state">
            <p className="empty-state__title">{t('docket.entriesEmpty')}</p>
          </div>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby={entriesId} tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{t('docket.entries')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('docket.entryColumns.seq')}</th>
                  <th scope="col">{t('docket.entryColumns.date')}</th>
                  <th scope="col">{t('docket.entryColumns.type')}</th>
                  <th scope="col">{t('docket.entryColumns.summary')}</th>
                  <th scope="col">{t('docket.entryColumns.confidentiality')}</th>
                  <th scope="col">{t('docket.entryColumns.document')}</th>
                </tr>
              </thead>
              <tbody>
                {docket.entries.map((entry) => (
                  <tr key={entry.id}>
                    <td className="docket__seq">{new Intl.NumberFormat(language).format(entry.seq)}</td>
                    <td>
                      <time dateTime={entry.filedAt}>{courtTime.dateTime(entry.filedAt)}</time>
                    </td>
                    <td>
                      {entry.entryType === 'attachment'
                        ? t('docket.entryType.attachment')
                        : t(`filing.filingType.${entry.entryType}`, { defaultValue: entry.entryType })}
                    </td>
                    <td>
                      <bdi>{entry.summary}</bdi>
                    </td>
                    <td>{label('confidentiality', entry.confidentiality)}</td>
                    <td>
                      {entry.documents.length === 0 ? (
                        <span className="muted">{t('docket.noDocument')}</span>
                      ) : (
                        <ul className="plain-list">
                          {entry.documents.map((document) => (
                            <li key={document.id}>
                              <button
                                type="button"
                                className="button button--quiet button--small"
                                onClick={() => download(document)}
                                aria-label={`${t('docket.downloadLabel', { seq: entry.seq })}: ${document.title}`}
                              >
                                {t('docket.download')}
                              </button>{' '}
                              <bdi>{document.title}</bdi>{' '}
                              <Link
                                className="button button--quiet button--small"
                                to={paths.requestCertifiedCopy(document.id)}
                                state={{ documentTitle: document.title }}
                                aria-label={`${t('docket.requestCopyLabel', { seq: entry.seq })}: ${document.title}`}
                              >
                                {t('docket.requestCopy')}
                              </Link>
                              {mayAuthorise(document) && <AuthoriseCopyDisclosure documentId={document.id} parties={detail.parties} />}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useApiResource } from '../api/use-api-resource';
import { errorMessage } from '../i18n/error-message';
import { formatCourtDateTime } from '../i18n/court-time';
import { currentLanguage } from '../i18n/i18n';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import { filingApi, saveBlob } from './filing-api';
import type {
  FilingDetailView as FilingDetail,
  FilingDocumentView,
  FilingReceiptView as FilingReceipt,
  ReviewedDocumentView as ReviewedDocument,
} from '@ejustice/filing/contract/filing-contract';
import { formatBytes } from './pdf-precheck';
import type { ReceiptLocationState } from './SubmitFilingPage';
import './filing.css';

/**
 * The receipt ("notice of electronic filing") and, later, the state of the filing. Right after a
 * submission the receipt the API answered is shown at once; the filing is then loaded for its
 * current state, so the same page serves "my filings" links.
 */
export function FilingReceiptPage() {
  const { t, i18n } = useTranslation();
  const { filingId = '' } = useParams();
  const location = useLocation();
  const justFiled = (location.state as ReceiptLocationState | null)?.receipt;
  const fresh = justFiled && justFiled.filingId === filingId ? justFiled : null;
  const load = useCallback((signal: AbortSignal) => filingApi.detail(filingId, signal), [filingId]);
  const { state, reload } = useApiResource(load);
  const title = fresh ? t('filing.receipt.title') : t('filing.receipt.titleExisting');
  useDocumentTitle(title);

  const detail = state.status === 'loaded' ? state.data : null;
  const receipt: FilingReceipt | FilingDetail | null = detail ?? fresh;

  return (
    <div className="page-content receipt">
      <h1>{title}</h1>
      {fresh && (
        <p className="notice notice--success" role="status">
          {t('filing.receipt.intro')}
        </p>
      )}
      {!receipt && state.status === 'loading' && (
        <p className="muted" role="status">
          {t('filing.receipt.loading')}
        </p>
      )}
      {!receipt && state.status === 'error' && (
        <div className="notice notice--error" role="alert">
          <p>
            {t('filing.receipt.loadFailed')} {errorMessage(state.error, i18n)}
          </p>
          <button type="button" className="button button--secondary" onClick={reload}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {receipt && <ReceiptBody receipt={receipt} detail={detail} />}
      <p className="receipt__links">
        <Link to={paths.filings}>{t('filing.receipt.myFilings')}</Link>
        <Link to={paths.newFiling}>{t('filing.receipt.another')}</Link>
      </p>
    </div>
  );
}

function ReceiptBody({ receipt, detail }: { receipt: FilingReceipt | FilingDetail; detail: FilingDetail | null }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const documentsId = useId();
  const hintId = useId();
  const [download, setDownload] = useState<{ status: 'idle' | 'busy' } | { status: 'failed'; error: unknown }>({ status: 'idle' });
  const timeZone = receipt.receivedAtCourt.timeZone;

  const downloadReceipt = async () => {
    setDownload({ status: 'busy' });
    try {
      const blob = await filingApi.download(receipt.receiptPdfUrl);
      saveBlob(blob, `filing-receipt-${receipt.filingId}.pdf`);
      setDownload({ status: 'idle' });
    } catch (error) {
      setDownload({ status: 'failed', error });
    }
  };

  const reviewed = (document: FilingDocumentView): ReviewedDocument | undefined =>
    detail?.documents.find((each) => each.id === document.id);

  return (
    <>
      <dl className="summary-list panel">
        <div className="summary-list__row">
          <dt>{t('filing.receipt.filingId')}</dt>
          <dd>
            <code className="receipt__id">{receipt.filingId}</code>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('filing.receipt.receivedUtc')}</dt>
          <dd>
            <time dateTime={receipt.receivedAt}>{formatCourtDateTime(receipt.receivedAt, language, 'UTC', 'long')}</time>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('filing.receipt.receivedCourt', { timeZone })}</dt>
          <dd>
            <time dateTime={receipt.receivedAtCourt.localTime}>{formatCourtDateTime(receipt.receivedAt, language, timeZone, 'long')}</time>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('filing.receipt.type')}</dt>
          <dd>
            {t(`filing.filingType.${receipt.filingType}`)} — <bdi>{receipt.title}</bdi>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('filing.receipt.status')}</dt>
          <dd>
            <span className={`status status--${receipt.status}`}>{t(`filing.status.${receipt.status}`)}</span>
          </dd>
        </div>
        {receipt.caseId && (
          <div className="summary-list__row">
            <dt>{t('filing.receipt.case')}</dt>
            <dd>
              <Link to={paths.caseDocket(receipt.caseId)}>
                <bdi className="case-number">{receipt.caseNumber ?? t('filing.receipt.openCase')}</bdi>
              </Link>
            </dd>
          </div>
        )}
        {detail?.decision && (
          <>
            {detail.decision.reasonCode && (
              <div className="summary-list__row">
                <dt>{t('filing.receipt.reason')}</dt>
                <dd>{t(`clerk.reason.${detail.decision.reasonCode}`, { defaultValue: detail.decision.reasonCode })}</dd>
              </div>
            )}
            {detail.decision.note && (
              <div className="summary-list__row">
                <dt>{t('filing.receipt.note')}</dt>
                <dd>
                  <bdi>{detail.decision.note}</bdi>
                </dd>
              </div>
            )}
          </>
        )}
      </dl>

      <section aria-labelledby={documentsId}>
        <h2 id={documentsId}>{t('filing.receipt.documents')}</h2>
        <p id={hintId} className="muted">
          {t('filing.receipt.fingerprintHint')}
        </p>
        <div className="table-scroll" role="region" aria-labelledby={documentsId} tabIndex={0}>
          <table className="table receipt__documents" aria-describedby={hintId}>
            <caption className="visually-hidden">{t('filing.receipt.documents')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('filing.receipt.columns.document')}</th>
                <th scope="col">{t('filing.receipt.columns.pages')}</th>
                <th scope="col">{t('filing.receipt.columns.size')}</th>
                <th scope="col">{t('filing.receipt.columns.sha256')}</th>
                {detail && <th scope="col">{t('filing.receipt.columns.review')}</th>}
              </tr>
            </thead>
            <tbody>
              {receipt.documents.map((document) => {
                const review = reviewed(document);
                return (
                  <tr key={document.id}>
                    <th scope="row">
                      <span className={`tag${document.role === 'lead' ? ' tag--lead' : ''}`}>
                        {document.role === 'lead' ? t('filing.wizard.documents.lead') : t('filing.wizard.documents.attachment')}
                      </span>{' '}
                      <bdi>{document.title}</bdi>
                      <br />
                      <bdi className="muted">{document.fileName}</bdi>
                    </th>
                    <td>{new Intl.NumberFormat(language).format(document.pageCount)}</td>
                    <td>{formatBytes(document.sizeBytes, language)}</td>
                    <td>
                      <code className="sha256" dir="ltr">
                        {document.sha256}
                      </code>
                    </td>
                    {detail && (
                      <td>
                        {review ? t(`filing.receipt.documentStatus.${review.reviewStatus}`) : null}
                        {review?.reasonCode && (
                          <>
                            <br />
                            <span className="muted">{t(`clerk.reason.${review.reasonCode}`, { defaultValue: review.reasonCode })}</span>
                          </>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <p>
        <button type="button" className="button" onClick={downloadReceipt} disabled={download.status === 'busy'}>
          {download.status === 'busy' ? t('filing.receipt.downloading') : t('filing.receipt.download')}
        </button>
      </p>
      {download.status === 'failed' && (
        <p className="notice notice--error" role="alert">
          {t('filing.receipt.downloadFailed')} {errorMessage(download.error, i18n)}
        </p>
      )}
    </>
  );
}

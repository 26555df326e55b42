import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertifiedCopyView, DownloadLinkView } from '@ejustice/certification/contract/certification-contract';
import { errorMessage } from '../i18n/error-message';
import { currentLanguage } from '../i18n/i18n';
import type { CourtClock } from '../i18n/use-court-time';
import { formatFee, isDownloadable, issuingProgress } from './copy-status';

/** A request's status as a word with its colour; the word is what counts, the colour only helps. */
export function CopyStatusBadge({ status }: { status: CertifiedCopyView['status'] }) {
  const { t } = useTranslation();
  return <span className={`status copy-status--${status}`}>{t(`certification.status.${status}`)}</span>;
}

/** How far a request has come, as a native progress bar with the step it waits on in words. */
export function IssuingProgressView({ copy }: { copy: CertifiedCopyView }) {
  const { t } = useTranslation();
  const progress = issuingProgress(copy.status, copy.fee.paymentStatus);
  const text =
    progress.waitingOn === null
      ? t(`certification.progress.final.${copy.status}`)
      : t(`certification.progress.waiting.${progress.waitingOn}`);
  return (
    <div className="copy-progress">
      <progress max={progress.total} value={progress.done} aria-label={t('certification.progress.label')}>
        {progress.done}/{progress.total}
      </progress>{' '}
      <span className="muted">{text}</span>
    </div>
  );
}

/** The fee: amount for the copies, and the waiver or how it stands. */
export function FeeLine({ fee }: { fee: CertifiedCopyView['fee'] }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <span>
      {t('certification.fee.amount', {
        amount: formatFee(fee.amount, fee.currency, language),
        perCopy: formatFee(fee.perCopy, fee.currency, language),
      })}{' '}
      {fee.waiverReason ? t(`certification.fee.waiver.${fee.waiverReason}`) : t(`certification.fee.payment.${fee.paymentStatus}`)}
    </span>
  );
}

/** The download of an issued copy: a fresh expiring link each time, opened at once. */
export function DownloadCopyButton({ copy, getLink }: { copy: CertifiedCopyView; getLink: () => Promise<DownloadLinkView> }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!isDownloadable(copy.status)) return null;
  const download = async () => {
    setError(null);
    setBusy(true);
    try {
      window.location.assign((await getLink()).url);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button button--small" onClick={download} disabled={busy}>
        {t('certification.download')}
      </button>
      {error !== null && (
        <p className="field__error" role="alert">
          {errorMessage(error, i18n)}
        </p>
      )}
    </>
  );
}

/** The facts of one request, as its requester reads them. */
export function CopyFacts({ copy, courtTime }: { copy: CertifiedCopyView; courtTime: CourtClock }) {
  const { t } = useTranslation();
  return (
    <dl className="copy-facts">
      <dt>{t('certification.facts.status')}</dt>
      <dd>
        <CopyStatusBadge status={copy.status} />
        <IssuingProgressView copy={copy} />
      </dd>
      <dt>{t('certification.facts.requestedAt')}</dt>
      <dd>
        <time dateTime={copy.requestedAt}>{courtTime.dateTime(copy.requestedAt)}</time>
      </dd>
      <dt>{t('certification.facts.copies')}</dt>
      <dd>{copy.copies}</dd>
      <dt>{t('certification.facts.purpose')}</dt>
      <dd>
        <bdi>{copy.purpose}</bdi>
      </dd>
      <dt>{t('certification.facts.fee')}</dt>
      <dd>
        <FeeLine fee={copy.fee} />
      </dd>
      {copy.refusalReason && (
        <>
          <dt>{t('certification.facts.refusalReason')}</dt>
          <dd>
            <bdi>{copy.refusalReason}</bdi>
          </dd>
        </>
      )}
      {copy.verificationCode && (
        <>
          <dt>{t('certification.facts.verificationCode')}</dt>
          <dd>
            <bdi className="verification-code">{copy.verificationCode}</bdi>
          </dd>
        </>
      )}
      {copy.revokedAt && (
        <>
          <dt>{t('certification.facts.revokedAt')}</dt>
          <dd>
            <time dateTime={copy.revokedAt}>{courtTime.dateTime(copy.revokedAt)}</time>
            {copy.revocationReason && (
              <>
                {' — '}
                <bdi>{copy.revocationReason}</bdi>
              </>
            )}
          </dd>
        </>
      )}
    </dl>
  );
}

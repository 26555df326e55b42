import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorMessage } from '../i18n/error-message';
import { useCourtTime } from '../i18n/use-court-time';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import { type CertificationApi, certificationApi } from './certification-api';
import { type VerificationOutcome, normaliseCode, outcomeOfError, outcomeOfView, sealWarning } from './verification-outcome';
import './certification.css';

/**
 * Anyone holding a certified copy checks it here, without an account: by the code printed on it
 * (also reachable as /verify/<code>, the address a copy can print), or by dropping the file itself.
 */
export function VerifyCopyPage({ client = certificationApi }: { client?: Pick<CertificationApi, 'verifyCode' | 'verifyFile'> }) {
  const { t } = useTranslation();
  const { code: codeParam } = useParams();
  const navigate = useNavigate();
  const codeId = useId();
  const fileId = useId();
  const [code, setCode] = useState(codeParam ?? '');
  const [outcome, setOutcome] = useState<VerificationOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  useDocumentTitle(t('certification.verify.title'));

  useEffect(() => {
    if (!codeParam) return;
    const controller = new AbortController();
    setBusy(true);
    setOutcome(null);
    client
      .verifyCode(normaliseCode(codeParam), controller.signal)
      .then(
        (view) => !controller.signal.aborted && setOutcome(outcomeOfView(view)),
        (error: unknown) => !controller.signal.aborted && setOutcome(outcomeOfError(error, 'code')),
      )
      .finally(() => !controller.signal.aborted && setBusy(false));
    return () => controller.abort();
  }, [codeParam, client]);

  const verifyFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(outcomeOfView(await client.verifyFile(file)));
    } catch (error) {
      setOutcome(outcomeOfError(error, 'file'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page-content page-content--narrow">
      <h1>{t('certification.verify.title')}</h1>
      <p className="muted">{t('certification.verify.intro')}</p>
      <form
        className="form panel"
        onSubmit={(e) => {
          e.preventDefault();
          const typed = normaliseCode(code);
          if (typed) void navigate(paths.verifyCode(typed));
        }}
      >
        <div className="field">
          <label htmlFor={codeId}>{t('certification.verify.code')}</label>
          <input id={codeId} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} dir="ltr" />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('certification.verify.byCode')}
        </button>
      </form>
      <div
        className={`drop-zone panel${over ? ' drop-zone--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void verifyFile(e.dataTransfer.files[0]);
        }}
      >
        <p>{t('certification.verify.drop')}</p>
        <label htmlFor={fileId} className="button button--secondary">
          {t('certification.verify.choose')}
        </label>
        <input
          id={fileId}
          type="file"
          accept="application/pdf,.pdf"
          className="visually-hidden"
          onChange={(e) => void verifyFile(e.target.files?.[0])}
        />
      </div>
      <div aria-live="polite">
        {busy && (
          <p className="muted" role="status">
            {t('certification.verify.checking')}
          </p>
        )}
        {outcome && <VerificationVerdict outcome={outcome} />}
      </div>
    </div>
  );
}

/** The verdict in words, with the facts the register gives; the colour only repeats what the words say. */
export function VerificationVerdict({ outcome }: { outcome: VerificationOutcome }) {
  const { t, i18n } = useTranslation();
  const courtTime = useCourtTime();
  if (outcome.kind === 'error') {
    return (
      <div className="notice notice--error" role="alert">
        <p>{errorMessage(outcome.error, i18n)}</p>
      </div>
    );
  }
  if (outcome.kind === 'not_in_register') {
    return (
      <section className="verdict verdict--not_in_register">
        <p className="verdict__title">{t('certification.verify.notInRegister')}</p>
        <p>{t(`certification.verify.notInRegisterHint.${outcome.by}`)}</p>
      </section>
    );
  }
  const { view } = outcome;
  const warning = sealWarning(view);
  return (
    <section className={`verdict verdict--${outcome.kind}`}>
      <p className="verdict__title">{t(`certification.verify.${outcome.kind}`)}</p>
      {view.revoked && (
        <p>
          {t('certification.verify.revokedOn', { at: courtTime.dateTime(view.revoked.at) })} <bdi>{view.revoked.reason}</bdi>
        </p>
      )}
      {warning && <p className="notice notice--error">{t(`certification.verify.seal.${warning}`)}</p>}
      <dl className="copy-facts">
        <dt>{t('certification.facts.verificationCode')}</dt>
        <dd>
          <bdi className="verification-code">{view.verificationCode}</bdi>
        </dd>
        <dt>{t('certification.verify.court')}</dt>
        <dd>
          <bdi>{view.court.name}</bdi>
        </dd>
        <dt>{t('certification.verify.issuedAt')}</dt>
        <dd>
          <time dateTime={view.issuedAt}>{courtTime.dateTime(view.issuedAt)}</time>
        </dd>
        <dt>{t('certification.verify.document')}</dt>
        <dd>
          {view.document.title ? (
            <bdi>{view.document.title}</bdi>
          ) : (
            t('certification.verify.withheld', { level: t(`cases.confidentiality.${view.document.confidentiality}`) })
          )}
          {view.document.caseNumber && (
            <>
              {' — '}
              <bdi className="case-number">{view.document.caseNumber}</bdi>
            </>
          )}
        </dd>
        {view.document.pageCount !== null && (
          <>
            <dt>{t('certification.verify.pages')}</dt>
            <dd>{view.document.pageCount}</dd>
          </>
        )}
        <dt>{t('certification.verify.sha256')}</dt>
        <dd>
          <code dir="ltr" className="verification-code">
            {view.sha256}
          </code>
        </dd>
      </dl>
    </section>
  );
}

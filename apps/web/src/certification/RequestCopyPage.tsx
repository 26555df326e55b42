import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { CertifiedCopyFeeQuoteView, CertifiedCopyRequestedView } from '@ejustice/certification/contract/certification-contract';
import { useAuth } from '../auth/auth-context';
import { errorMessage } from '../i18n/error-message';
import { useCourtTime } from '../i18n/use-court-time';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import { type CertificationApi, certificationApi, rememberPublicRequest } from './certification-api';
import { type CopyRequestErrors, type CopyRequestField, MAX_COPIES, MAX_PURPOSE, copiesToSend, validateCopyRequest } from './copy-status';
import { CopyFacts, FeeLine } from './CopyParts';
import './certification.css';

/**
 * Asking for a certified copy of one docketed document: from the docket when signed in, or by a
 * member of the public through the document's address, with an e-mail address instead of an account.
 */
export function RequestCopyPage() {
  const { t } = useTranslation();
  const { documentId = '' } = useParams();
  const location = useLocation();
  const { state } = useAuth();
  useDocumentTitle(t('certification.request.title'));
  const title = (location.state as { documentTitle?: unknown } | null)?.documentTitle;
  return (
    <div className="page-content page-content--narrow">
      <h1>{t('certification.request.title')}</h1>
      <RequestCopyForm
        documentId={documentId}
        documentTitle={typeof title === 'string' ? title : null}
        signedIn={state.status === 'signed-in'}
        client={certificationApi}
      />
    </div>
  );
}

interface RequestCopyFormProps {
  documentId: string;
  documentTitle: string | null;
  signedIn: boolean;
  client: Pick<CertificationApi, 'request' | 'requestPublic' | 'quote' | 'quotePublic'>;
  /** Where the public's access key is kept; the browser's localStorage unless a test says otherwise. */
  remember?: typeof rememberPublicRequest;
}

/** How long the number of copies must stay still before the fee is asked for. */
const QUOTE_AFTER_MS = 250;

/**
 * The fee this request would cost, asked of the court as the number of copies changes (the
 * request's own assessment: the fee quoted is the fee charged); none while the number is not one
 * the form would send.
 */
function useFeeQuote(
  client: Pick<CertificationApi, 'quote' | 'quotePublic'>,
  documentId: string,
  copies: string,
  signedIn: boolean,
): { quote: CertifiedCopyFeeQuoteView | null; failure: unknown } {
  const [state, setState] = useState<{ quote: CertifiedCopyFeeQuoteView | null; failure: unknown }>({ quote: null, failure: null });
  useEffect(() => {
    const count = copiesToSend(copies);
    if (count === undefined) {
      setState((now) => (now.quote === null && now.failure === null ? now : { quote: null, failure: null }));
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const query = { documentId, copies: count };
      (signedIn ? client.quote(query, controller.signal) : client.quotePublic(query, controller.signal)).then(
        (quote) => {
          if (!controller.signal.aborted) setState({ quote, failure: null });
        },
        (failure: unknown) => {
          if (!controller.signal.aborted) setState({ quote: null, failure });
        },
      );
    }, QUOTE_AFTER_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, documentId, copies, signedIn]);
  return state;
}

export function RequestCopyForm({ documentId, documentTitle, signedIn, client, remember = rememberPublicRequest }: RequestCopyFormProps) {
  const { t, i18n } = useTranslation();
  const courtTime = useCourtTime();
  const formId = useId();
  const [copies, setCopies] = useState('1');
  const [purpose, setPurpose] = useState('');
  const [email, setEmail] = useState('');
  const [fieldErrors, setFieldErrors] = useState<CopyRequestErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<CertifiedCopyRequestedView | null>(null);
  const fee = useFeeQuote(client, documentId, copies, signedIn);

  if (done) {
    return (
      <section className="panel" aria-live="polite">
        <h2>{t('certification.request.sent')}</h2>
        <CopyFacts copy={done.request} courtTime={courtTime} />
        {done.accessKey ? (
          <div className="notice">
            <p>{t('certification.request.accessKeyHint')}</p>
            <p>
              <bdi className="verification-code">{done.accessKey}</bdi>
            </p>
            <Link to={paths.publicCertifiedCopies}>{t('certification.request.trackPublic')}</Link>
          </div>
        ) : (
          <Link to={paths.certifiedCopies}>{t('certification.request.trackMine')}</Link>
        )}
      </section>
    );
  }

  const fieldId = (field: CopyRequestField) => `${formId}-${field}`;
  const describedBy = (field: CopyRequestField, hint?: boolean) =>
    [hint ? `${fieldId(field)}-hint` : '', fieldErrors[field] ? `${fieldId(field)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const errorOf = (field: CopyRequestField) =>
    fieldErrors[field] && (
      <p id={`${fieldId(field)}-error`} className="field__error">
        {t(`certification.request.errors.${field}.${fieldErrors[field]}`, { max: field === 'copies' ? MAX_COPIES : MAX_PURPOSE })}
      </p>
    );

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const draft = { copies, purpose, email: signedIn ? null : email };
    const errors = validateCopyRequest(draft);
    setFieldErrors(errors);
    setFailure(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const body = { documentId, copies: Number(copies), purpose: purpose.trim() };
      const answer = signedIn ? await client.request(body) : await client.requestPublic({ ...body, email: email.trim() });
      if (answer.accessKey) remember({ id: answer.request.id, accessKey: answer.accessKey });
      setDone(answer);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-describedby={`${formId}-fee`}>
      {documentTitle && (
        <p>
          {t('certification.request.document')} <bdi>{documentTitle}</bdi>
        </p>
      )}
      <div id={`${formId}-fee`} className="notice" aria-live="polite">
        <p>{t('certification.request.feeNotice')}</p>
        {fee.quote && (
          <p className="copy-quote">
            <strong>{t('certification.request.quote')}</strong> <FeeLine fee={fee.quote.fee} />
          </p>
        )}
        {fee.failure !== null && <p className="copy-quote">{errorMessage(fee.failure, i18n)}</p>}
      </div>
      {failure !== null && (
        <div className="notice notice--error" role="alert">
          <p>{errorMessage(failure, i18n)}</p>
        </div>
      )}
      {!signedIn && (
        <div className="field">
          <label htmlFor={fieldId('email')}>{t('certification.request.email')}</label>
          <p id={`${fieldId('email')}-hint`} className="field__hint">
            {t('certification.request.emailHint')}
          </p>
          <input
            id={fieldId('email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={describedBy('email', true)}
          />
          {errorOf('email')}
        </div>
      )}
      <div className="field">
        <label htmlFor={fieldId('copies')}>{t('certification.request.copies')}</label>
        <input
          id={fieldId('copies')}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_COPIES}
          value={copies}
          onChange={(e) => setCopies(e.target.value)}
          aria-invalid={fieldErrors.copies ? true : undefined}
          aria-describedby={describedBy('copies')}
        />
        {errorOf('copies')}
      </div>
      <div className="field">
        <label htmlFor={fieldId('purpose')}>{t('certification.request.purpose')}</label>
        <p id={`${fieldId('purpose')}-hint`} className="field__hint">
          {t('certification.request.purposeHint')}
        </p>
        <textarea
          id={fieldId('purpose')}
          rows={3}
          maxLength={MAX_PURPOSE}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          aria-invalid={fieldErrors.purpose ? true : undefined}
          aria-describedby={describedBy('purpose', true)}
        />
        {errorOf('purpose')}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t('certification.request.submit')}
      </button>
    </form>
  );
}

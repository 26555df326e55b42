import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { SessionEndReason } from '../api/client';
import { useAuth } from '../auth/auth-context';
import { errorMessage } from '../i18n/error-message';
import { useDocumentTitle } from '../layout/use-document-title';
import { safeReturnPath } from '../paths';

interface LoginLocationState {
  from?: string;
  reason?: SessionEndReason;
}

interface FieldErrors {
  email?: string;
  password?: string;
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { state, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const locationState = (location.state ?? {}) as LoginLocationState;
  const returnTo = safeReturnPath(locationState.from);
  useDocumentTitle(t('login.title'));

  const emailId = useId();
  const passwordId = useId();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  // Kept as the error itself, not its sentence, so it is shown in the language chosen afterwards.
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  if (state.status === 'signed-in') return <Navigate to={returnTo} replace />;

  const reason = state.status === 'signed-out' ? (state.reason ?? locationState.reason) : undefined;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    // Our own checks rather than the browser's bubbles: those speak the browser's language, not
    // the one chosen here, and vanish before a screen-reader user has heard them.
    const errors: FieldErrors = {};
    if (email.trim() === '') errors.email = 'login.emailRequired';
    if (password === '') errors.password = 'login.passwordRequired';
    setFieldErrors(errors);
    setSubmitError(null);
    if (errors.email || errors.password) {
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }

    setSubmitting(true);
    try {
      await login(email.trim(), password);
      navigate(returnTo, { replace: true });
    } catch (error) {
      setSubmitError(error);
      // Clear only the password: retyping the email is a chore, but a wrong password must go.
      setPassword('');
      setSubmitting(false);
      passwordRef.current?.focus();
    }
  };

  return (
    <div className="page-content page-content--narrow">
      <h1>{t('login.title')}</h1>
      {reason === 'expired' && (
        <p className="notice" role="status">
          {t('login.sessionExpired')}
        </p>
      )}
      {reason === 'logout' && (
        <p className="notice" role="status">
          {t('login.signedOut')}
        </p>
      )}
      <p>{t('login.intro')}</p>

      {/* Always in the page so the announcement is not lost; filled when sign-in fails. */}
      <div role="alert" className={submitError ? 'notice notice--error' : undefined}>
        {submitError ? errorMessage(submitError, i18n) : null}
      </div>

      <form className="form" noValidate onSubmit={submit}>
        <div className="field">
          <label htmlFor={emailId}>{t('login.email')}</label>
          <input
            ref={emailRef}
            id={emailId}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            dir="ltr"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={fieldErrors.email ? `${emailId}-error` : undefined}
          />
          {fieldErrors.email && (
            <p id={`${emailId}-error`} className="field__error">
              {t(fieldErrors.email)}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={passwordId}>{t('login.password')}</label>
          <input
            ref={passwordRef}
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            dir="ltr"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? `${passwordId}-error` : undefined}
          />
          {fieldErrors.password && (
            <p id={`${passwordId}-error`} className="field__error">
              {t(fieldErrors.password)}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
      </form>

      <p className="hint">{t('login.linkHint')}</p>
    </div>
  );
}

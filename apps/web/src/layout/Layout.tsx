import { useEffect, useRef, type MouseEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useApiResource } from '../api/use-api-resource';
import { useAuth } from '../auth/auth-context';
import { paths } from '../paths';
import { LanguageSwitcher } from './LanguageSwitcher';
import { SiteFooter } from './SiteFooter';

const MAIN_ID = 'main-content';

const loadAbout = (signal: AbortSignal) => api.about(signal);

/** Roles that file with the court (observer: a registered member of the public). */
const FILER_ROLES: readonly string[] = ['party', 'counsel', 'prosecutor', 'observer'];

export function Layout() {
  const { t } = useTranslation();
  const { state, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // A client-side navigation does not move focus like a page load does: without this, keyboard
  // and screen-reader users stay on the link they activated, in a page that has changed under them.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    mainRef.current?.focus();
    mainRef.current?.scrollIntoView();
  };

  const signOut = async () => {
    await logout();
    navigate(paths.login, { replace: true });
  };

  const user = state.status === 'signed-in' ? state.user : null;
  // Until it is read, or if it cannot be, the footer simply has no source link: nothing to retry.
  const { state: about } = useApiResource(loadAbout);

  return (
    <div className="page">
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToMain}>
        {t('skipLink')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <div className="brand">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{user ? <bdi>{user.courtName}</bdi> : t('app.tagline')}</span>
          </div>
          <div className="site-header__tools">
            <LanguageSwitcher />
            {user && (
              <div className="account">
                <span className="account__name">
                  {/* The name is passed as an element, not interpolated into the string: it stays
                      plain text whatever it contains, and <bdi> keeps a Latin name inside an Arabic
                      sentence (or the reverse) from dragging the punctuation around. */}
                  <Trans i18nKey="header.signedInAs" components={{ name: <bdi className="account__person">{user.displayName}</bdi> }} />
                </span>
                <button type="button" className="button button--secondary" onClick={signOut}>
                  {t('header.signOut')}
                </button>
              </div>
            )}
          </div>
        </div>
      </header>
      {user && (
        <nav className="site-nav" aria-label={t('nav.label')}>
          <ul className="site-nav__list">
            <li>
              <NavLink to={paths.home} end>
                {t('nav.home')}
              </NavLink>
            </li>
            {user.roles.some((role) => FILER_ROLES.includes(role)) && (
              <li>
                <NavLink to={paths.filings}>{t('nav.myFilings')}</NavLink>
              </li>
            )}
            {user.roles.includes('clerk') && (
              <li>
                <NavLink to={paths.clerkQueue}>{t('nav.filingQueue')}</NavLink>
              </li>
            )}
            <li>
              <NavLink to={paths.certifiedCopies} end>
                {t('nav.certifiedCopies')}
              </NavLink>
            </li>
            {user.roles.includes('clerk') && (
              <li>
                <NavLink to={paths.clerkCertifiedCopies}>{t('nav.copyRequests')}</NavLink>
              </li>
            )}
            {user.roles.some((role) => role === 'clerk' || role === 'judge') && (
              <li>
                <NavLink to={paths.backlog(user.courtId)}>{t('backlog.nav')}</NavLink>
              </li>
            )}
            {user.roles.some((role) => role === 'clerk' || role === 'judge') && (
              <li>
                <NavLink to={paths.schedule(user.courtId)}>{t('schedule.nav')}</NavLink>
              </li>
            )}
            {user.roles.some((role) => role === 'clerk' || role === 'judge' || role === 'admin') && (
              <li>
                <NavLink to={paths.schedulingData(user.courtId)}>{t('schedulingData.nav')}</NavLink>
              </li>
            )}
            <li>
              <NavLink to={paths.verify}>{t('nav.verify')}</NavLink>
            </li>
          </ul>
        </nav>
      )}
      <main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <SiteFooter sourceCodeUrl={about.status === 'loaded' ? about.data.sourceCodeUrl : null} />
    </div>
  );
}

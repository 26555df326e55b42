import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '@ejustice/vocabulary/role';
import { NotFoundPage } from '../pages/NotFoundPage';
import { paths } from '../paths';
import { useAuth } from './auth-context';

interface RequireAuthProps {
  /** When given, the user needs at least one of these roles; the server checks again regardless. */
  roles?: readonly Role[];
}

/** Gate for every route that needs a signed-in user. */
export function RequireAuth({ roles }: RequireAuthProps) {
  const { t } = useTranslation();
  const { state, retryRestore } = useAuth();
  const location = useLocation();

  switch (state.status) {
    case 'restoring':
      return (
        <p className="notice" role="status">
          {t('session.restoring')}
        </p>
      );
    case 'unreachable':
      return (
        <div className="notice notice--error" role="alert">
          <p>{t('session.restoreFailed')}</p>
          <button type="button" className="button" onClick={retryRestore}>
            {t('common.retry')}
          </button>
        </div>
      );
    case 'signed-out':
      // After a deliberate sign-out the next person on this computer starts from home, not from
      // wherever the previous person was.
      return (
        <Navigate
          to={paths.login}
          replace
          state={{ from: state.reason === 'logout' ? undefined : location.pathname + location.search, reason: state.reason }}
        />
      );
    case 'signed-in':
      // Not "forbidden": a page that says "this exists but is not for you" tells more than needed.
      if (roles && !roles.some((role) => state.user.roles.includes(role))) return <NotFoundPage />;
      return <Outlet />;
  }
}

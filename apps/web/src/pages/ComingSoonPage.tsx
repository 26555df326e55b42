import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';

/** Which feature's sentence to show; one per route reserved for a feature still to come. */
export type ComingSoonFeature = 'hearing' | 'join' | 'filings' | 'clerkQueue' | 'verify';

interface ComingSoonPageProps {
  feature: ComingSoonFeature;
  /** False on pages reached by people without an account (a witness's link), who have no home here. */
  showHomeLink?: boolean;
}

/**
 * Holds the address of a feature that is not built yet, so links already handed out resolve to
 * an honest sentence instead of a "page not found" or, worse, something that looks like it works.
 */
export function ComingSoonPage({ feature, showHomeLink = true }: ComingSoonPageProps) {
  const { t } = useTranslation();
  useDocumentTitle(t('comingSoon.title'));
  return (
    <div className="page-content page-content--narrow">
      <h1>{t('comingSoon.title')}</h1>
      <p>{t(`comingSoon.${feature}`)}</p>
      {showHomeLink && (
        <p>
          <Link to={paths.home}>{t('common.backHome')}</Link>
        </p>
      )}
    </div>
  );
}

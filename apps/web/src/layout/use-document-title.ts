import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Screen readers announce the title on navigation, and a tab list shows it: keep it per page. */
export function useDocumentTitle(pageTitle: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.documentTitle', { page: pageTitle });
  }, [t, pageTitle]);
}

import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * The dashboard carries the chart library (recharts and its d3 parts); only clerks and judges
 * who open it download it, not a party filing a document or a witness joining a hearing.
 */
const LazyBacklogPage = lazy(() => import('./BacklogPage').then((module) => ({ default: module.BacklogPage })));

export function BacklogPage() {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="notice" role="status">
          {t('common.loading')}
        </p>
      }
    >
      <LazyBacklogPage />
    </Suspense>
  );
}

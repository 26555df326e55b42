import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

/* Only the court's clerks, judges and administrators open its scheduling data: its code is downloaded by them alone. */
const LazySchedulingDataPage = lazy(() => import('./SchedulingDataPage').then((module) => ({ default: module.SchedulingDataPage })));

export function SchedulingDataPage() {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="notice" role="status">
          {t('common.loading')}
        </p>
      }
    >
      <LazySchedulingDataPage />
    </Suspense>
  );
}

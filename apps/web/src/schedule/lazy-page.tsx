import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

/* Only clerks and judges open the schedule: its code is downloaded by them alone. */
const LazySchedulePage = lazy(() => import('./SchedulePage').then((module) => ({ default: module.SchedulePage })));

export function SchedulePage() {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="notice" role="status">
          {t('common.loading')}
        </p>
      }
    >
      <LazySchedulePage />
    </Suspense>
  );
}

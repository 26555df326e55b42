import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * The hearing pages carry mediasoup-client and socket.io-client; people who never join a
 * hearing (a clerk in the filing queue, a party reading their docket) should not download them,
 * and a witness on a phone should not download the filing screens' PDF tooling with them.
 */
const LazyJoinHearingPage = lazy(() => import('../pages/JoinHearingPage').then((module) => ({ default: module.JoinHearingPage })));
const LazyHearingPage = lazy(() => import('../pages/HearingPage').then((module) => ({ default: module.HearingPage })));

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="notice" role="status">
      {t('common.loading')}
    </p>
  );
}

function withSuspense(Page: ComponentType) {
  return function SuspendedPage() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}

export const JoinHearingPage = withSuspense(LazyJoinHearingPage);
export const HearingPage = withSuspense(LazyHearingPage);

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingSectionId } from './home-sections';

/** A landing section whose feature is not built yet: its name and one honest sentence, no data. */
export function PendingSection({ id }: { id: PendingSectionId }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel panel--pending" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`sections.${id}.title`)}</h2>
      <p className="tag tag--quiet">{t('home.notYetAvailable')}</p>
      <p className="muted">{t(`sections.${id}.pending`)}</p>
    </section>
  );
}

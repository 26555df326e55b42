import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../paths';

/** A short way in to filing from the home page: the filer's filings, or the clerk's queue. */
export function FilingLinkSection({ id }: { id: 'myFilings' | 'filingQueue' }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel panel--link" aria-labelledby={headingId}>
      <h2 id={headingId}>{id === 'myFilings' ? t('sections.myFilings.title') : t('sections.filingQueue.title')}</h2>
      {id === 'myFilings' ? (
        <>
          <p className="muted">{t('sections.myFilings.text')}</p>
          <p>
            <Link className="button" to={paths.newFiling}>
              {t('filing.mine.start')}
            </Link>{' '}
            <Link to={paths.filings}>{t('home.myFilingsLink')}</Link>
          </p>
        </>
      ) : (
        <>
          <p className="muted">{t('clerk.queue.intro')}</p>
          <p>
            <Link className="button" to={paths.clerkQueue}>
              {t('home.filingQueueLink')}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

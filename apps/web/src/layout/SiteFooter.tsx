import { useTranslation } from 'react-i18next';

interface SiteFooterProps {
  /** Where the court offers this build's source (GET /api/about); null: none named, or not known yet. */
  sourceCodeUrl: string | null;
}

/**
 * The footer of every page. The source code link is how a court that runs a modified platform
 * offers its users the source (AGPL-3.0 section 13); the api only hands out http(s) addresses.
 */
export function SiteFooter({ sourceCodeUrl }: SiteFooterProps) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>{t('footer.help')}</p>
        <p className="site-footer__project">{t('footer.project')}</p>
        {sourceCodeUrl !== null && (
          <p className="site-footer__source">
            <a href={sourceCodeUrl} rel="noopener">
              {t('footer.sourceCode')}
            </a>
          </p>
        )}
      </div>
    </footer>
  );
}

import { Trans, useTranslation } from 'react-i18next';
import { useUser } from '../auth/auth-context';
import { CasesSection } from '../home/CasesSection';
import { casesTitleKey, sectionsFor } from '../home/home-sections';
import { PendingSection } from '../home/PendingSection';
import { useDocumentTitle } from '../layout/use-document-title';

export function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  useDocumentTitle(t('home.title'));
  const sections = sectionsFor(user.roles);

  return (
    <div className="page-content">
      <h1>
        <Trans i18nKey="home.welcome" components={{ name: <bdi>{user.displayName}</bdi> }} />
      </h1>
      <div className="roles">
        <span className="muted">{t('home.rolesLabel')}</span>
        <ul className="tag-list">
          {user.roles.map((role) => (
            <li key={role} className="tag">
              {t(`roles.${role}`)}
            </li>
          ))}
        </ul>
      </div>
      <div className="sections">
        {sections.map((section) =>
          section.id === 'cases' ? (
            <CasesSection key={section.id} titleKey={casesTitleKey(user.roles)} />
          ) : (
            <PendingSection key={section.id} id={section.id} />
          ),
        )}
      </div>
    </div>
  );
}

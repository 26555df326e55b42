import { Trans, useTranslation } from 'react-i18next';
import { useUser } from '../auth/auth-context';
import { QueueBoardSection } from '../admin/QueueBoardSection';
import { CasesSection } from '../home/CasesSection';
import { casesTitleKey, sectionsFor } from '../home/home-sections';
import { FilingLinkSection } from '../home/FilingLinkSection';
import { MyHearingsSection } from '../hearing/home/MyHearingsSection';
import { TodaysHearingsSection } from '../hearing/home/TodaysHearingsSection';
import { PendingSection } from '../home/PendingSection';
import { InboxSection } from '../inbox/InboxSection';
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
        {sections.map((section) => {
          switch (section.id) {
            case 'cases':
              return <CasesSection key={section.id} titleKey={casesTitleKey(user.roles)} />;
            case 'inbox':
              return <InboxSection key={section.id} />;
            case 'jobQueues':
              return <QueueBoardSection key={section.id} />;
            case 'todaysHearings':
              return <TodaysHearingsSection key={section.id} />;
            case 'myHearings':
              return <MyHearingsSection key={section.id} />;
            case 'myFilings':
            case 'filingQueue':
              return <FilingLinkSection key={section.id} id={section.id} />;
            default:
              return <PendingSection key={section.id} id={section.id} />;
          }
        })}
      </div>
    </div>
  );
}

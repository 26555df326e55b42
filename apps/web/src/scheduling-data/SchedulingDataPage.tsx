import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApiResource } from '../api/use-api-resource';
import { useAuth } from '../auth/auth-context';
import { useCourtTimeZone } from '../i18n/use-court-time';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import { DaysOffSection } from './DaysOffSection';
import { JudgesSection } from './JudgesSection';
import { PolicySection } from './PolicySection';
import { ResourceListSection } from './ResourceListSection';
import { schedulingDataApi } from './scheduling-data-api';
import { courtToday, daysOffOwners, mayMaintainSchedulingData } from './scheduling-data-view';
import { SessionsSection } from './SessionsSection';
import './scheduling-data.css';

const SECTIONS = ['sessions', 'judges', 'rooms', 'interpreters', 'supporters', 'days-off', 'policy'] as const;

/**
 * What the scheduler plans with, kept by the court without SQL: its sessions, judges' sitting
 * profiles, rooms, interpreters, supporters, days off and policy. Its clerks and administrators
 * change it; its judges read it (the server enforces both; the page offers no change it would refuse).
 */
export function SchedulingDataPage() {
  const { t } = useTranslation();
  const { courtId = '' } = useParams();
  const { state: auth } = useAuth();
  const canEdit = auth.status === 'signed-in' && mayMaintainSchedulingData(auth.user.roles);
  const zone = useCourtTimeZone();
  const today = useMemo(() => courtToday(zone), [zone]);
  useDocumentTitle(t('schedulingData.title'));

  // Whose days off can be recorded: loaded again whenever a list above changes.
  const loadOwners = useCallback(
    async (signal: AbortSignal) => {
      const [judges, rooms, interpreters, supporters] = await Promise.all([
        schedulingDataApi.judges(courtId, signal),
        schedulingDataApi.list(courtId, 'rooms', signal),
        schedulingDataApi.list(courtId, 'interpreters', signal),
        schedulingDataApi.list(courtId, 'supporters', signal),
      ]);
      return daysOffOwners({ judges, rooms, interpreters, supporters });
    },
    [courtId],
  );
  const owners = useApiResource(loadOwners);
  const changed = owners.reload;

  return (
    <div className="page-content scheduling-data">
      <h1>{t('schedulingData.title')}</h1>
      <p className="muted">{t(canEdit ? 'schedulingData.intro' : 'schedulingData.introReader')}</p>
      <p>
        <Link to={paths.schedule(courtId)}>{t('schedulingData.toSchedule')}</Link>
      </p>
      <nav aria-label={t('schedulingData.sectionsLabel')} className="sd-toc">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section}>
              <a href={`#sd-${section}`}>{t(`schedulingData.toc.${section}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <SessionsSection courtId={courtId} canEdit={canEdit} />
      <JudgesSection courtId={courtId} canEdit={canEdit} onChanged={changed} />
      <ResourceListSection courtId={courtId} kind="rooms" canEdit={canEdit} onChanged={changed} />
      <ResourceListSection courtId={courtId} kind="interpreters" canEdit={canEdit} onChanged={changed} />
      <ResourceListSection courtId={courtId} kind="supporters" canEdit={canEdit} onChanged={changed} />
      <DaysOffSection
        courtId={courtId}
        canEdit={canEdit}
        owners={owners.state.status === 'loaded' ? owners.state.data : []}
        today={today}
      />
      <PolicySection courtId={courtId} canEdit={canEdit} />
    </div>
  );
}

import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCourtTime } from '../../i18n/use-court-time';
import { paths } from '../../paths';
import type { MyHearingView as MyHearing } from '@ejustice/hearings/contract/hearing-contract';
import { listMyHearings } from '../hearing-api';
import { WhenAndWhatCells } from './CourtRoom';
import { HearingListPanel } from './HearingListPanel';

/**
 * "My hearings" for account holders who take part in hearings (counsel, prosecutors,
 * interpreters, supporters, parties): when, what, in which part, and a Join button.
 */
export function MyHearingsSection() {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => listMyHearings(api, signal), []);
  return (
    <HearingListPanel
      title={t('sections.myHearings.title')}
      load={load}
      messages="myHearings"
      table={(caption, hearings) => <MyHearingsTable caption={caption} hearings={hearings} />}
    />
  );
}

function MyHearingsTable({ caption, hearings }: { caption: string; hearings: MyHearing[] }) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('myHearings.columns.when')}</th>
          <th scope="col">{t('hearingsList.columns.hearing')}</th>
          <th scope="col">{t('hearingsList.columns.case')}</th>
          <th scope="col">{t('myHearings.columns.role')}</th>
          <th scope="col">{t('hearingsList.columns.status')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('hearingsList.columns.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {hearings.map((hearing) => (
          <tr key={hearing.id}>
            <WhenAndWhatCells hearing={hearing} when={courtTime.dateTime(hearing.scheduledStart, 'full')} />
            <td>
              <bdi className="case-number">{hearing.case.number}</bdi>
            </td>
            <td>{t(`hearingRoles.${hearing.hearingRole}`)}</td>
            <td>{t(`hearingStatuses.${hearing.status}`)}</td>
            <td>
              <Link className="button" to={paths.hearing(hearing.id)} aria-label={t('hearingsList.joinLabel', { title: hearing.title })}>
                {t('hearingsList.join')}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

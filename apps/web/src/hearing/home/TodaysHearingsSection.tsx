import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCourtTime } from '../../i18n/use-court-time';
import { paths } from '../../paths';
import type { TodayHearingView as TodayHearing } from '@ejustice/hearings/contract/hearing-contract';
import { listTodaysHearings } from '../hearing-api';
import { WhenAndWhatCells } from './CourtRoom';
import { HearingListPanel } from './HearingListPanel';

/**
 * "Today's hearings" on the home page of a judge (their own) or a clerk (the court's): when,
 * what, how many wait in the waiting room, and a Join button per hearing that is still to be
 * held. Closed hearings stay listed, without the button, so the day's record is complete.
 */
export function TodaysHearingsSection() {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => listTodaysHearings(api, signal), []);
  return (
    <HearingListPanel
      title={t('sections.todaysHearings.title')}
      load={load}
      messages="hearingsList"
      table={(caption, hearings) => <HearingsTable caption={caption} hearings={hearings} />}
    />
  );
}

export function HearingsTable({ caption, hearings }: { caption: string; hearings: TodayHearing[] }) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('hearingsList.columns.time')}</th>
          <th scope="col">{t('hearingsList.columns.hearing')}</th>
          <th scope="col">{t('hearingsList.columns.case')}</th>
          <th scope="col">{t('hearingsList.columns.status')}</th>
          <th scope="col">{t('hearingsList.columns.waiting')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('hearingsList.columns.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {hearings.map((hearing) => (
          <tr key={hearing.id}>
            <WhenAndWhatCells hearing={hearing} when={courtTime.time(hearing.scheduledStart)} />
            <td>
              <bdi className="case-number">{hearing.case.number}</bdi>
            </td>
            <td>
              {t(`hearingStatuses.${hearing.status}`)}
              {hearing.roomLocked && <div className="muted">{t('room.locked')}</div>}
            </td>
            <td>{hearing.waitingCount > 0 ? <strong>{t('hearingsList.waiting', { count: hearing.waitingCount })}</strong> : '—'}</td>
            <td>
              {hearing.status !== 'closed' && (
                <Link className="button" to={paths.hearing(hearing.id)} aria-label={t('hearingsList.joinLabel', { title: hearing.title })}>
                  {t('hearingsList.join')}
                </Link>
              )}{' '}
              {/* The bench and the court's clerks, who see this list, play the court's recordings. */}
              <Link to={paths.hearingRecordings(hearing.id)} aria-label={t('hearingsList.recordingsLabel', { title: hearing.title })}>
                {t('hearingsList.recordings')}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiResource } from '../../api/use-api-resource';
import { useCourtTime } from '../../i18n/use-court-time';
import { paths } from '../../paths';
import type { TodayHearingView as TodayHearing } from '@ejustice/hearings/contract/hearing-contract';
import { listTodaysHearings } from '../hearing-api';
import { ResourceStates } from '../../api/ResourceStates';

/**
 * "Today's hearings" on the home page of a judge (their own) or a clerk (the court's): when,
 * what, how many wait in the waiting room, and a Join button per hearing that is still to be
 * held. Closed hearings stay listed, without the button, so the day's record is complete.
 */
export function TodaysHearingsSection() {
  const { t } = useTranslation();
  const headingId = useId();
  const load = useCallback((signal: AbortSignal) => listTodaysHearings(api, signal), []);
  const { state, reload } = useApiResource(load);
  const title = t('sections.todaysHearings.title');

  return (
    <section className="panel" aria-labelledby={headingId} aria-busy={state.status === 'loading'}>
      <h2 id={headingId}>{title}</h2>
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(data) => data.length === 0}
        messages={{
          loading: t('hearingsList.loading'),
          loadFailed: t('hearingsList.loadFailed'),
          empty: t('hearingsList.empty'),
          emptyHint: t('hearingsList.emptyHint'),
        }}
      />
      {state.status === 'loaded' && state.data.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <HearingsTable caption={title} hearings={state.data} />
        </div>
      )}
    </section>
  );
}

function HearingsTable({ caption, hearings }: { caption: string; hearings: TodayHearing[] }) {
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
            <td>
              <time dateTime={hearing.scheduledStart}>{courtTime.time(hearing.scheduledStart)}</time>
            </td>
            <td>
              <bdi>{hearing.title}</bdi>
              <div className="muted">{t(`hearingTypes.${hearing.hearingType}`, { defaultValue: hearing.hearingType })}</div>
            </td>
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

import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HearingHeadView } from '@ejustice/hearings/contract/hearing-contract';
import { api } from '../../api/client';
import { useCourtTime } from '../../i18n/use-court-time';
import { paths } from '../../paths';
import { listCaseHearings } from '../hearing-api';
import { WhenAndWhatCells } from './CourtRoom';
import { HearingListPanel } from './HearingListPanel';

/**
 * On a case's page, for its court's clerks and judges: every hearing of the case, listed by the
 * timetable or by hand, past and to come, in the order they sit, each with the way to its page
 * (its participants, their links, the judge's orders).
 */
export function CaseHearingsSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => listCaseHearings(api, caseId, signal), [caseId]);
  return (
    <HearingListPanel
      title={t('caseHearings.title')}
      load={load}
      messages="caseHearings"
      table={(caption, hearings) => <CaseHearingsTable caption={caption} hearings={hearings} />}
    />
  );
}

export function CaseHearingsTable({ caption, hearings }: { caption: string; hearings: readonly HearingHeadView[] }) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('myHearings.columns.when')}</th>
          <th scope="col">{t('hearingsList.columns.hearing')}</th>
          <th scope="col">{t('hearingsList.columns.status')}</th>
        </tr>
      </thead>
      <tbody>
        {hearings.map((hearing) => (
          <tr key={hearing.id}>
            <WhenAndWhatCells
              hearing={hearing}
              when={courtTime.dateTime(hearing.scheduledStart, 'full')}
              title={
                <Link to={paths.hearing(hearing.id)}>
                  <bdi>{hearing.title}</bdi>
                </Link>
              }
            />
            <td>{t(`hearingStatuses.${hearing.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

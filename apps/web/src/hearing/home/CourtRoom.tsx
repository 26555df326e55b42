import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { HearingHeadView } from '@ejustice/hearings/contract/hearing-contract';

type CourtRoom = NonNullable<HearingHeadView['courtRoom']>;

/** A hearing's court room by its name (in its own direction), said to be virtual when it is. */
export function CourtRoomName({ room }: { room: CourtRoom }) {
  return room.virtual ? (
    <Trans i18nKey="hearingsList.virtualRoom" values={{ name: room.name }} components={{ name: <bdi /> }} />
  ) : (
    <bdi>{room.name}</bdi>
  );
}

/** Under a hearing's time in a list: where it sits, or nothing when no room is booked. */
export function CourtRoomLine({ room }: { room: HearingHeadView['courtRoom'] }) {
  const { t } = useTranslation();
  if (!room) return null;
  return (
    <div className="muted">
      <span className="visually-hidden">{t('hearingsList.courtRoom')}: </span>
      <CourtRoomName room={room} />
    </div>
  );
}

/**
 * The first two cells of a hearing's row in a list: when (`when`, on the court's clock) and the
 * court room, then the title (`title`, a link where the list leads to the hearing) and its type.
 */
export function WhenAndWhatCells({ hearing, when, title }: { hearing: HearingHeadView; when: string; title?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <td>
        <time dateTime={hearing.scheduledStart}>{when}</time>
        <CourtRoomLine room={hearing.courtRoom} />
      </td>
      <td>
        {title ?? <bdi>{hearing.title}</bdi>}
        <div className="muted">{t(`hearingTypes.${hearing.hearingType}`, { defaultValue: hearing.hearingType })}</div>
      </td>
    </>
  );
}

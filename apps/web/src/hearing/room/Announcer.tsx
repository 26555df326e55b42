import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Announcement } from '../state/room-state';

/**
 * The room's live regions: what changed, in a sentence, for everyone and above all for people
 * using a screen reader ("You have been admitted to the hearing"). Two regions, because urgent
 * news (muted by the court, connection lost) must interrupt and the rest must not.
 * Both regions stay mounted; only their text changes, which is what screen readers announce.
 */
export function Announcer({ announcement }: { announcement: Announcement | null }) {
  const { i18n } = useTranslation();
  const sentence = announcement ? announcementText(announcement, i18n) : '';
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement && !announcement.urgent ? <span key={announcement.seq}>{sentence}</span> : null}
      </div>
      <div className="visually-hidden" role="alert" aria-live="assertive" aria-atomic="true">
        {announcement?.urgent ? <span key={announcement.seq}>{sentence}</span> : null}
      </div>
    </>
  );
}

/** The sentence for an announcement; a refused action is explained by its error code. */
export function announcementText(announcement: Announcement, i18n: Pick<I18n, 't' | 'exists'>): string {
  if (announcement.key === 'refused') {
    const key = `room.errors.${announcement.values?.code ?? 'internal_error'}`;
    return i18n.exists(key) ? i18n.t(key) : i18n.t('room.errors.internal_error');
  }
  return i18n.t(`room.announce.${announcement.key}`, { ...announcement.values });
}

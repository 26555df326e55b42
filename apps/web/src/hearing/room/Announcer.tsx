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

/**
 * Refusals whose reason only the server can give: the rule that applied to these people (counsel
 * may consult only their own client...). Its sentence follows the translated one.
 */
const SERVER_SENTENCE_CODES: ReadonlySet<string> = new Set(['consultation.forbidden']);

type Translator = Pick<I18n, 't' | 'exists'>;

/** The sentence for a refused request: its code translated, and the server's reason where it matters. */
export function refusalText(code: string, serverMessage: string | undefined, i18n: Translator): string {
  const key = `room.errors.${code}`;
  const sentence = i18n.exists(key) ? i18n.t(key) : i18n.t('room.errors.internal_error');
  return SERVER_SENTENCE_CODES.has(code) && serverMessage ? `${sentence} ${serverMessage}` : sentence;
}

/**
 * The sentence for an announcement; a refused action is explained by its error code. A request
 * for a break names its participant as the list does (`role`, and `name` when there is one).
 */
export function announcementText(announcement: Announcement, i18n: Translator): string {
  const values = announcement.values ?? {};
  if (announcement.key === 'refused') return refusalText(values.code ?? 'internal_error', values.message, i18n);
  if (announcement.key === 'breakRequested') {
    return i18n.t(`room.announce.${announcement.key}`, { ...values, who: participantWords(values.role, values.name, i18n) });
  }
  return i18n.t(`room.announce.${announcement.key}`, { ...values });
}

/** "Amina Benali (Witness)", "Witness", or "A participant" when the list did not name them. */
function participantWords(role: string | undefined, name: string | undefined, i18n: Translator): string {
  if (!role) return i18n.t('room.tile.someone');
  const roleText = i18n.t(`hearingRoles.${role}`, { defaultValue: role });
  return name ? i18n.t('room.nameWithRole', { name, role: roleText }) : roleText;
}

import { useTranslation } from 'react-i18next';
import type { ParticipantView } from '../state/room-state';

/**
 * How a participant is named on screen: the name the server allows this viewer (real name or
 * pseudonym), else their role alone ("Judge"). The name is data, so it is wrapped in <bdi>: a
 * Latin name in an Arabic sentence (or the reverse) must not drag punctuation around.
 */
export function ParticipantName({ view }: { view: ParticipantView }) {
  const { t } = useTranslation();
  const role = t(`hearingRoles.${view.role}`, { defaultValue: view.role });
  if (view.displayName === null) return <span className="person__name">{role}</span>;
  return (
    <>
      <bdi className="person__name">{view.displayName}</bdi>
      <span className="person__meta">{role}</span>
    </>
  );
}

/** The same as plain text, for labels and dialog sentences. */
export function useParticipantText(): (view: ParticipantView) => string {
  const { t } = useTranslation();
  return (view) => {
    const role = t(`hearingRoles.${view.role}`, { defaultValue: view.role });
    return view.displayName === null ? role : t('room.nameWithRole', { name: view.displayName, role });
  };
}

import type { ParticipantView } from '@ejustice/hearings/signalling/signalling-messages';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ParticipantName, useParticipantText } from '../room/participant-label';
import { ParticipantLinks } from './ParticipantLinks';

/**
 * For the court's judges and clerks on a hearing's page: every participant who could hold a link
 * (not the bench, who join signed in), each with their links behind a "Links" disclosure, loaded
 * when opened so a long list of participants costs nothing until the clerk looks.
 */
export function ParticipantLinksSection({ hearingId, participants }: { hearingId: string; participants: readonly ParticipantView[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const nameOf = useParticipantText();
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const people = participants.filter((p) => p.role !== 'judge' && p.role !== 'clerk');
  return (
    <section aria-labelledby={headingId} className="panel participant-links-section">
      <h2 id={headingId}>{t('participantLinks.title')}</h2>
      <p className="muted">{t('participantLinks.intro')}</p>
      {people.length === 0 ? (
        <p className="muted">{t('participantLinks.noParticipants')}</p>
      ) : (
        <ul className="people">
          {people.map((participant) => (
            <li key={participant.id} className="person">
              <p className="person__head">
                <ParticipantName view={participant} />
              </p>
              <details
                onToggle={(event) => {
                  if (!event.currentTarget.open) return;
                  setOpened((current) => (current.has(participant.id) ? current : new Set(current).add(participant.id)));
                }}
              >
                <summary>{t('participantLinks.showLinks')}</summary>
                {opened.has(participant.id) && (
                  <ParticipantLinks hearingId={hearingId} participantId={participant.id} participantName={nameOf(participant)} />
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import type { ParticipantView } from '@ejustice/hearings/signalling/signalling-messages';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WithdrawSeat } from '../participants/WithdrawSeat';
import { ParticipantName, useParticipantText } from '../room/participant-label';
import { ParticipantLinks } from './ParticipantLinks';

interface ParticipantLinksSectionProps {
  hearingId: string;
  participants: readonly ParticipantView[];
  /**
   * Given while seats can still be withdrawn (the hearing not closed): each person who has not
   * joined yet gets Withdraw seat, and the page is told of each seat gone.
   */
  onRemoved?: (participantId: string) => void;
}

/**
 * For the court's judges and clerks on a hearing's page: every participant who could hold a link
 * (not the bench, who join signed in), each with their links behind a "Links" disclosure, loaded
 * when opened so a long list of participants costs nothing until the clerk looks, and Withdraw
 * seat for someone seated by mistake who has not joined yet.
 */
export function ParticipantLinksSection({ hearingId, participants, onRemoved }: ParticipantLinksSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
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
            <ParticipantLine
              key={participant.id}
              hearingId={hearingId}
              participant={participant}
              opened={opened.has(participant.id)}
              onOpen={() => setOpened((current) => (current.has(participant.id) ? current : new Set(current).add(participant.id)))}
              onRemoved={onRemoved}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

interface ParticipantLineProps {
  hearingId: string;
  participant: ParticipantView;
  /** Their links were opened once: they stay loaded when the disclosure closes. */
  opened: boolean;
  onOpen: () => void;
  onRemoved?: (participantId: string) => void;
}

function ParticipantLine({ hearingId, participant, opened, onOpen, onRemoved }: ParticipantLineProps) {
  const { t } = useTranslation();
  const name = useParticipantText()(participant);
  const removed = participant.state === 'removed';
  return (
    <li className="person">
      <p className="person__head">
        <ParticipantName view={participant} />
        {removed && <span className="tag tag--quiet">{t('participantLinks.removed')}</span>}
      </p>
      {onRemoved && <WithdrawSeat hearingId={hearingId} participant={participant} name={name} onRemoved={onRemoved} />}
      {/* Someone removed cannot join again: their links' story stays to read, and none is issued. */}
      <details
        onToggle={(event) => {
          if (event.currentTarget.open) onOpen();
        }}
      >
        <summary>{t('participantLinks.showLinks')}</summary>
        {opened && <ParticipantLinks hearingId={hearingId} participantId={participant.id} participantName={name} mayIssue={!removed} />}
      </details>
    </li>
  );
}

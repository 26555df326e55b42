import type { HearingParticipantLine } from '@ejustice/hearings/contract/hearing-contract';
import { useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api, type ApiClient } from '../../api/client';
import { FocusedOutcome } from '../../layout/DisclosedForm';
import { ConfirmButton } from '../room/ConfirmButton';
import { type WithdrawSeatOutcome, seatGone, withdrawSeat, withdrawSeatError } from './withdraw-seat';

interface WithdrawSeatProps {
  hearingId: string;
  participant: Pick<HearingParticipantLine, 'id' | 'state'>;
  /** How the person is named on screen, for the question and the outcome. */
  name: string;
  /** Told when the seat is gone, so the page shows the person removed everywhere at once. */
  onRemoved: (participantId: string) => void;
  /** For tests: the api it posts to, and an outcome already reached. */
  client?: Pick<ApiClient, 'post'>;
  initialOutcome?: WithdrawSeatOutcome | null;
}

/**
 * On a participant's line of a hearing's page: Withdraw seat, for someone seated by mistake who
 * has not joined yet. It asks first (their links stop working, and a removal is final for the
 * hearing), then says what came of it. Someone who has joined is removed in the hearing room.
 */
export function WithdrawSeat({ hearingId, participant, name, onRemoved, client = api, initialOutcome = null }: WithdrawSeatProps) {
  const { t } = useTranslation();
  const placeRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState(initialOutcome);
  const invited = participant.state === 'invited';
  const joined = participant.state !== undefined && !invited && participant.state !== 'removed';

  const withdraw = async () => {
    setBusy(true);
    setOutcome(null);
    const result = await withdrawSeat(client, hearingId, participant.id);
    setBusy(false);
    setOutcome(result);
    if (seatGone(result)) onRemoved(participant.id);
  };

  // Dismissing removes the alert that has the focus: it comes back to this line, not the page's start.
  const dismiss = () => {
    setOutcome(null);
    placeRef.current?.focus();
  };

  if (!invited && !joined && outcome === null) return null;
  return (
    <div ref={placeRef} tabIndex={-1} className="withdraw-seat" aria-busy={busy}>
      {outcome && <WithdrawSeatOutcomeNotice outcome={outcome} name={name} onDismiss={dismiss} />}
      {joined && <p className="muted">{t('withdrawSeat.joined')}</p>}
      {invited && (
        <div className="person__actions">
          <ConfirmButton
            label={t('withdrawSeat.button')}
            ariaLabel={t('withdrawSeat.label', { name })}
            question={t('withdrawSeat.question', { name })}
            confirmLabel={t('withdrawSeat.confirm')}
            className="button button--secondary"
            disabled={busy}
            onConfirm={() => void withdraw()}
          />
        </div>
      )}
    </div>
  );
}

/**
 * The seat withdrawn, with how many links stopped working (and, if they had been told to come, that
 * the court should tell them they need not), or the refusal and a way on; it takes the focus.
 */
function WithdrawSeatOutcomeNotice({ outcome, name, onDismiss }: { outcome: WithdrawSeatOutcome; name: string; onDismiss: () => void }) {
  const { t, i18n } = useTranslation();
  if (outcome.kind === 'failed') {
    return (
      <FocusedOutcome outcome={outcome} failed>
        <p>
          {t('withdrawSeat.failed')} {withdrawSeatError(outcome.error, i18n)}
        </p>
        <button type="button" className="button button--secondary" onClick={onDismiss}>
          {t('withdrawSeat.dismiss')}
        </button>
      </FocusedOutcome>
    );
  }
  const count = outcome.seat.linksRevoked;
  return (
    <FocusedOutcome outcome={outcome} failed={false}>
      <p>
        <Trans
          i18nKey={count === 0 ? 'withdrawSeat.doneNoLink' : 'withdrawSeat.done'}
          count={count}
          values={{ name }}
          components={{ name: <bdi /> }}
        />
      </p>
      {outcome.seat.summonsDelivered && <p>{t('withdrawSeat.toldToCome')}</p>}
    </FocusedOutcome>
  );
}

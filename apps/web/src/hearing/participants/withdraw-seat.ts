import type { WithdrawnSeatView } from '@ejustice/hearings/contract/hearing-contract';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import type { i18n as I18n } from 'i18next';
import type { ApiClient } from '../../api/client';
import { type Failed, outcomeOf } from '../../api/outcome';
import { isApiError } from '../../api/problem';
import { errorMessage } from '../../i18n/error-message';

/*
 * Withdrawing a seat given by mistake, from a hearing's page, without React: the call to
 * POST /api/hearings/:id/participants/:participantId/withdraw, what its answer means for the
 * page's list of participants, and a refusal in words a clerk can act on. Only someone who has not
 * joined yet can be withdrawn this way; the server decides, the page only offers it to them.
 */

export type WithdrawSeatOutcome = { readonly kind: 'withdrawn'; readonly seat: WithdrawnSeatView } | Failed;

/** Withdraws the seat; never throws, so the line has one outcome to show. */
export async function withdrawSeat(
  client: Pick<ApiClient, 'post'>,
  hearingId: string,
  participantId: string,
): Promise<WithdrawSeatOutcome> {
  return outcomeOf(
    client.post<WithdrawnSeatView>(
      `/api/hearings/${encodeURIComponent(hearingId)}/participants/${encodeURIComponent(participantId)}/withdraw`,
      undefined,
    ),
    (seat) => ({ kind: 'withdrawn', seat }) as const,
  );
}

/**
 * Whether the seat is gone after this outcome: withdrawn now, or refused because it already was
 * (withdrawn in another tab, or the person removed in the room), which tells the page as much.
 */
export function seatGone(outcome: WithdrawSeatOutcome): boolean {
  if (outcome.kind === 'withdrawn') return true;
  return isApiError(outcome.error) && outcome.error.code === 'hearing.participant_already_removed';
}

/** The participants as the page has them, with those whose seat went since it loaded marked removed. */
export function withRemoved<T extends { readonly id: string; readonly state?: ParticipantState }>(
  participants: readonly T[],
  removed: ReadonlySet<string>,
): T[] {
  return participants.map((p) => (removed.has(p.id) && p.state !== 'removed' ? { ...p, state: 'removed' } : p));
}

/**
 * A refusal in words a clerk can act on. The generic sentences for these two codes speak to a
 * participant ("you are not taking part in it"); here the reader is the court.
 */
export function withdrawSeatError(error: unknown, i18n: Pick<I18n, 't' | 'exists'>): string {
  if (isApiError(error)) {
    if (error.code === 'auth.forbidden') return i18n.t('withdrawSeat.errors.forbidden');
    if (error.code === 'hearing.not_found') return i18n.t('participantLinks.errors.hearingGone');
  }
  return errorMessage(error, i18n);
}

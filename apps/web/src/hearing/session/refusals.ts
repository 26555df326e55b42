/**
 * Handshake refusals that no retry can fix: the session ends and the page says why. Any other
 * refusal (a ticket that expired on the way, a media node busy for a moment, a code this page
 * does not know yet) is tried again with a fresh ticket, a few times.
 */
const FINAL_REFUSALS: ReadonlySet<string> = new Set([
  'auth.ticket_invalid',
  'auth.ticket_wrong_node',
  'hearing.ticket_for_other_hearing',
  'hearing_link.revoked',
  'hearing.not_found',
  'hearing.closed',
  'hearing.participant_removed',
  'hearing.room_locked',
  // Leave to attend, an account and its roles change only by someone's decision, not with time.
  'hearing.attendance_not_allowed',
  'auth.account_disabled',
  'auth.role_withdrawn',
]);

/** What the hearing page does when the media node refuses its connection with `code`. */
export function refusalOutcome(code: string): 'retry' | 'removed' | 'refused' {
  if (code === 'hearing.participant_removed') return 'removed';
  return FINAL_REFUSALS.has(code) ? 'refused' : 'retry';
}

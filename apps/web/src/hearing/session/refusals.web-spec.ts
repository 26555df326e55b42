import { refusalOutcome } from './refusals';

/** The handshake section of the signalling catalogue (libs/hearings/src/signalling/signalling-messages.ts). */
const FINAL = [
  'auth.ticket_invalid',
  'auth.ticket_wrong_node',
  'hearing.ticket_for_other_hearing',
  'hearing_link.revoked',
  'hearing.not_found',
  'hearing.closed',
  'hearing.room_locked',
  'hearing.attendance_not_allowed',
  'auth.account_disabled',
  'auth.role_withdrawn',
];

describe('refusalOutcome: what the hearing page does when the media node refuses its connection', () => {
  it.each(FINAL)('%s ends the session at once: no fresh ticket can change the answer', (code) => {
    expect(refusalOutcome(code)).toBe('refused');
  });

  it('a removed participant is told they were removed', () => {
    expect(refusalOutcome('hearing.participant_removed')).toBe('removed');
  });

  it.each(['auth.ticket_missing', 'auth.ticket_expired', 'media.unavailable', 'internal_error', 'signalling.join_timeout'])(
    '%s is tried again with a fresh ticket: it may pass a moment later',
    (code) => {
      expect(refusalOutcome(code)).toBe('retry');
    },
  );

  it('a code this page does not know yet is tried again, a few times, rather than given up at once', () => {
    expect(refusalOutcome('hearing.something_new')).toBe('retry');
  });
});

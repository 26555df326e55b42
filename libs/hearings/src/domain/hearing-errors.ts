import { DomainError } from '@ejustice/platform';
import { roomErrorMessage } from '../room/room-errors';

export const HearingErrors = {
  notFound: () => new DomainError('not_found', 'hearing.not_found', 'There is no hearing with this id that you can see.'),
  participantNotFound: () => new DomainError('not_found', 'hearing.participant_not_found', 'There is no such participant in this hearing.'),
  participantRemoved: () =>
    new DomainError(
      'forbidden',
      'hearing.participant_removed',
      'You were removed from this hearing. Contact the court if you think this is a mistake.',
    ),
  judgeDoubleBooked: () =>
    new DomainError('conflict', 'hearing.judge_double_booked', 'The presiding judge already sits in another hearing at that time.'),
  roomDoubleBooked: () =>
    new DomainError(
      'conflict',
      'hearing.room_double_booked',
      'Another hearing is booked into this room at that time. Choose another room or another time.',
    ),
  unknownRoom: () => new DomainError('invalid', 'hearing.unknown_room', 'There is no such room in this court.'),
  notAJudge: () => new DomainError('invalid', 'hearing.presiding_not_judge', 'The presiding judge must be a judge of this court.'),
  courtHelperSeat: (field: string) =>
    new DomainError(
      'invalid',
      'hearing.court_helper_seat',
      'An interpreter of the court takes an interpreter’s seat, and a supporter of the court a supporter’s seat. Choose the matching hearing role.',
      { fields: [{ field, message: 'does not match hearingRole' }] },
    ),
  courtHelperUnknown: (field: string) =>
    new DomainError(
      'invalid',
      'hearing.court_helper_unknown',
      'There is no such interpreter or supporter in the court holding this hearing. Choose one of its own.',
      { fields: [{ field, message: 'not one of this court’s' }] },
    ),
  courtHelperDoubleBooked: (field: string) =>
    new DomainError(
      'conflict',
      'hearing.court_helper_double_booked',
      'This interpreter or supporter already sits in another hearing at that time. Choose another of the court’s, or list the hearing at another time.',
      { fields: [{ field, message: 'sits in another hearing at that time' }] },
    ),
  interpreterLanguage: (languages: readonly string[]) =>
    new DomainError(
      'invalid',
      'hearing.interpreter_language',
      `Name the language this interpreter interprets in the hearing: one of ${languages.join(', ')}.`,
      { fields: [{ field: 'language', message: `one of ${languages.join(', ')}` }], details: { languages } },
    ),
  partyNotInCase: () => new DomainError('invalid', 'hearing.party_not_in_case', 'This party belongs to another case.'),
  alreadyParticipant: () =>
    new DomainError('conflict', 'hearing.already_participant', 'This person is already a participant in the hearing.'),
  unknownUser: () => new DomainError('invalid', 'hearing.unknown_user', 'There is no account with this id.'),
  invalidTimes: () => new DomainError('invalid', 'hearing.invalid_times', 'A hearing must end after it starts.'),
  benchNeedsAccount: (role: string) =>
    new DomainError(
      'invalid',
      'hearing.bench_needs_account',
      `A ${role} sits on the bench with their own account of the court: give the account (userId).`,
      { fields: [{ field: 'userId', message: 'required for the bench' }] },
    ),
  accountNotInCourt: () =>
    new DomainError(
      'conflict',
      'hearing.account_not_in_court',
      'This account belongs to another court. Only accounts of the court holding the hearing can be added to it.',
      { fields: [{ field: 'userId', message: 'an account of another court' }] },
    ),
  roleNotHeld: (hearingRole: string, accountRole: string) =>
    new DomainError(
      'conflict',
      'hearing.role_not_held',
      `This account does not hold the ${accountRole} role, so it cannot take part as ${hearingRole.replace(/_/g, ' ')}. Choose the role the person really has in this hearing.`,
      { fields: [{ field: 'hearingRole', message: `needs an account with the ${accountRole} role` }], details: { accountRole } },
    ),
  attendanceNotAllowed: () =>
    new DomainError(
      'forbidden',
      'hearing.attendance_not_allowed',
      'This hearing is not public: you may attend it only with the leave of the presiding judge, and none is recorded for you. Contact the court.',
    ),
  /** A bench seat (judge, clerk) whose account no longer holds that role: the seat went with it. */
  seatRoleWithdrawn: () => new DomainError('forbidden', 'auth.role_withdrawn', roomErrorMessage('auth.role_withdrawn')),
  closed: () => new DomainError('gone', 'hearing.closed', 'This hearing is closed.'),
  participantJoined: () =>
    new DomainError(
      'conflict',
      'hearing.participant_joined',
      'This person has already been in the hearing room, so their seat is not withdrawn here: the judge or clerk removes them in the hearing room.',
    ),
  judgeSeatKept: () =>
    new DomainError('conflict', 'hearing.judge_seat_kept', 'A judge’s seat is not withdrawn: nobody removes a judge from a hearing.'),
  participantAlreadyRemoved: () =>
    new DomainError(
      'conflict',
      'hearing.participant_already_removed',
      'This seat was withdrawn already, or its holder was removed from the hearing.',
    ),
  linkNotFound: () =>
    new DomainError(
      'not_found',
      'hearing_link.not_found',
      'This hearing link is not valid. Check that you opened the whole link, or ask the court for a new one.',
    ),
  linkUsed: () =>
    new DomainError(
      'gone',
      'hearing_link.used',
      'This hearing link has already been used. Each link works once; ask the court for a new one.',
    ),
  linkExpired: () => new DomainError('gone', 'hearing_link.expired', 'This hearing link has expired. Ask the court for a new one.'),
  linkNotForAccount: () =>
    new DomainError(
      'conflict',
      'hearing_link.not_for_account',
      'Links are for people without an account. The bench, counsel and other account holders join through their own signed-in session.',
    ),
  linkRevoked: () =>
    new DomainError('gone', 'hearing_link.revoked', 'This hearing link was withdrawn by the court. Ask the court for a new one.'),
};

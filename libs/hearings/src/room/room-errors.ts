import { DomainError, type ErrorKind } from '@ejustice/platform';
import type { SignallingErrorCode } from '../signalling/signalling-messages';

/** A refused signalling request or handshake: a catalogue code and a sentence the person can act on. */
export class RoomError extends DomainError {
  declare readonly code: SignallingErrorCode;

  constructor(kind: ErrorKind, code: SignallingErrorCode, message: string) {
    super(kind, code, message);
    this.name = 'RoomError';
  }
}

const MESSAGES: { readonly [C in SignallingErrorCode]: readonly [ErrorKind, string] } = {
  'auth.ticket_missing': ['unauthenticated', 'Joining a hearing needs a join ticket. Open the hearing again from the platform.'],
  'auth.ticket_invalid': ['unauthenticated', 'This join ticket is not valid. Open the hearing again from the platform.'],
  'auth.ticket_expired': ['unauthenticated', 'This join ticket has expired. Open the hearing again from the platform.'],
  'auth.ticket_wrong_node': ['unauthenticated', 'This join ticket is for another media server. Open the hearing again from the platform.'],
  'hearing.ticket_for_other_hearing': ['forbidden', 'This join ticket is for another hearing.'],
  'hearing_link.revoked': ['gone', 'The court withdrew the link you joined with. Ask the court for a new one.'],
  'hearing.not_found': ['not_found', 'There is no hearing with this id that you can join.'],
  'hearing.closed': ['gone', 'This hearing is closed.'],
  'hearing.participant_removed': ['forbidden', 'You were removed from this hearing. Contact the court if you think this is a mistake.'],
  'hearing.room_locked': ['conflict', 'The judge has locked the hearing room. Contact the court if you are expected.'],
  'hearing.attendance_not_allowed': [
    'forbidden',
    'This hearing is not public: you may attend it only with the leave of the presiding judge, and none is recorded for you. Contact the court.',
  ],
  'auth.account_disabled': [
    'unauthenticated',
    "Your account was disabled, so you can no longer take part in this hearing. Contact the court's administrator.",
  ],
  'auth.role_withdrawn': [
    'forbidden',
    'Your account no longer holds the role you take in this hearing, so you can no longer sit in it. Contact the court if you think this is a mistake.',
  ],
  'signalling.invalid_request': ['invalid', 'The request is malformed.'],
  'signalling.unknown_method': ['invalid', 'There is no such request.'],
  'signalling.not_joined': ['conflict', 'Join the hearing first.'],
  'signalling.already_joined': ['conflict', 'You have already joined this hearing on this connection.'],
  'signalling.join_timeout': ['conflict', 'The connection did not join the hearing in time and was closed. Try again.'],
  'signalling.session_replaced': ['conflict', 'You joined this hearing from another window or device, so this one was disconnected.'],
  'signalling.left': ['conflict', 'You left the hearing.'],
  'signalling.rate_limited': ['rate_limited', 'Too many requests from this connection at once. Wait a moment, then try again.'],
  'signalling.limit_reached': ['too_large', 'This connection already holds as much as one participant may: close something first.'],
  'room.forbidden': ['forbidden', 'Your role in this hearing does not allow this.'],
  'room.not_allowed_now': ['conflict', 'This cannot be done in the present state of the hearing.'],
  'room.participant_not_found': ['not_found', 'There is no such participant in this hearing.'],
  'room.not_inside': ['conflict', 'You can do this only once you are inside the hearing.'],
  'room.hearing_adjourned': ['gone', 'The judge adjourned the hearing. The court will tell you when it continues.'],
  'room.hearing_closed': ['gone', 'The judge closed the hearing.'],
  'room.removed': ['forbidden', 'The judge removed you from this hearing.'],
  'consultation.not_found': ['not_found', 'There is no such private consultation.'],
  'consultation.forbidden': ['forbidden', 'You cannot do this in that private consultation.'],
  'consultation.member_not_available': [
    'conflict',
    'Someone you chose is not in the courtroom now, so cannot join a private consultation.',
  ],
  'interpretation.unknown_channel': [
    'not_found',
    'This hearing has no interpretation into that language. Choose the floor or one of the languages offered.',
  ],
  'interpretation.not_interpreter': [
    'forbidden',
    'Only an interpreter assigned to this hearing can switch between the floor and a channel.',
  ],
  'recording.not_allowed_now': ['conflict', 'The recording cannot be changed so now: it is not running, or it is already in that state.'],
  'recording.unavailable': [
    'unavailable',
    'The court recording could not be started on the media server. Try again; if it fails again, tell the court IT team.',
  ],
  'media.transport_not_found': ['not_found', 'There is no such media connection. Reconnect your media.'],
  'media.producer_not_found': ['not_found', 'There is no such microphone, camera or screen share of yours.'],
  'media.consumer_not_found': ['not_found', 'There is no such incoming stream.'],
  'media.produce_forbidden': ['forbidden', 'You may not send this kind of media in this hearing now.'],
  'media.already_producing': ['conflict', 'You are already sending this. Stop it before starting it again.'],
  'media.unmute_forbidden': ['forbidden', 'The judge muted you. You can unmute when the judge asks you to.'],
  'media.camera_held': ['forbidden', 'The judge stopped your camera. You can turn it on again when the judge allows it.'],
  'media.cannot_consume': ['invalid', 'Your browser cannot receive this stream.'],
  'media.unavailable': ['unavailable', 'The media server is not available. Try again in a moment.'],
  internal_error: ['unavailable', 'Something went wrong on the media server. Try again; if it happens again, tell the court.'],
};

export function roomError(code: SignallingErrorCode, message?: string): RoomError {
  const [kind, sentence] = MESSAGES[code];
  return new RoomError(kind, code, message ?? sentence);
}

export function roomErrorMessage(code: SignallingErrorCode): string {
  return MESSAGES[code][1];
}

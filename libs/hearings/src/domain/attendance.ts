import type { Confidentiality } from '@ejustice/vocabulary/case-type';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';

/*
 * Who may attend a hearing, and who may sit on its bench: pure rules on plain facts, asked when a
 * participant is added (AddHearingParticipant) or withdrawn (WithdrawHearingParticipant), and whenever someone connects (the join ticket,
 * and the media node's handshake and its re-checks on access notices).
 */

/**
 * Who attends a hearing of confidential or sealed matter by right: the bench, the prosecution and
 * counsel, and those the court calls to give evidence or to interpret. A defendant or a victim
 * attends by right as a party of the case, that is when linked to a party of the case record.
 * Everyone else (the public gallery and the press, a supporter, someone listed under a party's
 * role but linked to no party) attends only with the presiding judge's leave, recorded as an
 * order. A hearing of a public case is open to all its participants.
 */
export const ATTENDING_BY_RIGHT: readonly HearingRole[] = [
  'judge',
  'clerk',
  'prosecutor',
  'defence_counsel',
  'victim_counsel',
  'witness',
  'interpreter',
];

const PARTY_ROLES: readonly HearingRole[] = ['defendant', 'victim'];

export interface AttendanceFacts {
  readonly role: HearingRole;
  /** The party of the case the participant is listed as, if any. */
  readonly partyId: string | null;
  readonly confidentiality: Confidentiality;
}

export interface AttendanceLeave {
  /** An attendance order in force names the participant. */
  readonly attendanceOrder: boolean;
  /** A supporter order in force seats the participant beside a witness. */
  readonly supporterOrder: boolean;
}

/** Whether this participant needs the presiding judge's leave to attend the hearing. */
export function needsLeaveToAttend(facts: AttendanceFacts): boolean {
  if (facts.confidentiality === 'public') return false;
  if (ATTENDING_BY_RIGHT.includes(facts.role)) return false;
  return !(PARTY_ROLES.includes(facts.role) && facts.partyId !== null);
}

/**
 * Whether this participant may attend now. Leave is an attendance order naming them; for a
 * supporter, the supporter order that seats them beside a witness is that leave too (the judge
 * decided they sit there), and it ends with that order.
 */
export function mayAttend(facts: AttendanceFacts, leave: AttendanceLeave): boolean {
  if (!needsLeaveToAttend(facts)) return true;
  return leave.attendanceOrder || (facts.role === 'supporter' && leave.supporterOrder);
}

/**
 * The account roles a hearing role needs, when the participant has an account: the bench's
 * powers (running the room, every protected name) and the professions' standing come from the
 * account, not from what a form says. Roles not listed take any account (a witness, a party,
 * a supporter or an observer may hold any account, or none).
 */
export const ACCOUNT_ROLE_FOR: Partial<Readonly<Record<HearingRole, string>>> = {
  judge: 'judge',
  clerk: 'clerk',
  prosecutor: 'prosecutor',
  defence_counsel: 'counsel',
  victim_counsel: 'counsel',
};

/** Hearing roles only an account of the court may take: they carry the bench's powers, so no one-time link may. */
export const ACCOUNT_ONLY_ROLES: readonly HearingRole[] = ['judge', 'clerk'];

export type SeatRefusal = 'bench_needs_account' | 'account_not_in_court' | 'role_not_held';

/**
 * Whether an account (or none) may take `role` in a hearing of `courtId`: the bench needs an
 * account; an account must be of the hearing's court and hold the account role the hearing role
 * needs. Null when it may.
 */
export function refuseSeat(
  role: HearingRole,
  account: { readonly courtId: string; readonly roles: readonly string[] } | null,
  courtId: string,
): SeatRefusal | null {
  if (account === null) return ACCOUNT_ONLY_ROLES.includes(role) ? 'bench_needs_account' : null;
  if (account.courtId !== courtId) return 'account_not_in_court';
  const needed = ACCOUNT_ROLE_FOR[role];
  return needed === undefined || account.roles.includes(needed) ? null : 'role_not_held';
}

export type WithdrawalRefusal = 'judge_seat' | 'joined' | 'already_removed';

/**
 * Whether the court may withdraw a seat from outside the hearing room (a person seated by
 * mistake): only one nobody has taken up yet. Someone who has been in the room (waiting, inside,
 * or dropped) is removed by the bench in the room, where their connection is; and, as in the room,
 * nobody removes a judge. Null when it may.
 */
export function refuseWithdrawal(seat: { readonly role: HearingRole; readonly state: ParticipantState }): WithdrawalRefusal | null {
  if (seat.role === 'judge') return 'judge_seat';
  if (seat.state === 'removed') return 'already_removed';
  return seat.state === 'invited' ? null : 'joined';
}

/**
 * The seat a user not listed in a hearing takes on joining it, if any: its presiding judge sits
 * as judge; a clerk of the court joins as clerk to run the room (court staff serve every hearing
 * of their court). Any other judge of the court is not on this hearing's bench until added.
 */
export function benchSeatOf(
  user: { readonly userId: string; readonly courtId: string; readonly roles: readonly string[] },
  hearing: { readonly courtId: string; readonly presidingJudgeId: string | null },
): 'judge' | 'clerk' | null {
  if (user.courtId !== hearing.courtId) return null;
  if (hearing.presidingJudgeId === user.userId && user.roles.includes('judge')) return 'judge';
  return user.roles.includes('clerk') ? 'clerk' : null;
}

/** One of the court's interpreters or supporters, as the seat names them (court_interpreters, court_supporters). */
export interface CourtHelper {
  readonly kind: 'interpreter' | 'supporter';
  readonly courtId: string;
  /** An interpreter's languages. */
  readonly languages?: readonly string[];
}

export type CourtHelperRefusal = 'seat' | 'unknown' | 'language';

/**
 * Whether one of the court's interpreters or supporters may fill a seat: an interpreter's seat
 * takes an interpreter, a supporter's a supporter (intermediaries too), of the hearing's court
 * (`helper` null: none of that id); an interpreter in a language they interpret, named when they
 * interpret more than one. The seat's language (their channel) when it may.
 */
export function seatCourtHelper(
  role: HearingRole,
  helper: CourtHelper | null,
  courtId: string,
  language: string | null,
): { readonly refusal: CourtHelperRefusal } | { readonly language: string | null } {
  if (helper === null || helper.courtId !== courtId) return { refusal: 'unknown' };
  if (helper.kind !== role) return { refusal: 'seat' };
  if (helper.kind === 'supporter') return { language };
  const languages = helper.languages ?? [];
  if (language === null) return languages.length === 1 ? { language: languages[0] } : { refusal: 'language' };
  return languages.includes(language) ? { language } : { refusal: 'language' };
}

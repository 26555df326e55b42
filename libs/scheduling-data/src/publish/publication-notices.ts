import { NEUTRAL_EMAIL_SUBJECT, neutralEmailText } from '@ejustice/platform';
import type { HearingRole } from '@ejustice/vocabulary';

/*
 * What a publication tells people, as pure decisions: the e-mail an account holder is sent, and
 * which seats the clerk must summon by hand. PublishScheduleRun writes both in its transaction.
 */

/** What became of a hearing for the people in it. */
export type NoticeReason = 'listed' | 'moved' | 'adjourned';

/** One hearing of a person's e-mail, with what decides whether a mailbox may be told of it. */
export interface MailLine {
  readonly what: NoticeReason;
  /** The hearing type in words ("Trial (part 1 of 2)"), never a name. */
  readonly hearing: string;
  readonly caseNumber: string;
  /** Day and times in the court's time zone (`YYYY-MM-DD`, `HH:MM`); absent for an adjournment. */
  readonly date?: string;
  readonly start?: string;
  readonly end?: string;
  /**
   * The case is confidential or sealed, or has protected people (a protected party, an anonymity
   * order): a mailbox is told nothing of it, not even its number or the day.
   */
  readonly discreet: boolean;
}

export const PUBLICATION_EMAIL_SUBJECT = 'The court has published its hearing timetable';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function day(date: string): string {
  return `${WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]} ${date}`;
}

function sentence(line: MailLine, timeZone: string): string {
  const name = `${line.hearing}, case ${line.caseNumber}`;
  const when = line.date ? `${day(line.date)}, ${line.start}–${line.end} (court time, ${timeZone})` : '';
  switch (line.what) {
    case 'listed':
      return `${name}: listed for ${when}.`;
    case 'moved':
      return `${name}: moved to ${when}.`;
    case 'adjourned':
      return `${name}: adjourned, no longer on the court's timetable; the court will list it again.`;
  }
}

/**
 * The e-mail of one person's publication notice. Anyone may read an e-mail: a hearing of public
 * matter is told with its day, time (the court's, its zone named) and case number; a discreet
 * one (confidential or sealed, or with protected people) is not told at all, and an e-mail with
 * nothing but discreet hearings is the platform's neutral notice to sign in. A mixed notice says
 * there is more to read behind sign-in, without saying how much.
 */
export function publicationEmail(lines: readonly MailLine[], timeZone: string, publicUrl: string): { subject: string; text: string } {
  const told = lines.filter((l) => !l.discreet);
  if (told.length === 0) return { subject: NEUTRAL_EMAIL_SUBJECT, text: neutralEmailText(publicUrl) };
  return {
    subject: PUBLICATION_EMAIL_SUBJECT,
    text: [
      'The court has published its hearing timetable. Your hearings:',
      ...told.map((l) => `- ${sentence(l, timeZone)}`),
      ...(told.length < lines.length ? ['You have other hearing notices on the platform.'] : []),
      `Sign in for the details: ${publicUrl}/login`,
    ].join('\n'),
  };
}

/** A seat of a hearing as the summons rule reads it. */
export interface SummonsSeat {
  readonly participantId: string;
  readonly userId: string | null;
  readonly hearingRole: HearingRole;
}

/**
 * The seats the clerk must summon by hand: everyone without an account (a victim, a witness, a
 * party without an account, an interpreter, a supporter): they have no inbox and the court
 * holds no address of theirs, so the registry reaches them (a one-time link handed over, a call,
 * a letter). Account holders are told in their inbox; the bench never joins by link.
 */
export function seatsToSummon<S extends SummonsSeat>(seats: readonly S[]): S[] {
  return seats.filter((s) => s.userId === null && s.hearingRole !== 'judge' && s.hearingRole !== 'clerk');
}

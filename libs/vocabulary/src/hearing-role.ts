import type { PartyRole } from './case-type';

/**
 * The part a person plays in one hearing. Distinct from the account role: a counsel account
 * may appear as defence counsel in one hearing and not at all in another, and a witness has
 * no account. Everything that routes media or filters what a participant sees keys off this.
 */
export const HEARING_ROLES = [
  'judge',
  'clerk',
  'prosecutor',
  'defence_counsel',
  'victim_counsel',
  'defendant',
  'witness',
  'victim',
  'interpreter',
  'supporter',
  'observer',
] as const;

export type HearingRole = (typeof HEARING_ROLES)[number];

/** Roles that conduct the hearing: they may admit, mute, remove and run the room. */
export const PRESIDING_ROLES: readonly HearingRole[] = ['judge', 'clerk'];

export function isHearingRole(value: unknown): value is HearingRole {
  return typeof value === 'string' && (HEARING_ROLES as readonly string[]).includes(value);
}

/**
 * The seat a party of the case takes in its hearings when they sit in person: a defendant or
 * respondent as the defendant, a victim or complainant as the victim, a witness as a witness.
 * Petitioners, plaintiffs and the prosecution are heard through counsel: no seat of their own.
 */
export const PARTY_SEATS: Readonly<Partial<Record<PartyRole, HearingRole>>> = {
  defendant: 'defendant',
  respondent: 'defendant',
  victim: 'victim',
  complainant: 'victim',
  witness: 'witness',
};

/** How one of the court's interpreters is named in their seat: with the language they interpret into ("Salem (fr)"). */
export function interpreterSeatName(name: string, language: string): string {
  return `${name} (${language})`;
}

/**
 * The seat a party's counsel takes: the prosecution's counsel sits as the prosecutor, a defendant's
 * or respondent's as defence counsel, anyone else's as the victim's counsel.
 */
export function counselSeatFor(party: PartyRole): 'prosecutor' | 'defence_counsel' | 'victim_counsel' {
  if (party === 'prosecution') return 'prosecutor';
  return party === 'defendant' || party === 'respondent' ? 'defence_counsel' : 'victim_counsel';
}

import type { Role } from '@ejustice/vocabulary/role';
import type { Confidentiality, PartyRole } from '@ejustice/vocabulary/case-type';

/** The facts about a viewer that case access depends on. */
export interface CaseViewer {
  readonly userId: string;
  readonly courtId: string;
  readonly roles: readonly Role[];
}

/** The facts about a case that access depends on. */
export interface CaseFacts {
  readonly courtId: string;
  readonly confidentiality: Confidentiality;
  readonly parties: readonly PartyFacts[];
}

export interface PartyFacts {
  readonly id: string;
  readonly partyRole: PartyRole;
  readonly isProtected: boolean;
  readonly userId: string | null;
  readonly counselUserId: string | null;
}

/** Judges and clerks of the court hold the whole record of their court, sealed parts included. */
export function isJudicialStaff(viewer: CaseViewer, courtId: string): boolean {
  return viewer.courtId === courtId && viewer.roles.some((r) => r === 'judge' || r === 'clerk');
}

/** A party to the case, or counsel (or prosecutor) acting for one. */
export function isLinkedToCase(viewer: CaseViewer, c: CaseFacts): boolean {
  return c.parties.some((p) => p.userId === viewer.userId || p.counselUserId === viewer.userId);
}

/**
 * Who may know that a case exists and read it:
 * - the court's judges and clerks, always;
 * - the parties and their counsel, whatever its confidentiality (a party always knows of
 *   their own case; what they may read in it is decided per document);
 * - observers of the same court (press, public), public cases only.
 * Anyone else is told the case does not exist (404, not 403), so that a party cannot probe
 * for their neighbour's cases.
 */
export function canSeeCase(viewer: CaseViewer, c: CaseFacts): boolean {
  if (isJudicialStaff(viewer, c.courtId)) return true;
  if (isLinkedToCase(viewer, c)) return true;
  return c.confidentiality === 'public' && viewer.courtId === c.courtId && viewer.roles.includes('observer');
}

/** Whether a viewer may read material of a given confidentiality in a case they can see. */
export function canReadMaterial(viewer: CaseViewer, c: CaseFacts, level: Confidentiality): boolean {
  if (!canSeeCase(viewer, c)) return false;
  switch (level) {
    case 'public':
      return true;
    case 'confidential':
      return isJudicialStaff(viewer, c.courtId) || isLinkedToCase(viewer, c);
    case 'sealed':
      return isJudicialStaff(viewer, c.courtId);
  }
}

/**
 * Whether a viewer may know the real identity of a protected party. The court knows; so do
 * the protected person, their own counsel, and the prosecution that calls them (it must, to
 * protect them). Defence counsel, the defendant, other parties and the public see only the
 * pseudonym. An unprotected party's name is known to anyone who can see the case.
 */
export function mayKnowIdentity(viewer: CaseViewer, c: CaseFacts, party: PartyFacts): boolean {
  if (!canSeeCase(viewer, c)) return false;
  if (!party.isProtected) return true;
  if (isJudicialStaff(viewer, c.courtId)) return true;
  if (party.userId === viewer.userId || party.counselUserId === viewer.userId) return true;
  return c.parties.some((p) => p.partyRole === 'prosecution' && p.counselUserId === viewer.userId);
}

import type { PartyRole } from '@ejustice/vocabulary/case-type';
import { type CourtFilingPolicy, type FeeAssessment, assessFee, openingFilerActsForVictim } from './court-policy';
import type { FilingType, ProposedParty } from './filing-type';

/** A party of an existing case as the victims' waiver reads it: their role, their account and their counsel's. */
export interface CasePartyLink {
  readonly partyRole: PartyRole;
  readonly userId: string | null;
  readonly counselUserId: string | null;
}

/**
 * What the victims' waiver knows of the filer. Filing into a case: the case's parties, of which
 * the filer is, or is counsel for, a victim or not. Opening a case: the parties the filer
 * proposes (`new_case`), or, for a quote asked before they are listed, the filer's word that
 * they are or act for a victim (`declared`, the wizard's own reading of its party drafts by the
 * same rule); the fee charged always reads the parties.
 */
export type FilerStanding =
  | { readonly kind: 'case'; readonly filerUserId: string; readonly parties: readonly CasePartyLink[] }
  | { readonly kind: 'new_case'; readonly parties: readonly ProposedParty[] }
  | { readonly kind: 'declared'; readonly actsForVictim: boolean };

/** Whether the filer is, or acts for, a victim. */
export function filerActsForVictim(standing: FilerStanding): boolean {
  switch (standing.kind) {
    case 'case':
      return standing.parties.some(
        (p) => p.partyRole === 'victim' && (p.userId === standing.filerUserId || p.counselUserId === standing.filerUserId),
      );
    case 'new_case':
      return openingFilerActsForVictim(standing.parties);
    case 'declared':
      return standing.actsForVictim;
  }
}

/**
 * The fee of a filing: the one quoted to the filer (GET /api/filing-policy/fee) and the one
 * recorded on the filing when it is received, so that the two cannot drift apart. The court's
 * schedule sets the amount; victims and those who act for them never pay (assessFee).
 */
export function filingFee(policy: CourtFilingPolicy, filingType: FilingType, standing: FilerStanding): FeeAssessment {
  return assessFee(policy, filingType, filerActsForVictim(standing));
}

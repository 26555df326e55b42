import { Injectable } from '@nestjs/common';
import { CaseQueries, type CaseViewer } from '@ejustice/cases';
import { CASE_TYPE_NAMES, PARTY_ROLES } from '@ejustice/vocabulary/case-type';
import type { FeeAssessment, FeeQuoteQuery, FilingPolicyView } from '../contract/filing-contract';
import { filingFee } from '../domain/filing-fee';
import { URGENCY_GROUNDS, opensCase } from '../domain/filing-type';
import { CourtPolicyService } from './court-policy.service';

/** What a filer asks before filing: the court's policy, and the fee a filing will be charged. */
@Injectable()
export class FilingPolicyQueries {
  constructor(
    private readonly policies: CourtPolicyService,
    private readonly cases: CaseQueries,
  ) {}

  /** A court's filing policy (the viewer's own by default) with the vocabularies a filing form offers. */
  async policy(viewer: CaseViewer, courtId?: string): Promise<FilingPolicyView> {
    const policy = await this.policies.forCourt(courtId ?? viewer.courtId);
    return { ...policy, urgencyGrounds: URGENCY_GROUNDS, caseTypes: CASE_TYPE_NAMES, partyRoles: PARTY_ROLES };
  }

  /**
   * The fee SubmitFiling will record for this filing, by the same rule (filingFee). Into a case
   * the viewer may see, the case's court and parties decide it; otherwise the viewer's court and
   * their word that they are, or act for, a victim.
   */
  async quoteFee(viewer: CaseViewer, query: FeeQuoteQuery): Promise<FeeAssessment> {
    if (!opensCase(query.filingType) && query.caseId) {
      const { c, facts } = await this.cases.loadVisible(viewer, query.caseId);
      return filingFee(await this.policies.forCourt(c.courtId), query.filingType, {
        kind: 'case',
        filerUserId: viewer.userId,
        parties: facts.parties,
      });
    }
    return filingFee(await this.policies.forCourt(viewer.courtId), query.filingType, {
      kind: 'declared',
      actsForVictim: query.actsForVictim === 'true',
    });
  }
}

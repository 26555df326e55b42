import type { CaseStatus, CaseType, Confidentiality, PartyRole } from '@ejustice/vocabulary/case-type';
import type { Page } from '@ejustice/platform/contract/page';

/*
 * The REST contract of cases, declared once for the api and the web (the browser imports it
 * type-only as `@ejustice/cases/contract/case-contract`): plain types, no Nest, no TypeORM.
 * A case's docket with its documents is the filing lib's (filing-contract.ts).
 */

/** One line of GET /api/cases, and the answer of POST /api/cases/:id/confidentiality. */
export interface CaseSummaryView {
  id: string;
  number: string;
  /** Names of protected people this viewer may not know are masked. */
  title: string;
  caseType: CaseType;
  status: CaseStatus;
  confidentiality: Confidentiality;
  urgent: boolean;
  openedAt: string;
}

/** GET /api/cases: the cases the caller may see, urgent first, then the newest. */
export type CaseListView = Page<CaseSummaryView>;

export interface PartyView {
  id: string;
  partyRole: PartyRole;
  /** The real name, or the pseudonym for a viewer not entitled to know who this is. */
  name: string;
  isProtected: boolean;
  /** Present only for viewers who know the real name, so they can see what others are shown. */
  pseudonym?: string;
  /**
   * The party's own account and their counsel's, present (possibly null) only for the judges and
   * clerks of the case's court: a judge authorising a certified copy of a sealed document names
   * the account that may request it. Absent for everyone else, so no one else learns account ids.
   */
  accountUserId?: string | null;
  counselUserId?: string | null;
  /** Their counsel's name, beside `counselUserId` (the same readers): a clerk seating counsel in a hearing chooses by it. */
  counselName?: string | null;
}

/** One entry of a case's docket, without its documents. */
export interface DocketLineView {
  id: string;
  /** The number to show: the case's sequence for the bench, a gapless 1, 2, 3... for anyone else. */
  seq: number;
  entryType: string;
  summary: string;
  confidentiality: Confidentiality;
  filedAt: string;
}

/** GET /api/cases/:id: the case with its parties (protected people by pseudonym unless the caller may know them). */
export interface CaseDetailView extends CaseSummaryView {
  assignedJudge: { id: string; displayName: string } | null;
  parties: PartyView[];
  /** The entries this viewer may read; `seq` as `numberDocketFor` shows it to them. */
  docket: DocketLineView[];
}

/** POST /api/cases/:id/confidentiality (judges): seal, restrict or open a case, with the reason for the order. */
export interface ChangeConfidentialityRequest {
  readonly confidentiality: Confidentiality;
  readonly reason: string;
}

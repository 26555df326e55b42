/**
 * The REST contract of a case's scheduling facts (`GET` / `PUT /api/cases/:caseId/scheduling`):
 * what drives the case's priority and placement, its victims and witnesses as the scheduler sees
 * them, and the hearings it still needs. Plain types and bounds only, for the api and the browser.
 * People are referred to by party id and a key, never by name.
 */
import type { HearingType } from '@ejustice/vocabulary/hearing-type';

/** Bounds on every list and string the clerk sends (the DTOs and the pure check both use them). */
export const CASE_SCHEDULING_LIMITS = {
  offenceLength: 200,
  languages: 10,
  specialisms: 10,
  specialismLength: 60,
  people: 50,
  personKeyLength: 100,
  hearings: 30,
  minutes: 1440,
  minDaysAfterPrevious: 366,
} as const;

/**
 * An interpreter language: an ISO 639 code in lower case (`ar`, `fr`, `tzm`), optionally with a
 * region (`ar-MA`). The solver matches languages by equality, so one spelling per language.
 */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}(-[A-Z]{2})?$/;

/** A specialism a judge may hold (`trafficking`, `child_victims`): lower-case words joined by `_` or `-`. */
export const SPECIALISM_PATTERN = /^[a-z][a-z0-9_-]*$/;

/** A witness's key across cases (`w-child-1`, `police:4471`): letters, digits and `._:-`, no spaces. */
export const PERSON_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export type SchedulingPersonRole = 'victim' | 'witness';

/** A victim or witness: child, vulnerable; a witness's key across cases; the party on the record, by id. */
export interface CaseSchedulingPersonFacts {
  readonly role: SchedulingPersonRole;
  /** A party of this case with the same role, or null when the person is not a party. */
  readonly partyId: string | null;
  /** Required for a witness (the same person in several cases cannot be in two places at once). */
  readonly personKey: string | null;
  readonly child: boolean;
  readonly vulnerable: boolean;
}

/** A hearing the case still needs, in order. */
export interface CaseHearingNeedFacts {
  readonly type: HearingType;
  readonly minutes: number;
  /** Days at least after the previous hearing needed; null when none. */
  readonly minDaysAfterPrevious: number | null;
}

/** The whole of a case's scheduling facts, as the clerk writes them. */
export interface CaseSchedulingFactsBody {
  readonly offence: string | null;
  readonly inCustody: boolean;
  /** The custody time limit's expiry, `YYYY-MM-DD`: set exactly when the defendant is in custody. */
  readonly custodyLimit: string | null;
  readonly interpreterLanguages: readonly string[];
  readonly needsIntermediary: boolean;
  readonly needsSupporter: boolean;
  readonly needsLiveLink: boolean;
  readonly remoteAllowed: boolean;
  /** Specialisms the judge must hold beyond those the case type asks for. */
  readonly judgeSpecialisms: readonly string[];
  readonly people: readonly CaseSchedulingPersonFacts[];
  readonly hearings: readonly CaseHearingNeedFacts[];
}

/**
 * `PUT /api/cases/:caseId/scheduling`: the whole of the facts, replacing what was there, with the
 * `version` the clerk read. A stale version is refused (409 `scheduling.facts_stale`).
 */
export interface CaseSchedulingFactsUpdate extends CaseSchedulingFactsBody {
  readonly version: string;
}

/** A hearing needed as the api shows it: `published` when the published timetable lists it. */
export interface CaseHearingNeedView extends CaseHearingNeedFacts {
  readonly published: boolean;
}

/**
 * `GET` (and the answer to `PUT`) `/api/cases/:caseId/scheduling`. `version` changes whenever any
 * of the facts does; send it back with the next `PUT`.
 */
export interface CaseSchedulingFactsView extends CaseSchedulingFactsBody {
  readonly caseId: string;
  readonly version: string;
  readonly hearings: readonly CaseHearingNeedView[];
}

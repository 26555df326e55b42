import type { CaseType } from '@ejustice/vocabulary';
import { daysBetween } from './periods';

/*
 * The custody-limit risk list: defendants held in custody whose custody time limit may expire
 * before they are heard. A limit that expires is a release, or an application to extend it, so
 * such a case is never left off quietly: each one is listed with the reason in words a clerk acts on.
 */

export const CUSTODY_RISK_REASONS = ['limit_passed', 'hearing_after_limit', 'none_scheduled'] as const;
/**
 * limit_passed: the limit is already behind us (release, or an extension is needed);
 * hearing_after_limit: the first hearing scheduled from today falls after the limit;
 * none_scheduled: no hearing is scheduled and the limit expires within the warning window.
 */
export type CustodyRiskReason = (typeof CUSTODY_RISK_REASONS)[number];

export interface CustodyCase {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly type: CaseType;
  /** ISO date: the last day the defendant may be held without the hearing. */
  readonly custodyLimit: string;
  /** The earliest hearing scheduled on or after `asOf`, an ISO date, or null with none. */
  readonly firstScheduledHearing: string | null;
}

export interface CustodyLimitRisk extends CustodyCase {
  readonly reason: CustodyRiskReason;
  /** Days from `asOf` to the limit: negative once passed, 0 on the day itself. */
  readonly daysLeft: number;
}

/**
 * Every custody case at risk on `asOf`, soonest limit first (then by case number). A hearing on
 * the limit's own day meets it. `withinDays`: how far ahead a limit with no hearing scheduled
 * is already a risk (the court's warning window).
 */
export function custodyRiskList(cases: readonly CustodyCase[], asOf: string, withinDays: number): CustodyLimitRisk[] {
  const out: CustodyLimitRisk[] = [];
  for (const c of cases) {
    const daysLeft = daysBetween(asOf, c.custodyLimit);
    const reason: CustodyRiskReason | null =
      daysLeft < 0
        ? 'limit_passed'
        : c.firstScheduledHearing !== null
          ? c.firstScheduledHearing > c.custodyLimit
            ? 'hearing_after_limit'
            : null
          : daysLeft <= withinDays
            ? 'none_scheduled'
            : null;
    if (reason !== null) out.push({ ...c, reason, daysLeft });
  }
  return out.sort((a, b) => a.custodyLimit.localeCompare(b.custodyLimit) || a.caseNumber.localeCompare(b.caseNumber));
}

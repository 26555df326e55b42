/**
 * The reasons of a plan as codes with their facts, for the schedule board to say them in the
 * clerk's language (ar, en, fr): why a listing is where it is (`explanation`), why a case is left
 * out (`code`, `params`), why a custody time limit is not met (`custodyRisk`: `code`, `params`), and which hard constraint a manual move breaks (`constraint`, `params`,
 * in schedule-moves.contract.ts). The plan keeps each sentence in English too (`why`, `reason`,
 * `message`: the CLI's, and the board's fallback for a code it does not know). Declared once, in
 * libs/scheduling's own contract (plain types and constants), and passed on here.
 */
export {
  CUSTODY_RISK_CODES,
  HARD_CONSTRAINTS as SCHEDULE_CONSTRAINTS,
  HELD_BY_REASONS,
  LISTING_DAY_CODES,
  PRIORITY_GROUNDS,
  UNSCHEDULED_CODES,
  type CustodyRiskCode,
  type CustodyRiskParams,
  type HardConstraint as ScheduleConstraint,
  type HeldBy,
  type HeldByReason,
  type ListingDayCode,
  type ListingExplanation,
  type PriorityGround,
  type UnscheduledCode,
  type UnscheduledParams,
} from '@ejustice/scheduling/contract/plan-reasons';

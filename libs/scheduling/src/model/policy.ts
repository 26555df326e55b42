import type { AdjournmentReason, CaseInput, Policy, PriorityTier } from './instance';

/**
 * The court's default policy. Every field can be overridden in the instance's `policy`; the
 * objective these weights define is documented in libs/scheduling/README.md.
 */
export const DEFAULT_POLICY: Policy = Object.freeze({
  tierWeights: Object.freeze({ custody: 8, child_vulnerable: 4, trafficking: 2, other: 1 }),
  agingPerYear: 0.25,
  adjournmentWeight: 0.2,
  adjournmentReasonWeights: Object.freeze({
    no_court_time: 1,
    judge_unavailable: 1,
    interpreter_unavailable: 1,
    courts_suspended: 1,
    witness_unavailable: 0.5,
    prosecution_request: 0.5,
    other: 0.5,
    // A defence request is the defendant's own choice: it does not move the case up.
    defence_request: 0,
  }),
  unscheduledPenaltyDays: 180,
  custodyBreachPenalty: 1_000_000,
  movePenalty: 20,
  vulnerableWitnessMaxBlockMinutes: 120,
  vulnerableWitnessBreakMinutes: 15,
  specialistRules: Object.freeze([Object.freeze({ caseType: 'trafficking' as const, childOrVulnerable: true, specialism: 'trafficking' })]),
  liveLinkForChildWitnesses: true,
});

/**
 * The move penalty of a "minimal moves" re-plan (after a cancellation or an adjournment): moving
 * a published hearing costs many times what leaving a case unlisted for the whole plan costs at
 * the default weights (a few thousand weighted days even for a custody case waiting for years),
 * and a tenth of a custody breach, so a re-plan moves a published hearing only to meet a custody
 * limit or because the hearing can no longer stay where it is.
 */
export const MINIMAL_MOVES_PENALTY = 100_000;

/** The court's policy for a minimal-moves re-plan: its own, with moves priced as above (never lower). */
export function minimalMovesPolicy(policy: Partial<Policy> | undefined): Partial<Policy> {
  return { ...(policy ?? {}), movePenalty: Math.max(policy?.movePenalty ?? DEFAULT_POLICY.movePenalty, MINIMAL_MOVES_PENALTY) };
}

export function resolvePolicy(overrides: Partial<Policy> | undefined): Policy {
  const policy = { ...DEFAULT_POLICY, ...(overrides ?? {}) };
  return {
    ...policy,
    tierWeights: { ...DEFAULT_POLICY.tierWeights, ...(overrides?.tierWeights ?? {}) },
    adjournmentReasonWeights: { ...DEFAULT_POLICY.adjournmentReasonWeights, ...(overrides?.adjournmentReasonWeights ?? {}) },
  };
}

const DAYS_PER_YEAR = 365.25;

export function hasChildOrVulnerable(caseInput: CaseInput): boolean {
  return [...(caseInput.victims ?? []), ...(caseInput.witnesses ?? [])].some(
    (person) => person.child === true || person.vulnerable === true,
  );
}

/** A child or vulnerable witness gives evidence: day sessions only, in short blocks. */
export function hasChildOrVulnerableWitness(caseInput: CaseInput): boolean {
  return (caseInput.witnesses ?? []).some((witness) => witness.child === true || witness.vulnerable === true);
}

/** Custody first, then child and vulnerable victims and witnesses, then trafficking, then the rest. */
export function priorityTier(caseInput: CaseInput): PriorityTier {
  if (caseInput.custody) return 'custody';
  if (hasChildOrVulnerable(caseInput)) return 'child_vulnerable';
  if (caseInput.type === 'trafficking') return 'trafficking';
  return 'other';
}

export interface CaseWeight {
  readonly tier: PriorityTier;
  readonly yearsWaited: number;
  /** Adjournments that count, each times its reason's weight. */
  readonly countedAdjournments: number;
  /** Weight per day of waiting, for the case as a whole. */
  readonly weight: number;
}

/**
 * weight = tier weight × (1 + agingPerYear × years waited at the plan's start)
 *                      × (1 + adjournmentWeight × Σ reason weights of its adjournments)
 */
export function caseWeight(caseInput: CaseInput, filedDay: number, startDay: number, policy: Policy): CaseWeight {
  const tier = priorityTier(caseInput);
  const yearsWaited = Math.max(0, startDay - filedDay) / DAYS_PER_YEAR;
  const countedAdjournments = (caseInput.adjournments ?? []).reduce(
    (sum, adjournment) => sum + policy.adjournmentReasonWeights[adjournment.reason as AdjournmentReason],
    0,
  );
  const weight = policy.tierWeights[tier] * (1 + policy.agingPerYear * yearsWaited) * (1 + policy.adjournmentWeight * countedAdjournments);
  return { tier, yearsWaited, countedAdjournments, weight };
}

/** The specialisms the judge must hold: the case's own and those the court's rules add. */
export function requiredSpecialisms(caseInput: CaseInput, policy: Policy): string[] {
  const required = new Set(caseInput.judgeSpecialisms ?? []);
  for (const rule of policy.specialistRules) {
    if (rule.caseType === caseInput.type && (!rule.childOrVulnerable || hasChildOrVulnerable(caseInput))) required.add(rule.specialism);
  }
  return [...required].sort();
}

export function needsLiveLink(caseInput: CaseInput, policy: Policy): boolean {
  return (
    caseInput.needs?.liveLink === true || (policy.liveLinkForChildWitnesses && (caseInput.witnesses ?? []).some((w) => w.child === true))
  );
}

/**
 * The blocks a needed hearing is held in: one, unless a child or vulnerable witness gives
 * evidence and it is longer than the policy allows, then as few equal blocks as fit.
 */
export function blockMinutes(minutes: number, childOrVulnerableWitness: boolean, policy: Policy): number[] {
  const max = policy.vulnerableWitnessMaxBlockMinutes;
  if (!childOrVulnerableWitness || minutes <= max) return [minutes];
  const parts = Math.ceil(minutes / max);
  const base = Math.floor(minutes / parts);
  return Array.from({ length: parts }, (_, index) => base + (index < minutes % parts ? 1 : 0));
}

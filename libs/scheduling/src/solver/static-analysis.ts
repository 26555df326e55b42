import { newTally, PlacementEngine, type FailureTally } from '../engine/placement-engine';
import type { SchedulingModel } from '../model/model';

/**
 * What holds in any plan: for each custody case whose limit falls within the plan, whether its
 * hearings could be held by the limit even in an empty court (every judge, room, interpreter
 * and supporter free). If not, the breach is certain and part of what no plan can change, and
 * the tally says why (which resource never sits before the limit).
 *
 * Earliest placement is exact here: in an empty court, holding a hearing earlier never
 * narrows what the later hearings of the case can do.
 */
export interface StaticAnalysis {
  readonly certainBreach: Uint8Array;
  /** Per case with a certain breach, the days before its limit counted by reason. */
  readonly breachTallies: ReadonlyMap<number, FailureTally>;
  /** The objective's part no plan can change: waiting already spent, and certain breaches. */
  readonly fixed: number;
}

export function analyseStatically(model: SchedulingModel): StaticAnalysis {
  const certainBreach = new Uint8Array(model.cases.length);
  const breachTallies = new Map<number, FailureTally>();
  const emptyCourt = new PlacementEngine(model);
  let fixed = 0;
  for (const hearing of model.hearings) fixed += hearing.weight * (0 - model.cases[hearing.caseIndex].filedDay);
  for (const item of model.cases) {
    const limit = item.custodyLimitDay;
    if (limit === undefined || limit >= model.horizonDays) continue;
    const tally = newTally();
    let fits = limit >= 0;
    const placed: number[] = [];
    for (const hearing of item.hearings) {
      if (!fits) break;
      const window = emptyCourt.windowFor(hearing);
      const placement =
        window && window.fromDay <= limit
          ? emptyCourt.findEarliest(hearing, { ...window, toDay: Math.min(window.toDay, limit) }, tally)
          : undefined;
      if (!placement) fits = false;
      else {
        emptyCourt.place(hearing, placement);
        placed.push(hearing);
      }
    }
    for (const hearing of placed.reverse()) emptyCourt.unplace(hearing);
    if (!fits) {
      certainBreach[item.index] = 1;
      breachTallies.set(item.index, tally);
      fixed += model.policy.custodyBreachPenalty;
    }
  }
  return { certainBreach, breachTallies, fixed };
}

import { PlacementEngine, type FailureTally } from '../engine/placement-engine';
import { PRIORITY_TIERS } from '../model/instance';
import type { CaseModel, SchedulingModel } from '../model/model';

/**
 * List scheduling, the benchmark's baselines: take the cases in some order and give each of
 * its hearings the earliest place it fits.
 * - `fifo`: first filed, first listed (what a registry falls back to);
 * - `priority`: by tier (custody, child or vulnerable, trafficking, the rest), custody cases by
 *   their limit, then first filed (the obvious priority rule).
 * The solver's own constructive pass is smarter (solve.ts).
 */
export type GreedyOrder = 'fifo' | 'priority';

export function caseOrder(model: SchedulingModel, order: GreedyOrder): number[] {
  const cases = [...model.cases];
  const byFiling = (a: CaseModel, b: CaseModel) => a.filedDay - b.filedDay || compareIds(a.id, b.id);
  if (order === 'fifo') return cases.sort(byFiling).map((item) => item.index);
  const tierRank = (item: CaseModel) => PRIORITY_TIERS.indexOf(item.tier);
  return cases
    .sort((a, b) => tierRank(a) - tierRank(b) || (a.custodyLimitDay ?? 0) - (b.custodyLimitDay ?? 0) || byFiling(a, b))
    .map((item) => item.index);
}

/**
 * Places the case's hearings that are not placed yet, in order, each at the earliest place it
 * fits after the one before; stops at the first that does not fit (a later hearing is never held
 * before an earlier one). Returns how many it placed.
 */
export function placeCase(engine: PlacementEngine, caseIndex: number, tally?: FailureTally): number {
  const hearings = engine.model.cases[caseIndex].hearings;
  let placed = 0;
  for (let ordinal = engine.placedInCase[caseIndex]; ordinal < hearings.length; ordinal += 1) {
    const hearing = hearings[ordinal];
    if (engine.isPlaced(hearing)) continue;
    const window = engine.windowFor(hearing);
    const placement = window && engine.findEarliest(hearing, window, tally);
    if (!placement) break;
    engine.place(hearing, placement);
    placed += 1;
  }
  return placed;
}

/** A whole timetable by list scheduling in the given order. */
export function greedySchedule(model: SchedulingModel, order: GreedyOrder): PlacementEngine {
  const engine = new PlacementEngine(model);
  for (const caseIndex of caseOrder(model, order)) placeCase(engine, caseIndex);
  return engine;
}

/** A binary max-heap of items by key (ties: smaller item first, for determinism). */
export class MaxHeap {
  private readonly items: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: number, key: number): void {
    this.items.push(item);
    this.keys.push(key);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** The item with the largest key, or -1 when empty. */
  pop(): number {
    if (this.items.length === 0) return -1;
    const top = this.items[0];
    const lastItem = this.items.pop() as number;
    const lastKey = this.keys.pop() as number;
    if (this.items.length > 0) {
      this.items[0] = lastItem;
      this.keys[0] = lastKey;
      let i = 0;
      for (;;) {
        const [left, right] = [2 * i + 1, 2 * i + 2];
        let best = i;
        if (left < this.items.length && this.before(left, best)) best = left;
        if (right < this.items.length && this.before(right, best)) best = right;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    return this.keys[a] > this.keys[b] || (this.keys[a] === this.keys[b] && this.items[a] < this.items[b]);
  }

  private swap(a: number, b: number): void {
    [this.items[a], this.items[b]] = [this.items[b], this.items[a]];
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

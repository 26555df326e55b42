import type { SchedulingModel } from '../model/model';

/**
 * A lower bound on the objective of every feasible plan, by Lagrangian relaxation.
 *
 * The relaxation keeps each case whole (its hearings in order with their minimum gaps, its
 * custody limit, the prefix rule, the published place) and each hearing's static eligibility
 * for a session (long enough, by day when a child or vulnerable witness gives evidence, some
 * eligible judge sitting with enough hours, an eligible room open, an interpreter for each
 * language and the supporters it needs available). What it relaxes is who exactly sits where:
 * resources become pools of minutes, one constraint per pool and session (or day), of the form
 *
 *     Σ minutes of the hearings that can only use resources of the set  ≤  minutes the set offers
 *
 * for every set of judges, rooms and interpreters some class of cases is restricted to (and the
 * whole court), per session; judges also per day (their daily maximum); intermediaries and
 * supporters per session. Every feasible plan satisfies these, so for prices λ ≥ 0 on them
 *
 *     L(λ) = Σ_cases min over the case's own choices of (its cost + Σ λ × minutes it uses) − Σ λ × capacity
 *
 * is a lower bound; the case's minimum is a small dynamic programme over sessions. The prices
 * start from the exact solution of the problem with one pool (the whole court's judge minutes per
 * day: `warmStart`), are then raised where the pools overflow and lowered where they idle
 * (projected subgradient, Polyak steps towards the best plan known), and the best L seen is the
 * bound. Pure arithmetic: deterministic, no randomness.
 */
export interface LowerBoundResult {
  readonly value: number;
  readonly iterations: number;
}

export interface LowerBoundOptions {
  /** The best objective known (a feasible plan's): the target of the step size. */
  readonly upperBound: number;
  /** The part no plan can change: when the bound is this close to the target, stop. */
  readonly fixed: number;
  /** Custody cases proved to miss their limit in any plan (certain breaches). */
  readonly certainBreach: Uint8Array;
  readonly maxIterations: number;
  readonly shouldStop: () => boolean;
}

interface PoolFamily {
  /** Capacity per pool and slot (session or day). */
  readonly capacity: Float64Array;
  readonly price: Float64Array;
  readonly usage: Float64Array;
  readonly slots: number;
}

export function computeLowerBound(model: SchedulingModel, options: LowerBoundOptions): LowerBoundResult {
  const relaxation = new Relaxation(model, options.certainBreach);
  relaxation.warmStart();
  let best = relaxation.evaluate();
  let iterations = 1;
  // Polyak steps towards the best plan known; the step shrinks when the bound stalls, and the
  // search stops once it has shrunk a hundredfold without progress.
  let theta = 1;
  let sinceImprovement = 0;
  const target = () => options.upperBound;
  while (iterations < options.maxIterations && !options.shouldStop()) {
    const gap = target() - relaxation.lastValue;
    if (gap <= 0 || (best - options.fixed > 0 && (target() - best) / (best - options.fixed) < 0.001)) break;
    const norm = relaxation.subgradientNorm();
    if (norm === 0) break;
    relaxation.step((theta * gap) / norm);
    const value = relaxation.evaluate();
    iterations += 1;
    if (value > best + 1e-9 * Math.abs(best)) {
      best = value;
      sinceImprovement = 0;
    } else {
      sinceImprovement += 1;
      if (sinceImprovement >= 5) {
        theta /= 2;
        sinceImprovement = 0;
        if (theta < 0.01) break;
      }
    }
  }
  return { value: best, iterations };
}

class Relaxation {
  lastValue = 0;
  private readonly families: PoolFamily[] = [];
  private readonly judgeSession: PoolFamily;
  private readonly judgeDay: PoolFamily;
  private readonly room: PoolFamily;
  private readonly interpreter: PoolFamily;
  private readonly support: PoolFamily;
  /** Per class: the judge sets, room sets and interpreter sets (with multiplicity) it draws on. */
  private readonly classJudgeSets: Int32Array[];
  private readonly classRoomSets: Int32Array[];
  private readonly classInterpreterSets: Int32Array[];
  private readonly classSupportPools: Int32Array[];
  /** Per class and session: the longest hearing it could hold there (0: none). */
  private readonly span: Int32Array;
  /** Per class and session: the price of one minute. */
  private readonly minutePrice: Float64Array;
  private readonly sessionDay: Int32Array;
  private readonly firstSessionFrom: Int32Array;
  /** Hearings of the same class and length share their candidate sessions ("combos"). */
  private readonly hearingCombo: Int32Array;
  private readonly comboClass: Int32Array;
  private readonly comboMinutes: Int32Array;
  private readonly dailySessions: Int32Array[];
  private readonly dailyLength: Int32Array;
  private readonly firstSessions: Int32Array[];
  private readonly firstLength: Int32Array;
  private readonly comboStamp: Int32Array;
  private stamp = 0;
  private readonly tail: Float64Array;
  private readonly candidates: Int32Array[];
  private readonly candidateCount: Int32Array;
  private readonly value: Float64Array[];
  private readonly suffix: Float64Array[];
  private readonly suffixArg: Int32Array[];
  private readonly chosen: Int32Array;

  constructor(
    private readonly model: SchedulingModel,
    private readonly certainBreach: Uint8Array,
  ) {
    const { sessions, judges, rooms, interpreters, supporters, classes } = model;
    const S = sessions.length;
    const D = Math.max(1, model.horizonDays);
    const judgeSets = distinctSets([new Uint8Array(judges.length).fill(1), ...classes.map((klass) => klass.judgeEligible)]);
    const roomSets = distinctSets([new Uint8Array(rooms.length).fill(1), ...classes.map((klass) => klass.roomEligible)]);
    const interpreterSets = distinctSets(
      classes.flatMap((klass) => klass.interpreters.map((speakers) => membership(speakers, interpreters.length))),
    );
    this.judgeSession = this.family(judgeSets.length, S);
    this.judgeDay = this.family(judgeSets.length, D);
    this.room = this.family(roomSets.length, S);
    this.interpreter = this.family(interpreterSets.length, S);
    this.support = this.family(2, S);
    this.sessionDay = Int32Array.from(sessions.map((session) => session.day));
    this.firstSessionFrom = new Int32Array(D + 2).fill(S);
    for (let s = S - 1; s >= 0; s -= 1) this.firstSessionFrom[sessions[s].day] = s;
    for (let d = D; d >= 0; d -= 1) this.firstSessionFrom[d] = Math.min(this.firstSessionFrom[d], this.firstSessionFrom[d + 1]);

    const judgeMinutesOnDay = new Float64Array(judges.length * D);
    for (const session of sessions) {
      for (const j of session.judges) {
        const usable = Math.min(session.length, judges[j].maxMinutesPerDay);
        judgeMinutesOnDay[j * D + session.day] += session.length;
        judgeSets.forEach((set, e) => {
          if (set[j]) this.judgeSession.capacity[e * S + session.index] += usable;
        });
      }
      for (const r of session.rooms) roomSets.forEach((set, q) => set[r] && (this.room.capacity[q * S + session.index] += session.length));
      for (const i of session.interpreters)
        interpreterSets.forEach((set, q) => set[i] && (this.interpreter.capacity[q * S + session.index] += session.length));
      for (const p of session.supporters)
        this.support.capacity[(supporters[p].role === 'intermediary' ? 0 : 1) * S + session.index] += session.length;
    }
    for (let j = 0; j < judges.length; j += 1) {
      for (let d = 0; d < D; d += 1) {
        const usable = Math.min(judges[j].maxMinutesPerDay, judgeMinutesOnDay[j * D + d]);
        if (usable > 0) judgeSets.forEach((set, e) => set[j] && (this.judgeDay.capacity[e * D + d] += usable));
      }
    }
    const supersets = (sets: Uint8Array[], subset: Uint8Array) =>
      Int32Array.from(sets.flatMap((set, index) => (subset.every((member, k) => !member || set[k]) ? [index] : [])));
    this.classJudgeSets = classes.map((klass) => supersets(judgeSets, klass.judgeEligible));
    this.classRoomSets = classes.map((klass) => supersets(roomSets, klass.roomEligible));
    this.classInterpreterSets = classes.map((klass) =>
      Int32Array.from(klass.interpreters.flatMap((speakers) => [...supersets(interpreterSets, membership(speakers, interpreters.length))])),
    );
    this.classSupportPools = classes.map((klass) => Int32Array.from([...(klass.intermediary ? [0] : []), ...(klass.supporter ? [1] : [])]));

    this.span = new Int32Array(classes.length * S);
    for (const klass of classes) {
      for (const session of sessions) {
        if (klass.dayOnly && session.kind !== 'day') continue;
        if (!klass.rooms.some((r) => session.rooms.includes(r))) continue;
        if (!klass.interpreters.every((speakers) => speakers.some((i) => session.interpreters.includes(i)))) continue;
        const supportOk = (candidates: Int32Array) => candidates.some((p) => session.supporters.includes(p));
        if ((klass.intermediary && !supportOk(klass.intermediaries)) || (klass.supporter && !supportOk(klass.supporters))) continue;
        let span = 0;
        for (const j of session.judges)
          if (klass.judgeEligible[j]) span = Math.max(span, Math.min(session.length, judges[j].maxMinutesPerDay));
        this.span[klass.index * S + session.index] = span;
      }
    }
    this.minutePrice = new Float64Array(classes.length * S);
    const longest = Math.max(1, ...model.cases.map((item) => item.hearings.length));
    const combos = new Map<number, number>();
    this.hearingCombo = new Int32Array(model.hearings.length);
    const comboClass: number[] = [];
    const comboMinutes: number[] = [];
    for (const hearing of model.hearings) {
      const klass = model.cases[hearing.caseIndex].requirementClass;
      const key = klass * 1_441 + hearing.minutes;
      let combo = combos.get(key);
      if (combo === undefined) {
        combo = comboClass.length;
        combos.set(key, combo);
        comboClass.push(klass);
        comboMinutes.push(hearing.minutes);
      }
      this.hearingCombo[hearing.index] = combo;
    }
    this.comboClass = Int32Array.from(comboClass);
    this.comboMinutes = Int32Array.from(comboMinutes);
    this.dailySessions = comboClass.map(() => new Int32Array(D));
    this.dailyLength = new Int32Array(comboClass.length);
    this.firstSessions = comboClass.map(() => new Int32Array(D));
    this.firstLength = new Int32Array(comboClass.length);
    this.comboStamp = new Int32Array(comboClass.length).fill(-1);
    this.tail = new Float64Array(longest + 1);
    this.candidates = Array.from({ length: longest }, () => new Int32Array(D + 1));
    this.candidateCount = new Int32Array(longest);
    this.value = Array.from({ length: longest }, () => new Float64Array(D + 1));
    this.suffix = Array.from({ length: longest }, () => new Float64Array(D + 1));
    this.suffixArg = Array.from({ length: longest }, () => new Int32Array(D + 1));
    this.chosen = new Int32Array(longest);
  }

  /** L(λ) at the current prices; records each pool's usage for the next step. */
  evaluate(): number {
    const { model } = this;
    this.refreshPrices();
    this.stamp += 1;
    for (const family of this.families) family.usage.fill(0);
    let total = 0;
    for (const family of this.families) for (let k = 0; k < family.capacity.length; k += 1) total -= family.price[k] * family.capacity[k];
    for (const item of model.cases) {
      total += this.solveCase(item.index);
      const klass = item.requirementClass;
      for (let ordinal = 0; ordinal < item.hearings.length; ordinal += 1) {
        const s = this.chosen[ordinal];
        if (s < 0) break;
        this.use(klass, s, model.hearings[item.hearings[ordinal]].minutes);
      }
    }
    this.lastValue = total;
    return total;
  }

  /**
   * Starting prices: those that solve the problem with a single pool, the whole court's judge
   * minutes per day, exactly. With costs linear in the day, filling days in order of weight
   * per minute is optimal there, and its prices follow from the hearing on each boundary: the
   * day before costs that hearing's ratio times the days between more than the day after, and
   * the last day costs what leaving it unscheduled would.
   */
  warmStart(): void {
    const { model } = this;
    const D = this.judgeDay.slots;
    const { unscheduledPenaltyDays } = model.policy;
    const order = model.hearings.map((hearing) => hearing.index);
    const ratio = Float64Array.from(model.hearings, (hearing) => hearing.weight / hearing.minutes);
    order.sort((a, b) => ratio[b] - ratio[a]);
    const days: number[] = [];
    for (let d = 0; d < D; d += 1) if (this.judgeDay.capacity[d] > 0) days.push(d);
    const boundary = new Float64Array(days.length);
    let position = 0;
    let left = days.length ? this.judgeDay.capacity[days[0]] : 0;
    for (const hearing of order) {
      let minutes = model.hearings[hearing].minutes;
      while (minutes > 0 && position < days.length) {
        const used = Math.min(minutes, left);
        minutes -= used;
        left -= used;
        if (left <= 0) {
          boundary[position] = ratio[hearing];
          position += 1;
          left = position < days.length ? this.judgeDay.capacity[days[position]] : 0;
        }
      }
      if (position >= days.length) break;
    }
    let price = 0;
    for (let n = days.length - 1; n >= 0; n -= 1) {
      const next = n + 1 < days.length ? days[n + 1] : model.horizonDays + unscheduledPenaltyDays;
      price += boundary[n] * (next - days[n]);
      this.judgeDay.price[days[n]] = price;
    }
  }

  /** The squared norm of the projected subgradient (usage − capacity). */
  subgradientNorm(): number {
    let norm = 0;
    for (const family of this.families) {
      for (let k = 0; k < family.capacity.length; k += 1) {
        const g = family.usage[k] - family.capacity[k];
        if (g > 0 || family.price[k] > 0) norm += g * g;
      }
    }
    return norm;
  }

  step(size: number): void {
    for (const family of this.families) {
      for (let k = 0; k < family.capacity.length; k += 1) {
        const next = family.price[k] + size * (family.usage[k] - family.capacity[k]);
        family.price[k] = next > 0 ? next : 0;
      }
    }
  }

  private family(pools: number, slots: number): PoolFamily {
    const family = {
      capacity: new Float64Array(pools * slots),
      price: new Float64Array(pools * slots),
      usage: new Float64Array(pools * slots),
      slots,
    };
    this.families.push(family);
    return family;
  }

  private refreshPrices(): void {
    const { sessions, classes } = this.model;
    const S = sessions.length;
    const D = this.judgeDay.slots;
    for (let k = 0; k < classes.length; k += 1) {
      const judgeSets = this.classJudgeSets[k];
      const roomSets = this.classRoomSets[k];
      const interpreterSets = this.classInterpreterSets[k];
      const supportPools = this.classSupportPools[k];
      for (let s = 0; s < S; s += 1) {
        const day = this.sessionDay[s];
        let price = 0;
        for (let n = 0; n < judgeSets.length; n += 1)
          price += this.judgeSession.price[judgeSets[n] * S + s] + this.judgeDay.price[judgeSets[n] * D + day];
        for (let n = 0; n < roomSets.length; n += 1) price += this.room.price[roomSets[n] * S + s];
        for (let n = 0; n < interpreterSets.length; n += 1) price += this.interpreter.price[interpreterSets[n] * S + s];
        for (let n = 0; n < supportPools.length; n += 1) price += this.support.price[supportPools[n] * S + s];
        this.minutePrice[k * S + s] = price;
      }
    }
  }

  private use(k: number, s: number, minutes: number): void {
    const S = this.model.sessions.length;
    const D = this.judgeDay.slots;
    const day = this.sessionDay[s];
    for (const e of this.classJudgeSets[k]) {
      this.judgeSession.usage[e * S + s] += minutes;
      this.judgeDay.usage[e * D + day] += minutes;
    }
    for (const q of this.classRoomSets[k]) this.room.usage[q * S + s] += minutes;
    for (const q of this.classInterpreterSets[k]) this.interpreter.usage[q * S + s] += minutes;
    for (const p of this.classSupportPools[k]) this.support.usage[p * S + s] += minutes;
  }

  /**
   * The case's cheapest choice at the current prices (sessions for a prefix of its hearings,
   * the rest unscheduled), left in `chosen`; returns its priced cost.
   */
  private solveCase(caseIndex: number): number {
    const { model } = this;
    const item = model.cases[caseIndex];
    const limit = item.custodyLimitDay;
    const canBreach = limit !== undefined && limit < model.horizonDays;
    const penalty = model.policy.custodyBreachPenalty;
    if (!canBreach) return this.chain(caseIndex, Number.MAX_SAFE_INTEGER, true);
    if (this.certainBreach[caseIndex]) return this.chain(caseIndex, Number.MAX_SAFE_INTEGER, true) + penalty;
    const withinLimit = this.chain(caseIndex, limit, false);
    const withinChoice = this.chosen.slice(0, item.hearings.length);
    const breached = this.chain(caseIndex, Number.MAX_SAFE_INTEGER, true) + penalty;
    if (withinLimit <= breached) {
      this.chosen.set(withinChoice);
      return withinLimit;
    }
    return breached;
  }

  /**
   * The sessions worth considering for a hearing of a class and length at the current prices:
   * on each day, the cheapest eligible session (same day, same cost, same room left for the
   * case's later hearings). For a case's first hearing, which nothing constrains from before,
   * only those cheaper than every earlier day's: a session no earlier and no cheaper than
   * another is never better, as it leaves the later hearings no more room.
   * Writes `daily` (and `first`) for the combo and returns their lengths packed.
   */
  private prepareCombo(combo: number): void {
    if (this.comboStamp[combo] === this.stamp) return;
    const S = this.model.sessions.length;
    const k = this.comboClass[combo];
    const minutes = this.comboMinutes[combo];
    const daily = this.dailySessions[combo];
    const first = this.firstSessions[combo];
    let dailyLength = 0;
    let firstLength = 0;
    let bestPrice = Infinity;
    for (let s = 0; s < S;) {
      const day = this.sessionDay[s];
      let daySession = -1;
      let dayPrice = Infinity;
      for (; s < S && this.sessionDay[s] === day; s += 1) {
        if (this.span[k * S + s] < minutes) continue;
        const price = this.minutePrice[k * S + s];
        if (price < dayPrice) {
          dayPrice = price;
          daySession = s;
        }
      }
      if (daySession < 0) continue;
      daily[dailyLength++] = daySession;
      if (dayPrice < bestPrice) {
        bestPrice = dayPrice;
        first[firstLength++] = daySession;
      }
    }
    this.comboStamp[combo] = this.stamp;
    this.dailyLength[combo] = dailyLength;
    this.firstLength[combo] = firstLength;
  }

  /**
   * Dynamic programme over each hearing's candidate sessions, last hearing first: F_i(s) =
   * cost_i(s) + min(leave the rest unscheduled, best F_{i+1} from the first day allowed after s).
   * Leaves the choice in `chosen`.
   */
  private chain(caseIndex: number, lastDay: number, mayLeave: boolean): number {
    const { model } = this;
    const item = model.cases[caseIndex];
    const S = model.sessions.length;
    const k = item.requirementClass;
    const count = item.hearings.length;
    const { unscheduledPenaltyDays, movePenalty } = model.policy;
    const horizon = model.horizonDays;
    const tail = this.tail;
    tail[count] = 0;
    for (let i = count - 1; i >= 0; i -= 1) {
      const hearing = model.hearings[item.hearings[i]];
      tail[i] =
        tail[i + 1] +
        (mayLeave ? hearing.weight * (horizon - item.filedDay + unscheduledPenaltyDays) + (hearing.published ? movePenalty : 0) : Infinity);
    }
    for (let i = count - 1; i >= 0; i -= 1) {
      const hearingIndex = item.hearings[i];
      const hearing = model.hearings[hearingIndex];
      const combo = this.hearingCombo[hearingIndex];
      this.prepareCombo(combo);
      const frontierLength = i === 0 ? this.firstLength[combo] : this.dailyLength[combo];
      const frontier = i === 0 ? this.firstSessions[combo] : this.dailySessions[combo];
      const candidates = this.candidates[i];
      let length = 0;
      const published = hearing.published && hearing.published.session < S ? hearing.published.session : -1;
      let publishedPending = published >= 0 && this.span[k * S + published] >= hearing.minutes;
      for (let n = 0; n < frontierLength; n += 1) {
        const s = frontier[n];
        if (this.sessionDay[s] > lastDay) break;
        if (publishedPending && published <= s) {
          if (published !== s && this.sessionDay[published] <= lastDay) candidates[length++] = published;
          publishedPending = false;
        }
        candidates[length++] = s;
      }
      if (publishedPending && this.sessionDay[published] <= lastDay) candidates[length++] = published;
      this.candidateCount[i] = length;
      const value = this.value[i];
      const nextGap = i + 1 < count ? model.hearings[item.hearings[i + 1]].minDaysAfterPrevious : 0;
      const nextCount = i + 1 < count ? this.candidateCount[i + 1] : 0;
      const nextCandidates = i + 1 < count ? this.candidates[i + 1] : undefined;
      const nextSuffix = i + 1 < count ? this.suffix[i + 1] : undefined;
      let pointer = 0;
      for (let n = 0; n < length; n += 1) {
        const s = candidates[n];
        const day = this.sessionDay[s];
        let cost =
          hearing.weight * (day - item.filedDay) +
          hearing.minutes * this.minutePrice[k * S + s] +
          (published >= 0 && published !== s ? movePenalty : 0);
        if (nextCandidates && nextSuffix) {
          const from = day + nextGap;
          while (pointer < nextCount && this.sessionDay[nextCandidates[pointer]] < from) pointer += 1;
          const rest = pointer < nextCount ? nextSuffix[pointer] : Infinity;
          cost += rest < tail[i + 1] ? rest : tail[i + 1];
        }
        value[n] = cost;
      }
      const suffix = this.suffix[i];
      const suffixArg = this.suffixArg[i];
      let best = Infinity;
      let bestAt = -1;
      for (let n = length - 1; n >= 0; n -= 1) {
        if (value[n] <= best) {
          best = value[n];
          bestAt = n;
        }
        suffix[n] = best;
        suffixArg[n] = bestAt;
      }
    }
    let result = tail[0];
    this.chosen.fill(-1);
    if (this.candidateCount[0] > 0 && this.suffix[0][0] < result) {
      result = this.suffix[0][0];
      let n = this.suffixArg[0][0];
      for (let i = 0; i < count; i += 1) {
        const s = this.candidates[i][n];
        this.chosen[i] = s;
        if (i + 1 >= count) break;
        const from = this.sessionDay[s] + model.hearings[item.hearings[i + 1]].minDaysAfterPrevious;
        const nextCandidates = this.candidates[i + 1];
        let pointer = 0;
        while (pointer < this.candidateCount[i + 1] && this.sessionDay[nextCandidates[pointer]] < from) pointer += 1;
        if (pointer >= this.candidateCount[i + 1] || !(this.suffix[i + 1][pointer] < tail[i + 1])) break;
        n = this.suffixArg[i + 1][pointer];
      }
    }
    return result;
  }
}

function membership(indices: Int32Array, size: number): Uint8Array {
  const set = new Uint8Array(size);
  for (const index of indices) set[index] = 1;
  return set;
}

function distinctSets(sets: Uint8Array[]): Uint8Array[] {
  const seen = new Map<string, Uint8Array>();
  for (const set of sets) seen.set(set.join(''), set);
  return [...seen.values()];
}

import { newTally, type FailureTally, type Placement, type PlacementEngine, type Window } from '../engine/placement-engine';
import type { Random } from '../random';
import { MaxHeap } from './greedy';

/**
 * Improvement moves on a feasible timetable. Every move takes hearings out (always a case's
 * hearings from some point on, so that a case's placed hearings stay a prefix in order), puts
 * hearings back through the engine (so every hard constraint still holds), and is kept only if
 * the objective fell; otherwise the timetable is put back exactly as it was.
 */
export class Improver {
  /** Hearings with a placement saved by the move in progress, per case: the case's prefix. */
  private readonly saved = new Map<number, (Placement | undefined)[]>();
  private readonly urgentCase: Uint8Array;
  /** The granularity of the packing arithmetic: the common divisor of durations and capacities. */
  private readonly unit: number;
  /** The next unplaced hearing of each case not fully placed, best key first (refreshed now and then). */
  private waiting: number[] = [];
  private waitingAge = Number.MAX_SAFE_INTEGER;

  constructor(
    private readonly engine: PlacementEngine,
    private readonly random: Random,
    /** Cases whose custody limit can still be met: listed by their limit first, and taken out only to make room for another such case. */
    urgentCase: Uint8Array,
  ) {
    this.urgentCase = urgentCase;
    const model = engine.model;
    let unit = 0;
    for (const hearing of model.hearings) unit = gcd(unit, hearing.minutes);
    for (const session of model.sessions) unit = gcd(unit, session.length);
    for (const judge of model.judges) unit = gcd(unit, judge.maxMinutesPerDay);
    this.unit = Math.max(5, unit);
  }

  /**
   * How much a hearing's key counts the hearings of its case after it: 1 when holding it later
   * would hold them all later (courts with room to spare, where the chains decide), 0 when each
   * hearing is weighed on its own (courts that cannot hear everything, where short first
   * hearings would otherwise crowd out trials). The solver tries both.
   */
  chainWeight = 1;

  /** Weight per minute of a hearing, counting (by `chainWeight`) the case's hearings after it. */
  key(hearing: number): number {
    const model = this.engine.model;
    const item = model.hearings[hearing];
    const after = model.cases[item.caseIndex].hearings.length - item.ordinal - 1;
    return (item.weight * (1 + this.chainWeight * after)) / item.minutes;
  }

  /** Custody cases still able to meet their limit come before everything else, soonest limit first. */
  private priorityKey(hearing: number): number {
    const model = this.engine.model;
    const item = model.cases[model.hearings[hearing].caseIndex];
    return this.urgentCase[item.index] ? URGENT - (item.custodyLimitDay as number) : this.key(hearing);
  }

  /** The earliest place within the window, by its custody limit first if the case can still meet it. */
  private placeEarliest(hearing: number): boolean {
    const { engine } = this;
    const model = engine.model;
    const window = engine.windowFor(hearing);
    if (!window) return false;
    const item = model.cases[model.hearings[hearing].caseIndex];
    let placement;
    if (this.urgentCase[item.index] && window.toDay > (item.custodyLimitDay as number)) {
      placement = engine.findEarliest(hearing, { ...window, toDay: item.custodyLimitDay as number });
    }
    placement ??= engine.findEarliest(hearing, window);
    if (!placement) return false;
    engine.place(hearing, placement);
    return true;
  }

  /**
   * Moves each placed hearing to the earliest earlier day it now fits on, in order of day, and
   * then places what it can of the cases not fully placed. Returns the number of changes.
   * With `tallies`, records for each hearing why no earlier day would do (for explanations).
   */
  compact(shouldStop: () => boolean, tallies?: Map<number, FailureTally>): number {
    const { engine } = this;
    const model = engine.model;
    let changes = 0;
    const placed = model.hearings.filter((hearing) => engine.isPlaced(hearing.index)).map((hearing) => hearing.index);
    placed.sort((a, b) => engine.hearingSession[a] - engine.hearingSession[b] || engine.hearingStart[a] - engine.hearingStart[b] || a - b);
    for (const hearing of placed) {
      if (shouldStop()) return changes;
      const day = engine.dayOf(hearing);
      const window = engine.windowFor(hearing);
      if (!window || window.fromDay >= day) {
        if (tallies) tallies.set(hearing, newTally());
        continue;
      }
      const tally = tallies ? newTally() : undefined;
      const placement = engine.findEarliest(hearing, { ...window, toDay: day - 1, toMinute: Number.MAX_SAFE_INTEGER }, tally);
      if (tally && tallies) tallies.set(hearing, tally);
      if (!placement) continue;
      const newDay = model.sessions[placement.session].day;
      if (engine.costAt(hearing, newDay, false) >= engine.costAt(hearing, day, engine.isAtPublished(hearing))) continue;
      engine.unplace(hearing);
      engine.place(hearing, placement);
      changes += 1;
    }
    changes += this.fill(shouldStop);
    return changes;
  }

  /** Places what fits of every case not fully placed, best key first. */
  fill(shouldStop: () => boolean): number {
    const { engine } = this;
    const model = engine.model;
    const heap = new MaxHeap();
    for (const item of model.cases) {
      const next = item.hearings[engine.placedInCase[item.index]];
      if (next !== undefined) heap.push(next, this.priorityKey(next));
    }
    let placed = 0;
    for (let hearing = heap.pop(); hearing >= 0; hearing = heap.pop()) {
      if ((placed & 63) === 0 && shouldStop()) break;
      if (!this.placeEarliest(hearing)) continue;
      placed += 1;
      const item = model.hearings[hearing];
      const next = model.cases[item.caseIndex].hearings[item.ordinal + 1];
      if (next !== undefined) heap.push(next, this.priorityKey(next));
    }
    return placed;
  }

  /**
   * Large-neighbourhood search step: empty one to three consecutive days, take out too some
   * cases waiting later (or unscheduled) that are worth more per minute than what was there,
   * and refill by weight per minute with a little noise. Kept if the objective fell.
   */
  ruinAndRecreate(): boolean {
    const { engine, random } = this;
    const model = engine.model;
    const before = engine.objective;
    const lastDay = Math.max(0, model.horizonDays - 1);
    const fromDay = random.int(lastDay + 1);
    const toDay = Math.min(lastDay, fromDay + random.int(3));
    let lowestKey = Infinity;
    let taken = 0;
    for (let day = fromDay; day <= toDay; day += 1) {
      for (const s of model.sessionsByDay[day] ?? []) {
        for (const hearing of [...engine.hearingsInSession[s]]) {
          const item = model.hearings[hearing];
          if (this.urgentCase[item.caseIndex] || !engine.isPlaced(hearing)) continue;
          lowestKey = Math.min(lowestKey, this.key(hearing));
          taken += this.takeOut(item.caseIndex, item.ordinal);
        }
      }
    }
    if (taken === 0) return false;
    const sample = Math.min(model.cases.length, 2 * taken + 8);
    for (let n = 0; n < sample; n += 1) {
      const caseIndex = random.int(model.cases.length);
      if (this.urgentCase[caseIndex]) continue;
      const item = model.cases[caseIndex];
      let ordinal = engine.placedInCase[caseIndex];
      while (ordinal > 0 && engine.dayOf(item.hearings[ordinal - 1]) > toDay) ordinal -= 1;
      if (ordinal >= item.hearings.length || this.key(item.hearings[ordinal]) <= lowestKey) continue;
      this.takeOut(caseIndex, ordinal);
    }
    this.recreate(0.1);
    return this.settle(before);
  }

  /**
   * Repacks one judge's day: takes out the judge's hearings that day and chooses, among them and
   * the best-placed candidates waiting (unscheduled, or listed later), the set worth most that
   * fits the judge's sessions and daily hours exactly (a small knapsack over the sessions'
   * minutes), lists it, and puts back elsewhere what no longer fits. Kept if the objective fell.
   * Greedy listing by priority leaves a few minutes idle in most judges' days; this is where
   * they are won back.
   */
  repack(): boolean {
    const { engine, random } = this;
    const model = engine.model;
    if (model.horizonDays === 0 || model.judges.length === 0) return false;
    let judge = -1;
    let day = -1;
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const d = random.int(model.horizonDays);
      const j = random.int(model.judges.length);
      if (!model.sessionsByDay[d].some((s) => engine.sits(j, s))) continue;
      [judge, day] = [j, d];
      if (model.judges[j].maxMinutesPerDay - engine.judgeMinutes[j * model.horizonDays + d] >= this.unit) break;
    }
    if (judge < 0) return false;
    const before = engine.objective;
    const sessions = model.sessionsByDay[day].filter((s) => engine.sits(judge, s));
    const taken: number[] = [];
    for (const s of sessions) {
      for (const hearing of [...engine.hearingsInSession[s]]) {
        const item = model.hearings[hearing];
        if (engine.hearingJudge[hearing] !== judge || this.urgentCase[item.caseIndex] || !engine.isPlaced(hearing)) continue;
        this.takeOut(item.caseIndex, item.ordinal);
        taken.push(hearing);
      }
    }
    const candidates: number[] = [];
    const allowed: boolean[][] = [];
    for (const hearing of this.candidatesFor(judge, day, taken)) {
      const window = engine.windowFor(hearing);
      const fits = sessions.map((s) => window !== undefined && engine.findWithJudge(hearing, s, judge, window) !== undefined);
      if (!fits.some(Boolean)) continue;
      candidates.push(hearing);
      allowed.push(fits);
    }
    if (candidates.length === 0) return this.revert();
    const chosen = this.knapsack(judge, day, sessions, candidates, allowed);
    for (const [hearing, s] of chosen) {
      const item = model.hearings[hearing];
      // Saved first even when it is not placed, so that undoing the move takes it out again.
      this.takeOut(item.caseIndex, item.ordinal);
      const window = engine.windowFor(hearing);
      if (!window) continue;
      // The table knows minutes, not the clock: if counsel or a room rule out that session,
      // another of the judge's sessions, or another judge that day, may still do.
      const placement =
        engine.findWithJudge(hearing, s, judge, window) ??
        sessions.map((other) => engine.findWithJudge(hearing, other, judge, window)).find((found) => found !== undefined) ??
        (window.fromDay <= day && day <= window.toDay
          ? engine.findEarliest(hearing, {
              ...window,
              fromDay: day,
              fromMinute: day === window.fromDay ? window.fromMinute : 0,
              toDay: day,
            })
          : undefined);
      if (placement) engine.place(hearing, placement);
    }
    this.recreate(0);

    return this.settle(before);
  }

  /**
   * What could fill the judge's day: the hearings just taken out (the first of each case), the
   * best waiting hearings the judge may hear whose window allows the day, and some listed later.
   */
  private candidatesFor(judge: number, day: number, taken: number[]): number[] {
    const { engine, random } = this;
    const model = engine.model;
    const limit = 48;
    const candidates: number[] = [];
    const seen = new Set<number>();
    const fits = (hearing: number) => {
      const item = model.hearings[hearing];
      if (seen.has(item.caseIndex) || this.urgentCase[item.caseIndex] || item.published?.pinned) return false;
      if (model.classes[model.cases[item.caseIndex].requirementClass].judgeEligible[judge] === 0) return false;
      const window = engine.windowFor(hearing);
      return window !== undefined && window.fromDay <= day && day <= window.toDay;
    };
    for (const hearing of taken) {
      const item = model.hearings[hearing];
      if (
        !seen.has(item.caseIndex) &&
        !engine.isPlaced(hearing) &&
        (item.ordinal === 0 || engine.isPlaced(model.cases[item.caseIndex].hearings[item.ordinal - 1]))
      ) {
        candidates.push(hearing);
        seen.add(item.caseIndex);
      }
    }
    if (this.waitingAge > 40) this.refreshWaiting();
    this.waitingAge += 1;
    for (let k = 0; k < this.waiting.length && candidates.length < limit; k += 1) {
      const hearing = this.waiting[k];
      if (
        engine.isPlaced(hearing) ||
        engine.placedInCase[model.hearings[hearing].caseIndex] !== model.hearings[hearing].ordinal ||
        !fits(hearing)
      )
        continue;
      candidates.push(hearing);
      seen.add(model.hearings[hearing].caseIndex);
    }
    for (let attempt = 0; attempt < 4 * limit && candidates.length < limit + limit / 2; attempt += 1) {
      const hearing = random.int(model.hearings.length);
      if (!engine.isPlaced(hearing) || engine.dayOf(hearing) <= day || !fits(hearing)) continue;
      candidates.push(hearing);
      seen.add(model.hearings[hearing].caseIndex);
    }
    return candidates;
  }

  private refreshWaiting(): void {
    const { engine } = this;
    const model = engine.model;
    this.waiting = [];
    for (const item of model.cases) {
      const next = item.hearings[engine.placedInCase[item.index]];
      if (next !== undefined && !this.urgentCase[item.index]) this.waiting.push(next);
    }
    const keys = new Map(this.waiting.map((hearing) => [hearing, this.key(hearing)]));
    this.waiting.sort((a, b) => (keys.get(b) as number) - (keys.get(a) as number) || a - b);
    this.waitingAge = 0;
  }

  /**
   * 0/1 knapsack: which candidates to list in which of the judge's sessions that day, worth the
   * most (each worth what listing it on this day saves against where it is now), within each
   * session's free minutes and the judge's remaining daily minutes.
   */
  private knapsack(judge: number, day: number, sessions: number[], candidates: number[], fits: boolean[][]): [number, number][] {
    const { engine, unit } = this;
    const model = engine.model;
    const D = model.horizonDays;
    const capacity = sessions.map((s) => {
      const session = model.sessions[s];
      let busy = 0;
      for (const hearing of engine.hearingsInSession[s])
        if (engine.hearingJudge[hearing] === judge) busy += model.hearings[hearing].minutes;
      return Math.max(0, Math.floor((session.length - busy) / unit));
    });
    const daily = Math.floor((model.judges[judge].maxMinutesPerDay - engine.judgeMinutes[judge * D + day]) / unit);
    const radix = capacity.map((c) => c + 1);
    const stride: number[] = [];
    let states = 1;
    for (const r of radix) {
      stride.push(states);
      states *= r;
    }
    // A day of many long sessions would make the table too big to pay: leave that day as it is.
    if (states > 4_000) return [];
    const value = new Float64Array(states).fill(-Infinity);
    value[0] = 0;
    const choice = new Uint8Array(states * candidates.length);
    // Units used per session and in all, for every state (mixed radix over the sessions).
    const used = new Int16Array(states * sessions.length);
    const usedInAll = new Int16Array(states);
    for (let state = 0; state < states; state += 1) {
      for (let k = 0; k < sessions.length; k += 1) {
        const units = Math.floor(state / stride[k]) % radix[k];
        used[state * sessions.length + k] = units;
        usedInAll[state] += units;
      }
    }
    candidates.forEach((hearing, index) => {
      const item = model.hearings[hearing];
      const size = Math.ceil(item.minutes / unit);
      const current = engine.isPlaced(hearing)
        ? engine.costAt(hearing, engine.dayOf(hearing), engine.isAtPublished(hearing))
        : engine.costAt(hearing, -1, false);
      const worth = current - engine.costAt(hearing, day, false);
      if (worth <= 0) return;
      const allowed = fits[index];
      // From the fullest state down, so that each candidate is counted once (0/1 knapsack in place).
      for (let state = states - 1; state >= 0; state -= 1) {
        const here = value[state];
        if (here === -Infinity || usedInAll[state] + size > daily) continue;
        for (let k = 0; k < sessions.length; k += 1) {
          if (!allowed[k] || used[state * sessions.length + k] + size > capacity[k]) continue;
          const target = state + size * stride[k];
          if (here + worth > value[target]) {
            value[target] = here + worth;
            choice[index * states + target] = k + 1;
          }
        }
      }
    });
    let best = 0;
    for (let state = 1; state < states; state += 1) if (value[state] > value[best]) best = state;
    const chosen: [number, number][] = [];
    let state = best;
    for (let index = candidates.length - 1; index >= 0 && state > 0; index -= 1) {
      const k = choice[index * states + state];
      if (k === 0) continue;
      const item = model.hearings[candidates[index]];
      chosen.push([candidates[index], sessions[k - 1]]);
      state -= Math.ceil(item.minutes / unit) * stride[k - 1];
    }
    return chosen.sort((a, b) => model.hearings[b[0]].minutes - model.hearings[a[0]].minutes);
  }

  /**
   * A custody case that misses its limit although it need not in an empty court: hold its
   * hearings by the limit, emptying a day of other (non-urgent) cases' hearings where nothing
   * else helps, then put those back where they now fit. Kept if the objective fell.
   */
  repairCustody(caseIndex: number, shouldStop: () => boolean): boolean {
    const { engine } = this;
    const model = engine.model;
    const item = model.cases[caseIndex];
    const limit = item.custodyLimitDay;
    if (limit === undefined || !engine.isBreached(caseIndex)) return false;
    const before = engine.objective;
    this.takeOut(caseIndex, 0);
    for (const hearing of item.hearings) {
      if (engine.isPlaced(hearing)) continue;
      const window = engine.windowFor(hearing);
      if (!window || window.fromDay > limit) return this.revert();
      const latest = { ...window, toDay: Math.min(window.toDay, limit) };
      let placement = engine.findEarliest(hearing, latest);
      for (let day = latest.fromDay; !placement && day <= latest.toDay; day += 1) {
        if (shouldStop()) return this.revert();
        placement = this.makeRoom(hearing, day, latest);
      }
      if (!placement) return this.revert();
      engine.place(hearing, placement);
    }
    this.recreate(0);
    return this.settle(before);
  }

  /** Takes out a case's hearings from `ordinal` on (saving the case's placements first). */
  private takeOut(caseIndex: number, from: number): number {
    const { engine } = this;
    const hearings = engine.model.cases[caseIndex].hearings;
    // Hearings under way (a prefix of the case's) are never taken out.
    let ordinal = from;
    while (ordinal < hearings.length && engine.model.hearings[hearings[ordinal]].published?.pinned) ordinal += 1;
    if (!this.saved.has(caseIndex))
      this.saved.set(
        caseIndex,
        hearings.map((hearing) => engine.placementOf(hearing)),
      );
    let taken = 0;
    for (let k = hearings.length - 1; k >= ordinal; k -= 1) {
      if (engine.isPlaced(hearings[k])) {
        engine.unplace(hearings[k]);
        taken += 1;
      }
    }
    return taken;
  }

  /**
   * Makes room for a hearing on a day by taking out the fewest hearings in its way (those of
   * custody cases due by that day only if nothing else will do): for each session, eligible
   * judge and start (the session's first or last possible minute), it counts what overlaps in
   * the judge's list, its counsel's and witnesses' diaries, and the least busy eligible room,
   * interpreter and supporter; takes out the cheapest such set and places the hearing there.
   */
  private makeRoom(hearing: number, day: number, window: Window): Placement | undefined {
    const { engine } = this;
    const model = engine.model;
    const item = model.hearings[hearing];
    const owner = model.cases[item.caseIndex];
    const klass = model.classes[owner.requirementClass];
    const onDay: number[] = [];
    for (const s of model.sessionsByDay[day] ?? []) for (const other of engine.hearingsInSession[s]) onDay.push(other);
    const people = new Set(owner.people);
    const cost = (other: number) => {
      const otherCase = model.hearings[other].caseIndex;
      if (otherCase === owner.index || model.hearings[other].published?.pinned) return Infinity;
      return this.urgentCase[otherCase] && (model.cases[otherCase].custodyLimitDay as number) <= day ? 1_000 : 1;
    };
    let best: { cost: number; out: Set<number>; target: { session: number; start: number; judge: number; room: number } } | undefined;
    for (const s of model.sessionsByDay[day] ?? []) {
      const session = model.sessions[s];
      if (klass.dayOnly && session.kind !== 'day') continue;
      const from = day === window.fromDay ? Math.max(session.start, window.fromMinute) : session.start;
      const to = day === window.toDay ? Math.min(session.end, window.toMinute) : session.end;
      if (to - from < item.minutes) continue;
      for (const judge of klass.judges) {
        if (!engine.sits(judge, s) || model.judges[judge].maxMinutesPerDay < item.minutes) continue;
        for (const start of new Set([from, to - item.minutes])) {
          const end = start + item.minutes;
          const overlaps = (other: number) => {
            const otherStart = engine.hearingStart[other];
            return otherStart < end && otherStart + model.hearings[other].minutes > start;
          };
          const out = new Set<number>();
          for (const other of onDay) {
            if (!overlaps(other)) continue;
            if (
              engine.hearingJudge[other] === judge ||
              model.cases[model.hearings[other].caseIndex].people.some((person) => people.has(person))
            )
              out.add(other);
          }
          // The judge's daily minutes: take out the judge's other hearings that day, latest first, until it fits.
          let minutes = engine.judgeMinutes[judge * model.horizonDays + day] + item.minutes;
          for (const other of out) if (engine.hearingJudge[other] === judge) minutes -= model.hearings[other].minutes;
          const judgeOthers = onDay
            .filter((other) => engine.hearingJudge[other] === judge && !out.has(other))
            .sort((a, b) => engine.hearingStart[b] - engine.hearingStart[a]);
          for (const other of judgeOthers) {
            if (minutes <= model.judges[judge].maxMinutesPerDay) break;
            out.add(other);
            minutes -= model.hearings[other].minutes;
          }
          const cheapest = (
            candidates: Int32Array,
            open: Int32Array,
            uses: (other: number, candidate: number) => boolean,
            taken: Set<number>,
          ) => {
            let chosen = -1;
            let chosenOut: readonly number[] = [];
            for (const candidate of candidates) {
              if (!open.includes(candidate) || taken.has(candidate)) continue;
              const blocking = onDay.filter((other) => !out.has(other) && overlaps(other) && uses(other, candidate));
              if (
                chosen < 0 ||
                blocking.reduce((sum, other) => sum + cost(other), 0) < chosenOut.reduce((sum, other) => sum + cost(other), 0)
              ) {
                chosen = candidate;
                chosenOut = blocking;
              }
            }
            for (const other of chosenOut) out.add(other);
            return chosen;
          };
          const room = cheapest(klass.rooms, session.rooms, (other, room) => engine.hearingRoom[other] === room, new Set());
          if (room < 0) continue;
          const usedInterpreters = new Set<number>();
          let missing = false;
          for (const speakers of klass.interpreters) {
            const interpreter = cheapest(
              speakers,
              session.interpreters,
              (other, candidate) => engine.hearingInterpreters[other]?.includes(candidate) === true,
              usedInterpreters,
            );
            if (interpreter < 0) missing = true;
            usedInterpreters.add(interpreter);
          }
          for (const [needed, supporters] of [
            [klass.intermediary, klass.intermediaries],
            [klass.supporter, klass.supporters],
          ] as const) {
            if (!needed) continue;
            const found = cheapest(
              supporters,
              session.supporters,
              (other, candidate) => engine.hearingIntermediary[other] === candidate || engine.hearingSupporter[other] === candidate,
              new Set(),
            );
            if (found < 0) missing = true;
          }
          if (missing) continue;
          const total = [...out].reduce((sum, other) => sum + cost(other), 0);
          if (total < (best?.cost ?? Infinity)) best = { cost: total, out, target: { session: s, start, judge, room } };
        }
      }
    }
    if (!best) return undefined;
    for (const other of best.out) if (engine.isPlaced(other)) this.takeOut(model.hearings[other].caseIndex, model.hearings[other].ordinal);
    return (
      engine.fitsExactly(hearing, best.target) ??
      engine.findEarliest(hearing, { ...window, fromDay: day, fromMinute: day === window.fromDay ? window.fromMinute : 0, toDay: day })
    );
  }

  /**
   * Puts back the touched cases' missing hearings, urgent custody first, then best key (times
   * some noise). A custody hearing that no longer fits by its limit makes room for itself there
   * (taking out hearings that can wait, which are put back in turn).
   */
  private recreate(noise: number): void {
    const { engine, random } = this;
    const model = engine.model;
    const heap = new MaxHeap();
    const queued = new Set<number>();
    const jitter = () => (noise > 0 ? 1 + noise * (2 * random.next() - 1) : 1);
    const pushNextOf = (caseIndex: number) => {
      const next = model.cases[caseIndex].hearings[engine.placedInCase[caseIndex]];
      if (next === undefined || queued.has(next)) return;
      queued.add(next);
      heap.push(next, this.urgentCase[caseIndex] ? this.priorityKey(next) : this.key(next) * jitter());
    };
    for (const caseIndex of this.saved.keys()) pushNextOf(caseIndex);
    let roomsMade = 0;
    for (let hearing = heap.pop(); hearing >= 0; hearing = heap.pop()) {
      queued.delete(hearing);
      const caseIndex = model.hearings[hearing].caseIndex;
      let placed = this.placeEarliest(hearing);
      const limit = model.cases[caseIndex].custodyLimitDay as number;
      const window = engine.windowFor(hearing);
      if (!placed && this.urgentCase[caseIndex] && window && window.fromDay <= limit && roomsMade < 8) {
        roomsMade += 1;
        const before = new Set(this.saved.keys());
        for (let day = window.fromDay; !placed && day <= Math.min(limit, window.toDay); day += 1) {
          const placement = this.makeRoom(hearing, day, { ...window, toDay: Math.min(window.toDay, limit) });
          if (placement) {
            engine.place(hearing, placement);
            placed = true;
          }
        }
        for (const touched of this.saved.keys()) if (!before.has(touched)) pushNextOf(touched);
      }
      if (placed) pushNextOf(caseIndex);
    }
  }

  private settle(before: number): boolean {
    if (this.engine.objective < before - 1e-9 * Math.max(1, Math.abs(before))) {
      this.saved.clear();
      return true;
    }
    return this.revert();
  }

  /** Puts every touched case back exactly as it was. */
  private revert(): false {
    const { engine } = this;
    const model = engine.model;
    for (const caseIndex of this.saved.keys()) {
      for (const hearing of model.cases[caseIndex].hearings) if (engine.isPlaced(hearing)) engine.unplace(hearing);
    }
    for (const [caseIndex, placements] of this.saved) {
      model.cases[caseIndex].hearings.forEach((hearing, ordinal) => {
        const placement = placements[ordinal];
        if (placement) engine.place(hearing, placement);
      });
    }
    this.saved.clear();
    return false;
  }
}

/** Above every key a weight per minute can reach: urgent custody hearings go first. */
const URGENT = 1e12;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

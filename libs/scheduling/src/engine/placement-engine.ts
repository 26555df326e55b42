import { HELD_BY_REASONS, type HeldByReason } from '../contract/plan-reasons';
import type { PublishedPlacement, SchedulingModel } from '../model/model';
import { busyMinutes, conflictEnd, longestFree, occupy, release, type Timeline } from './timeline';

/**
 * Why a hearing could not be held in a session, from the most basic to the furthest the search
 * got: the reasons the plan's explanations state (its contract), whose order this engine counts
 * by. Over a day, the furthest reason of its sessions is what a clerk is told.
 */
export const FAILURE_REASONS = HELD_BY_REASONS;
export type FailureReason = HeldByReason;
const REASON = Object.fromEntries(FAILURE_REASONS.map((reason, index) => [reason, index])) as Record<FailureReason, number>;
const STATIC_OK = 255;
const STATIC_UNKNOWN = 254;

/** Days on which a hearing could not be held, counted by the furthest reason of each day. */
export type FailureTally = Int32Array;
export function newTally(): FailureTally {
  return new Int32Array(FAILURE_REASONS.length);
}

/** Where a hearing goes: its session and start, and everyone and everything it needs. */
export interface Placement {
  readonly session: number;
  readonly start: number;
  readonly judge: number;
  readonly room: number;
  readonly interpreters: Int32Array;
  readonly intermediary: number;
  readonly supporter: number;
}

/** Earliest (inclusive) and latest (inclusive end) moments a hearing may occupy. */
export interface Window {
  readonly fromDay: number;
  readonly fromMinute: number;
  readonly toDay: number;
  readonly toMinute: number;
}

/**
 * The timetable under construction: who is busy when, and the objective as it stands. It places
 * a hearing only where every hard constraint holds (one place at a time for judges, rooms,
 * interpreters, supporters, counsel and witnesses; within a session; eligible judge, room,
 * interpreters and supporters; day sessions for child and vulnerable witnesses; judges' daily
 * minutes), so any sequence of `place` and `unplace` calls keeps the timetable feasible.
 * Precedence between a case's hearings is the caller's: it passes the window.
 */
export class PlacementEngine {
  readonly hearingSession: Int32Array;
  readonly hearingStart: Int32Array;
  readonly hearingJudge: Int32Array;
  readonly hearingRoom: Int32Array;
  readonly hearingIntermediary: Int32Array;
  readonly hearingSupporter: Int32Array;
  readonly hearingInterpreters: (Int32Array | undefined)[];
  /** Per case: how many of its hearings are placed; and how many on or before its custody limit. */
  readonly placedInCase: Int32Array;
  /** The hearings placed in each session. */
  readonly hearingsInSession: Set<number>[];
  private readonly custodyOk: Int32Array;

  /** The objective's parts, kept up to date (see objective.ts for the definition). */
  waiting = 0;
  unscheduledWaiting = 0;
  unscheduledPenalty = 0;
  moved = 0;
  breaches = 0;
  placedHearings = 0;

  private readonly days: number;
  private readonly judgeLines: (Timeline | undefined)[];
  private readonly roomLines: (Timeline | undefined)[];
  private readonly interpreterLines: (Timeline | undefined)[];
  private readonly supporterLines: (Timeline | undefined)[];
  private readonly personLines = new Map<number, Timeline>();
  readonly judgeMinutes: Int32Array;
  /** Per judge and session: the longest hearing the judge could still take in it (0 if not sitting). */
  private readonly judgeRoomFor: Int32Array;
  private readonly judgeFree: Int32Array;
  /** Per session: the longest hearing any judge could still take. */
  readonly sessionFree: Int32Array;
  private readonly roomHolder: Int32Array;
  private readonly roomHolderCount: Int32Array;
  private readonly judgeSits: Uint8Array;
  private readonly roomOpen: Uint8Array;
  private readonly interpreterOpen: Uint8Array;
  private readonly supporterOpen: Uint8Array;
  private readonly staticFailure: Uint8Array;
  private readonly sessionsByDayStart: Int32Array;
  /** Scratch: what the last successful search chose. */
  private readonly chosenInterpreters: Int32Array;
  private chosenRoom = -1;
  private chosenIntermediary = -1;
  private chosenSupporter = -1;
  private nextTry = 0;
  private depth = 0;

  constructor(readonly model: SchedulingModel) {
    const { sessions, judges, rooms, interpreters, supporters, hearings, cases, classes } = model;
    const [S, J, R, I, P, H] = [sessions.length, judges.length, rooms.length, interpreters.length, supporters.length, hearings.length];
    this.days = Math.max(1, model.horizonDays);
    this.hearingSession = new Int32Array(H).fill(-1);
    this.hearingStart = new Int32Array(H);
    this.hearingJudge = new Int32Array(H).fill(-1);
    this.hearingRoom = new Int32Array(H).fill(-1);
    this.hearingIntermediary = new Int32Array(H).fill(-1);
    this.hearingSupporter = new Int32Array(H).fill(-1);
    this.hearingInterpreters = new Array(H).fill(undefined);
    this.placedInCase = new Int32Array(cases.length);
    this.hearingsInSession = sessions.map(() => new Set<number>());
    this.custodyOk = new Int32Array(cases.length);
    this.judgeLines = new Array(J * this.days).fill(undefined);
    this.roomLines = new Array(R * this.days).fill(undefined);
    this.interpreterLines = new Array(I * this.days).fill(undefined);
    this.supporterLines = new Array(P * this.days).fill(undefined);
    this.judgeMinutes = new Int32Array(J * this.days);
    this.judgeRoomFor = new Int32Array(J * S).fill(-1);
    this.judgeFree = new Int32Array(J * S);
    this.sessionFree = new Int32Array(S);
    this.roomHolder = new Int32Array(R * S).fill(-1);
    this.roomHolderCount = new Int32Array(R * S);
    this.judgeSits = new Uint8Array(S * J);
    this.roomOpen = new Uint8Array(S * R);
    this.interpreterOpen = new Uint8Array(S * I);
    this.supporterOpen = new Uint8Array(S * P);
    this.staticFailure = new Uint8Array(classes.length * S).fill(STATIC_UNKNOWN);
    this.sessionsByDayStart = new Int32Array(this.days + 1).fill(S);
    for (let s = S - 1; s >= 0; s -= 1) this.sessionsByDayStart[sessions[s].day] = s;
    for (let day = this.days - 1; day >= 0; day -= 1) {
      this.sessionsByDayStart[day] = Math.min(this.sessionsByDayStart[day], this.sessionsByDayStart[day + 1]);
    }
    for (const session of sessions) {
      for (const j of session.judges) {
        this.judgeSits[session.index * J + j] = 1;
        this.judgeFree[j * S + session.index] = Math.min(session.length, judges[j].maxMinutesPerDay);
      }
      for (const r of session.rooms) this.roomOpen[session.index * R + r] = 1;
      for (const i of session.interpreters) this.interpreterOpen[session.index * I + i] = 1;
      for (const p of session.supporters) this.supporterOpen[session.index * P + p] = 1;
      this.refreshSessionFree(session.index);
    }
    // Bookings outside the plan: busy from the start, never released.
    for (const commitment of model.commitments) {
      const { day, start, end } = commitment;
      for (const j of commitment.judges) occupy(this.line(this.judgeLines, j, day), start, end);
      for (const r of commitment.rooms) occupy(this.line(this.roomLines, r, day), start, end);
      for (const i of commitment.interpreters) occupy(this.line(this.interpreterLines, i, day), start, end);
      for (const p of commitment.supporters) occupy(this.line(this.supporterLines, p, day), start, end);
      for (const person of commitment.people) occupy(this.personLine(person, day), start, end);
    }
    // A hearing listed outside the plan is sitting time too: it counts in the judge's daily maximum
    // (once, where two of them overlap), so the plan adds only what the day has left.
    for (const commitment of model.commitments) {
      for (const j of commitment.judges) {
        this.judgeMinutes[j * this.days + commitment.day] = busyMinutes(this.judgeLines[j * this.days + commitment.day]);
        this.refreshJudgeDay(j, commitment.day);
      }
    }
    this.chosenInterpreters = new Int32Array(Math.max(1, ...classes.map((c) => c.languages.length)));
    const { unscheduledPenaltyDays } = model.policy;
    for (const hearing of hearings) {
      const filed = cases[hearing.caseIndex].filedDay;
      this.unscheduledWaiting += hearing.weight * (model.horizonDays - filed);
      this.unscheduledPenalty += hearing.weight * unscheduledPenaltyDays;
      if (hearing.published) this.moved += 1;
    }
    for (const item of cases) if (this.custodyCanBreach(item.index)) this.breaches += 1;
  }

  /** The objective as it stands (see objective.ts). */
  get objective(): number {
    const { movePenalty, custodyBreachPenalty } = this.model.policy;
    return (
      this.waiting + this.unscheduledWaiting + this.unscheduledPenalty + this.moved * movePenalty + this.breaches * custodyBreachPenalty
    );
  }

  isPlaced(hearing: number): boolean {
    return this.hearingSession[hearing] >= 0;
  }

  dayOf(hearing: number): number {
    const session = this.hearingSession[hearing];
    return session < 0 ? -1 : this.model.sessions[session].day;
  }

  placementOf(hearing: number): Placement | undefined {
    const session = this.hearingSession[hearing];
    if (session < 0) return undefined;
    return {
      session,
      start: this.hearingStart[hearing],
      judge: this.hearingJudge[hearing],
      room: this.hearingRoom[hearing],
      interpreters: this.hearingInterpreters[hearing] ?? new Int32Array(0),
      intermediary: this.hearingIntermediary[hearing],
      supporter: this.hearingSupporter[hearing],
    };
  }

  /**
   * The window a hearing may use given its case's neighbours as placed now: after the previous
   * hearing (its minimum days, or on the same day after the break) and, when the next one is
   * placed, early enough to leave it where it is.
   */
  windowFor(hearing: number): Window | undefined {
    const model = this.model;
    const item = model.hearings[hearing];
    const caseHearings = model.cases[item.caseIndex].hearings;
    let fromDay = 0;
    let fromMinute = 0;
    const heard = model.cases[item.caseIndex].lastHeardDay;
    // The first one after a hearing already held: its days from that one (the same day: any time).
    if (item.ordinal === 0 && heard !== undefined) fromDay = Math.max(0, heard + item.minDaysAfterPrevious);
    if (item.ordinal > 0) {
      const previous = caseHearings[item.ordinal - 1];
      const session = this.hearingSession[previous];
      if (session < 0) return undefined;
      const previousDay = model.sessions[session].day;
      if (item.minDaysAfterPrevious > 0) fromDay = previousDay + item.minDaysAfterPrevious;
      else {
        fromDay = previousDay;
        fromMinute = this.hearingStart[previous] + model.hearings[previous].minutes + item.breakAfterPrevious;
      }
    }
    let toDay = this.days - 1;
    let toMinute = Number.MAX_SAFE_INTEGER;
    if (item.ordinal + 1 < caseHearings.length) {
      const next = caseHearings[item.ordinal + 1];
      const session = this.hearingSession[next];
      if (session >= 0) {
        const nextItem = model.hearings[next];
        const nextDay = model.sessions[session].day;
        if (nextItem.minDaysAfterPrevious > 0) toDay = nextDay - nextItem.minDaysAfterPrevious;
        else {
          toDay = nextDay;
          toMinute = this.hearingStart[next] - nextItem.breakAfterPrevious;
        }
      }
    }
    if (toDay < fromDay) return undefined;
    return { fromDay, fromMinute, toDay, toMinute };
  }

  /**
   * The first session (in time) in the window where the hearing fits, with the judge who
   * would be left with the least unused time that day (best fit), at the earliest start for
   * that judge; or undefined. When `tally` is given, counts the days it could not be held on.
   */
  findEarliest(hearing: number, window: Window, tally?: FailureTally): Placement | undefined {
    if (this.model.hearings[hearing].published?.pinned) return this.pinnedWithin(hearing, window);
    const model = this.model;
    const { sessions } = model;
    const item = model.hearings[hearing];
    const caseModel = model.cases[item.caseIndex];
    const klass = model.classes[caseModel.requirementClass];
    const minutes = item.minutes;
    const J = model.judges.length;
    const S = sessions.length;
    let currentDay = -1;
    let dayDepth = -1;
    const endSession = window.toDay + 1 >= this.sessionsByDayStart.length ? S : this.sessionsByDayStart[window.toDay + 1];
    for (let s = window.fromDay >= this.days ? S : this.sessionsByDayStart[window.fromDay]; s < endSession; s += 1) {
      const session = sessions[s];
      if (tally && session.day !== currentDay) {
        if (dayDepth >= 0) tally[dayDepth] += 1;
        currentDay = session.day;
        dayDepth = -1;
      }
      let failure = this.staticFailureOf(klass.index, s);
      if (failure === STATIC_OK) {
        if (klass.dayOnly && session.kind !== 'day') failure = REASON.night_session;
        else if (minutes > session.length) failure = REASON.session_too_short;
        else if (this.sessionFree[s] < minutes) failure = REASON.judges_full;
      }
      if (failure !== STATIC_OK) {
        if (failure > dayDepth) dayDepth = failure;
        continue;
      }
      const from = session.day === window.fromDay ? Math.max(session.start, window.fromMinute) : session.start;
      const to = session.day === window.toDay ? Math.min(session.end, window.toMinute) : session.end;
      if (to - from < minutes) {
        if (REASON.session_too_short > dayDepth) dayDepth = REASON.session_too_short;
        continue;
      }
      let bestJudge = -1;
      let bestStart = 0;
      let bestLeftover = Number.MAX_SAFE_INTEGER;
      let bestRoom = -1;
      let bestIntermediary = -1;
      let bestSupporter = -1;
      let bestInterpreters: Int32Array | undefined;
      this.depth = REASON.judges_full;
      const judgesOfClass = klass.judges;
      for (let k = 0; k < judgesOfClass.length; k += 1) {
        const j = judgesOfClass[k];
        if (this.judgeSits[s * J + j] === 0 || this.judgeFree[j * S + s] < minutes) continue;
        const leftover = model.judges[j].maxMinutesPerDay - this.judgeMinutes[j * this.days + session.day] - minutes;
        if (leftover > bestLeftover) continue;
        const start = this.earliestWith(hearing, j, s, from, to);
        if (start < 0) continue;
        if (leftover < bestLeftover || start < bestStart) {
          bestJudge = j;
          bestStart = start;
          bestLeftover = leftover;
          bestRoom = this.chosenRoom;
          bestIntermediary = this.chosenIntermediary;
          bestSupporter = this.chosenSupporter;
          bestInterpreters = klass.languages.length ? this.chosenInterpreters.slice(0, klass.languages.length) : undefined;
        }
      }
      if (bestJudge >= 0) {
        return {
          session: s,
          start: bestStart,
          judge: bestJudge,
          room: bestRoom,
          interpreters: bestInterpreters ?? new Int32Array(0),
          intermediary: bestIntermediary,
          supporter: bestSupporter,
        };
      }
      if (this.depth > dayDepth) dayDepth = this.depth;
    }
    if (tally && dayDepth >= 0) tally[dayDepth] += 1;
    return undefined;
  }

  /** The earliest place for the hearing in one session with one judge, within its window. */
  findWithJudge(hearing: number, s: number, judge: number, window: Window): Placement | undefined {
    const pinned = this.model.hearings[hearing].published;
    if (pinned?.pinned) return pinned.session === s && pinned.judge === judge ? this.pinnedWithin(hearing, window) : undefined;
    const model = this.model;
    const session = model.sessions[s];
    const item = model.hearings[hearing];
    const klass = model.classes[model.cases[item.caseIndex].requirementClass];
    const J = model.judges.length;
    if (session.day < window.fromDay || session.day > window.toDay) return undefined;
    if (this.staticFailureOf(klass.index, s) !== STATIC_OK || (klass.dayOnly && session.kind !== 'day')) return undefined;
    if (
      klass.judgeEligible[judge] === 0 ||
      this.judgeSits[s * J + judge] === 0 ||
      this.judgeFree[judge * model.sessions.length + s] < item.minutes
    )
      return undefined;
    const from = session.day === window.fromDay ? Math.max(session.start, window.fromMinute) : session.start;
    const to = session.day === window.toDay ? Math.min(session.end, window.toMinute) : session.end;
    const start = this.earliestWith(hearing, judge, s, from, to);
    if (start < 0) return undefined;
    return {
      session: s,
      start,
      judge,
      room: this.chosenRoom,
      interpreters: this.chosenInterpreters.slice(0, klass.languages.length),
      intermediary: this.chosenIntermediary,
      supporter: this.chosenSupporter,
    };
  }

  /** Whether the judge sits in the session. */
  sits(judge: number, s: number): boolean {
    return this.judgeSits[s * this.model.judges.length + judge] === 1;
  }

  /**
   * Whether the hearing can be held exactly at a given session, start, judge and room (its
   * published place), with the interpreters and supporters it was listed with when they are
   * free, else others.
   */
  fitsExactly(hearing: number, target: { session: number; start: number; judge: number; room: number }): Placement | undefined {
    const model = this.model;
    const session = model.sessions[target.session];
    const item = model.hearings[hearing];
    if (item.published?.pinned && !samePlace(item.published, target)) return undefined;
    const klass = model.classes[model.cases[item.caseIndex].requirementClass];
    const J = model.judges.length;
    if (this.staticFailureOf(klass.index, target.session) !== STATIC_OK) return undefined;
    if (klass.dayOnly && session.kind !== 'day') return undefined;
    if (klass.judgeEligible[target.judge] === 0 || this.judgeSits[target.session * J + target.judge] === 0) return undefined;
    if (klass.roomEligible[target.room] === 0 || this.roomOpen[target.session * model.rooms.length + target.room] === 0) return undefined;
    const window = this.windowFor(hearing);
    if (!window || session.day < window.fromDay || session.day > window.toDay) return undefined;
    if (session.day === window.fromDay && target.start < window.fromMinute) return undefined;
    if (session.day === window.toDay && target.start + item.minutes > window.toMinute) return undefined;
    if (target.start < session.start || target.start + item.minutes > session.end) return undefined;
    if (this.judgeMinutes[target.judge * this.days + session.day] + item.minutes > model.judges[target.judge].maxMinutesPerDay)
      return undefined;
    const start = this.earliestWith(hearing, target.judge, target.session, target.start, target.start + item.minutes, target.room);
    if (start !== target.start) return undefined;
    return {
      session: target.session,
      start,
      judge: target.judge,
      room: this.chosenRoom,
      interpreters: this.chosenInterpreters.slice(0, klass.languages.length),
      intermediary: this.chosenIntermediary,
      supporter: this.chosenSupporter,
    };
  }

  /**
   * A hearing under way goes where it is, and nowhere else: its published place when the window
   * allows it, with the interpreters and supporters sitting in it (those it was listed with) and
   * others free then, or else those sitting in it and the first of each other it may have (it is
   * being heard: what it breaks is the court's to see, not the plan's to undo).
   */
  pinnedWithin(hearing: number, window: Window): Placement | undefined {
    const item = this.model.hearings[hearing];
    const pinned = item.published as PublishedPlacement;
    const day = this.model.sessions[pinned.session].day;
    if (day < window.fromDay || day > window.toDay) return undefined;
    if (day === window.fromDay && pinned.start < window.fromMinute) return undefined;
    if (day === window.toDay && pinned.start + item.minutes > window.toMinute) return undefined;
    const klass = this.model.classes[this.model.cases[item.caseIndex].requirementClass];
    const exact = this.fitsExactly(hearing, pinned);
    const listed = (candidates: Int32Array, sitting: Int32Array) => sitting.some((i) => candidates.includes(i));
    const keepsWhoSits = (placement: Placement) =>
      klass.interpreters.every(
        (speakers, k) => !listed(speakers, pinned.interpreters) || pinned.interpreters.includes(placement.interpreters[k]),
      ) &&
      (!klass.intermediary || !listed(klass.intermediaries, pinned.supporters) || pinned.supporters.includes(placement.intermediary)) &&
      (!klass.supporter || !listed(klass.supporters, pinned.supporters) || pinned.supporters.includes(placement.supporter));
    if (exact && keepsWhoSits(exact)) return exact;
    if (klass.interpreters.some((speakers) => speakers.length === 0)) return undefined;
    if ((klass.intermediary && klass.intermediaries.length === 0) || (klass.supporter && klass.supporters.length === 0)) return undefined;
    // Those sitting in it first, whatever else holds them.
    const sitting = (candidates: Int32Array, listed: Int32Array, taken: readonly number[] = []) =>
      listed.find((i) => candidates.includes(i) && !taken.includes(i)) ?? candidates.find((i) => !taken.includes(i)) ?? candidates[0];
    const interpreters: number[] = [];
    for (const speakers of klass.interpreters) interpreters.push(sitting(speakers, pinned.interpreters, interpreters));
    return {
      session: pinned.session,
      start: pinned.start,
      judge: pinned.judge,
      room: pinned.room,
      interpreters: Int32Array.from(interpreters),
      intermediary: klass.intermediary ? sitting(klass.intermediaries, pinned.supporters) : -1,
      supporter: klass.supporter ? sitting(klass.supporters, pinned.supporters) : -1,
    };
  }

  place(hearing: number, placement: Placement): void {
    const model = this.model;
    const item = model.hearings[hearing];
    if (item.published?.pinned && !samePlace(item.published, placement))
      throw new Error(`place(): hearing ${hearing} is under way and cannot be moved`);
    const caseModel = model.cases[item.caseIndex];
    const session = model.sessions[placement.session];
    const day = session.day;
    const from = placement.start;
    const to = from + item.minutes;
    const S = model.sessions.length;
    if (this.hearingSession[hearing] >= 0) throw new Error(`place(): hearing ${hearing} is already placed`);
    occupy(this.line(this.judgeLines, placement.judge, day), from, to);
    occupy(this.line(this.roomLines, placement.room, day), from, to);
    for (const interpreter of placement.interpreters) occupy(this.line(this.interpreterLines, interpreter, day), from, to);
    if (placement.intermediary >= 0) occupy(this.line(this.supporterLines, placement.intermediary, day), from, to);
    if (placement.supporter >= 0) occupy(this.line(this.supporterLines, placement.supporter, day), from, to);
    for (const person of caseModel.people) occupy(this.personLine(person, day), from, to);
    this.judgeMinutes[placement.judge * this.days + day] += item.minutes;
    const holder = placement.room * S + placement.session;
    if (this.roomHolderCount[holder] === 0) this.roomHolder[holder] = placement.judge;
    this.roomHolderCount[holder] += 1;
    if (this.judgeRoomFor[placement.judge * S + placement.session] < 0)
      this.judgeRoomFor[placement.judge * S + placement.session] = placement.room;
    this.hearingSession[hearing] = placement.session;
    this.hearingsInSession[placement.session].add(hearing);
    this.hearingStart[hearing] = from;
    this.hearingJudge[hearing] = placement.judge;
    this.hearingRoom[hearing] = placement.room;
    this.hearingIntermediary[hearing] = placement.intermediary;
    this.hearingSupporter[hearing] = placement.supporter;
    this.hearingInterpreters[hearing] = placement.interpreters.length ? placement.interpreters : undefined;
    this.refreshJudgeDay(placement.judge, day);
    this.account(hearing, day, +1);
  }

  unplace(hearing: number): Placement {
    const placement = this.placementOf(hearing);
    if (!placement) throw new Error(`unplace(): hearing ${hearing} is not placed`);
    const model = this.model;
    const item = model.hearings[hearing];
    const caseModel = model.cases[item.caseIndex];
    const day = model.sessions[placement.session].day;
    const from = placement.start;
    const to = from + item.minutes;
    const S = model.sessions.length;
    this.account(hearing, day, -1);
    release(this.line(this.judgeLines, placement.judge, day), from, to);
    release(this.line(this.roomLines, placement.room, day), from, to);
    for (const interpreter of placement.interpreters) release(this.line(this.interpreterLines, interpreter, day), from, to);
    if (placement.intermediary >= 0) release(this.line(this.supporterLines, placement.intermediary, day), from, to);
    if (placement.supporter >= 0) release(this.line(this.supporterLines, placement.supporter, day), from, to);
    for (const person of caseModel.people) release(this.personLine(person, day), from, to);
    this.judgeMinutes[placement.judge * this.days + day] -= item.minutes;
    const holder = placement.room * S + placement.session;
    this.roomHolderCount[holder] -= 1;
    if (this.roomHolderCount[holder] === 0) this.roomHolder[holder] = -1;
    const judgeLine = this.judgeLines[placement.judge * this.days + day];
    if (
      judgeLine &&
      longestFree(judgeLine, model.sessions[placement.session].start, model.sessions[placement.session].end) ===
        model.sessions[placement.session].length
    ) {
      this.judgeRoomFor[placement.judge * S + placement.session] = -1;
    }
    this.hearingSession[hearing] = -1;
    this.hearingsInSession[placement.session].delete(hearing);
    this.hearingJudge[hearing] = -1;
    this.hearingRoom[hearing] = -1;
    this.hearingIntermediary[hearing] = -1;
    this.hearingSupporter[hearing] = -1;
    this.hearingInterpreters[hearing] = undefined;
    this.refreshJudgeDay(placement.judge, day);
    return placement;
  }

  /** The objective's change if the hearing were placed on `day` instead of where it is (or unplaced). */
  costAt(hearing: number, day: number, keepsPublished: boolean): number {
    const model = this.model;
    const item = model.hearings[hearing];
    const filed = model.cases[item.caseIndex].filedDay;
    const move = item.published && !keepsPublished ? model.policy.movePenalty : 0;
    if (day < 0) return item.weight * (model.horizonDays - filed + model.policy.unscheduledPenaltyDays) + move;
    return item.weight * (day - filed) + move;
  }

  isAtPublished(hearing: number): boolean {
    const published = this.model.hearings[hearing].published;
    return (
      published !== undefined &&
      this.hearingSession[hearing] === published.session &&
      this.hearingStart[hearing] === published.start &&
      this.hearingJudge[hearing] === published.judge &&
      this.hearingRoom[hearing] === published.room
    );
  }

  /** A custody case whose limit falls within the plan, with a hearing missing or after it. */
  isBreached(caseIndex: number): boolean {
    const item = this.model.cases[caseIndex];
    return this.custodyCanBreach(caseIndex) && this.custodyOk[caseIndex] < item.hearings.length;
  }

  private custodyCanBreach(caseIndex: number): boolean {
    const limit = this.model.cases[caseIndex].custodyLimitDay;
    return limit !== undefined && limit < this.model.horizonDays;
  }

  private account(hearing: number, day: number, sign: 1 | -1): void {
    const model = this.model;
    const item = model.hearings[hearing];
    const caseModel = model.cases[item.caseIndex];
    const filed = caseModel.filedDay;
    const wasBreached = this.isBreached(caseModel.index);
    this.waiting += sign * item.weight * (day - filed);
    this.unscheduledWaiting -= sign * item.weight * (model.horizonDays - filed);
    this.unscheduledPenalty -= sign * item.weight * model.policy.unscheduledPenaltyDays;
    this.placedHearings += sign;
    this.placedInCase[caseModel.index] += sign;
    if (item.published && this.isAtPublished(hearing)) this.moved -= sign;
    if (caseModel.custodyLimitDay !== undefined && day <= caseModel.custodyLimitDay) this.custodyOk[caseModel.index] += sign;
    const isBreached = this.isBreached(caseModel.index);
    if (wasBreached !== isBreached) this.breaches += isBreached ? 1 : -1;
  }

  /**
   * The earliest start in [from, to) at which judge `judge` and everyone and everything the
   * hearing needs are free in session `s`, or -1. Leaves its choices in the scratch fields.
   */
  private earliestWith(hearing: number, judge: number, s: number, from: number, to: number, forcedRoom = -1): number {
    const model = this.model;
    const item = model.hearings[hearing];
    const caseModel = model.cases[item.caseIndex];
    const klass = model.classes[caseModel.requirementClass];
    const session = model.sessions[s];
    const day = session.day;
    const minutes = item.minutes;
    const judgeLine = this.judgeLines[judge * this.days + day];
    const people = caseModel.people;
    let t = from;
    search: while (t + minutes <= to) {
      let end = conflictEnd(judgeLine, t, t + minutes);
      if (end >= 0) {
        t = end;
        continue;
      }
      for (let k = 0; k < people.length; k += 1) {
        end = conflictEnd(this.personLines.get(people[k] * this.days + day), t, t + minutes);
        if (end >= 0) {
          if (REASON.people_busy > this.depth) this.depth = REASON.people_busy;
          t = end;
          continue search;
        }
      }
      if (!this.pickRoom(klass.rooms, judge, s, day, t, t + minutes, forcedRoom)) {
        if (REASON.rooms_full > this.depth) this.depth = REASON.rooms_full;
        t = this.nextTry;
        continue;
      }
      for (let language = 0; language < klass.interpreters.length; language += 1) {
        if (!this.pickInterpreter(klass.interpreters[language], language, s, day, t, t + minutes, item.published?.interpreters)) {
          if (REASON.interpreters_busy > this.depth) this.depth = REASON.interpreters_busy;
          t = this.nextTry;
          continue search;
        }
      }
      this.chosenIntermediary = -1;
      this.chosenSupporter = -1;
      if (klass.intermediary) {
        this.chosenIntermediary = this.pickSupporter(klass.intermediaries, s, day, t, t + minutes, item.published?.supporters);
        if (this.chosenIntermediary < 0) {
          if (REASON.support_busy > this.depth) this.depth = REASON.support_busy;
          t = this.nextTry;
          continue;
        }
      }
      if (klass.supporter) {
        this.chosenSupporter = this.pickSupporter(klass.supporters, s, day, t, t + minutes, item.published?.supporters);
        if (this.chosenSupporter < 0) {
          if (REASON.support_busy > this.depth) this.depth = REASON.support_busy;
          t = this.nextTry;
          continue;
        }
      }
      return t;
    }
    return -1;
  }

  /** The judge's own room in this session if free, else a free room nobody sits in, else any. */
  private pickRoom(candidates: Int32Array, judge: number, s: number, day: number, from: number, to: number, forcedRoom: number): boolean {
    const R = this.model.rooms.length;
    const S = this.model.sessions.length;
    let next = Number.MAX_SAFE_INTEGER;
    if (forcedRoom >= 0) {
      const end = conflictEnd(this.roomLines[forcedRoom * this.days + day], from, to);
      if (end < 0) {
        this.chosenRoom = forcedRoom;
        return true;
      }
      this.nextTry = end;
      return false;
    }
    const own = this.judgeRoomFor[judge * S + s];
    if (own >= 0 && candidates.includes(own) && conflictEnd(this.roomLines[own * this.days + day], from, to) < 0) {
      this.chosenRoom = own;
      return true;
    }
    let fallback = -1;
    for (let k = 0; k < candidates.length; k += 1) {
      const room = candidates[k];
      if (this.roomOpen[s * R + room] === 0) continue;
      const end = conflictEnd(this.roomLines[room * this.days + day], from, to);
      if (end >= 0) {
        if (end < next) next = end;
        continue;
      }
      const holder = this.roomHolder[room * S + s];
      if (holder < 0 || holder === judge) {
        this.chosenRoom = room;
        return true;
      }
      if (fallback < 0) fallback = room;
    }
    if (fallback >= 0) {
      this.chosenRoom = fallback;
      return true;
    }
    this.nextTry = next;
    return false;
  }

  /**
   * An interpreter of the language free from `from` to `to`: one the hearing was listed with
   * (`preferred`, summoned to it) if one is, else the first of the candidates. False, with
   * `nextTry` the earliest time one is free again, when none is.
   */
  private pickInterpreter(
    candidates: Int32Array,
    language: number,
    s: number,
    day: number,
    from: number,
    to: number,
    preferred: Int32Array | undefined,
  ): boolean {
    this.nextTry = Number.MAX_SAFE_INTEGER;
    if (preferred)
      for (let k = 0; k < preferred.length; k += 1)
        if (candidates.includes(preferred[k]) && this.interpreterFree(preferred[k], language, s, day, from, to)) return true;
    for (let k = 0; k < candidates.length; k += 1) if (this.interpreterFree(candidates[k], language, s, day, from, to)) return true;
    return false;
  }

  /** Chooses the interpreter for the language if free then; else lowers `nextTry` to when they are. */
  private interpreterFree(interpreter: number, language: number, s: number, day: number, from: number, to: number): boolean {
    if (this.interpreterOpen[s * this.model.interpreters.length + interpreter] === 0) return false;
    for (let earlier = 0; earlier < language; earlier += 1) if (this.chosenInterpreters[earlier] === interpreter) return false;
    const end = conflictEnd(this.interpreterLines[interpreter * this.days + day], from, to);
    if (end >= 0) {
      if (end < this.nextTry) this.nextTry = end;
      return false;
    }
    this.chosenInterpreters[language] = interpreter;
    return true;
  }

  /** A supporter (or intermediary) free from `from` to `to`, one the hearing was listed with first; -1 (and `nextTry`) when none is. */
  private pickSupporter(
    candidates: Int32Array,
    s: number,
    day: number,
    from: number,
    to: number,
    preferred: Int32Array | undefined,
  ): number {
    this.nextTry = Number.MAX_SAFE_INTEGER;
    if (preferred)
      for (let k = 0; k < preferred.length; k += 1)
        if (candidates.includes(preferred[k]) && this.supporterFree(preferred[k], s, day, from, to)) return preferred[k];
    for (let k = 0; k < candidates.length; k += 1) if (this.supporterFree(candidates[k], s, day, from, to)) return candidates[k];
    return -1;
  }

  /** Whether the supporter is free then; if not, lowers `nextTry` to when they are. */
  private supporterFree(supporter: number, s: number, day: number, from: number, to: number): boolean {
    if (this.supporterOpen[s * this.model.supporters.length + supporter] === 0) return false;
    const end = conflictEnd(this.supporterLines[supporter * this.days + day], from, to);
    if (end < 0) return true;
    if (end < this.nextTry) this.nextTry = end;
    return false;
  }

  /** Reasons a class of cases can never be heard in a session, whatever else is booked. */
  private staticFailureOf(klassIndex: number, s: number): number {
    const S = this.model.sessions.length;
    const cached = this.staticFailure[klassIndex * S + s];
    if (cached !== STATIC_UNKNOWN) return cached;
    const { classes, judges, rooms, interpreters, supporters } = this.model;
    const klass = classes[klassIndex];
    let failure = STATIC_OK;
    const anyOpen = (candidates: Int32Array, open: Uint8Array, count: number) => candidates.some((index) => open[s * count + index] === 1);
    if (klass.dayOnly && this.model.sessions[s].kind !== 'day') failure = REASON.night_session;
    else if (!anyOpen(klass.judges, this.judgeSits, judges.length)) failure = REASON.no_judge;
    else if (!anyOpen(klass.rooms, this.roomOpen, rooms.length)) failure = REASON.no_room;
    else if (!klass.interpreters.every((speakers) => anyOpen(speakers, this.interpreterOpen, interpreters.length)))
      failure = REASON.no_interpreter;
    else if (klass.intermediary && !anyOpen(klass.intermediaries, this.supporterOpen, supporters.length)) failure = REASON.no_support;
    else if (klass.supporter && !anyOpen(klass.supporters, this.supporterOpen, supporters.length)) failure = REASON.no_support;
    this.staticFailure[klassIndex * S + s] = failure;
    return failure;
  }

  private refreshJudgeDay(judge: number, day: number): void {
    const model = this.model;
    const S = model.sessions.length;
    const J = model.judges.length;
    // Below nothing: hearings listed outside the plan alone may take more than the maximum.
    const remaining = Math.max(0, model.judges[judge].maxMinutesPerDay - this.judgeMinutes[judge * this.days + day]);
    const line = this.judgeLines[judge * this.days + day];
    for (const s of model.sessionsByDay[day]) {
      if (this.judgeSits[s * J + judge] === 0) continue;
      const session = model.sessions[s];
      this.judgeFree[judge * S + s] = Math.min(remaining, longestFree(line, session.start, session.end));
      this.refreshSessionFree(s);
    }
  }

  private refreshSessionFree(s: number): void {
    const S = this.model.sessions.length;
    let best = 0;
    for (const judge of this.model.sessions[s].judges) best = Math.max(best, this.judgeFree[judge * S + s]);
    this.sessionFree[s] = best;
  }

  private line(lines: (Timeline | undefined)[], index: number, day: number): Timeline {
    const key = index * this.days + day;
    let line = lines[key];
    if (!line) {
      line = [];
      lines[key] = line;
    }
    return line;
  }

  private personLine(person: number, day: number): Timeline {
    const key = person * this.days + day;
    let line = this.personLines.get(key);
    if (!line) {
      line = [];
      this.personLines.set(key, line);
    }
    return line;
  }
}

function samePlace(a: { session: number; start: number; judge: number; room: number }, b: typeof a): boolean {
  return a.session === b.session && a.start === b.start && a.judge === b.judge && a.room === b.room;
}

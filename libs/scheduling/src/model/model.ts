import { formatIsoDate, isoWeekday, parseClockTime, parseIsoDate } from '../calendar';
import {
  LIVE_LINK,
  type AvailabilityInput,
  type CaseInput,
  type DateRangeInput,
  type Policy,
  type PriorityTier,
  type ScheduleInstance,
  type SessionKind,
  type SupportRole,
} from './instance';
import { blockMinutes, caseWeight, hasChildOrVulnerableWitness, needsLiveLink, requiredSpecialisms, resolvePolicy } from './policy';

/**
 * The instance turned into what a solver works on: everything indexed by small integers, days
 * counted from the plan's start (day 0), times in minutes after midnight, every rule that
 * depends on the court's policy already applied (which judges a case may have, which rooms,
 * which interpreters, whether it sits by day only, its blocks and its weight).
 */
export interface SchedulingModel {
  readonly instance: ScheduleInstance;
  readonly policy: Policy;
  /** Day number (days since 1970-01-01) of the plan's first day. */
  readonly startDay: number;
  /** Days in the plan: day `horizonDays` is the first day after the last session. */
  readonly horizonDays: number;
  readonly sessions: readonly SessionModel[];
  /** Sessions of each day, in order of start. */
  readonly sessionsByDay: readonly (readonly number[])[];
  readonly judges: readonly JudgeModel[];
  readonly rooms: readonly RoomModel[];
  readonly interpreters: readonly InterpreterModel[];
  readonly supporters: readonly SupporterModel[];
  readonly people: readonly string[];
  readonly classes: readonly RequirementClass[];
  readonly cases: readonly CaseModel[];
  readonly hearings: readonly HearingModel[];
  /** Published hearings whose case is no longer pending: nothing to keep, noted in the plan. */
  readonly releasedPublished: readonly string[];
  /** Bookings outside the plan within its days, by index (ids the plan does not know are left out). */
  readonly commitments: readonly CommitmentModel[];
}

export interface CommitmentModel {
  readonly id: string;
  readonly day: number;
  readonly start: number;
  readonly end: number;
  readonly judges: Int32Array;
  readonly rooms: Int32Array;
  readonly interpreters: Int32Array;
  readonly supporters: Int32Array;
  readonly people: Int32Array;
}

export interface SessionModel {
  readonly index: number;
  readonly id: string;
  readonly day: number;
  readonly date: string;
  readonly weekday: number;
  readonly kind: SessionKind;
  readonly start: number;
  readonly end: number;
  readonly length: number;
  /** Rooms open, judges sitting, interpreters and supporters available in this session. */
  readonly rooms: Int32Array;
  readonly judges: Int32Array;
  readonly interpreters: Int32Array;
  readonly supporters: Int32Array;
}

export interface JudgeModel {
  readonly index: number;
  readonly id: string;
  readonly label: string;
  readonly specialisms: ReadonlySet<string>;
  readonly maxMinutesPerDay: number;
}

export interface RoomModel {
  readonly index: number;
  readonly id: string;
  readonly virtual: boolean;
  readonly liveLink: boolean;
}

export interface InterpreterModel {
  readonly index: number;
  readonly id: string;
  readonly languages: ReadonlySet<string>;
}

export interface SupporterModel {
  readonly index: number;
  readonly id: string;
  readonly role: SupportRole;
}

/**
 * Cases that need the same kinds of resources share a class: the judges, rooms, interpreters
 * and supporters they may have, each list in the order a solver should try them (the least
 * versatile first, so the versatile stay free for those who need them).
 */
export interface RequirementClass {
  readonly index: number;
  readonly key: string;
  readonly specialisms: readonly string[];
  readonly languages: readonly string[];
  readonly dayOnly: boolean;
  readonly remoteAllowed: boolean;
  readonly liveLink: boolean;
  readonly intermediary: boolean;
  readonly supporter: boolean;
  readonly judgeEligible: Uint8Array;
  readonly judges: Int32Array;
  readonly roomEligible: Uint8Array;
  readonly rooms: Int32Array;
  /** Per language, the interpreters who speak it. */
  readonly interpreters: readonly Int32Array[];
  readonly intermediaries: Int32Array;
  readonly supporters: Int32Array;
}

export interface CaseModel {
  readonly index: number;
  readonly id: string;
  readonly input: CaseInput;
  readonly tier: PriorityTier;
  readonly weight: number;
  readonly yearsWaited: number;
  readonly countedAdjournments: number;
  /** Filing day relative to the plan's start (0 or less). */
  readonly filedDay: number;
  /** The day (relative, 0 or less) the case's latest hearing was held, when its first hearing in the plan keeps its days from it. */
  readonly lastHeardDay: number | undefined;
  /** Last day (relative) every hearing must be held by, for a defendant in custody. */
  readonly custodyLimitDay: number | undefined;
  readonly hearings: readonly number[];
  /** Counsel and witnesses: the people who must not be in two hearings at once. */
  readonly people: Int32Array;
  readonly requirementClass: number;
}

export interface HearingModel {
  readonly index: number;
  readonly caseIndex: number;
  /** Position among the case's hearings (blocks counted separately). */
  readonly ordinal: number;
  /** Index of the needed hearing in the case's `hearings`, and the block of it (1-based). */
  readonly need: number;
  readonly part: number;
  readonly parts: number;
  readonly type: string;
  readonly minutes: number;
  readonly minDaysAfterPrevious: number;
  /** On the same day as the previous one: the pause before it may start. */
  readonly breakAfterPrevious: number;
  /** The case's weight shared equally among its hearings. */
  readonly weight: number;
  readonly published: PublishedPlacement | undefined;
}

export interface PublishedPlacement {
  readonly session: number;
  readonly start: number;
  readonly judge: number;
  readonly room: number;
  /** Under way: the solver keeps it exactly here. */
  readonly pinned: boolean;
  /** The interpreters and supporters it was listed with (those the instance knows): tried first, and kept while under way. */
  readonly interpreters: Int32Array;
  readonly supporters: Int32Array;
}

export function buildModel(instance: ScheduleInstance): SchedulingModel {
  const policy = resolvePolicy(instance.policy);
  const startDay = parseIsoDate(instance.horizon.start) as number;
  const judges = instance.judges.map((judge, index): JudgeModel => ({
    index,
    id: judge.id,
    label: judge.name ?? judge.id,
    specialisms: new Set(judge.specialisms ?? []),
    maxMinutesPerDay: judge.maxSittingMinutesPerDay,
  }));
  const rooms = instance.rooms.map((room, index): RoomModel => ({
    index,
    id: room.id,
    virtual: room.virtual,
    liveLink: (room.equipment ?? []).includes(LIVE_LINK),
  }));
  const interpreters = (instance.interpreters ?? []).map((interpreter, index): InterpreterModel => ({
    index,
    id: interpreter.id,
    languages: new Set(interpreter.languages),
  }));
  const supporters = (instance.supporters ?? []).map((supporter, index): SupporterModel => ({
    index,
    id: supporter.id,
    role: supporter.role,
  }));
  const indexOf = (items: readonly { id: string; index: number }[]) => new Map(items.map((item) => [item.id, item.index]));
  const [byJudge, byRoom, byInterpreter, bySupporter] = [judges, rooms, interpreters, supporters].map(indexOf);
  const known = (ids: readonly string[] | undefined, index: Map<string, number>) =>
    Int32Array.from((ids ?? []).flatMap((id) => (index.has(id) ? [index.get(id) as number] : [])));

  const orderedSessions = instance.sessions
    .map((session) => ({ session, day: (parseIsoDate(session.date) as number) - startDay, start: parseClockTime(session.start) as number }))
    .sort((a, b) => a.day - b.day || a.start - b.start || (a.session.id < b.session.id ? -1 : 1));
  const sessions = orderedSessions.map(({ session, day, start }, index): SessionModel => {
    const absoluteDay = day + startDay;
    const weekday = isoWeekday(absoluteDay);
    const end = parseClockTime(session.end) as number;
    const listed = session.rooms ? new Set(session.rooms.map((id) => byRoom.get(id) as number)) : undefined;
    const open = (available: AvailabilityInput | undefined) => isAvailable(available, absoluteDay, weekday, session.kind);
    return {
      index,
      id: session.id,
      day,
      date: session.date,
      weekday,
      kind: session.kind,
      start,
      end,
      length: end - start,
      rooms: Int32Array.from(
        rooms.filter((room) => (!listed || listed.has(room.index)) && open(instance.rooms[room.index].available)).map((room) => room.index),
      ),
      judges: Int32Array.from(
        instance.judges
          .map((judge, judgeIndex) => ({ judge, judgeIndex }))
          .filter(({ judge }) => isAvailable({ ...judge.sittingPattern, unavailable: judge.leave }, absoluteDay, weekday, session.kind))
          .map(({ judgeIndex }) => judgeIndex),
      ),
      interpreters: Int32Array.from(
        (instance.interpreters ?? []).flatMap((interpreter, interpreterIndex) => (open(interpreter.available) ? [interpreterIndex] : [])),
      ),
      supporters: Int32Array.from(
        (instance.supporters ?? []).flatMap((supporter, supporterIndex) => (open(supporter.available) ? [supporterIndex] : [])),
      ),
    };
  });
  const horizonDays = sessions.length === 0 ? 0 : sessions[sessions.length - 1].day + 1;
  const sessionsByDay: number[][] = Array.from({ length: horizonDays }, () => []);
  for (const session of sessions) sessionsByDay[session.day].push(session.index);

  const people: string[] = [];
  const personIndex = new Map<string, number>();
  const personOf = (id: string) => {
    let index = personIndex.get(id);
    if (index === undefined) {
      index = people.length;
      people.push(id);
      personIndex.set(id, index);
    }
    return index;
  };

  const classes: RequirementClass[] = [];
  const classIndex = new Map<string, number>();
  const cases: CaseModel[] = [];
  const hearings: HearingModel[] = [];
  const sessionIndex = new Map(sessions.map((session) => [session.id, session.index]));
  const published = new Map<string, PublishedPlacement>();
  const pendingCaseIds = new Set(instance.cases.map((item) => item.id));
  const releasedPublished: string[] = [];
  /** Blocks under way since before the plan's first day: in progress, neither listed nor planned anew. */
  const inProgress = new Set<string>();
  for (const entry of instance.published ?? []) {
    if (!pendingCaseIds.has(entry.case)) {
      releasedPublished.push(`${entry.case} hearing ${entry.hearing + 1}`);
      continue;
    }
    const key = `${entry.case}#${entry.hearing}#${entry.part ?? 1}`;
    const session = sessionIndex.get(entry.session);
    if (session === undefined) {
      if (entry.underWay === true) inProgress.add(key);
      continue;
    }
    published.set(key, {
      session,
      start: parseClockTime(entry.start) as number,
      judge: byJudge.get(entry.judge) as number,
      room: byRoom.get(entry.room) as number,
      pinned: entry.underWay === true,
      interpreters: known(entry.interpreters, byInterpreter),
      supporters: known(entry.supporters, bySupporter),
    });
  }

  for (const input of instance.cases) {
    const filedDay = (parseIsoDate(input.filed) as number) - startDay;
    const weight = caseWeight(input, filedDay, 0, policy);
    const dayOnly = hasChildOrVulnerableWitness(input);
    const requirement = {
      specialisms: requiredSpecialisms(input, policy),
      languages: [...(input.interpreterLanguages ?? [])].sort(),
      dayOnly,
      remoteAllowed: input.remoteAllowed === true,
      liveLink: needsLiveLink(input, policy),
      intermediary: input.needs?.intermediary === true,
      supporter: input.needs?.supporter === true,
    };
    const key = JSON.stringify(requirement);
    let requirementClass = classIndex.get(key);
    if (requirementClass === undefined) {
      requirementClass = classes.length;
      classes.push(buildClass(requirementClass, key, requirement, judges, rooms, interpreters, supporters));
      classIndex.set(key, requirementClass);
    }
    const blocks = input.hearings
      .flatMap((need, needIndex) =>
        blockMinutes(need.minutes, dayOnly, policy).map((minutes, partIndex, all) => ({
          need,
          needIndex,
          minutes,
          part: partIndex + 1,
          parts: all.length,
        })),
      )
      .filter((block) => !inProgress.has(`${input.id}#${block.needIndex}#${block.part}`));
    // Every hearing the case still needs is being heard: nothing to plan.
    if (blocks.length === 0) continue;
    const caseIndex = cases.length;
    // Only hearings under way from the case's first one on are pinned (the solver keeps a case's listed hearings a prefix).
    let pinning = true;
    // The case's first need, whole, is the one that follows the hearing last held.
    const followsHeard = input.lastHeard !== undefined && blocks[0].needIndex === 0 && blocks[0].part === 1;
    const hearingIndices = blocks.map((block, ordinal) => {
      const index = hearings.length;
      const continuing = block.part > 1;
      const placed = published.get(`${input.id}#${block.needIndex}#${block.part}`);
      pinning = pinning && placed?.pinned === true;
      hearings.push({
        index,
        caseIndex,
        ordinal,
        need: block.needIndex,
        part: block.part,
        parts: block.parts,
        type: block.need.type,
        minutes: block.minutes,
        // The first one after a hearing already held keeps its days from that one (windowFor).
        minDaysAfterPrevious: continuing || (ordinal === 0 && !followsHeard) ? 0 : (block.need.minDaysAfterPrevious ?? 1),
        breakAfterPrevious: continuing ? policy.vulnerableWitnessBreakMinutes : 0,
        weight: weight.weight / blocks.length,
        published: placed && placed.pinned !== pinning ? { ...placed, pinned: pinning } : placed,
      });
      return index;
    });
    const personIds = new Set([...(input.counsel ?? []), ...(input.witnesses ?? []).map((witness) => witness.id)]);
    cases.push({
      index: caseIndex,
      id: input.id,
      input,
      tier: weight.tier,
      weight: weight.weight,
      yearsWaited: weight.yearsWaited,
      countedAdjournments: weight.countedAdjournments,
      filedDay,
      lastHeardDay: followsHeard ? (parseIsoDate(input.lastHeard as string) as number) - startDay : undefined,
      custodyLimitDay: input.custody ? (parseIsoDate(input.custody.limit) as number) - startDay : undefined,
      hearings: hearingIndices,
      people: Int32Array.from([...personIds].map(personOf)),
      requirementClass,
    });
  }
  const commitments = (instance.commitments ?? []).flatMap((commitment): CommitmentModel[] => {
    const day = (parseIsoDate(commitment.date) as number) - startDay;
    if (day < 0 || day >= horizonDays) return [];
    return [
      {
        id: commitment.id,
        day,
        start: parseClockTime(commitment.start) as number,
        end: parseClockTime(commitment.end) as number,
        judges: known(commitment.judges, byJudge),
        rooms: known(commitment.rooms, byRoom),
        interpreters: known(commitment.interpreters, byInterpreter),
        supporters: known(commitment.supporters, bySupporter),
        people: known(commitment.people, personIndex),
      },
    ];
  });
  return {
    instance,
    policy,
    startDay,
    horizonDays,
    sessions,
    sessionsByDay,
    judges,
    rooms,
    interpreters,
    supporters,
    people,
    classes,
    cases,
    hearings,
    releasedPublished,
    commitments,
  };
}

function buildClass(
  index: number,
  key: string,
  requirement: Omit<
    RequirementClass,
    'index' | 'key' | 'judgeEligible' | 'judges' | 'roomEligible' | 'rooms' | 'interpreters' | 'intermediaries' | 'supporters'
  >,
  judges: readonly JudgeModel[],
  rooms: readonly RoomModel[],
  interpreters: readonly InterpreterModel[],
  supporters: readonly SupporterModel[],
): RequirementClass {
  const eligibleJudges = judges
    .filter((judge) => requirement.specialisms.every((specialism) => judge.specialisms.has(specialism)))
    // Judges with fewer specialisms first: keep the specialists for the cases only they may hear.
    .sort((a, b) => a.specialisms.size - b.specialisms.size || a.index - b.index);
  const eligibleRooms = rooms
    .filter((room) => (requirement.remoteAllowed || !room.virtual) && (!requirement.liveLink || room.liveLink))
    // Virtual rooms first where allowed, then rooms without the live-link equipment others need.
    .sort((a, b) => roomRank(a) - roomRank(b) || a.index - b.index);
  const byVersatility = (list: InterpreterModel[]) => list.sort((a, b) => a.languages.size - b.languages.size || a.index - b.index);
  const judgeEligible = new Uint8Array(judges.length);
  for (const judge of eligibleJudges) judgeEligible[judge.index] = 1;
  const roomEligible = new Uint8Array(rooms.length);
  for (const room of eligibleRooms) roomEligible[room.index] = 1;
  const ofRole = (role: SupportRole) =>
    Int32Array.from(supporters.filter((supporter) => supporter.role === role).map((supporter) => supporter.index));
  return {
    index,
    key,
    ...requirement,
    judgeEligible,
    judges: Int32Array.from(eligibleJudges.map((judge) => judge.index)),
    roomEligible,
    rooms: Int32Array.from(eligibleRooms.map((room) => room.index)),
    interpreters: requirement.languages.map((language) =>
      Int32Array.from(
        byVersatility(interpreters.filter((interpreter) => interpreter.languages.has(language))).map((interpreter) => interpreter.index),
      ),
    ),
    intermediaries: requirement.intermediary ? ofRole('intermediary') : new Int32Array(0),
    supporters: requirement.supporter ? ofRole('supporter') : new Int32Array(0),
  };
}

function roomRank(room: RoomModel): number {
  return (room.virtual ? 0 : 2) + (room.liveLink ? 1 : 0);
}

export function isAvailable(available: AvailabilityInput | undefined, day: number, weekday: number, kind: SessionKind): boolean {
  if (!available) return true;
  if (available.weekdays && !available.weekdays.includes(weekday)) return false;
  if (available.kinds && !available.kinds.includes(kind)) return false;
  return !(available.unavailable ?? []).some((range) => within(range, day));
}

function within(range: DateRangeInput, day: number): boolean {
  return (parseIsoDate(range.from) as number) <= day && day <= (parseIsoDate(range.to) as number);
}

export function dateOfDay(model: SchedulingModel, day: number): string {
  return formatIsoDate(model.startDay + day);
}

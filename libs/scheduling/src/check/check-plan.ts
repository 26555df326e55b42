import { formatIsoDate, isoWeekday, parseClockTime, parseIsoDate } from '../calendar';
import { SchedulingError, type InputProblem } from '../errors';
import {
  LIVE_LINK,
  type AvailabilityInput,
  type CaseInput,
  type PublishedHearingInput,
  type ScheduleInstance,
  type SessionKind,
} from '../model/instance';
import { blockMinutes, caseWeight, resolvePolicy } from '../model/policy';
import { HARD_CONSTRAINTS, type HardConstraint, type ViolationListing, type ViolationParams } from '../contract/plan-reasons';
import { PLAN_FORMAT, type PlanAssignment } from '../plan';

/**
 * The independent checker: verifies any plan (the solver's, a clerk's edit, another tool's)
 * against every hard constraint, straight from the instance's JSON, and scores it.
 *
 * It deliberately shares no code with the solver's model or engine: it reads the raw instance,
 * derives each rule again (who may sit, which rooms, which interpreters, by day only, blocks),
 * and checks double-booking by sorting intervals rather than by the engine's timelines. Shared
 * are only the calendar arithmetic and the policy's definitions (weights, blocks) that define
 * the objective and the format.
 */
export { HARD_CONSTRAINTS, type HardConstraint, type ViolationListing, type ViolationParams };

export interface PlanViolation {
  readonly constraint: HardConstraint;
  /** The sentence in English (the CLI's). */
  readonly message: string;
  readonly params?: ViolationParams;
}

export interface PlanScore {
  readonly total: number;
  readonly waiting: number;
  readonly unscheduledWaiting: number;
  readonly unscheduledPenalty: number;
  readonly moves: number;
  readonly custodyBreaches: number;
  /** Waiting already spent before the plan starts (part of what no plan can change). */
  readonly waitingBeforeStart: number;
  readonly hearingsPlaced: number;
  readonly hearings: number;
}

export interface PlanCheckResult {
  readonly violations: readonly PlanViolation[];
  readonly score: PlanScore;
}

interface Booking {
  readonly date: string;
  readonly start: number;
  readonly end: number;
  readonly label: string;
  /** The plan's listing; absent for a booking outside the plan (`commitment`). */
  readonly listing?: ViolationListing;
  readonly commitment?: string;
}

export function checkPlan(instance: ScheduleInstance, planDocument: unknown): PlanCheckResult {
  const assignments = readAssignments(planDocument);
  const policy = resolvePolicy(instance.policy);
  const startDay = parseIsoDate(instance.horizon.start) as number;
  const violations: PlanViolation[] = [];
  const fail = (constraint: HardConstraint, message: string, params: ViolationParams) => violations.push({ constraint, message, params });

  const sessions = new Map(instance.sessions.map((session) => [session.id, session]));
  const judges = new Map(instance.judges.map((judge) => [judge.id, judge]));
  const rooms = new Map(instance.rooms.map((room) => [room.id, room]));
  const interpreters = new Map((instance.interpreters ?? []).map((interpreter) => [interpreter.id, interpreter]));
  const supporters = new Map((instance.supporters ?? []).map((supporter) => [supporter.id, supporter]));
  const cases = new Map(instance.cases.map((item) => [item.id, item]));
  const lastSessionDay = Math.max(startDay - 1, ...instance.sessions.map((session) => parseIsoDate(session.date) as number));
  const planEnd = lastSessionDay + 1;

  const bookings = new Map<string, Booking[]>();
  const book = (resource: string, booking: Booking) => {
    const list = bookings.get(resource);
    if (list) list.push(booking);
    else bookings.set(resource, [booking]);
  };
  const judgeMinutes = new Map<string, number>();
  const placedBlocks = new Map<string, Map<string, { assignment: PlanAssignment; day: number; start: number; end: number }>>();

  for (const assignment of assignments) {
    const label = `${assignment.case} hearing ${assignment.hearing + 1}${assignment.parts > 1 ? ` block ${assignment.part}/${assignment.parts}` : ''}`;
    const listing: ViolationListing = {
      case: assignment.case,
      hearing: assignment.hearing,
      part: assignment.part,
      parts: assignment.parts,
    };
    const item = cases.get(assignment.case);
    const session = sessions.get(assignment.session);
    const judge = judges.get(assignment.judge);
    const room = rooms.get(assignment.room);
    if (!item || !session || !judge || !room || !item.hearings[assignment.hearing]) {
      const unknown = !item ? 'case' : !item.hearings[assignment.hearing] ? 'hearing' : !session ? 'session' : !judge ? 'judge' : 'room';
      fail('unknown_reference', `${label}: names an unknown ${unknown}.`, { listing, unknown });
      continue;
    }
    const need = item.hearings[assignment.hearing];
    const day = parseIsoDate(session.date) as number;
    const start = parseClockTime(assignment.start);
    const end = parseClockTime(assignment.end);
    const sessionStart = parseClockTime(session.start) as number;
    const sessionEnd = parseClockTime(session.end) as number;
    if (
      assignment.date !== session.date ||
      start === undefined ||
      end === undefined ||
      start < sessionStart ||
      end > sessionEnd ||
      end <= start
    ) {
      fail(
        'outside_session',
        `${label}: ${assignment.date} ${assignment.start}-${assignment.end} does not lie within session ${session.id} (${session.date} ${session.start}-${session.end}).`,
        {
          listing,
          date: assignment.date,
          start: assignment.start,
          end: assignment.end,
          session: session.id,
          sessionDate: session.date,
          sessionStart: session.start,
          sessionEnd: session.end,
        },
      );
      continue;
    }
    const vulnerableWitness = (item.witnesses ?? []).some((witness) => witness.child === true || witness.vulnerable === true);
    const blocks = blockMinutes(need.minutes, vulnerableWitness, policy);
    if (
      assignment.parts !== blocks.length ||
      assignment.part < 1 ||
      assignment.part > blocks.length ||
      end - start !== blocks[assignment.part - 1]
    ) {
      fail(
        'wrong_duration',
        `${label}: lasts ${end - start} minutes; the hearing needs ${need.minutes} minutes${blocks.length > 1 ? ` in ${blocks.length} blocks of ${blocks.join(', ')}` : ''}.`,
        { listing, minutes: end - start, required: need.minutes, blocks },
      );
    }
    if (vulnerableWitness && end - start > policy.vulnerableWitnessMaxBlockMinutes) {
      fail(
        'block_too_long',
        `${label}: a child or vulnerable witness gives evidence for ${end - start} minutes; the court allows ${policy.vulnerableWitnessMaxBlockMinutes} at a time.`,
        { listing, minutes: end - start, max: policy.vulnerableWitnessMaxBlockMinutes },
      );
    }
    if (vulnerableWitness && session.kind !== 'day')
      fail('night_for_vulnerable_witness', `${label}: a child or vulnerable witness is listed in a night session.`, {
        listing,
        session: session.id,
        date: session.date,
      });

    const weekday = isoWeekday(day);
    if (
      !isOpen(
        { weekdays: judge.sittingPattern?.weekdays, kinds: judge.sittingPattern?.kinds, unavailable: judge.leave },
        day,
        weekday,
        session.kind,
      )
    ) {
      fail(
        'judge_not_sitting',
        `${label}: judge ${judge.id} does not sit in ${session.kind} sessions on ${session.date} (sitting pattern or leave).`,
        { listing, judge: judge.id, kind: session.kind, date: session.date },
      );
    }
    const missing = specialismsFor(item, policy.specialistRules).filter((specialism) => !(judge.specialisms ?? []).includes(specialism));
    if (missing.length)
      fail('judge_lacks_specialism', `${label}: judge ${judge.id} lacks the ${missing.join(', ')} specialism the case requires.`, {
        listing,
        judge: judge.id,
        specialisms: missing,
      });
    const judgeDayKey = `${judge.id}|${session.date}`;
    judgeMinutes.set(judgeDayKey, (judgeMinutes.get(judgeDayKey) ?? 0) + (end - start));

    if ((session.rooms && !session.rooms.includes(room.id)) || !isOpen(room.available, day, weekday, session.kind)) {
      fail('room_not_open', `${label}: room ${room.id} is not open in session ${session.id}.`, {
        listing,
        room: room.id,
        session: session.id,
        date: session.date,
        sessionStart: session.start,
        sessionEnd: session.end,
      });
    }
    if (room.virtual && item.remoteAllowed !== true)
      fail('remote_not_allowed', `${label}: heard remotely in ${room.id}, which the case does not allow.`, { listing, room: room.id });
    const liveLinkNeeded =
      item.needs?.liveLink === true ||
      (policy.liveLinkForChildWitnesses && (item.witnesses ?? []).some((witness) => witness.child === true));
    if (liveLinkNeeded && !(room.equipment ?? []).includes(LIVE_LINK))
      fail('live_link_missing', `${label}: special measures need a live link; room ${room.id} has none.`, { listing, room: room.id });

    const languages = item.interpreterLanguages ?? [];
    const given = assignment.interpreters;
    const usedInterpreters = new Set<string>();
    for (const language of languages) {
      const match = given.filter((entry) => entry.language === language);
      const interpreter = match.length === 1 ? interpreters.get(match[0].interpreter) : undefined;
      if (
        !interpreter ||
        !interpreter.languages.includes(language) ||
        usedInterpreters.has(interpreter.id) ||
        !isOpen(interpreter.available, day, weekday, session.kind)
      ) {
        fail(
          'interpreter_wrong',
          `${label}: needs one available ${language} interpreter of its own; the plan gives ${match.map((entry) => entry.interpreter).join(', ') || 'none'}.`,
          { listing, language, given: match.map((entry) => entry.interpreter) },
        );
        continue;
      }
      usedInterpreters.add(interpreter.id);
      book(`interpreter ${interpreter.id}`, { date: session.date, start, end, label, listing });
    }
    if (given.some((entry) => !languages.includes(entry.language)))
      fail('interpreter_wrong', `${label}: names an interpreter for a language the case does not need.`, {
        listing,
        given: given.filter((entry) => !languages.includes(entry.language)).map((entry) => entry.interpreter),
      });

    for (const role of ['intermediary', 'supporter'] as const) {
      const needed = item.needs?.[role] === true;
      const id = assignment[role];
      if (!needed) continue;
      const supporter = id === undefined ? undefined : supporters.get(id);
      if (!supporter || supporter.role !== role || !isOpen(supporter.available, day, weekday, session.kind)) {
        fail('support_wrong', `${label}: needs an available ${role}; the plan gives ${id ?? 'none'}.`, {
          listing,
          role,
          given: id === undefined ? [] : [id],
        });
        continue;
      }
      book(`supporter ${supporter.id}`, { date: session.date, start, end, label, listing });
    }
    book(`judge ${judge.id}`, { date: session.date, start, end, label, listing });
    book(`room ${room.id}`, { date: session.date, start, end, label, listing });
    const people = new Set([...(item.counsel ?? []), ...(item.witnesses ?? []).map((witness) => witness.id)]);
    for (const person of people) book(`person ${person}`, { date: session.date, start, end, label, listing });

    let caseBlocks = placedBlocks.get(item.id);
    if (!caseBlocks) {
      caseBlocks = new Map();
      placedBlocks.set(item.id, caseBlocks);
    }
    const blockKey = `${assignment.hearing}#${assignment.part}`;
    if (caseBlocks.has(blockKey)) fail('duplicate', `${label}: listed twice.`, { listing });
    else caseBlocks.set(blockKey, { assignment, day, start, end });
  }

  for (const commitment of instance.commitments ?? []) {
    const start = parseClockTime(commitment.start) as number;
    const end = parseClockTime(commitment.end) as number;
    const fixed = { date: commitment.date, start, end, label: `the booking ${commitment.id} outside the plan`, commitment: commitment.id };
    for (const [kind, ids] of [
      ['judge', commitment.judges],
      ['room', commitment.rooms],
      ['interpreter', commitment.interpreters],
      ['supporter', commitment.supporters],
      ['person', commitment.people],
    ] as const) {
      for (const id of ids ?? []) if (bookings.has(`${kind} ${id}`)) book(`${kind} ${id}`, fixed);
    }
  }
  // A hearing listed outside the plan is sitting time: it counts in the day of a judge the plan
  // lists that day (a day it lists the judge nowhere is not the plan's to answer for), each
  // minute once where two such bookings overlap.
  const outside = new Map<string, { start: number; end: number }[]>();
  for (const commitment of instance.commitments ?? []) {
    for (const judgeId of commitment.judges ?? []) {
      const key = `${judgeId}|${commitment.date}`;
      if (!judgeMinutes.has(key)) continue;
      const interval = { start: parseClockTime(commitment.start) as number, end: parseClockTime(commitment.end) as number };
      const list = outside.get(key);
      if (list) list.push(interval);
      else outside.set(key, [interval]);
    }
  }
  for (const [key, intervals] of outside) {
    intervals.sort((a, b) => a.start - b.start);
    let [minutes, cursor] = [0, -Infinity];
    for (const { start, end } of intervals) {
      if (end > Math.max(start, cursor)) minutes += end - Math.max(start, cursor);
      cursor = Math.max(cursor, end);
    }
    judgeMinutes.set(key, (judgeMinutes.get(key) as number) + minutes);
  }
  for (const [key, minutes] of judgeMinutes) {
    const [judgeId, date] = key.split('|');
    const max = (judges.get(judgeId) as { maxSittingMinutesPerDay: number }).maxSittingMinutesPerDay;
    if (minutes > max)
      fail('judge_over_daily_hours', `judge ${judgeId} sits ${minutes} minutes on ${date}; at most ${max}.`, {
        judge: judgeId,
        date,
        minutes,
        max,
      });
  }
  for (const [resource, list] of bookings) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.start - b.start));
    // Against the latest-ending booking so far of the day: a long one outside the plan hides none after it.
    let latest: Booking | undefined;
    let latestListed: Booking | undefined;
    for (const current of list) {
      if (latest?.date !== current.date) [latest, latestListed] = [undefined, undefined];
      // Two bookings outside the plan are not the plan's to answer for.
      const previous = current.listing ? latest : latestListed;
      if (previous && current.start < previous.end) {
        const space = resource.indexOf(' ');
        fail('double_booked', `${resource} is in two places at once on ${current.date}: ${previous.label} and ${current.label}.`, {
          resource: { kind: resource.slice(0, space) as NonNullable<ViolationParams['resource']>['kind'], id: resource.slice(space + 1) },
          date: current.date,
          listing: previous.listing ?? current.listing,
          ...(previous.listing && current.listing ? { other: current.listing } : {}),
          ...(previous.commitment || current.commitment ? { commitment: previous.commitment ?? current.commitment } : {}),
        });
      }
      if (!latest || current.end > latest.end) latest = current;
      if (current.listing && (!latestListed || current.end > latestListed.end)) latestListed = current;
    }
  }

  const score = scoreCases(instance, policy, startDay, planEnd, placedBlocks, fail);
  return { violations, score };
}

/**
 * Whether a listing keeps the interpreters and supporters its hearing under way was listed with:
 * each the instance still knows who speaks a language the listing needs, or holds a role it
 * names (intermediary, supporter), is among the listing's.
 */
function keepsWhoSits(instance: ScheduleInstance, entry: PublishedHearingInput, at: PlanAssignment): boolean {
  const languages = new Set(at.interpreters.map((i) => i.language));
  const interpreting = new Set(at.interpreters.map((i) => i.interpreter));
  for (const id of entry.interpreters ?? []) {
    const interpreter = instance.interpreters?.find((i) => i.id === id);
    if (interpreter?.languages.some((language) => languages.has(language)) && !interpreting.has(id)) return false;
  }
  for (const id of entry.supporters ?? []) {
    const role = instance.supporters?.find((s) => s.id === id)?.role;
    const named = role === 'intermediary' ? at.intermediary : role === 'supporter' ? at.supporter : undefined;
    if (named !== undefined && named !== id) return false;
  }
  return true;
}

function scoreCases(
  instance: ScheduleInstance,
  policy: ReturnType<typeof resolvePolicy>,
  startDay: number,
  planEnd: number,
  placedBlocks: Map<string, Map<string, { assignment: PlanAssignment; day: number; start: number; end: number }>>,
  fail: (constraint: HardConstraint, message: string, params: ViolationParams) => void,
): PlanScore {
  const published = new Map((instance.published ?? []).map((entry) => [`${entry.case}|${entry.hearing}#${entry.part ?? 1}`, entry]));
  let waiting = 0;
  let unscheduledWaiting = 0;
  let unscheduledPenalty = 0;
  let moves = 0;
  let breaches = 0;
  let waitingBeforeStart = 0;
  let hearingsPlaced = 0;
  let hearings = 0;
  const sessionIds = new Set(instance.sessions.map((session) => session.id));
  for (const item of instance.cases) {
    const filed = parseIsoDate(item.filed) as number;
    const vulnerableWitness = (item.witnesses ?? []).some((witness) => witness.child === true || witness.vulnerable === true);
    const blocks = item.hearings.flatMap((need, index) =>
      blockMinutes(need.minutes, vulnerableWitness, policy).map((_, part, all) => ({ need, index, part: part + 1, parts: all.length })),
    );
    const inProgress = (block: { index: number; part: number }) => {
      const entry = published.get(`${item.id}|${block.index}#${block.part}`);
      return entry?.underWay === true && !sessionIds.has(entry.session);
    };
    // Shared among the blocks still to hold, as the solver shares it.
    const weight = caseWeight(item, filed - startDay, 0, policy).weight / Math.max(1, blocks.filter((block) => !inProgress(block)).length);
    const placed = placedBlocks.get(item.id) ?? new Map();
    const limit = item.custody ? (parseIsoDate(item.custody.limit) as number) : undefined;
    const lastHeard = item.lastHeard === undefined ? undefined : (parseIsoDate(item.lastHeard) as number);
    let breached = false;
    let previous: { day: number; end: number } | undefined;
    let gapOpen = false;
    blocks.forEach((block, ordinal) => {
      const entry = placed.get(`${block.index}#${block.part}`);
      const publishedEntry = published.get(`${item.id}|${block.index}#${block.part}`);
      const label = `${item.id} hearing ${block.index + 1}${block.parts > 1 ? ` block ${block.part}/${block.parts}` : ''}`;
      const listing: ViolationListing = { case: item.id, hearing: block.index, part: block.part, parts: block.parts };
      if (publishedEntry?.underWay === true) {
        const at = entry?.assignment;
        if (!sessionIds.has(publishedEntry.session)) {
          // Under way since before the plan's first day: in progress, neither listed nor counted.
          if (at)
            fail('pinned_moved', `${label}: listed anew although it is under way since ${publishedEntry.session}.`, {
              listing,
            });
          return;
        }
        if (
          !at ||
          at.session !== publishedEntry.session ||
          at.start !== publishedEntry.start ||
          at.judge !== publishedEntry.judge ||
          at.room !== publishedEntry.room
        )
          fail('pinned_moved', `${label}: under way, so it stays in its session at ${publishedEntry.start}, with its judge and room.`, {
            listing,
            start: publishedEntry.start,
          });
        else if (!keepsWhoSits(instance, publishedEntry, at))
          fail('pinned_moved', `${label}: under way, so it keeps the interpreters and supporters sitting in it.`, {
            listing,
            start: publishedEntry.start,
          });
      }
      hearings += 1;
      waitingBeforeStart += weight * (startDay - filed);
      if (publishedEntry) {
        const at = entry?.assignment;
        if (
          !at ||
          at.session !== publishedEntry.session ||
          at.start !== publishedEntry.start ||
          at.judge !== publishedEntry.judge ||
          at.room !== publishedEntry.room
        )
          moves += 1;
      }
      if (!entry) {
        gapOpen = true;
        unscheduledWaiting += weight * (planEnd - filed);
        unscheduledPenalty += weight * policy.unscheduledPenaltyDays;
        if (limit !== undefined) breached = true;
        return;
      }
      hearingsPlaced += 1;
      waiting += weight * (entry.day - filed);
      if (limit !== undefined && entry.day > limit) breached = true;
      if (gapOpen) fail('hearing_order', `${label}: listed although an earlier hearing (or block) of the case is not.`, { listing });
      else if (!previous && lastHeard !== undefined && block.index === 0 && block.part === 1) {
        // The hearing the case had last, before this plan: the first one still needed keeps its days from it.
        const minDays = block.need.minDaysAfterPrevious ?? 1;
        if (entry.day < lastHeard + minDays) {
          fail(
            'hearing_order',
            `${label}: on ${formatIsoDate(entry.day)} ${entry.assignment.start}, too soon after the case's previous hearing, held on ${item.lastHeard} (${minDays} day(s) after it required).`,
            { listing, date: formatIsoDate(entry.day), start: entry.assignment.start, minDays, breakMinutes: 0 },
          );
        }
      } else if (previous && ordinal > 0) {
        const minDays = block.part > 1 ? 0 : (block.need.minDaysAfterPrevious ?? 1);
        const pause = block.part > 1 ? policy.vulnerableWitnessBreakMinutes : 0;
        const tooSoon = entry.day < previous.day + minDays || (entry.day === previous.day && entry.start < previous.end + pause);
        if (tooSoon) {
          fail(
            'hearing_order',
            `${label}: on ${formatIsoDate(entry.day)} ${entry.assignment.start}, too soon after the case's previous hearing (${minDays > 0 ? `${minDays} day(s) after it` : `after it ends${pause ? ` and a ${pause}-minute break` : ''}`} required).`,
            { listing, date: formatIsoDate(entry.day), start: entry.assignment.start, minDays, breakMinutes: pause },
          );
        }
      }
      previous = { day: entry.day, end: entry.end };
    });
    if (limit !== undefined && limit < planEnd && breached) breaches += 1;
  }
  const total = waiting + unscheduledWaiting + unscheduledPenalty + moves * policy.movePenalty + breaches * policy.custodyBreachPenalty;
  return {
    total,
    waiting,
    unscheduledWaiting,
    unscheduledPenalty,
    moves,
    custodyBreaches: breaches,
    waitingBeforeStart,
    hearingsPlaced,
    hearings,
  };
}

function specialismsFor(item: CaseInput, rules: ReturnType<typeof resolvePolicy>['specialistRules']): string[] {
  const childOrVulnerable = [...(item.victims ?? []), ...(item.witnesses ?? [])].some(
    (person) => person.child === true || person.vulnerable === true,
  );
  const required = new Set(item.judgeSpecialisms ?? []);
  for (const rule of rules)
    if (rule.caseType === item.type && (!rule.childOrVulnerable || childOrVulnerable)) required.add(rule.specialism);
  return [...required];
}

function isOpen(available: AvailabilityInput | undefined, day: number, weekday: number, kind: SessionKind): boolean {
  if (!available) return true;
  if (available.weekdays !== undefined && !available.weekdays.includes(weekday)) return false;
  if (available.kinds !== undefined && !available.kinds.includes(kind)) return false;
  for (const range of available.unavailable ?? []) {
    if ((parseIsoDate(range.from) as number) <= day && day <= (parseIsoDate(range.to) as number)) return false;
  }
  return true;
}

/** The plan's assignments, checked for shape (a malformed plan is refused, not scored). */
function readAssignments(document: unknown): PlanAssignment[] {
  const problems: InputProblem[] = [];
  const object =
    typeof document === 'object' && document !== null && !Array.isArray(document) ? (document as Record<string, unknown>) : undefined;
  if (!object)
    throw new SchedulingError('schedule.plan_invalid', 'The plan must be a JSON object.', [{ path: '$', message: 'not an object' }]);
  if (object.format !== PLAN_FORMAT) problems.push({ path: 'format', message: `must be "${PLAN_FORMAT}"` });
  if (!Array.isArray(object.assignments)) problems.push({ path: 'assignments', message: 'must be a list' });
  const assignments = Array.isArray(object.assignments) ? object.assignments : [];
  assignments.forEach((entry: unknown, index) => {
    const path = `assignments[${index}]`;
    const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : undefined;
    if (!record) return problems.push({ path, message: 'must be an object' });
    for (const field of ['case', 'session', 'date', 'start', 'end', 'judge', 'room']) {
      if (typeof record[field] !== 'string') problems.push({ path: `${path}.${field}`, message: 'must be a string' });
    }
    for (const field of ['hearing', 'part', 'parts']) {
      if (!Number.isInteger(record[field])) problems.push({ path: `${path}.${field}`, message: 'must be a whole number' });
    }
    const interpreters = record.interpreters;
    if (
      !Array.isArray(interpreters) ||
      interpreters.some(
        (item) => typeof item !== 'object' || item === null || typeof item.language !== 'string' || typeof item.interpreter !== 'string',
      )
    ) {
      problems.push({ path: `${path}.interpreters`, message: 'must be a list of { "language", "interpreter" }' });
    }
    for (const field of ['intermediary', 'supporter']) {
      if (record[field] !== undefined && typeof record[field] !== 'string')
        problems.push({ path: `${path}.${field}`, message: 'must be a string when present' });
    }
  });
  if (problems.length)
    throw new SchedulingError(
      'schedule.plan_invalid',
      `The plan has ${problems.length} problem(s) of form; it cannot be checked.`,
      problems,
    );
  return assignments as PlanAssignment[];
}

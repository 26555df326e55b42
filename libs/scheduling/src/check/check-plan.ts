import { formatIsoDate, isoWeekday, parseClockTime, parseIsoDate } from '../calendar';
import { SchedulingError, type InputProblem } from '../errors';
import { LIVE_LINK, type AvailabilityInput, type CaseInput, type ScheduleInstance, type SessionKind } from '../model/instance';
import { blockMinutes, caseWeight, resolvePolicy } from '../model/policy';
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
export const HARD_CONSTRAINTS = [
  'unknown_reference',
  'duplicate',
  'outside_session',
  'wrong_duration',
  'block_too_long',
  'night_for_vulnerable_witness',
  'judge_not_sitting',
  'judge_lacks_specialism',
  'judge_over_daily_hours',
  'room_not_open',
  'remote_not_allowed',
  'live_link_missing',
  'interpreter_wrong',
  'support_wrong',
  'double_booked',
  'hearing_order',
] as const;
export type HardConstraint = (typeof HARD_CONSTRAINTS)[number];

export interface PlanViolation {
  readonly constraint: HardConstraint;
  readonly message: string;
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
}

export function checkPlan(instance: ScheduleInstance, planDocument: unknown): PlanCheckResult {
  const assignments = readAssignments(planDocument);
  const policy = resolvePolicy(instance.policy);
  const startDay = parseIsoDate(instance.horizon.start) as number;
  const violations: PlanViolation[] = [];
  const fail = (constraint: HardConstraint, message: string) => violations.push({ constraint, message });

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
    const item = cases.get(assignment.case);
    const session = sessions.get(assignment.session);
    const judge = judges.get(assignment.judge);
    const room = rooms.get(assignment.room);
    if (!item || !session || !judge || !room || !item.hearings[assignment.hearing]) {
      fail(
        'unknown_reference',
        `${label}: names an unknown ${!item ? 'case' : !item.hearings[assignment.hearing] ? 'hearing' : !session ? 'session' : !judge ? 'judge' : 'room'}.`,
      );
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
      );
    }
    if (vulnerableWitness && end - start > policy.vulnerableWitnessMaxBlockMinutes) {
      fail(
        'block_too_long',
        `${label}: a child or vulnerable witness gives evidence for ${end - start} minutes; the court allows ${policy.vulnerableWitnessMaxBlockMinutes} at a time.`,
      );
    }
    if (vulnerableWitness && session.kind !== 'day')
      fail('night_for_vulnerable_witness', `${label}: a child or vulnerable witness is listed in a night session.`);

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
      );
    }
    const missing = specialismsFor(item, policy.specialistRules).filter((specialism) => !(judge.specialisms ?? []).includes(specialism));
    if (missing.length)
      fail('judge_lacks_specialism', `${label}: judge ${judge.id} lacks the ${missing.join(', ')} specialism the case requires.`);
    const judgeDayKey = `${judge.id}|${session.date}`;
    judgeMinutes.set(judgeDayKey, (judgeMinutes.get(judgeDayKey) ?? 0) + (end - start));

    if ((session.rooms && !session.rooms.includes(room.id)) || !isOpen(room.available, day, weekday, session.kind)) {
      fail('room_not_open', `${label}: room ${room.id} is not open in session ${session.id}.`);
    }
    if (room.virtual && item.remoteAllowed !== true)
      fail('remote_not_allowed', `${label}: heard remotely in ${room.id}, which the case does not allow.`);
    const liveLinkNeeded =
      item.needs?.liveLink === true ||
      (policy.liveLinkForChildWitnesses && (item.witnesses ?? []).some((witness) => witness.child === true));
    if (liveLinkNeeded && !(room.equipment ?? []).includes(LIVE_LINK))
      fail('live_link_missing', `${label}: special measures need a live link; room ${room.id} has none.`);

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
        );
        continue;
      }
      usedInterpreters.add(interpreter.id);
      book(`interpreter ${interpreter.id}`, { date: session.date, start, end, label });
    }
    if (given.some((entry) => !languages.includes(entry.language)))
      fail('interpreter_wrong', `${label}: names an interpreter for a language the case does not need.`);

    for (const role of ['intermediary', 'supporter'] as const) {
      const needed = item.needs?.[role] === true;
      const id = assignment[role];
      if (!needed) continue;
      const supporter = id === undefined ? undefined : supporters.get(id);
      if (!supporter || supporter.role !== role || !isOpen(supporter.available, day, weekday, session.kind)) {
        fail('support_wrong', `${label}: needs an available ${role}; the plan gives ${id ?? 'none'}.`);
        continue;
      }
      book(`supporter ${supporter.id}`, { date: session.date, start, end, label });
    }
    book(`judge ${judge.id}`, { date: session.date, start, end, label });
    book(`room ${room.id}`, { date: session.date, start, end, label });
    const people = new Set([...(item.counsel ?? []), ...(item.witnesses ?? []).map((witness) => witness.id)]);
    for (const person of people) book(`person ${person}`, { date: session.date, start, end, label });

    let caseBlocks = placedBlocks.get(item.id);
    if (!caseBlocks) {
      caseBlocks = new Map();
      placedBlocks.set(item.id, caseBlocks);
    }
    const blockKey = `${assignment.hearing}#${assignment.part}`;
    if (caseBlocks.has(blockKey)) fail('duplicate', `${label}: listed twice.`);
    else caseBlocks.set(blockKey, { assignment, day, start, end });
  }

  for (const [key, minutes] of judgeMinutes) {
    const [judgeId, date] = key.split('|');
    const max = (judges.get(judgeId) as { maxSittingMinutesPerDay: number }).maxSittingMinutesPerDay;
    if (minutes > max) fail('judge_over_daily_hours', `judge ${judgeId} sits ${minutes} minutes on ${date}; at most ${max}.`);
  }
  for (const [resource, list] of bookings) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.start - b.start));
    for (let k = 1; k < list.length; k += 1) {
      const [previous, current] = [list[k - 1], list[k]];
      if (previous.date === current.date && current.start < previous.end) {
        fail('double_booked', `${resource} is in two places at once on ${current.date}: ${previous.label} and ${current.label}.`);
      }
    }
  }

  const score = scoreCases(instance, policy, startDay, planEnd, placedBlocks, fail);
  return { violations, score };
}

function scoreCases(
  instance: ScheduleInstance,
  policy: ReturnType<typeof resolvePolicy>,
  startDay: number,
  planEnd: number,
  placedBlocks: Map<string, Map<string, { assignment: PlanAssignment; day: number; start: number; end: number }>>,
  fail: (constraint: HardConstraint, message: string) => void,
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
  for (const item of instance.cases) {
    const filed = parseIsoDate(item.filed) as number;
    const vulnerableWitness = (item.witnesses ?? []).some((witness) => witness.child === true || witness.vulnerable === true);
    const blocks = item.hearings.flatMap((need, index) =>
      blockMinutes(need.minutes, vulnerableWitness, policy).map((_, part, all) => ({ need, index, part: part + 1, parts: all.length })),
    );
    const weight = caseWeight(item, filed - startDay, 0, policy).weight / blocks.length;
    const placed = placedBlocks.get(item.id) ?? new Map();
    const limit = item.custody ? (parseIsoDate(item.custody.limit) as number) : undefined;
    let breached = false;
    let previous: { day: number; end: number } | undefined;
    let gapOpen = false;
    blocks.forEach((block, ordinal) => {
      hearings += 1;
      waitingBeforeStart += weight * (startDay - filed);
      const entry = placed.get(`${block.index}#${block.part}`);
      const publishedEntry = published.get(`${item.id}|${block.index}#${block.part}`);
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
      const label = `${item.id} hearing ${block.index + 1}${block.parts > 1 ? ` block ${block.part}/${block.parts}` : ''}`;
      if (gapOpen) fail('hearing_order', `${label}: listed although an earlier hearing (or block) of the case is not.`);
      else if (previous && ordinal > 0) {
        const minDays = block.part > 1 ? 0 : (block.need.minDaysAfterPrevious ?? 1);
        const pause = block.part > 1 ? policy.vulnerableWitnessBreakMinutes : 0;
        const tooSoon = entry.day < previous.day + minDays || (entry.day === previous.day && entry.start < previous.end + pause);
        if (tooSoon) {
          fail(
            'hearing_order',
            `${label}: on ${formatIsoDate(entry.day)} ${entry.assignment.start}, too soon after the case's previous hearing (${minDays > 0 ? `${minDays} day(s) after it` : `after it ends${pause ? ` and a ${pause}-minute break` : ''}`} required).`,
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

import { CASE_TYPE_NAMES, HEARING_TYPES } from '@ejustice/vocabulary';
import { parseClockTime, parseIsoDate } from '../calendar';
import { SchedulingError, type InputProblem } from '../errors';
import { ADJOURNMENT_REASONS, INSTANCE_FORMAT, PRIORITY_TIERS, SESSION_KINDS, SUPPORT_ROLES, type ScheduleInstance } from './instance';

/**
 * Checks a parsed JSON document against the instance format (model/instance.ts) and returns it
 * typed, or throws `schedule.instance_invalid` listing every problem with its JSON path. Only
 * what cannot be scheduled meaningfully is refused; a case that no session can hold is valid
 * input, and the plan says why it stays unscheduled.
 */
const COMMITMENT_LISTS = ['judges', 'rooms', 'interpreters', 'supporters', 'people'] as const;
const COMMITMENT_KEYS: readonly string[] = ['id', 'date', 'start', 'end', ...COMMITMENT_LISTS];

export function validateInstance(document: unknown): ScheduleInstance {
  const problems: InputProblem[] = [];
  const check = new Checker(problems);
  if (!isObject(document)) {
    throw new SchedulingError('schedule.instance_invalid', 'The instance must be a JSON object.', [
      { path: '$', message: 'not an object' },
    ]);
  }
  if (document.format !== INSTANCE_FORMAT) check.fail('format', `must be "${INSTANCE_FORMAT}"`);
  const horizon = document.horizon;
  const startDay = isObject(horizon)
    ? check.date('horizon.start', horizon.start)
    : (check.fail('horizon', 'must be an object with a start date'), undefined);
  if (document.court !== undefined) check.string('court', document.court);
  validatePolicy(check, document.policy);

  const roomIds = check.uniqueIds('rooms', document.rooms, (path, room) => {
    check.boolean(`${path}.virtual`, room.virtual, true);
    check.strings(`${path}.equipment`, room.equipment);
    check.availability(`${path}.available`, room.available);
  });
  const sessionIds = check.uniqueIds('sessions', document.sessions, (path, session) => {
    const day = check.date(`${path}.date`, session.date);
    if (day !== undefined && startDay !== undefined && day < startDay)
      check.fail(`${path}.date`, 'is before the plan starts (horizon.start)');
    check.oneOf(`${path}.kind`, session.kind, SESSION_KINDS);
    const start = check.time(`${path}.start`, session.start);
    const end = check.time(`${path}.end`, session.end);
    if (start !== undefined && end !== undefined && start >= end)
      check.fail(path, `ends (${String(session.end)}) before it starts (${String(session.start)})`);
    check.references(`${path}.rooms`, session.rooms, roomIds, 'room');
  });
  check.uniqueIds('judges', document.judges, (path, judge) => {
    check.strings(`${path}.specialisms`, judge.specialisms);
    check.availability(`${path}.sittingPattern`, judge.sittingPattern);
    check.integer(`${path}.maxSittingMinutesPerDay`, judge.maxSittingMinutesPerDay, 1, 1_440, true);
    check.dateRanges(`${path}.leave`, judge.leave);
  });
  check.uniqueIds('interpreters', document.interpreters ?? [], (path, interpreter) => {
    check.strings(`${path}.languages`, interpreter.languages, true);
    check.availability(`${path}.available`, interpreter.available);
  });
  check.uniqueIds('supporters', document.supporters ?? [], (path, supporter) => {
    check.oneOf(`${path}.role`, supporter.role, SUPPORT_ROLES);
    check.availability(`${path}.available`, supporter.available);
  });
  const caseHearings = new Map<string, number>();
  check.uniqueIds('cases', document.cases, (path, item) => {
    check.oneOf(`${path}.type`, item.type, CASE_TYPE_NAMES);
    if (item.offence !== undefined) check.string(`${path}.offence`, item.offence);
    const filed = check.date(`${path}.filed`, item.filed);
    if (filed !== undefined && startDay !== undefined && filed > startDay)
      check.fail(`${path}.filed`, 'is after the plan starts (horizon.start)');
    if (item.lastHeard !== undefined) {
      const heard = check.date(`${path}.lastHeard`, item.lastHeard);
      if (heard !== undefined && startDay !== undefined && heard > startDay)
        check.fail(`${path}.lastHeard`, 'is after the plan starts (horizon.start)');
    }
    if (item.custody !== undefined) {
      if (isObject(item.custody)) check.date(`${path}.custody.limit`, item.custody.limit);
      else check.fail(`${path}.custody`, 'must be an object with the custody time limit: { "limit": "YYYY-MM-DD" }');
    }
    check.list(`${path}.victims`, item.victims, (victimPath, victim) => {
      check.boolean(`${victimPath}.child`, victim.child);
      check.boolean(`${victimPath}.vulnerable`, victim.vulnerable);
    });
    check.list(`${path}.witnesses`, item.witnesses, (witnessPath, witness) => {
      check.string(`${witnessPath}.id`, witness.id);
      check.boolean(`${witnessPath}.child`, witness.child);
      check.boolean(`${witnessPath}.vulnerable`, witness.vulnerable);
    });
    check.strings(`${path}.counsel`, item.counsel);
    check.strings(`${path}.interpreterLanguages`, item.interpreterLanguages);
    if (Array.isArray(item.interpreterLanguages) && new Set(item.interpreterLanguages).size !== item.interpreterLanguages.length) {
      check.fail(`${path}.interpreterLanguages`, 'names a language twice');
    }
    if (item.needs !== undefined) {
      if (isObject(item.needs))
        for (const need of ['intermediary', 'supporter', 'liveLink']) check.boolean(`${path}.needs.${need}`, item.needs[need]);
      else check.fail(`${path}.needs`, 'must be an object such as { "intermediary": true }');
    }
    check.boolean(`${path}.remoteAllowed`, item.remoteAllowed);
    check.strings(`${path}.judgeSpecialisms`, item.judgeSpecialisms);
    const hearingCount = check.list(
      `${path}.hearings`,
      item.hearings,
      (hearingPath, hearing) => {
        check.oneOf(`${hearingPath}.type`, hearing.type, HEARING_TYPES);
        check.integer(`${hearingPath}.minutes`, hearing.minutes, 1, 1_440, true);
        check.integer(`${hearingPath}.minDaysAfterPrevious`, hearing.minDaysAfterPrevious, 0, 3_650);
      },
      true,
    );
    if (Array.isArray(item.hearings) && hearingCount === 0)
      check.fail(`${path}.hearings`, 'must list at least one hearing still needed (a case with none is not pending)');
    check.list(`${path}.adjournments`, item.adjournments, (adjournmentPath, adjournment) => {
      check.date(`${adjournmentPath}.date`, adjournment.date);
      check.oneOf(`${adjournmentPath}.reason`, adjournment.reason, ADJOURNMENT_REASONS);
    });
    if (typeof item.id === 'string') caseHearings.set(item.id, hearingCount);
  });
  const judgeIds = idsOf(document.judges);
  check.list('published', document.published, (path, published) => {
    check.string(`${path}.case`, published.case, true);
    const hearings = caseHearings.get(String(published.case));
    const index = check.integer(`${path}.hearing`, published.hearing, 0, 10_000, true);
    if (hearings !== undefined && index !== undefined && index >= hearings)
      check.fail(`${path}.hearing`, `case ${String(published.case)} needs only ${hearings} hearing(s)`);
    check.integer(`${path}.part`, published.part, 1, 100);
    check.boolean(`${path}.underWay`, published.underWay);
    // A hearing under way since before the plan's first day names a session (judge, room) the plan no longer has.
    const before = published.underWay === true && !sessionIds.has(String(published.session));
    if (!before) check.reference(`${path}.session`, published.session, sessionIds, 'session');
    check.time(`${path}.start`, published.start);
    if (!before) check.reference(`${path}.judge`, published.judge, judgeIds, 'judge');
    if (!before) check.reference(`${path}.room`, published.room, roomIds, 'room');
    for (const key of ['interpreters', 'supporters'] as const) check.ids(`${path}.${key}`, published[key]);
  });
  check.list('commitments', document.commitments, (path, commitment) => {
    check.string(`${path}.id`, commitment.id, true);
    check.date(`${path}.date`, commitment.date);
    const start = check.time(`${path}.start`, commitment.start);
    const end = check.time(`${path}.end`, commitment.end);
    if (start !== undefined && end !== undefined && end <= start) check.fail(`${path}.end`, 'must be after start (the same day)');
    // A misspelt list (`witnesses`, `judge`) would be ignored, and whom it names planned into the booking.
    for (const key of Object.keys(commitment).filter((key) => !COMMITMENT_KEYS.includes(key)))
      check.fail(`${path}.${key}`, `is not a commitment field; whom it binds goes in ${COMMITMENT_LISTS.join(', ')}`);
    for (const key of COMMITMENT_LISTS) check.ids(`${path}.${key}`, commitment[key]);
  });
  if (problems.length > 0) {
    throw new SchedulingError(
      'schedule.instance_invalid',
      `The instance has ${problems.length} problem${problems.length === 1 ? '' : 's'}; fix them and run again.`,
      problems,
    );
  }
  return document as unknown as ScheduleInstance;
}

function validatePolicy(check: Checker, policy: unknown): void {
  if (policy === undefined) return;
  if (!isObject(policy)) return check.fail('policy', 'must be an object (or absent for the default policy)');
  if (policy.tierWeights !== undefined) {
    if (!isObject(policy.tierWeights)) check.fail('policy.tierWeights', 'must be an object of weights by tier');
    else
      for (const [tier, weight] of Object.entries(policy.tierWeights)) {
        if (!(PRIORITY_TIERS as readonly string[]).includes(tier))
          check.fail(`policy.tierWeights.${tier}`, `is not a tier (${PRIORITY_TIERS.join(', ')})`);
        check.number(`policy.tierWeights.${tier}`, weight, 0.001, 1e6);
      }
  }
  if (policy.adjournmentReasonWeights !== undefined) {
    if (!isObject(policy.adjournmentReasonWeights)) check.fail('policy.adjournmentReasonWeights', 'must be an object of weights by reason');
    else
      for (const [reason, weight] of Object.entries(policy.adjournmentReasonWeights)) {
        if (!(ADJOURNMENT_REASONS as readonly string[]).includes(reason))
          check.fail(`policy.adjournmentReasonWeights.${reason}`, 'is not an adjournment reason');
        check.number(`policy.adjournmentReasonWeights.${reason}`, weight, 0, 100);
      }
  }
  check.number('policy.agingPerYear', policy.agingPerYear, 0, 100);
  check.number('policy.adjournmentWeight', policy.adjournmentWeight, 0, 100);
  check.number('policy.unscheduledPenaltyDays', policy.unscheduledPenaltyDays, 0, 36_500);
  check.number('policy.custodyBreachPenalty', policy.custodyBreachPenalty, 0, 1e12);
  check.number('policy.movePenalty', policy.movePenalty, 0, 1e9);
  check.integer('policy.vulnerableWitnessMaxBlockMinutes', policy.vulnerableWitnessMaxBlockMinutes, 5, 1_440);
  check.integer('policy.vulnerableWitnessBreakMinutes', policy.vulnerableWitnessBreakMinutes, 0, 1_440);
  check.boolean('policy.liveLinkForChildWitnesses', policy.liveLinkForChildWitnesses);
  check.list('policy.specialistRules', policy.specialistRules, (path, rule) => {
    check.oneOf(`${path}.caseType`, rule.caseType, CASE_TYPE_NAMES);
    check.boolean(`${path}.childOrVulnerable`, rule.childOrVulnerable);
    check.string(`${path}.specialism`, rule.specialism, true);
  });
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idsOf(items: unknown): Set<string> {
  return new Set(Array.isArray(items) ? items.filter(isObject).map((item) => String(item.id)) : []);
}

/** Small typed checks that record a problem and carry on, so one run reports them all. */
class Checker {
  constructor(private readonly problems: InputProblem[]) {}

  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  string(path: string, value: unknown, required = false): value is string {
    if (value === undefined && !required) return false;
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(path, 'must be a non-empty string');
      return false;
    }
    return true;
  }

  boolean(path: string, value: unknown, required = false): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'boolean') this.fail(path, 'must be true or false');
  }

  number(path: string, value: unknown, min: number, max: number): void {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      this.fail(path, `must be a number from ${min} to ${max}`);
  }

  integer(path: string, value: unknown, min: number, max: number, required = false): number | undefined {
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `must be a whole number from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }

  oneOf(path: string, value: unknown, allowed: readonly string[]): void {
    if (typeof value !== 'string' || !allowed.includes(value)) this.fail(path, `must be one of ${allowed.join(', ')}`);
  }

  date(path: string, value: unknown): number | undefined {
    const day = typeof value === 'string' ? parseIsoDate(value) : undefined;
    if (day === undefined) this.fail(path, 'must be a calendar date written YYYY-MM-DD');
    return day;
  }

  time(path: string, value: unknown): number | undefined {
    const minutes = typeof value === 'string' ? parseClockTime(value) : undefined;
    if (minutes === undefined) this.fail(path, 'must be a time written HH:MM (00:00 to 24:00)');
    return minutes;
  }

  strings(path: string, value: unknown, nonEmpty = false): void {
    if (value === undefined && !nonEmpty) return;
    if (!Array.isArray(value) || (nonEmpty && value.length === 0))
      return this.fail(path, nonEmpty ? 'must be a non-empty list of strings' : 'must be a list of strings');
    value.forEach((item, index) => this.string(`${path}[${index}]`, item, true));
  }

  /** A list of ids that may name what the instance does not know (they bind nobody then). */
  ids(path: string, value: unknown): void {
    if (value === undefined) return;
    if (!Array.isArray(value) || value.some((id) => typeof id !== 'string' || id.length === 0)) this.fail(path, 'must be a list of ids');
  }

  list(path: string, value: unknown, each: (path: string, item: JsonObject) => void, required = false): number {
    if (value === undefined && !required) return 0;
    if (!Array.isArray(value)) {
      this.fail(path, 'must be a list');
      return 0;
    }
    value.forEach((item, index) => {
      if (isObject(item)) each(`${path}[${index}]`, item);
      else this.fail(`${path}[${index}]`, 'must be an object');
    });
    return value.length;
  }

  uniqueIds(path: string, value: unknown, each: (path: string, item: JsonObject) => void): Set<string> {
    const seen = new Set<string>();
    this.list(
      path,
      value,
      (itemPath, item) => {
        if (this.string(`${itemPath}.id`, item.id, true)) {
          if (seen.has(item.id)) this.fail(`${itemPath}.id`, `"${item.id}" is used twice in ${path}`);
          seen.add(item.id);
        }
        each(itemPath, item);
      },
      true,
    );
    return seen;
  }

  reference(path: string, value: unknown, known: ReadonlySet<string>, what: string): void {
    if (this.string(path, value, true) && !known.has(value)) this.fail(path, `names no known ${what} ("${value}")`);
  }

  references(path: string, value: unknown, known: ReadonlySet<string>, what: string): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) return this.fail(path, `must be a list of ${what} ids`);
    value.forEach((item, index) => this.reference(`${path}[${index}]`, item, known, what));
  }

  dateRanges(path: string, value: unknown): void {
    this.list(path, value, (rangePath, range) => {
      const from = this.date(`${rangePath}.from`, range.from);
      const to = this.date(`${rangePath}.to`, range.to);
      if (from !== undefined && to !== undefined && from > to) this.fail(rangePath, 'ends before it starts');
    });
  }

  availability(path: string, value: unknown): void {
    if (value === undefined) return;
    if (!isObject(value)) return this.fail(path, 'must be an object with weekdays, kinds and/or unavailable');
    if (value.weekdays !== undefined) {
      if (!Array.isArray(value.weekdays)) this.fail(`${path}.weekdays`, 'must be a list of ISO weekdays (1 = Monday … 7 = Sunday)');
      else value.weekdays.forEach((weekday, index) => this.integer(`${path}.weekdays[${index}]`, weekday, 1, 7, true));
    }
    if (value.kinds !== undefined) {
      if (!Array.isArray(value.kinds)) this.fail(`${path}.kinds`, 'must be a list of session kinds');
      else value.kinds.forEach((kind, index) => this.oneOf(`${path}.kinds[${index}]`, kind, SESSION_KINDS));
    }
    this.dateRanges(`${path}.unavailable`, value.unavailable);
  }
}

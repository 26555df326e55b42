import { formatIsoDate, formatReadableDate } from '../calendar';
import { FAILURE_REASONS, type FailureReason, type FailureTally } from '../engine/placement-engine';
import type { CaseModel, HearingModel, RequirementClass, SchedulingModel } from '../model/model';
import type {
  CustodyRiskCode,
  CustodyRiskParams,
  HeldBy,
  ListingExplanation,
  PriorityGround,
  UnscheduledCode,
  UnscheduledParams,
} from '../plan';

/**
 * Sentences a clerk understands. Each listing gets one: why this case (its priority, as a
 * clause from `whyThisCase`), then why this day (the earliest it could be, or what held the
 * earlier days, from `whyThisDay`), joined by `explainListing`.
 */
export function explainListing(caseClause: string, dayClause: string): string {
  return `${caseClause}; ${dayClause}.`;
}

export function whyThisCase(model: SchedulingModel, item: CaseModel, rank: number): string {
  const input = item.input;
  const parts: string[] = [];
  if (item.tier === 'custody' && item.custodyLimitDay !== undefined) {
    parts.push(`In custody with a custody time limit of ${formatReadableDate(model.startDay + item.custodyLimitDay)}`);
  } else if (item.tier === 'child_vulnerable') {
    const witnesses = input.witnesses ?? [];
    const victims = input.victims ?? [];
    const who = witnesses.some((w) => w.child)
      ? 'a child witness'
      : victims.some((v) => v.child)
        ? 'a child victim'
        : witnesses.some((w) => w.vulnerable)
          ? 'a vulnerable witness'
          : 'a vulnerable victim';
    parts.push(`Priority for ${who}`);
  } else if (item.tier === 'trafficking') parts.push('A trafficking case');
  const years = item.yearsWaited;
  const months = Math.round(years * 12);
  const waited = years >= 1 ? `${years.toFixed(1)} years` : months === 1 ? '1 month' : months === 0 ? 'under a month' : `${months} months`;
  parts.push(`${parts.length ? 'waiting' : 'Waiting'} ${waited} since filing`);
  const adjournments = input.adjournments ?? [];
  if (adjournments.length > 0) {
    const reasons = [...new Set(adjournments.map((a) => a.reason.replace(/_/g, ' ')))].join(', ');
    parts.push(`adjourned ${adjournments.length === 1 ? 'once' : `${adjournments.length} times`} before (${reasons})`);
  }
  return `${parts.join(', ')}, priority ${rank.toLocaleString('en-GB')} of ${model.cases.length.toLocaleString('en-GB')}`;
}

export function whyThisDay(model: SchedulingModel, hearing: number, day: number, tally: FailureTally | undefined, kept: boolean): string {
  const item = model.hearings[hearing];
  const caseModel = model.cases[item.caseIndex];
  const klass = model.classes[caseModel.requirementClass];
  const date = formatReadableDate(model.startDay + day);
  if (kept) return `kept on ${date} where it was published, as re-planning moves as few published hearings as it can`;
  const after = nothingBefore(model, item)
    ? ''
    : item.part > 1
      ? `, after the block before it and a ${item.breakAfterPrevious}-minute break`
      : `, at least ${item.minDaysAfterPrevious} day${item.minDaysAfterPrevious === 1 ? '' : 's'} after the case's previous hearing`;
  if (!tally) return `listed on ${date}${after}`;
  const dynamic = reasonsOf(tally, true);
  const fixed = reasonsOf(tally, false);
  if (dynamic.length === 0) {
    const held = fixed.length ? `, as before that ${describe(fixed, klass, item.minutes, false)}` : '';
    return `listed on ${date}, the earliest day it could be heard${after}${held}`;
  }
  const days = dynamic.reduce((sum, [, count]) => sum + count, 0);
  return `listed on ${date}, the first day with room for it${after}, since on ${days} earlier sitting day${days === 1 ? '' : 's'} ${describe(dynamic, klass, item.minutes, true)}`;
}

/** The case's first hearing in the plan, and the case has had none before it (`lastHeard`) to keep days from. */
function nothingBefore(model: SchedulingModel, item: HearingModel): boolean {
  return item.ordinal === 0 && model.cases[item.caseIndex].lastHeardDay === undefined;
}

export function whyUnscheduled(model: SchedulingModel, hearing: number, tally: FailureTally | undefined, windowOpen: boolean): string {
  const item = model.hearings[hearing];
  const caseModel = model.cases[item.caseIndex];
  const klass = model.classes[caseModel.requirementClass];
  const which =
    item.parts > 1
      ? `Hearing ${item.need + 1} (block ${item.part} of ${item.parts})`
      : `Hearing ${item.need + 1} (${item.type.replace(/_/g, ' ')})`;
  if (!windowOpen) {
    return nothingBefore(model, item)
      ? `${which} could not be listed: the plan has no sitting day for it.`
      : `${which} could not be listed: it must follow the case's previous hearing by ${item.minDaysAfterPrevious} day(s), beyond the plan's last day.`;
  }
  if (!tally) return `${which} could not be listed within the plan.`;
  const dynamic = reasonsOf(tally, true);
  const fixed = reasonsOf(tally, false);
  if (dynamic.length === 0) return `${which} cannot be listed in this plan: ${describe(fixed, klass, item.minutes, false)}.`;
  const days = dynamic.reduce((sum, [, count]) => sum + count, 0);
  return `${which} not listed: on all ${days} sitting day${days === 1 ? '' : 's'} it could be heard ${describe(dynamic, klass, item.minutes, true)}; cases of higher priority (or listed earlier) hold that time.`;
}

export function whyCustodyRisk(model: SchedulingModel, item: CaseModel, unavoidable: boolean, tally: FailureTally | undefined): string {
  const limit = item.custodyLimitDay as number;
  const klass = model.classes[item.requirementClass];
  if (limit < 0)
    return `Its custody time limit (${formatReadableDate(model.startDay + limit)}) passed before the plan starts: apply to extend it or release.`;
  if (limit >= model.horizonDays)
    return 'Its custody time limit falls after the plan ends and its hearings are not all listed within the plan: list it early in the next plan.';
  const gaps = custodyGaps(model, item);
  const first = tally ? reasonsOf(tally, false) : [];
  if (unavoidable) {
    const chain = tooFarApart(model, item, gaps)
      ? `it needs ${item.hearings.length} hearings ${gaps} days apart in all and only ${limit} days remain`
      : '';
    const blocked = first.length ? describe(first, klass, longestOf(model, item), false) : '';
    return `No plan can meet its limit: ${[chain, blocked].filter(Boolean).join('; ') || 'no session before the limit can hold its hearings'}. Apply to extend the custody time limit.`;
  }
  const dynamic = tally ? reasonsOf(tally, true) : [];
  return `Not met: before its limit ${dynamic.length ? describe(dynamic, klass, 0, true) : 'the sittings it could use were taken'}, by other custody cases whose limits are as close; more sittings (or a night court) before the limit would let it be heard.`;
}

/** The facts of `whyCustodyRisk`: its code and what its sentence names. */
export function explainCustodyRiskFacts(
  model: SchedulingModel,
  item: CaseModel,
  unavoidable: boolean,
  tally: FailureTally | undefined,
): { code: CustodyRiskCode; params: CustodyRiskParams } {
  const limit = item.custodyLimitDay as number;
  const klass = model.classes[item.requirementClass];
  const base = { limit: formatIsoDate(model.startDay + limit) };
  if (limit < 0) return { code: 'limit_passed', params: { ...base, heldBy: [] } };
  if (limit >= model.horizonDays) return { code: 'after_plan', params: { ...base, heldBy: [] } };
  if (unavoidable) {
    const gaps = custodyGaps(model, item);
    const chain = tooFarApart(model, item, gaps) ? { hearings: item.hearings.length, gapDays: gaps, daysLeft: limit } : {};
    const first = tally ? reasonsOf(tally, false) : [];
    return { code: 'unavoidable', params: { ...base, ...chain, heldBy: heldBy(first, klass, longestOf(model, item)) } };
  }
  const dynamic = tally ? reasonsOf(tally, true) : [];
  return { code: 'crowded_out', params: { ...base, heldBy: heldBy(dynamic, klass, 0) } };
}

/** The days a custody case's hearings must keep apart, in all (the first from the one held before the plan, if any). */
function custodyGaps(model: SchedulingModel, item: CaseModel): number {
  return item.hearings.reduce((sum, hearing) => sum + model.hearings[hearing].minDaysAfterPrevious, 0);
}

/**
 * Whether the gaps alone put its last hearing after its limit: the first no earlier than the
 * plan's first day nor its days after the hearing held before the plan, the others their days apart.
 */
function tooFarApart(model: SchedulingModel, item: CaseModel, gaps: number): boolean {
  const first = model.hearings[item.hearings[0]].minDaysAfterPrevious;
  return Math.max(0, (item.lastHeardDay ?? 0) + first) + gaps - first > (item.custodyLimitDay as number);
}

function longestOf(model: SchedulingModel, item: CaseModel): number {
  return Math.max(...item.hearings.map((h) => model.hearings[h].minutes));
}

/**
 * The facts of a listing's sentence (`whyThisCase` then `whyThisDay`), for saying it in another
 * language: the same case, rank, day and reasons, as data.
 */
export function explainListingFacts(
  model: SchedulingModel,
  hearing: number,
  day: number,
  tally: FailureTally | undefined,
  kept: boolean,
  rank: number,
): ListingExplanation {
  const item = model.hearings[hearing];
  const caseModel = model.cases[item.caseIndex];
  const input = caseModel.input;
  const klass = model.classes[caseModel.requirementClass];
  const adjournments = input.adjournments ?? [];
  const base = {
    tier: caseModel.tier,
    ...(caseModel.tier === 'child_vulnerable' ? { ground: groundOf(caseModel) } : {}),
    ...(caseModel.tier === 'custody' && caseModel.custodyLimitDay !== undefined
      ? { custodyLimit: formatIsoDate(model.startDay + caseModel.custodyLimitDay) }
      : {}),
    filed: input.filed,
    daysWaited: Math.max(0, -caseModel.filedDay),
    yearsWaited: Math.round(caseModel.yearsWaited * 100) / 100,
    adjournments: adjournments.length,
    adjournmentReasons: [...new Set(adjournments.map((a) => a.reason))],
    rank,
    of: model.cases.length,
    date: formatIsoDate(model.startDay + day),
  };
  if (kept) return { ...base, day: 'kept', heldBy: [] };
  const after = nothingBefore(model, item)
    ? {}
    : item.part > 1
      ? { afterBreakMinutes: item.breakAfterPrevious }
      : { afterDays: item.minDaysAfterPrevious };
  if (!tally) return { ...base, day: 'listed', ...after, heldBy: [] };
  const dynamic = reasonsOf(tally, true);
  if (dynamic.length === 0) return { ...base, day: 'earliest', ...after, heldBy: heldBy(reasonsOf(tally, false), klass, item.minutes) };
  const days = dynamic.reduce((sum, [, count]) => sum + count, 0);
  return { ...base, day: 'first_with_room', ...after, sittingDays: days, heldBy: heldBy(dynamic, klass, item.minutes) };
}

/** The facts of `whyUnscheduled`: its code and what its sentence names. */
export function explainUnscheduledFacts(
  model: SchedulingModel,
  hearing: number,
  tally: FailureTally | undefined,
  windowOpen: boolean,
): { code: UnscheduledCode; params: UnscheduledParams } {
  const item = model.hearings[hearing];
  const klass = model.classes[model.cases[item.caseIndex].requirementClass];
  const which = { hearing: item.need, type: item.type, part: item.part, parts: item.parts };
  if (!windowOpen) {
    return nothingBefore(model, item)
      ? { code: 'no_sitting_day', params: { ...which, heldBy: [] } }
      : { code: 'beyond_plan', params: { ...which, minDays: item.minDaysAfterPrevious, heldBy: [] } };
  }
  if (!tally) return { code: 'not_within_plan', params: { ...which, heldBy: [] } };
  const dynamic = reasonsOf(tally, true);
  if (dynamic.length === 0)
    return { code: 'cannot_be_listed', params: { ...which, heldBy: heldBy(reasonsOf(tally, false), klass, item.minutes) } };
  const days = dynamic.reduce((sum, [, count]) => sum + count, 0);
  return { code: 'crowded_out', params: { ...which, days, heldBy: heldBy(dynamic, klass, item.minutes) } };
}

function groundOf(item: CaseModel): PriorityGround {
  const witnesses = item.input.witnesses ?? [];
  const victims = item.input.victims ?? [];
  return witnesses.some((w) => w.child)
    ? 'child_witness'
    : victims.some((v) => v.child)
      ? 'child_victim'
      : witnesses.some((w) => w.vulnerable)
        ? 'vulnerable_witness'
        : 'vulnerable_victim';
}

/** The reasons `describe` names (the first three), as facts. */
function heldBy(reasons: [FailureReason, number][], klass: RequirementClass, minutes: number): HeldBy[] {
  return reasons.slice(0, 3).map(([reason, days]) => ({
    reason,
    days,
    specialisms: [...klass.specialisms],
    languages: [...klass.languages],
    minutes,
    inPerson: !klass.remoteAllowed,
    liveLink: klass.liveLink,
    intermediary: klass.intermediary,
    supporter: klass.supporter,
  }));
}

/** Reasons with their day counts, most frequent first: the dynamic ones (time taken) or the fixed ones. */
function reasonsOf(tally: FailureTally, dynamic: boolean): [FailureReason, number][] {
  const firstDynamic = FAILURE_REASONS.indexOf('judges_full');
  return FAILURE_REASONS.map((reason, index) => [reason, tally[index]] as [FailureReason, number])
    .filter(([reason, count]) => count > 0 && FAILURE_REASONS.indexOf(reason) >= firstDynamic === dynamic)
    .sort((a, b) => b[1] - a[1]);
}

function describe(reasons: [FailureReason, number][], klass: RequirementClass, minutes: number, withCounts: boolean): string {
  const phrases = reasons.slice(0, 3).map(([reason, count]) => {
    const phrase = phraseFor(reason, klass, minutes);
    return withCounts && reasons.length > 1 ? `${phrase} (${count} day${count === 1 ? '' : 's'})` : phrase;
  });
  return phrases.length <= 1 ? (phrases[0] ?? '') : `${phrases.slice(0, -1).join(', ')} or ${phrases[phrases.length - 1]}`;
}

function phraseFor(reason: FailureReason, klass: RequirementClass, minutes: number): string {
  switch (reason) {
    case 'night_session':
      return 'only night court sat, and a child or vulnerable witness gives evidence by day';
    case 'session_too_short':
      return `no session had ${minutes} minutes left for it`;
    case 'no_judge':
      return klass.specialisms.length ? `no judge with the ${klass.specialisms.join(' and ')} specialism sat` : 'no judge sat';
    case 'no_room':
      return `no suitable room was open (${[klass.remoteAllowed ? '' : 'in person', klass.liveLink ? 'with a live link' : ''].filter(Boolean).join(', ') || 'any'})`;
    case 'no_interpreter':
      return `no ${klass.languages.join(' or ')} interpreter was available`;
    case 'no_support':
      return `no ${[klass.intermediary ? 'intermediary' : '', klass.supporter ? 'supporter' : ''].filter(Boolean).join(' or ')} was available`;
    case 'judges_full':
      return klass.specialisms.length ? `the ${klass.specialisms.join(' and ')} judges' lists were full` : "the judges' lists were full";
    case 'people_busy':
      return 'counsel or a witness was in another hearing';
    case 'rooms_full':
      return klass.liveLink
        ? 'every room with a live link was taken'
        : klass.remoteAllowed
          ? 'every room was taken'
          : 'every courtroom was taken';
    case 'interpreters_busy':
      return `the ${klass.languages.join(' and ')} interpreters were busy`;
    case 'support_busy':
      return `the ${[klass.intermediary ? 'intermediaries' : '', klass.supporter ? 'supporters' : ''].filter(Boolean).join(' and ')} were busy`;
  }
}

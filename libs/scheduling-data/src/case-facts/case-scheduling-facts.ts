import { createHash } from 'node:crypto';
import { DomainError, canonicalJson } from '@ejustice/platform';
import type { PartyRole } from '@ejustice/vocabulary';
import {
  CASE_SCHEDULING_LIMITS,
  type CaseHearingNeedFacts,
  type CaseSchedulingFactsBody,
  type CaseSchedulingFactsUpdate,
  type CaseSchedulingPersonFacts,
  LANGUAGE_CODE_PATTERN,
  PERSON_KEY_PATTERN,
  SPECIALISM_PATTERN,
} from '../contract/case-scheduling-facts.contract';

/*
 * A clerk's change of a case's scheduling facts, decided without I/O: the version checked, the
 * rules across fields (custody and its limit together, a witness's key, the parties named), and
 * the hearings needed that the published timetable already lists kept as they are.
 */

/** A party of the case as the check needs it: its role, and its name only to keep it out of a key. */
export interface CasePartyForScheduling {
  readonly id: string;
  readonly partyRole: PartyRole;
  readonly fullName: string;
}

/** What the case holds now. */
export interface CaseSchedulingState {
  readonly facts: CaseSchedulingFactsBody;
  /** The hearings needed (0-based, in order) that `published_hearings` lists. */
  readonly publishedNeeds: readonly number[];
  readonly parties: readonly CasePartyForScheduling[];
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** The facts of a case that has none recorded. */
export const NO_SCHEDULING_FACTS: CaseSchedulingFactsBody = {
  offence: null,
  inCustody: false,
  custodyLimit: null,
  interpreterLanguages: [],
  needsIntermediary: false,
  needsSupporter: false,
  needsLiveLink: false,
  remoteAllowed: false,
  judgeSpecialisms: [],
  people: [],
  hearings: [],
};

const ROLE_ORDER: Record<CaseSchedulingPersonFacts['role'], number> = { victim: 0, witness: 1 };

function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** People in one order whatever order they were sent in, so that the same facts have one version. */
export function comparePeople(a: CaseSchedulingPersonFacts, b: CaseSchedulingPersonFacts): number {
  return (
    ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
    compareText(a.personKey, b.personKey) ||
    compareText(a.partyId, b.partyId) ||
    Number(a.child) - Number(b.child) ||
    Number(a.vulnerable) - Number(b.vulnerable)
  );
}

/** The facts as stored: text trimmed, lists without repeats, people in their one order; only the fields of the body. */
export function normaliseSchedulingFacts(body: CaseSchedulingFactsBody): CaseSchedulingFactsBody {
  const offence = body.offence?.trim() ?? null;
  return {
    offence: offence === '' ? null : offence,
    inCustody: body.inCustody,
    custodyLimit: body.custodyLimit,
    interpreterLanguages: [...new Set(body.interpreterLanguages)],
    needsIntermediary: body.needsIntermediary,
    needsSupporter: body.needsSupporter,
    needsLiveLink: body.needsLiveLink,
    remoteAllowed: body.remoteAllowed,
    judgeSpecialisms: [...new Set(body.judgeSpecialisms)],
    people: body.people
      .map((p) => ({ role: p.role, partyId: p.partyId, personKey: p.personKey, child: p.child, vulnerable: p.vulnerable }))
      .sort(comparePeople),
    hearings: body.hearings.map((h) => ({ type: h.type, minutes: h.minutes, minDaysAfterPrevious: h.minDaysAfterPrevious })),
  };
}

/** The version of a case's facts: changes whenever any of them does (a hash of their canonical form). */
export function caseSchedulingVersion(facts: CaseSchedulingFactsBody): string {
  return createHash('sha256')
    .update(canonicalJson(normaliseSchedulingFacts(facts)))
    .digest('hex')
    .slice(0, 24);
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The words of a text, folded, split where a name's parts are (spaces, dots, dashes, colons, underscores). */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s\-_.,:'’]+/u)
    .filter((w) => w !== '');
}

/**
 * Whether a person key spells the name of a party of the case: the whole name, or any part of it
 * of three letters or more. A key travels to every case the witness is in and into plans and
 * logs; a protected person's name must never travel with it.
 */
export function keySpellsAName(key: string, parties: readonly CasePartyForScheduling[]): boolean {
  const keyWords = new Set(words(key));
  const joined = words(key).join('');
  return parties.some((p) => {
    const parts = words(p.fullName);
    if (parts.length > 0 && parts.join('') === joined) return true;
    return parts.some((part) => [...part].length >= 3 && keyWords.has(part));
  });
}

/** Every rule of the facts the DTO cannot state alone; empty when the facts may be written. */
export function schedulingFactsProblems(body: CaseSchedulingFactsBody, parties: readonly CasePartyForScheduling[]): FieldProblem[] {
  const L = CASE_SCHEDULING_LIMITS;
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });

  if (body.offence !== null && (body.offence.trim() === '' || body.offence.length > L.offenceLength)) {
    add('offence', `The offence must be 1 to ${L.offenceLength} characters, or null when none is recorded.`);
  }
  if (body.inCustody && body.custodyLimit === null) {
    add('custodyLimit', 'A defendant in custody is held under a time limit: give the date the custody time limit expires.');
  }
  if (!body.inCustody && body.custodyLimit !== null) {
    add('custodyLimit', 'A custody time limit applies only to a defendant in custody: set inCustody, or leave the limit out.');
  }
  if (body.custodyLimit !== null && !isCalendarDate(body.custodyLimit)) {
    add('custodyLimit', 'The custody time limit must be a calendar date, YYYY-MM-DD.');
  }
  if (body.interpreterLanguages.length > L.languages) add('interpreterLanguages', `At most ${L.languages} interpreter languages.`);
  for (const [i, code] of body.interpreterLanguages.entries()) {
    if (!LANGUAGE_CODE_PATTERN.test(code)) {
      add(
        `interpreterLanguages.${i}`,
        `"${code.slice(0, 20)}" is not a language code: use ISO 639 in lower case (ar, fr, tzm), optionally with a region (ar-MA).`,
      );
    }
  }
  if (body.judgeSpecialisms.length > L.specialisms) add('judgeSpecialisms', `At most ${L.specialisms} judge specialisms.`);
  for (const [i, s] of body.judgeSpecialisms.entries()) {
    if (s.length > L.specialismLength || !SPECIALISM_PATTERN.test(s)) {
      add(
        `judgeSpecialisms.${i}`,
        `A specialism is a lower-case word of at most ${L.specialismLength} characters (trafficking, child_victims).`,
      );
    }
  }

  if (body.people.length > L.people) add('people', `At most ${L.people} victims and witnesses.`);
  const partiesById = new Map(parties.map((p) => [p.id, p]));
  const keys = new Set<string>();
  const partyIds = new Set<string>();
  for (const [i, p] of body.people.entries()) {
    const at = `people.${i}`;
    if (p.role === 'witness' && p.personKey === null) {
      add(`${at}.personKey`, 'A witness needs a person key (the same key in every case they testify in), never their name.');
    }
    if (p.personKey !== null) {
      if (p.personKey.length > L.personKeyLength || !PERSON_KEY_PATTERN.test(p.personKey)) {
        add(`${at}.personKey`, `A person key is at most ${L.personKeyLength} letters, digits or ._:- without spaces (w-17, police:4471).`);
      } else if (keySpellsAName(p.personKey, parties)) {
        add(`${at}.personKey`, 'A person key must not spell the name of a party of the case: use a code (w-17), never a name.');
      } else if (keys.has(p.personKey)) {
        add(`${at}.personKey`, 'The same person key is listed twice; list each person once.');
      }
      keys.add(p.personKey);
    }
    if (p.partyId !== null) {
      const party = partiesById.get(p.partyId);
      if (!party) {
        add(`${at}.partyId`, 'There is no party with this id in the case.');
      } else if (party.partyRole !== p.role) {
        add(`${at}.partyId`, `This party is on the record as ${party.partyRole}, not as ${p.role}.`);
      } else if (partyIds.has(p.partyId)) {
        add(`${at}.partyId`, 'The same party is listed twice; list each person once.');
      }
      partyIds.add(p.partyId);
    }
  }

  if (body.hearings.length > L.hearings) add('hearings', `At most ${L.hearings} hearings needed.`);
  for (const [i, h] of body.hearings.entries()) {
    if (!Number.isInteger(h.minutes) || h.minutes < 1 || h.minutes > L.minutes) {
      add(`hearings.${i}.minutes`, `A hearing lasts 1 to ${L.minutes} minutes.`);
    }
    const d = h.minDaysAfterPrevious;
    if (d !== null && (!Number.isInteger(d) || d < 0 || d > L.minDaysAfterPrevious)) {
      add(`hearings.${i}.minDaysAfterPrevious`, `The days after the previous hearing are 0 to ${L.minDaysAfterPrevious}, or null.`);
    }
  }
  return problems;
}

const sameNeed = (a: CaseHearingNeedFacts, b: CaseHearingNeedFacts | undefined): boolean =>
  b !== undefined && a.type === b.type && a.minutes === b.minutes && a.minDaysAfterPrevious === b.minDaysAfterPrevious;

function describeNeed(index: number, need: CaseHearingNeedFacts): string {
  return `hearing needed ${index + 1} (${need.type.replace(/_/g, ' ')}, ${need.minutes} minutes)`;
}

/**
 * Decides a clerk's update of a case's scheduling facts against what the case holds: the facts to
 * write, or a refusal. In order: a stale version (409 `scheduling.facts_stale`: someone changed
 * them since they were read); facts that break a rule (400 `scheduling.facts_invalid`, each field
 * with its sentence); a hearing needed that the published timetable lists, removed, moved or
 * changed (409 `scheduling.published_need_changed`). Published hearings name a need by its
 * position, so a published need stays where it is as it is; needs after it may change freely.
 * To change a published one, the clerk first calls its hearing off (which takes it off the
 * timetable and re-plans).
 */
export function decideSchedulingFactsUpdate(state: CaseSchedulingState, update: CaseSchedulingFactsUpdate): CaseSchedulingFactsBody {
  if (update.version !== caseSchedulingVersion(state.facts)) {
    throw new DomainError(
      'conflict',
      'scheduling.facts_stale',
      'Someone changed this case’s scheduling facts after you read them; nothing was saved. Reload them, apply your change again and save.',
    );
  }
  const problems = schedulingFactsProblems(update, state.parties);
  if (problems.length > 0) {
    throw new DomainError(
      'invalid',
      'scheduling.facts_invalid',
      `The scheduling facts were not saved: ${problems.map((p) => p.message).join(' ')}`,
      { fields: problems },
    );
  }
  const facts = normaliseSchedulingFacts(update);
  const changed = [...new Set(state.publishedNeeds)]
    .sort((a, b) => a - b)
    .filter((i) => i < state.facts.hearings.length && !sameNeed(state.facts.hearings[i], facts.hearings[i]));
  if (changed.length > 0) {
    const which = changed.map((i) => describeNeed(i, state.facts.hearings[i])).join(', ');
    throw new DomainError(
      'conflict',
      'scheduling.published_need_changed',
      `The published timetable lists ${which}; it must stay in its place as it is, and nothing was saved. Call its hearing off first, or change only the hearings needed after it.`,
      { details: { publishedNeeds: changed.map((i) => i + 1) } },
    );
  }
  return facts;
}

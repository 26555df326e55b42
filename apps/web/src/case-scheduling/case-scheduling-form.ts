import type { i18n as I18n } from 'i18next';
import type { PartyView } from '@ejustice/cases/contract/case-contract';
import {
  CASE_SCHEDULING_LIMITS as L,
  type CaseHearingNeedFacts,
  type CaseSchedulingFactsUpdate,
  type CaseSchedulingFactsView,
  type CaseSchedulingPersonFacts,
  LANGUAGE_CODE_PATTERN,
  PERSON_KEY_PATTERN,
  type SchedulingPersonRole,
  SPECIALISM_PATTERN,
} from '@ejustice/scheduling-data/contract/case-scheduling-facts.contract';
import type { HearingType } from '@ejustice/vocabulary/hearing-type';
import { isApiError } from '../api/problem';
import { errorMessage } from '../i18n/error-message';

/*
 * A case's scheduling facts as the clerk edits them, without React: the form's state from the
 * api's view, the request from the form, the checks the server makes (so the clerk hears of a
 * mistake before saving, in their language), and the server's refusals laid on the fields.
 */

export const PERSON_ROLES: readonly SchedulingPersonRole[] = ['victim', 'witness'];

/** A victim or witness row. `row` keeps React's key stable while rows come and go. */
export interface PersonForm {
  readonly row: number;
  readonly role: SchedulingPersonRole;
  /** '' when the person is not a party of the case. */
  readonly partyId: string;
  readonly personKey: string;
  readonly child: boolean;
  readonly vulnerable: boolean;
}

/** A hearing still needed. `published` ones are listed by the published timetable, at `publishedAt`. */
export interface HearingForm {
  readonly row: number;
  readonly type: HearingType;
  readonly minutes: string;
  /** '' when there is no minimum gap after the previous hearing. */
  readonly minDaysAfterPrevious: string;
  readonly published: boolean;
}

export interface CaseSchedulingForm {
  readonly offence: string;
  readonly inCustody: boolean;
  readonly custodyLimit: string;
  /** Codes separated by commas or spaces (`ar, fr`). */
  readonly interpreterLanguages: string;
  readonly needsIntermediary: boolean;
  readonly needsSupporter: boolean;
  readonly needsLiveLink: boolean;
  readonly remoteAllowed: boolean;
  readonly judgeSpecialisms: string;
  readonly people: readonly PersonForm[];
  readonly hearings: readonly HearingForm[];
}

/** A problem found before saving: the server's field path, and a message key under `caseScheduling.problems.`. */
export interface FormProblem {
  readonly field: string;
  readonly problem: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** A problem as the page shows it on a field: a sentence, and its language when it is not the page's. */
export interface FieldMessage {
  readonly text: string;
  readonly lang?: string;
}

export type FieldMessages = ReadonlyMap<string, readonly FieldMessage[]>;

let nextRow = 1;
const newRow = () => nextRow++;

export function formOf(view: CaseSchedulingFactsView): CaseSchedulingForm {
  return {
    offence: view.offence ?? '',
    inCustody: view.inCustody,
    custodyLimit: view.custodyLimit ?? '',
    interpreterLanguages: view.interpreterLanguages.join(', '),
    needsIntermediary: view.needsIntermediary,
    needsSupporter: view.needsSupporter,
    needsLiveLink: view.needsLiveLink,
    remoteAllowed: view.remoteAllowed,
    judgeSpecialisms: view.judgeSpecialisms.join(', '),
    people: view.people.map((p) => ({
      row: newRow(),
      role: p.role,
      partyId: p.partyId ?? '',
      personKey: p.personKey ?? '',
      child: p.child,
      vulnerable: p.vulnerable,
    })),
    hearings: view.hearings.map((h) => ({
      row: newRow(),
      type: h.type,
      minutes: String(h.minutes),
      minDaysAfterPrevious: h.minDaysAfterPrevious === null ? '' : String(h.minDaysAfterPrevious),
      published: h.published,
    })),
  };
}

/** A list typed as `ar, fr` or `ar fr`: its items, trimmed, empties dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,،]+/u)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A whole number typed by a person (Arabic-Indic digits included), or NaN. */
export function parseWholeNumber(text: string): number {
  const western = text.trim().replace(/[٠-٩]/g, (digit) => String(digit.charCodeAt(0) - 0x0660));
  return /^\d+$/.test(western) ? Number(western) : Number.NaN;
}

const textOrNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The PUT body: the whole of the facts, with the version the clerk read. */
export function factsRequest(form: CaseSchedulingForm, version: string): CaseSchedulingFactsUpdate {
  const people: CaseSchedulingPersonFacts[] = form.people.map((p) => ({
    role: p.role,
    partyId: p.partyId === '' ? null : p.partyId,
    personKey: textOrNull(p.personKey),
    child: p.child,
    vulnerable: p.vulnerable,
  }));
  const hearings: CaseHearingNeedFacts[] = form.hearings.map((h) => ({
    type: h.type,
    minutes: parseWholeNumber(h.minutes),
    minDaysAfterPrevious: h.minDaysAfterPrevious.trim() === '' ? null : parseWholeNumber(h.minDaysAfterPrevious),
  }));
  return {
    version,
    offence: textOrNull(form.offence),
    inCustody: form.inCustody,
    // The limit goes with custody: a date typed and then custody unticked is not sent.
    custodyLimit: form.inCustody ? textOrNull(form.custodyLimit) : null,
    interpreterLanguages: splitList(form.interpreterLanguages),
    needsIntermediary: form.needsIntermediary,
    needsSupporter: form.needsSupporter,
    needsLiveLink: form.needsLiveLink,
    remoteAllowed: form.remoteAllowed,
    judgeSpecialisms: splitList(form.judgeSpecialisms),
    people,
    hearings,
  };
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * The server's rules (libs/scheduling-data case-scheduling-facts.ts), checked on the request the
 * form would send, with the same field paths. Two the page cannot judge are left to the server:
 * whether a key spells a party's real name (the page may know only a pseudonym) and a published
 * hearing changed (the page does not offer to change one).
 */
export function formProblems(request: CaseSchedulingFactsUpdate, parties: readonly Pick<PartyView, 'id' | 'partyRole'>[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const add = (field: string, problem: string, values?: Record<string, string | number>) => problems.push({ field, problem, values });

  if (request.offence !== null && request.offence.length > L.offenceLength) add('offence', 'offenceLength', { max: L.offenceLength });
  if (request.inCustody && request.custodyLimit === null) add('custodyLimit', 'custodyLimitMissing');
  if (request.custodyLimit !== null && !isCalendarDate(request.custodyLimit)) add('custodyLimit', 'custodyLimitDate');

  if (request.interpreterLanguages.length > L.languages) add('interpreterLanguages', 'tooManyLanguages', { max: L.languages });
  const badLanguages = request.interpreterLanguages.filter((code) => !LANGUAGE_CODE_PATTERN.test(code));
  if (badLanguages.length > 0) add('interpreterLanguages', 'languageCode', { codes: badLanguages.join(', ') });
  if (request.judgeSpecialisms.length > L.specialisms) add('judgeSpecialisms', 'tooManySpecialisms', { max: L.specialisms });
  const badSpecialisms = request.judgeSpecialisms.filter((s) => s.length > L.specialismLength || !SPECIALISM_PATTERN.test(s));
  if (badSpecialisms.length > 0) add('judgeSpecialisms', 'specialism', { specialisms: badSpecialisms.join(', '), max: L.specialismLength });

  if (request.people.length > L.people) add('people', 'tooManyPeople', { max: L.people });
  const partiesById = new Map(parties.map((p) => [p.id, p]));
  const keys = new Set<string>();
  const partyIds = new Set<string>();
  for (const [i, p] of request.people.entries()) {
    const at = `people.${i}`;
    if (p.role === 'witness' && p.personKey === null) add(`${at}.personKey`, 'witnessKeyMissing');
    if (p.personKey !== null) {
      if (p.personKey.length > L.personKeyLength || !PERSON_KEY_PATTERN.test(p.personKey)) {
        add(`${at}.personKey`, 'personKey', { max: L.personKeyLength });
      } else if (keys.has(p.personKey)) {
        add(`${at}.personKey`, 'personKeyTwice');
      }
      keys.add(p.personKey);
    }
    if (p.partyId !== null) {
      const party = partiesById.get(p.partyId);
      if (!party || party.partyRole !== p.role) add(`${at}.partyId`, 'partyRole');
      else if (partyIds.has(p.partyId)) add(`${at}.partyId`, 'partyTwice');
      partyIds.add(p.partyId);
    }
  }

  if (request.hearings.length > L.hearings) add('hearings', 'tooManyHearings', { max: L.hearings });
  for (const [i, h] of request.hearings.entries()) {
    if (!Number.isInteger(h.minutes) || h.minutes < 1 || h.minutes > L.minutes) add(`hearings.${i}.minutes`, 'minutes', { max: L.minutes });
    const d = h.minDaysAfterPrevious;
    if (d !== null && (!Number.isInteger(d) || d > L.minDaysAfterPrevious)) {
      add(`hearings.${i}.minDaysAfterPrevious`, 'minDays', { max: L.minDaysAfterPrevious });
    }
  }
  return problems;
}

/** The form's own problems, translated, by field. */
export function formMessages(problems: readonly FormProblem[], i18n: Pick<I18n, 't'>): FieldMessages {
  const out = new Map<string, FieldMessage[]>();
  for (const p of problems) {
    const list = out.get(p.field) ?? [];
    list.push({ text: i18n.t(`caseScheduling.problems.${p.problem}`, p.values ?? {}) });
    out.set(p.field, list);
  }
  return out;
}

const FIELDS_WITH_MESSAGES = new Set(['offence', 'custodyLimit', 'interpreterLanguages', 'judgeSpecialisms', 'people', 'hearings']);
const ROW_FIELDS_WITH_MESSAGES = /^(people\.\d+\.(partyId|personKey)|hearings\.\d+\.(minutes|minDaysAfterPrevious))$/;

/**
 * Where the form shows a server path's message: a list typed as one text (`interpreterLanguages.2`)
 * on that text; a row's field on that field when it has a place for messages, else on the row
 * (`people.0.role` on `people.0`); anything else on the whole form (`''`), so no message is lost.
 */
export function formField(path: string): string {
  const [head] = path.split('.');
  if (head === 'interpreterLanguages' || head === 'judgeSpecialisms') return head;
  if (FIELDS_WITH_MESSAGES.has(path) || ROW_FIELDS_WITH_MESSAGES.test(path)) return path;
  const row = /^(people|hearings)\.\d+/.exec(path);
  return row ? row[0] : '';
}

export type SaveFailure =
  /** Someone saved other facts since these were read: reload to see theirs. */
  | { readonly kind: 'stale' }
  /** Refused, with a sentence for the whole and (maybe) sentences on fields. */
  | { readonly kind: 'refused'; readonly message: FieldMessage; readonly fields: FieldMessages };

/**
 * What the page says when a save fails. The server's sentences are English (the lib's rules speak
 * it): shown as they are, marked as English so a screen reader reads them as such.
 */
export function saveFailure(error: unknown, i18n: Pick<I18n, 't' | 'exists' | 'language'>): SaveFailure {
  if (isApiError(error) && error.code === 'scheduling.facts_stale') return { kind: 'stale' };
  const english = (text: string): FieldMessage => (i18n.language === 'en' ? { text } : { text, lang: 'en' });
  const fields = new Map<string, FieldMessage[]>();
  if (isApiError(error)) {
    for (const { field, message } of error.fieldErrors) {
      const key = formField(field);
      fields.set(key, [...(fields.get(key) ?? []), english(message)]);
    }
  }
  if (isApiError(error) && fields.size > 0) {
    return { kind: 'refused', message: { text: i18n.t('caseScheduling.saveRefusedFields') }, fields };
  }
  if (isApiError(error) && error.code.startsWith('scheduling.') && error.detail && !i18n.exists(`errors.${error.code}`)) {
    return { kind: 'refused', message: english(error.detail), fields };
  }
  return { kind: 'refused', message: { text: errorMessage(error, i18n) }, fields };
}

/** The messages on one field, the form's own first. */
export function messagesOn(field: string, ...sources: readonly FieldMessages[]): readonly FieldMessage[] {
  return sources.flatMap((source) => source.get(field) ?? []);
}

/* ---- Hearings needed: add, remove, move ---- */

/**
 * What may be done to a hearing needed. Published hearings name a need by its position, so a
 * published need stays where it is as it is (the server refuses otherwise): it cannot be edited,
 * removed or moved, nor may a row before it be removed or moved past it.
 */
export function hearingActions(
  hearings: readonly HearingForm[],
  index: number,
): { edit: boolean; remove: boolean; moveUp: boolean; moveDown: boolean } {
  const here = hearings[index];
  const publishedAfter = hearings.slice(index + 1).some((h) => h.published);
  return {
    edit: !here.published,
    remove: !here.published && !publishedAfter,
    moveUp: index > 0 && !here.published && !hearings[index - 1].published,
    moveDown: index < hearings.length - 1 && !here.published && !hearings[index + 1].published,
  };
}

export function addHearing(form: CaseSchedulingForm): CaseSchedulingForm {
  const hearing: HearingForm = { row: newRow(), type: 'trial', minutes: '60', minDaysAfterPrevious: '', published: false };
  return { ...form, hearings: [...form.hearings, hearing] };
}

export function removeHearing(form: CaseSchedulingForm, index: number): CaseSchedulingForm {
  if (!hearingActions(form.hearings, index).remove) return form;
  return { ...form, hearings: form.hearings.filter((_, i) => i !== index) };
}

export function moveHearing(form: CaseSchedulingForm, index: number, by: -1 | 1): CaseSchedulingForm {
  const actions = hearingActions(form.hearings, index);
  if (!(by === -1 ? actions.moveUp : actions.moveDown)) return form;
  const hearings = [...form.hearings];
  [hearings[index], hearings[index + by]] = [hearings[index + by], hearings[index]];
  return { ...form, hearings };
}

export function updateHearing(form: CaseSchedulingForm, index: number, change: Partial<Omit<HearingForm, 'row' | 'published'>>) {
  if (!hearingActions(form.hearings, index).edit) return form;
  return { ...form, hearings: form.hearings.map((h, i) => (i === index ? { ...h, ...change } : h)) };
}

/* ---- Victims and witnesses ---- */

export function addPerson(form: CaseSchedulingForm, role: SchedulingPersonRole): CaseSchedulingForm {
  const person: PersonForm = { row: newRow(), role, partyId: '', personKey: '', child: false, vulnerable: false };
  return { ...form, people: [...form.people, person] };
}

export function removePerson(form: CaseSchedulingForm, index: number): CaseSchedulingForm {
  return { ...form, people: form.people.filter((_, i) => i !== index) };
}

export function updatePerson(form: CaseSchedulingForm, index: number, change: Partial<Omit<PersonForm, 'row'>>) {
  return {
    ...form,
    people: form.people.map((p, i) => {
      if (i !== index) return p;
      const next = { ...p, ...change };
      // A party is chosen among those of the same role: a changed role unsets it.
      return change.role !== undefined && change.role !== p.role ? { ...next, partyId: '' } : next;
    }),
  };
}

/** The parties a person of this role may be: those on the record with that role (named as `partyShown` names them). */
export function partyChoices<P extends Pick<PartyView, 'partyRole'>>(parties: readonly P[], role: SchedulingPersonRole): P[] {
  return parties.filter((p) => p.partyRole === role);
}

/**
 * A person's party as this section shows it: a protected person always by pseudonym, even to the
 * court's staff, whose answer also holds the real name (the scheduling facts need no identity, and
 * a name on a scheduling screen travels further than the docket); null when the viewer's answer
 * does not hold that party.
 */
export function partyShown<P extends Pick<PartyView, 'id' | 'name' | 'isProtected' | 'pseudonym'>>(
  parties: readonly P[],
  partyId: string | null,
): { name: string; isProtected: boolean } | null {
  if (partyId === null) return null;
  const party = parties.find((p) => p.id === partyId);
  if (!party) return null;
  return { name: party.isProtected ? (party.pseudonym ?? party.name) : party.name, isProtected: party.isProtected };
}

/**
 * A calendar date of the facts (`YYYY-MM-DD`, the custody limit) as the person reads dates. It is
 * a day in the court's calendar, not an instant, so no time zone moves it.
 */
export function formatFactsDate(date: string, language: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Whether nothing is recorded yet (a judge is told so rather than shown a page of "no"). */
export function isEmptyFacts(view: CaseSchedulingFactsView): boolean {
  return (
    view.offence === null &&
    !view.inCustody &&
    view.interpreterLanguages.length === 0 &&
    !view.needsIntermediary &&
    !view.needsSupporter &&
    !view.needsLiveLink &&
    !view.remoteAllowed &&
    view.judgeSpecialisms.length === 0 &&
    view.people.length === 0 &&
    view.hearings.length === 0
  );
}

/** Who sees the section: clerks edit, judges read, everyone else does not see it (the server agrees). */
export function schedulingAccess(roles: readonly string[]): 'edit' | 'read' | 'none' {
  if (roles.includes('clerk')) return 'edit';
  if (roles.includes('judge')) return 'read';
  return 'none';
}

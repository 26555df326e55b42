import type { PartyView } from '@ejustice/cases/contract/case-contract';
import type { AddParticipantRequest, AddedParticipantView } from '@ejustice/hearings/contract/hearing-contract';
import { LANGUAGE_TAG } from '@ejustice/hearings/signalling/signalling-messages';
import type { InterpreterView, SupporterView } from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { type HearingRole, PARTY_SEATS, counselSeatFor, interpreterSeatName } from '@ejustice/vocabulary/hearing-role';
import type { ApiClient } from '../../api/client';
import { type Failed, outcomeOf } from '../../api/outcome';
import { isApiError } from '../../api/problem';

/*
 * Adding someone to a hearing by hand, as the form holds it, without React: who may be chosen,
 * what is wrong before sending, the request for POST /api/hearings/:id/participants, and which
 * field a refusal is about. The server decides who may take which seat; this only saves the
 * clerk a round trip for what is plainly missing.
 */

/** The api's limit on a participant's name (AddParticipantDto). */
export const MAX_PARTICIPANT_NAME = 200;

/** Seats a clerk may give someone by name alone: the bench and counsel come with an account (counsel: as a party's). */
export const BY_NAME_ROLES = ['witness', 'observer', 'interpreter', 'supporter'] as const satisfies readonly HearingRole[];
export type ByNameRole = (typeof BY_NAME_ROLES)[number];

/** The case's parties and the court's interpreters and supporters the form offers. */
export interface AddParticipantChoices {
  readonly parties: readonly PartyView[];
  readonly interpreters: readonly InterpreterView[];
  readonly supporters: readonly SupporterView[];
}

export interface AddParticipantForm {
  /** '' (not chosen), `party:<id>`, `counsel:<account id>`, `interpreter:<id>`, `supporter:<id>`, or `other` (someone named here). */
  readonly who: string;
  /** An interpreter's channel (one of their languages), or the language someone else needs; '' none. */
  readonly language: string;
  /** `other` only: their seat and name. */
  readonly hearingRole: ByNameRole;
  readonly displayName: string;
}

export function emptyAddParticipantForm(): AddParticipantForm {
  return { who: '', language: '', hearingRole: 'witness', displayName: '' };
}

/** The parties that sit in person (PARTY_SEATS), each with the seat they take. */
export function seatableParties(parties: readonly PartyView[]): { party: PartyView; hearingRole: HearingRole }[] {
  return parties.flatMap((party) => {
    const hearingRole = PARTY_SEATS[party.partyRole];
    return hearingRole ? [{ party, hearingRole }] : [];
  });
}

export interface CounselSeat {
  readonly userId: string;
  readonly name: string;
  /** The first party they act for; counsel of two parties takes one seat. */
  readonly party: PartyView;
  readonly hearingRole: HearingRole;
}

/** The parties' counsel with an account the court's bench can see (`counselName`), once each, in the seat their side takes. */
export function seatableCounsel(parties: readonly PartyView[]): CounselSeat[] {
  const seats = new Map<string, CounselSeat>();
  for (const party of parties) {
    if (!party.counselUserId || !party.counselName || seats.has(party.counselUserId)) continue;
    seats.set(party.counselUserId, {
      userId: party.counselUserId,
      name: party.counselName,
      party,
      hearingRole: counselSeatFor(party.partyRole),
    });
  }
  return [...seats.values()];
}

export type Chosen =
  | { readonly kind: 'party'; readonly party: PartyView; readonly hearingRole: HearingRole }
  | { readonly kind: 'counsel'; readonly counsel: CounselSeat }
  | { readonly kind: 'interpreter'; readonly interpreter: InterpreterView }
  | { readonly kind: 'supporter'; readonly supporter: SupporterView }
  | { readonly kind: 'other' }
  | null;

/** What `who` names among the choices; null when nothing (or something no longer offered) is chosen. */
export function chosen(form: AddParticipantForm, choices: AddParticipantChoices): Chosen {
  if (form.who === 'other') return { kind: 'other' };
  const [kind, id] = form.who.split(':', 2);
  if (kind === 'party') {
    const seat = seatableParties(choices.parties).find((s) => s.party.id === id);
    return seat ? { kind: 'party', ...seat } : null;
  }
  if (kind === 'counsel') {
    const counsel = seatableCounsel(choices.parties).find((c) => c.userId === id);
    return counsel ? { kind: 'counsel', counsel } : null;
  }
  if (kind === 'interpreter') {
    const interpreter = choices.interpreters.find((i) => i.id === id);
    return interpreter ? { kind: 'interpreter', interpreter } : null;
  }
  if (kind === 'supporter') {
    const supporter = choices.supporters.find((s) => s.id === id);
    return supporter ? { kind: 'supporter', supporter } : null;
  }
  return null;
}

export type AddParticipantField = 'who' | 'displayName' | 'language';

/** What is wrong before anything is sent, by field, as keys under `addParticipant.problems.`. */
export function addParticipantProblems(
  form: AddParticipantForm,
  choices: AddParticipantChoices,
): Partial<Record<AddParticipantField, string>> {
  const who = chosen(form, choices);
  if (who === null) return { who: 'who' };
  const problems: Partial<Record<AddParticipantField, string>> = {};
  if (who.kind === 'interpreter') {
    if (who.interpreter.languages.length > 1 && !who.interpreter.languages.includes(form.language)) problems.language = 'channel';
  } else if (who.kind === 'other') {
    if (form.displayName.trim() === '') problems.displayName = 'displayName';
    const language = form.language.trim();
    if (form.hearingRole === 'interpreter' && language === '') problems.language = 'interpreterLanguage';
    else if (language !== '' && !LANGUAGE_TAG.test(language)) problems.language = 'languageTag';
  }
  return problems;
}

/** The request for POST /api/hearings/:id/participants, or null while the form has problems. */
export function addParticipantRequest(form: AddParticipantForm, choices: AddParticipantChoices): AddParticipantRequest | null {
  if (Object.keys(addParticipantProblems(form, choices)).length > 0) return null;
  const who = chosen(form, choices);
  switch (who?.kind) {
    case 'party': {
      const { party, hearingRole } = who;
      return {
        hearingRole,
        displayName: party.name,
        partyId: party.id,
        // Their own account, so they join signed in (the bench sees it; the api checks it is the court's).
        ...(party.accountUserId ? { userId: party.accountUserId } : {}),
      };
    }
    case 'counsel':
      return { hearingRole: who.counsel.hearingRole, displayName: who.counsel.name, userId: who.counsel.userId };
    case 'interpreter': {
      const { interpreter } = who;
      const language = interpreter.languages.length === 1 ? interpreter.languages[0] : form.language;
      return {
        hearingRole: 'interpreter',
        displayName: interpreterSeatName(interpreter.name, language),
        language,
        courtInterpreterId: interpreter.id,
      };
    }
    case 'supporter':
      return { hearingRole: 'supporter', displayName: who.supporter.name, courtSupporterId: who.supporter.id };
    case 'other': {
      const language = form.language.trim();
      return { hearingRole: form.hearingRole, displayName: form.displayName.trim(), ...(language ? { language } : {}) };
    }
    default:
      return null;
  }
}

export type AddParticipantOutcome = { readonly kind: 'added'; readonly participant: AddedParticipantView } | Failed;

/** Sends the seat; never throws, so the form has one outcome to show. */
export async function addParticipant(
  client: Pick<ApiClient, 'post'>,
  hearingId: string,
  request: AddParticipantRequest,
): Promise<AddParticipantOutcome> {
  return outcomeOf(
    client.post<AddedParticipantView>(`/api/hearings/${encodeURIComponent(hearingId)}/participants`, request),
    (participant) => ({ kind: 'added', participant }) as const,
  );
}

/** The field a refusal is about, so the form can point at it; null: the whole form. */
export function refusedField(error: unknown): AddParticipantField | null {
  if (!isApiError(error)) return null;
  switch (error.code) {
    case 'hearing.interpreter_language':
      return 'language';
    case 'hearing.already_participant':
    case 'hearing.role_not_held':
    case 'hearing.account_not_in_court':
    case 'hearing.court_helper_double_booked':
    case 'hearing.court_helper_unknown':
    case 'hearing.party_not_in_case':
      return 'who';
    default:
      return null;
  }
}

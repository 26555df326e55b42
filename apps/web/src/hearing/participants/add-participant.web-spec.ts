import { createElement } from 'react';
import type { AddedParticipantView } from '@ejustice/hearings/contract/hearing-contract';
import { ApiClient } from '../../api/client';
import { createTokenStore } from '../../auth/token-store';
import { readable } from '../../i18n/browser-zone.testing';
import { CAIRO_CLERK, renderAs } from '../../auth/render.testing';
import { AddParticipantFormView, AddParticipantOutcomeNotice } from './AddParticipantSection';
import {
  type AddParticipantChoices,
  type AddParticipantOutcome,
  addParticipant,
  addParticipantProblems,
  addParticipantRequest,
  emptyAddParticipantForm,
  refusedField,
  seatableCounsel,
  seatableParties,
} from './add-participant-form';

const text = (html: string) => readable(html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'"));

/** The real ApiClient, signed in, with `fetchImpl` standing in for the network. */
function clientWith(fetchImpl: jest.Mock): ApiClient {
  const tokens = createTokenStore(() => undefined);
  tokens.setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  return new ApiClient({ tokens, fetch: fetchImpl as unknown as typeof fetch });
}

const respond = (status: number, body: unknown, type = 'application/json') =>
  jest.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } }));

const CHOICES: AddParticipantChoices = {
  parties: [
    // As the server sends them to the court's clerk: the real name, the pseudonym beside it.
    { id: 'p-victim', partyRole: 'victim', name: 'Amal Nasser', isProtected: true, pseudonym: 'V-7', accountUserId: null },
    {
      id: 'p-defendant',
      partyRole: 'respondent',
      name: 'Omar Salim',
      isProtected: false,
      accountUserId: 'u-omar',
      counselUserId: 'u-rana',
      counselName: 'Rana Haddad',
    },
    // Also Rana's client: she takes one seat, as the first party's counsel.
    {
      id: 'p-petitioner',
      partyRole: 'petitioner',
      name: 'Hana Adel',
      isProtected: false,
      counselUserId: 'u-rana',
      counselName: 'Rana Haddad',
    },
    {
      id: 'p-prosecution',
      partyRole: 'prosecution',
      name: 'Public Prosecution',
      isProtected: false,
      counselUserId: 'u-crown',
      counselName: 'Prosecutor Adel',
    },
  ],
  interpreters: [
    { id: 'i-salem', name: 'Salem', languages: ['ar', 'fr'], availableWeekdays: null, availableKinds: null },
    { id: 'i-lina', name: 'Lina', languages: ['en'], availableWeekdays: null, availableKinds: null },
  ],
  supporters: [{ id: 's-karim', name: 'Karim', role: 'intermediary', availableWeekdays: null, availableKinds: null }],
};
const NONE: AddParticipantChoices = { parties: [], interpreters: [], supporters: [] };
const form = (patch: Partial<ReturnType<typeof emptyAddParticipantForm>>) => ({ ...emptyAddParticipantForm(), ...patch });

/** The form as the clerk of a Cairo court sees it, filled as `initial` says, after `initialOutcome`. */
function formHtml(
  over: { choices?: AddParticipantChoices; initial?: ReturnType<typeof form>; initialOutcome?: AddParticipantOutcome } = {},
  lng: 'en' | 'fr' | 'ar' = 'en',
): string {
  const props = { hearingId: 'h-1', choices: CHOICES, client: clientWith(jest.fn()), onAdded: () => undefined, ...over };
  return renderAs(createElement(AddParticipantFormView, props), CAIRO_CLERK, lng);
}

describe('adding someone to a hearing by hand', () => {
  it('offers the parties who sit in person, each in the seat they take; the others are heard through counsel', () => {
    expect(seatableParties(CHOICES.parties).map(({ party, hearingRole }) => [party.id, hearingRole])).toEqual([
      ['p-victim', 'victim'],
      ['p-defendant', 'defendant'],
    ]);
  });

  it('offers each party’s counsel once, in the seat of the side they act for', () => {
    expect(seatableCounsel(CHOICES.parties).map((c) => [c.userId, c.name, c.hearingRole, c.party.id])).toEqual([
      ['u-rana', 'Rana Haddad', 'defence_counsel', 'p-defendant'],
      ['u-crown', 'Prosecutor Adel', 'prosecutor', 'p-prosecution'],
    ]);
    expect(addParticipantRequest(form({ who: 'counsel:u-crown' }), CHOICES)).toEqual({
      hearingRole: 'prosecutor',
      displayName: 'Prosecutor Adel',
      userId: 'u-crown',
    });
    // Counsel the reader cannot name (no counselName: not the court's bench) is not offered.
    expect(seatableCounsel([{ id: 'p', partyRole: 'defendant', name: 'X', isProtected: false, counselUserId: 'u-x' }])).toEqual([]);
  });

  it('asks for who, and for an interpreter of several languages the one they interpret into, before sending anything', () => {
    expect(addParticipantProblems(emptyAddParticipantForm(), CHOICES)).toEqual({ who: 'who' });
    // A party offered no longer (or never): nothing is sent.
    expect(addParticipantProblems(form({ who: 'party:p-petitioner' }), CHOICES)).toEqual({ who: 'who' });
    expect(addParticipantProblems(form({ who: 'interpreter:i-salem' }), CHOICES)).toEqual({ language: 'channel' });
    expect(addParticipantProblems(form({ who: 'interpreter:i-salem', language: 'de' }), CHOICES)).toEqual({ language: 'channel' });
    expect(addParticipantRequest(form({ who: 'interpreter:i-salem' }), CHOICES)).toBeNull();
    expect(addParticipantProblems(form({ who: 'other' }), CHOICES)).toEqual({ displayName: 'displayName' });
    expect(addParticipantProblems(form({ who: 'other', displayName: 'Mona', hearingRole: 'interpreter' }), CHOICES)).toEqual({
      language: 'interpreterLanguage',
    });
    expect(addParticipantProblems(form({ who: 'other', displayName: 'Mona', language: 'French' }), CHOICES)).toEqual({
      language: 'languageTag',
    });
  });

  it('seats a party by id with their account, the court’s interpreter and supporter by id, and anyone else by name', () => {
    expect(addParticipantRequest(form({ who: 'party:p-victim' }), CHOICES)).toEqual({
      hearingRole: 'victim',
      displayName: 'Amal Nasser',
      partyId: 'p-victim',
    });
    expect(addParticipantRequest(form({ who: 'party:p-defendant' }), CHOICES)).toEqual({
      hearingRole: 'defendant',
      displayName: 'Omar Salim',
      partyId: 'p-defendant',
      userId: 'u-omar',
    });
    expect(addParticipantRequest(form({ who: 'interpreter:i-salem', language: 'fr' }), CHOICES)).toEqual({
      hearingRole: 'interpreter',
      displayName: 'Salem (fr)',
      language: 'fr',
      courtInterpreterId: 'i-salem',
    });
    // One language: that is their channel, nothing to choose.
    expect(addParticipantRequest(form({ who: 'interpreter:i-lina' }), CHOICES)).toEqual({
      hearingRole: 'interpreter',
      displayName: 'Lina (en)',
      language: 'en',
      courtInterpreterId: 'i-lina',
    });
    expect(addParticipantRequest(form({ who: 'supporter:s-karim' }), CHOICES)).toEqual({
      hearingRole: 'supporter',
      displayName: 'Karim',
      courtSupporterId: 's-karim',
    });
    expect(
      addParticipantRequest(form({ who: 'other', hearingRole: 'witness', displayName: '  Mona Aziz ', language: ' ' }), CHOICES),
    ).toEqual({
      hearingRole: 'witness',
      displayName: 'Mona Aziz',
    });
    expect(
      addParticipantRequest(form({ who: 'other', hearingRole: 'observer', displayName: 'Dr Rania', language: 'pt-br' }), CHOICES),
    ).toEqual({ hearingRole: 'observer', displayName: 'Dr Rania', language: 'pt-br' });
  });

  it('posts the seat and says who was added, and that a non-party of a closed case needs the judge’s leave', async () => {
    const added: AddedParticipantView = {
      id: 'hp-1',
      hearingId: 'h-1',
      hearingRole: 'supporter',
      displayName: 'Karim',
      state: 'invited',
      language: null,
      courtInterpreterId: null,
      courtSupporterId: 's-karim',
      warnings: [{ code: 'hearing.attendance_needs_leave', message: 'Needs leave.' }],
    };
    const fetchImpl = respond(201, added);
    const request = addParticipantRequest(form({ who: 'supporter:s-karim' }), CHOICES);
    const outcome = await addParticipant(clientWith(fetchImpl), 'h-1', request as NonNullable<typeof request>);

    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/hearings/h-1/participants');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual(request);
    expect(outcome).toEqual({ kind: 'added', participant: added });
    const html = renderAs(createElement(AddParticipantOutcomeNotice, { outcome }), CAIRO_CLERK);
    expect(html).toContain('role="status"');
    expect(html).toContain('Added: <bdi>Karim</bdi>, as Supporter.');
    expect(text(html)).toContain('they can join only once the presiding judge gives leave');
    expect(text(renderAs(createElement(AddParticipantOutcomeNotice, { outcome }), CAIRO_CLERK, 'ar'))).toContain('بصفة الشخص الداعم');
  });

  it('says a refusal in the person’s language and points at the choice it is about', async () => {
    const outcome = await addParticipant(
      clientWith(
        respond(
          409,
          { type: 'about:blank', title: 'Conflict', status: 409, code: 'hearing.already_participant', detail: 'Already.' },
          'application/problem+json',
        ),
      ),
      'h-1',
      { hearingRole: 'supporter', displayName: 'Karim', courtSupporterId: 's-karim' },
    );
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(refusedField(outcome.error)).toBe('who');
    const alert = (lng: 'en' | 'fr' | 'ar') => text(renderAs(createElement(AddParticipantOutcomeNotice, { outcome }), CAIRO_CLERK, lng));
    expect(alert('en')).toContain('This person is already a participant in the hearing.');
    expect(alert('fr')).toContain("Cette personne participe déjà à l'audience.");
    expect(alert('ar')).toContain('هذا الشخص مشارك بالفعل في الجلسة.');
    const html = formHtml({ initial: form({ who: 'supporter:s-karim' }), initialOutcome: outcome });
    expect(html).toMatch(/<select id="[^"]*-who" aria-invalid="true"/);
  });

  it('lays out labelled choices: the parties (a protected one marked), the court’s interpreters and supporters, or someone by name', () => {
    const html = formHtml();
    expect(html).toContain('<optgroup label="Parties of the case">');
    expect(html).toContain('<option value="party:p-victim">Amal Nasser (Protected identity) — Victim</option>');
    expect(html).not.toContain('p-petitioner');
    expect(html).toContain('<option value="interpreter:i-salem">Salem — ar, fr</option>');
    expect(html).toContain('<option value="supporter:s-karim">Karim — Intermediary</option>');
    expect(html).toContain(
      '<optgroup label="Counsel"><option value="counsel:u-rana">Rana Haddad — Defence counsel, for Omar Salim</option>',
    );
    expect(html).toContain('<option value="other">Someone else, by name</option>');
    for (const id of [...html.matchAll(/<(?:select|input) id="([^"]+)"/g)].map((m) => m[1])) expect(html).toContain(`for="${id}"`);

    const interpreter = formHtml({ initial: form({ who: 'interpreter:i-salem' }) }, 'fr');
    expect(text(interpreter)).toContain('Interprète vers');
    expect(interpreter).toMatch(/<option value="fr">fr<\/option>/);

    const byName = (hearingRole: 'interpreter' | 'witness', choices: AddParticipantChoices) =>
      text(formHtml({ choices, initial: form({ who: 'other', hearingRole }) }));
    expect(byName('interpreter', CHOICES)).toContain("If they are one of the court's own, choose them under Who instead");
    expect(byName('witness', CHOICES)).not.toContain("court's own");
    expect(byName('interpreter', NONE)).not.toContain("court's own");

    const empty = text(formHtml({ choices: NONE }));
    expect(empty).toContain('No party of this case takes part in person');
    expect(empty).toContain('The court has no interpreters or supporters in its scheduling data yet');
    expect(empty).not.toContain('Parties of the case');
  });
});

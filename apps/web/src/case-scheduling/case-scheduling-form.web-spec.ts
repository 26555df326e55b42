import { createInstance } from 'i18next';
import type { PartyView } from '@ejustice/cases/contract/case-contract';
import type { CaseSchedulingFactsView } from '@ejustice/scheduling-data/contract/case-scheduling-facts.contract';
import { ApiError } from '../api/problem';
import { LANGUAGES, type Language } from '../i18n/languages';
import ar from '../i18n/locales/ar.json';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import {
  type CaseSchedulingForm,
  addHearing,
  addPerson,
  factsRequest,
  formField,
  formMessages,
  formOf,
  formProblems,
  formatFactsDate,
  hearingActions,
  isEmptyFacts,
  moveHearing,
  parseWholeNumber,
  partyChoices,
  partyShown,
  removeHearing,
  saveFailure,
  schedulingAccess,
  updateHearing,
  updatePerson,
} from './case-scheduling-form';

const locales = { ar, en, fr } as const;

async function i18nIn(language: Language) {
  const instance = createInstance();
  await instance.init({ lng: language, fallbackLng: 'en', resources: { [language]: { translation: locales[language] } } });
  return instance;
}

const VICTIM = '11111111-1111-4111-8111-111111111111';
const WITNESS = '22222222-2222-4222-8222-222222222222';
const DEFENDANT = '33333333-3333-4333-8333-333333333333';

/** Parties as GET /api/cases/:id sends them: the protected witness already by pseudonym. */
const parties: PartyView[] = [
  { id: VICTIM, partyRole: 'victim', name: 'Amina B.', isProtected: false },
  { id: WITNESS, partyRole: 'witness', name: 'Witness W-2', isProtected: true },
  { id: DEFENDANT, partyRole: 'defendant', name: 'Karim D.', isProtected: false },
];

const view = (over: Partial<CaseSchedulingFactsView> = {}): CaseSchedulingFactsView => ({
  caseId: 'c-1',
  version: 'v-1',
  offence: 'trafficking in persons',
  inCustody: true,
  custodyLimit: '2027-05-31',
  interpreterLanguages: ['ar', 'tzm'],
  needsIntermediary: true,
  needsSupporter: false,
  needsLiveLink: true,
  remoteAllowed: false,
  judgeSpecialisms: ['child_victims'],
  people: [
    { role: 'victim', partyId: VICTIM, personKey: null, child: true, vulnerable: false },
    { role: 'witness', partyId: WITNESS, personKey: 'w-17', child: false, vulnerable: true },
  ],
  hearings: [
    { type: 'case_management', minutes: 30, minDaysAfterPrevious: null, published: true },
    { type: 'trial', minutes: 240, minDaysAfterPrevious: 14, published: false },
    { type: 'sentencing', minutes: 60, minDaysAfterPrevious: 7, published: false },
  ],
  ...over,
});

const problemsOf = (form: CaseSchedulingForm) => formProblems(factsRequest(form, 'v-1'), parties);
const fieldsOf = (form: CaseSchedulingForm) => problemsOf(form).map((p) => `${p.field}:${p.problem}`);

describe('case scheduling form: form <-> contract request', () => {
  it('sends back exactly the facts it was given, with the version read', () => {
    const { caseId: _caseId, version: _version, hearings, ...body } = view();

    expect(factsRequest(formOf(view()), 'v-1')).toEqual({
      ...body,
      version: 'v-1',
      hearings: hearings.map(({ published: _published, ...need }) => need),
    });
  });

  it('turns what a clerk types into the contract: lists split, blanks to null, numbers parsed', () => {
    const form: CaseSchedulingForm = {
      ...formOf(view({ people: [], hearings: [] })),
      offence: '   ',
      interpreterLanguages: ' ar,fr  ar-MA ,',
      judgeSpecialisms: 'trafficking، child_victims',
    };
    const withHearing = updateHearing(addHearing(form), 0, { type: 'bail', minutes: '٤٥', minDaysAfterPrevious: ' ' });

    const request = factsRequest(withHearing, 'v-9');

    expect(request).toMatchObject({
      version: 'v-9',
      offence: null,
      interpreterLanguages: ['ar', 'fr', 'ar-MA'],
      judgeSpecialisms: ['trafficking', 'child_victims'],
      hearings: [{ type: 'bail', minutes: 45, minDaysAfterPrevious: null }],
    });
  });

  it('sends no custody limit when the defendant is not in custody, whatever was typed', () => {
    const form = { ...formOf(view()), inCustody: false };

    expect(factsRequest(form, 'v-1')).toMatchObject({ inCustody: false, custodyLimit: null });
    expect(problemsOf(form)).toEqual([]);
  });

  it('reads whole numbers in Western and Arabic-Indic digits, and nothing else', () => {
    expect(parseWholeNumber('120')).toBe(120);
    expect(parseWholeNumber('١٢٠')).toBe(120);
    expect(parseWholeNumber('-5')).toBeNaN();
    expect(parseWholeNumber('1.5')).toBeNaN();
    expect(parseWholeNumber('')).toBeNaN();
  });
});

describe('case scheduling form: the server’s rules, checked before saving', () => {
  it('accepts facts the server accepts', () => {
    expect(problemsOf(formOf(view()))).toEqual([]);
    expect(problemsOf(formOf(view({ inCustody: false, custodyLimit: null, people: [], hearings: [] })))).toEqual([]);
  });

  it('asks for the custody limit exactly when the defendant is in custody, as a real date', () => {
    expect(fieldsOf({ ...formOf(view()), custodyLimit: '' })).toEqual(['custodyLimit:custodyLimitMissing']);
    expect(fieldsOf({ ...formOf(view()), custodyLimit: '2027-02-30' })).toEqual(['custodyLimit:custodyLimitDate']);
    expect(fieldsOf({ ...formOf(view()), custodyLimit: '31/05/2027' })).toEqual(['custodyLimit:custodyLimitDate']);
  });

  it('names language codes and specialisms that are not, on their fields', () => {
    const form = { ...formOf(view()), interpreterLanguages: 'ar, Arabic, fr-ma', judgeSpecialisms: 'Child Victims' };

    expect(problemsOf(form)).toEqual([
      { field: 'interpreterLanguages', problem: 'languageCode', values: { codes: 'Arabic, fr-ma' } },
      { field: 'judgeSpecialisms', problem: 'specialism', values: { specialisms: 'Child, Victims', max: 60 } },
    ]);
  });

  it('wants a key for every witness, well formed and listed once, on the server’s field paths', () => {
    let form = formOf(view());
    form = updatePerson(form, 1, { personKey: '' });
    form = addPerson(form, 'witness');
    form = updatePerson(form, 2, { personKey: 'w 17' });
    form = addPerson(form, 'victim');
    form = updatePerson(form, 3, { personKey: 'v-1' });
    form = addPerson(form, 'victim');
    form = updatePerson(form, 4, { personKey: 'v-1' });

    expect(fieldsOf(form)).toEqual([
      'people.1.personKey:witnessKeyMissing',
      'people.2.personKey:personKey',
      'people.4.personKey:personKeyTwice',
    ]);
  });

  it('takes a party only of the same role, and each party once', () => {
    let form = formOf(view());
    form = addPerson(form, 'victim');
    form = updatePerson(form, 2, { partyId: VICTIM });
    form = addPerson(form, 'witness');
    form = updatePerson(form, 3, { partyId: DEFENDANT, personKey: 'w-18' });

    expect(fieldsOf(form)).toEqual(['people.2.partyId:partyTwice', 'people.3.partyId:partyRole']);
  });

  it('unsets the party when the role changes, so a victim never stays linked as a witness', () => {
    const form = updatePerson(formOf(view()), 0, { role: 'witness' });

    expect(form.people[0]).toMatchObject({ role: 'witness', partyId: '' });
    expect(updatePerson(formOf(view()), 0, { child: false }).people[0].partyId).toBe(VICTIM);
  });

  it('bounds the hearings’ minutes and days as the server does', () => {
    let form = formOf(view());
    form = updateHearing(form, 1, { minutes: '0', minDaysAfterPrevious: '367' });
    form = updateHearing(form, 2, { minutes: '1441', minDaysAfterPrevious: 'soon' });

    expect(fieldsOf(form)).toEqual([
      'hearings.1.minutes:minutes',
      'hearings.1.minDaysAfterPrevious:minDays',
      'hearings.2.minutes:minutes',
      'hearings.2.minDaysAfterPrevious:minDays',
    ]);
    expect(fieldsOf(updateHearing(form, 1, { minutes: '1440', minDaysAfterPrevious: '0' }))).toEqual([
      'hearings.2.minutes:minutes',
      'hearings.2.minDaysAfterPrevious:minDays',
    ]);
  });

  it.each(LANGUAGES)('says every problem in %s, with its numbers', async (language) => {
    let form: CaseSchedulingForm = {
      ...formOf(view()),
      offence: 'x'.repeat(201),
      custodyLimit: '',
      interpreterLanguages: Array.from({ length: 11 }, (_, i) => `Q${i}`).join(','),
      judgeSpecialisms: Array.from({ length: 11 }, (_, i) => `S${i}`).join(','),
    };
    form = updatePerson(form, 1, { personKey: '' });
    for (let i = 0; i < 50; i++) form = updatePerson(addPerson(form, 'victim'), form.people.length, { personKey: 'bad key' });
    form = updatePerson(form, 2, { personKey: 'v-1', partyId: VICTIM });
    form = updatePerson(form, 3, { personKey: 'v-1', partyId: DEFENDANT });
    for (let i = 0; i < 28; i++) form = addHearing(form);
    form = updateHearing(form, 1, { minutes: '0', minDaysAfterPrevious: 'x' });
    const i18n = await i18nIn(language);

    // A missing limit and a limit that is not a date cannot be wrong at once: a second form for the latter.
    const problems = [...problemsOf(form), ...problemsOf({ ...formOf(view()), custodyLimit: '2027-13-01' })];
    const messages = formMessages(problems, i18n);

    expect(new Set(problems.map((p) => p.problem))).toEqual(new Set(Object.keys(en.caseScheduling.problems)));
    for (const p of problems) expect(i18n.exists(`caseScheduling.problems.${p.problem}`)).toBe(true);
    expect(messages.get('people')?.[0].text).toContain('50');
    expect([...messages.values()].flat().every((m) => !m.text.includes('{{'))).toBe(true);
  });
});

describe('case scheduling form: hearings still needed', () => {
  it('keeps a published hearing where and as it is: no edit, no move, nothing removed before it', () => {
    const hearings = formOf(view()).hearings;

    expect(hearingActions(hearings, 0)).toEqual({ edit: false, remove: false, moveUp: false, moveDown: false });
    expect(hearingActions(hearings, 1)).toEqual({ edit: true, remove: true, moveUp: false, moveDown: true });
    expect(hearingActions(hearings, 2)).toEqual({ edit: true, remove: true, moveUp: true, moveDown: false });

    const published = formOf(view({ hearings: [...view().hearings].reverse().map((h, i) => ({ ...h, published: i === 2 })) }));
    expect(hearingActions(published.hearings, 0).remove).toBe(false);
    expect(hearingActions(published.hearings, 1).moveDown).toBe(false);
  });

  it('adds at the end, moves up and down, removes, and refuses what the rules refuse', () => {
    const form = addHearing(formOf(view()));
    expect(form.hearings.map((h) => h.type)).toEqual(['case_management', 'trial', 'sentencing', 'trial']);
    expect(form.hearings[3]).toMatchObject({ minutes: '60', minDaysAfterPrevious: '', published: false });

    const moved = moveHearing(form, 2, -1);
    expect(moved.hearings.map((h) => h.type)).toEqual(['case_management', 'sentencing', 'trial', 'trial']);
    expect(moveHearing(moved, 1, -1)).toBe(moved);
    expect(moveHearing(moved, 3, 1)).toBe(moved);
    expect(removeHearing(moved, 0)).toBe(moved);
    expect(updateHearing(moved, 0, { minutes: '10' })).toBe(moved);
    expect(removeHearing(moved, 1).hearings.map((h) => h.type)).toEqual(['case_management', 'trial', 'trial']);
    expect(factsRequest(moved, 'v-1').hearings[0]).toEqual({ type: 'case_management', minutes: 30, minDaysAfterPrevious: null });
  });
});

describe('case scheduling form: refusals from the server', () => {
  it('turns a stale version into "someone else changed these facts"', async () => {
    const error = new ApiError({ status: 409, code: 'scheduling.facts_stale', detail: 'Someone changed …' });

    expect(saveFailure(error, await i18nIn('en'))).toEqual({ kind: 'stale' });
  });

  it('lays the server’s sentences on the fields it names, marked English in another language', async () => {
    const error = new ApiError({
      status: 400,
      code: 'scheduling.facts_invalid',
      detail: 'The scheduling facts were not saved: …',
      fieldErrors: [
        { field: 'people.1.personKey', message: 'A person key must not spell the name of a party of the case.' },
        { field: 'interpreterLanguages.1', message: '"xx1" is not a language code.' },
      ],
    });

    const inArabic = saveFailure(error, await i18nIn('ar'));
    expect(inArabic).toEqual({
      kind: 'refused',
      message: { text: ar.caseScheduling.saveRefusedFields },
      fields: new Map([
        ['people.1.personKey', [{ text: 'A person key must not spell the name of a party of the case.', lang: 'en' }]],
        ['interpreterLanguages', [{ text: '"xx1" is not a language code.', lang: 'en' }]],
      ]),
    });
    const inEnglish = saveFailure(error, await i18nIn('en'));
    expect(inEnglish.kind === 'refused' && inEnglish.fields.get('interpreterLanguages')).toEqual([
      { text: '"xx1" is not a language code.' },
    ]);
  });

  it('shows the server’s sentence for a published hearing changed', async () => {
    const detail = 'The published timetable lists hearing needed 1 (case management, 30 minutes); it must stay in its place as it is.';
    const error = new ApiError({
      status: 409,
      code: 'scheduling.published_need_changed',
      detail,
      extensions: { publishedNeeds: [1] },
    });

    expect(saveFailure(error, await i18nIn('fr'))).toEqual({ kind: 'refused', message: { text: detail, lang: 'en' }, fields: new Map() });
  });

  it('says any other failure as the app does', async () => {
    const i18n = await i18nIn('en');
    const failure = saveFailure(new ApiError({ status: 0, code: 'network_error' }), i18n);

    expect(failure).toMatchObject({ kind: 'refused', message: { text: i18n.t('errors.network_error') } });
    expect(formField('hearings.2.minutes')).toBe('hearings.2.minutes');
    expect(formField('judgeSpecialisms.0')).toBe('judgeSpecialisms');
    expect(formField('people.0.role')).toBe('people.0');
    expect(formField('hearings.3.type')).toBe('hearings.3');
    expect(formField('needsLiveLink')).toBe('');
  });
});

describe('case scheduling: who sees what', () => {
  it('lets clerks edit and judges read; nobody else sees the section', () => {
    expect(schedulingAccess(['clerk'])).toBe('edit');
    expect(schedulingAccess(['judge', 'clerk'])).toBe('edit');
    expect(schedulingAccess(['judge'])).toBe('read');
    for (const role of ['party', 'counsel', 'prosecutor', 'observer', 'admin']) expect(schedulingAccess([role])).toBe('none');
  });

  it('offers parties of the person’s role and shows them as the docket does, a protected one by pseudonym', () => {
    expect(partyChoices(parties, 'witness').map((p) => p.id)).toEqual([WITNESS]);
    expect(partyChoices(parties, 'victim').map((p) => p.id)).toEqual([VICTIM]);
    expect(partyShown(parties, WITNESS)).toEqual({ name: 'Witness W-2', isProtected: true });
    expect(partyShown(parties, null)).toBeNull();
    expect(partyShown(parties, '44444444-4444-4444-8444-444444444444')).toBeNull();
  });

  it('shows a protected party by pseudonym even to the court’s staff, who are sent the real name too', () => {
    // Judges and clerks know who a protected person is, so the docket answer holds the real name
    // and the pseudonym; the scheduling facts need neither identity, so the section uses the pseudonym.
    const known: PartyView[] = [{ id: WITNESS, partyRole: 'witness', name: 'Yusra Bennani', pseudonym: 'W-4', isProtected: true }];
    expect(partyShown(known, WITNESS)).toEqual({ name: 'W-4', isProtected: true });
    expect(partyChoices(known, 'witness').map((p) => partyShown(known, p.id)?.name)).toEqual(['W-4']);
  });

  it('tells an empty record from one with facts, and writes the custody limit as a calendar day', () => {
    const empty = view({
      offence: null,
      inCustody: false,
      custodyLimit: null,
      interpreterLanguages: [],
      needsIntermediary: false,
      needsLiveLink: false,
      judgeSpecialisms: [],
      people: [],
      hearings: [],
    });
    expect(isEmptyFacts(empty)).toBe(true);
    expect(isEmptyFacts({ ...empty, remoteAllowed: true })).toBe(false);
    expect(formatFactsDate('2027-05-31', 'en')).toBe('May 31, 2027');
    expect(formatFactsDate('2027-05-31', 'fr')).toBe('31 mai 2027');
  });

  it.each(LANGUAGES)('%s has every sentence of the section', (language) => {
    const keys = (node: unknown, prefix = ''): string[] =>
      typeof node === 'object' && node !== null
        ? Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key))
        : [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
    const of = (language: Language) => [...new Set(keys(locales[language].caseScheduling))].sort();

    expect(of(language)).toEqual(of('en'));
    expect(of('en')).toEqual(
      expect.arrayContaining(['stale', 'reload', 'hearings.moveUp', 'hearings.minutesValue', 'people.partyNotShown']),
    );
  });
});

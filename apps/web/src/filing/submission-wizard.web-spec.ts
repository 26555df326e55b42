import {
  errorsBefore,
  fingerprint,
  initialWizardState,
  titleFromFileName,
  toMetadata,
  validateStep,
  wizardReducer,
  type ValidationContext,
  type WizardAction,
  type WizardState,
} from './submission-wizard';

const context: ValidationContext = {
  maxDocumentBytes: 50_000_000,
  maxDocuments: 5,
  openingFilingTypes: ['petition', 'complaint'],
  caseFilingTypes: ['motion', 'response', 'evidence', 'notice'],
};

function pdf(name: string, size = 1000) {
  return { name, size, type: 'application/pdf', slice: () => ({ arrayBuffer: async () => new ArrayBuffer(0) }) };
}

const run = (actions: WizardAction[], from: WizardState = initialWizardState) => actions.reduce(wizardReducer, from);

/** A complete new-case filing, ready for review. */
function completeNewCase(): WizardState {
  return run([
    { type: 'chooseKind', kind: 'new_case' },
    { type: 'next', context },
    { type: 'setCaseType', caseType: 'trafficking' },
    { type: 'setFilingType', filingType: 'complaint' },
    { type: 'setCaseTitle', title: 'Public Prosecutor v. Unknown' },
    { type: 'setFilingTitle', title: 'Complaint of trafficking in persons' },
    { type: 'addParty', key: 'p1', partyRole: 'complainant' },
    { type: 'updateParty', key: 'p1', changes: { fullName: 'Public Prosecutor', link: 'represents' } },
    { type: 'addParty', key: 'p2', partyRole: 'victim' },
    { type: 'updateParty', key: 'p2', changes: { fullName: 'Real Name', pseudonym: 'Witness A' } },
    { type: 'next', context },
    { type: 'addDocuments', documents: [{ key: 'd1', file: pdf('complaint.pdf') }] },
    { type: 'documentChecked', key: 'd1', problem: null },
    { type: 'next', context },
    { type: 'setConfidentiality', confidentiality: 'confidential' },
    { type: 'next', context },
  ]);
}

describe('submission wizard', () => {
  it('walks a new-case filing through every step to the review page', () => {
    const sut = completeNewCase();

    expect(sut.step).toBe('review');
    expect(errorsBefore(sut, 'review', context)).toEqual([]);
    expect(sut.parties.map((p) => [p.partyRole, p.isProtected])).toEqual([
      ['complainant', false],
      ['victim', true],
    ]);
  });

  it('stays on a step until it is complete, and says what is missing', () => {
    const atDetails = run([
      { type: 'chooseKind', kind: 'new_case' },
      { type: 'next', context },
    ]);

    const stuck = run([{ type: 'next', context }], atDetails);

    expect(stuck.step).toBe('details');
    expect(validateStep(stuck, 'details', context).map((e) => e.messageKey)).toEqual([
      'filing.errors.caseTypeRequired',
      'filing.errors.filingTypeRequired',
      'filing.errors.caseTitleRequired',
      'filing.errors.filingTitleRequired',
      'filing.errors.partiesRequired',
    ]);
  });

  it('cannot leave the first step without a choice', () => {
    expect(run([{ type: 'next', context }]).step).toBe('kind');
  });

  it('asks for a pseudonym for a protected person, and refuses one that repeats the name', () => {
    const state = run([
      { type: 'chooseKind', kind: 'new_case' },
      { type: 'addParty', key: 'w', partyRole: 'witness' },
      { type: 'updateParty', key: 'w', changes: { fullName: 'Maria Lopez' } },
    ]);
    expect(
      validateStep(state, 'details', context)
        .filter((e) => e.field === 'party-w-pseudonym')
        .map((e) => e.messageKey),
    ).toEqual(['filing.errors.pseudonymRequired']);

    const same = run([{ type: 'updateParty', key: 'w', changes: { pseudonym: ' maria lopez ' } }], state);
    expect(
      validateStep(same, 'details', context)
        .filter((e) => e.field === 'party-w-pseudonym')
        .map((e) => e.messageKey),
    ).toEqual(['filing.errors.pseudonymIsName']);
  });

  it('turns protection on when a party becomes a victim or witness, and leaves it to the filer otherwise', () => {
    const state = run([
      { type: 'addParty', key: 'x' },
      { type: 'updateParty', key: 'x', changes: { partyRole: 'defendant' } },
    ]);
    expect(state.parties[0].isProtected).toBe(false);

    const victim = run([{ type: 'updateParty', key: 'x', changes: { partyRole: 'victim' } }], state);
    expect(victim.parties[0].isProtected).toBe(true);

    const declined = run([{ type: 'updateParty', key: 'x', changes: { isProtected: false } }], victim);
    const renamed = run([{ type: 'updateParty', key: 'x', changes: { fullName: 'Someone' } }], declined);
    expect(renamed.parties[0].isProtected).toBe(false);
  });

  it('files into an existing case only with a case and a filing type that the court accepts there', () => {
    const state = run([
      { type: 'chooseKind', kind: 'existing_case' },
      { type: 'next', context },
      { type: 'chooseCase', caseId: 'case-1' },
      { type: 'setFilingType', filingType: 'petition' },
      { type: 'setFilingTitle', title: 'Motion to hear the victim remotely' },
    ]);
    expect(validateStep(state, 'details', context).map((e) => e.field)).toEqual(['filingType']);

    const fixed = run(
      [
        { type: 'setFilingType', filingType: 'motion' },
        { type: 'next', context },
      ],
      state,
    );
    expect(fixed.step).toBe('documents');
  });

  it('clears the filing type when the kind changes, because each kind offers other types', () => {
    const state = run([
      { type: 'chooseKind', kind: 'existing_case' },
      { type: 'setFilingType', filingType: 'motion' },
      { type: 'chooseKind', kind: 'existing_case' },
    ]);
    expect(state.filingType).toBe('motion');
    expect(run([{ type: 'chooseKind', kind: 'new_case' }], state).filingType).toBe('');
  });

  it('blocks the documents step while a file is being checked or when a check failed, naming the file', () => {
    const state = run([
      { type: 'chooseKind', kind: 'existing_case' },
      {
        type: 'addDocuments',
        documents: [
          { key: 'a', file: pdf('motion.pdf') },
          { key: 'b', file: pdf('exhibit-3.pdf') },
        ],
      },
      { type: 'documentChecked', key: 'a', problem: null },
    ]);
    expect(validateStep(state, 'documents', context)).toEqual([{ field: 'document-b', messageKey: 'filing.errors.stillChecking' }]);

    const refused = run([{ type: 'documentChecked', key: 'b', problem: 'not_pdf' }], state);
    expect(validateStep(refused, 'documents', context)).toEqual([
      { field: 'document-b', messageKey: 'filing.precheck.not_pdf', values: { name: 'exhibit-3.pdf' } },
    ]);
    expect(validateStep(run([{ type: 'removeDocument', key: 'b' }], refused), 'documents', context)).toEqual([]);
  });

  it('keeps the lead document first, and can promote an attachment to lead', () => {
    const state = run([
      {
        type: 'addDocuments',
        documents: [
          { key: 'a', file: pdf('a.pdf') },
          { key: 'b', file: pdf('b.pdf') },
          { key: 'c', file: pdf('c.pdf') },
        ],
      },
      { type: 'makeLead', key: 'c' },
    ]);
    expect(state.documents.map((d) => d.key)).toEqual(['c', 'a', 'b']);
  });

  it('refuses more documents than the court allows in one filing', () => {
    const documents = Array.from({ length: 6 }, (_, i) => ({ key: `d${i}`, file: pdf(`d${i}.pdf`) }));
    const state = run([
      { type: 'addDocuments', documents },
      ...documents.map((d) => ({ type: 'documentChecked' as const, key: d.key, problem: null })),
    ]);
    expect(validateStep(state, 'documents', context)).toEqual([
      { field: 'documents', messageKey: 'filing.errors.tooManyDocuments', values: { max: 5 } },
    ]);
  });

  it('goes back freely but never jumps ahead of the checks', () => {
    const review = completeNewCase();
    const atDetails = run([{ type: 'goTo', step: 'details' }], review);
    expect(atDetails.step).toBe('details');
    expect(run([{ type: 'goTo', step: 'review' }], atDetails).step).toBe('details');
    expect(run([{ type: 'back' }, { type: 'back' }, { type: 'back' }], atDetails).step).toBe('kind');
  });

  it('needs to know which party the filer is or acts for, and lets the filer be only one of them', () => {
    const state = run([
      { type: 'chooseKind', kind: 'new_case' },
      { type: 'addParty', key: 'a', partyRole: 'petitioner' },
      { type: 'addParty', key: 'b', partyRole: 'respondent' },
      { type: 'updateParty', key: 'a', changes: { fullName: 'A' } },
      { type: 'updateParty', key: 'b', changes: { fullName: 'B' } },
    ]);
    expect(
      validateStep(state, 'details', context)
        .filter((e) => e.field === 'parties')
        .map((e) => e.messageKey),
    ).toEqual(['filing.errors.filerLinkRequired']);

    const both = run(
      [
        { type: 'updateParty', key: 'a', changes: { link: 'self' } },
        { type: 'updateParty', key: 'b', changes: { link: 'self' } },
      ],
      state,
    );
    expect(both.parties.map((p) => p.link)).toEqual(['none', 'self']);
    expect(validateStep(both, 'details', context).filter((e) => e.field === 'parties')).toEqual([]);
  });

  it('builds the metadata the API expects, with pseudonyms only for protected people', () => {
    const metadata = toMetadata(completeNewCase());
    expect(metadata).toEqual({
      filingType: 'complaint',
      title: 'Complaint of trafficking in persons',
      confidentiality: 'confidential',
      urgency: [],
      documents: [{ title: 'complaint' }],
      newCase: {
        caseType: 'trafficking',
        title: 'Public Prosecutor v. Unknown',
        confidentiality: 'confidential',
        parties: [
          {
            partyRole: 'complainant',
            fullName: 'Public Prosecutor',
            isProtected: false,
            pseudonym: null,
            isFiler: false,
            representedByFiler: true,
          },
          {
            partyRole: 'victim',
            fullName: 'Real Name',
            isProtected: true,
            pseudonym: 'Witness A',
            isFiler: false,
            representedByFiler: false,
          },
        ],
      },
    });
  });

  it('files into a case by its id only', () => {
    const state = run([
      { type: 'chooseKind', kind: 'existing_case' },
      { type: 'chooseCase', caseId: 'case-9' },
      { type: 'setFilingType', filingType: 'motion' },
      { type: 'setFilingTitle', title: ' Motion ' },
      { type: 'toggleUrgency', ground: 'custody', on: true },
      { type: 'setConfidentiality', confidentiality: 'public' },
    ]);
    expect(toMetadata(state)).toEqual({
      filingType: 'motion',
      title: 'Motion',
      confidentiality: 'public',
      urgency: ['custody'],
      documents: [],
      caseId: 'case-9',
    });
  });

  it('offers a title from the file name that the filer can edit', () => {
    expect(titleFromFileName('exhibit-3_medical__report.PDF')).toBe('exhibit-3 medical report');
  });
});

describe('idempotency key lifecycle', () => {
  it('gives the first attempt the key it is offered', () => {
    const sut = run([{ type: 'beginAttempt', candidateKey: 'key-1' }], completeNewCase());
    expect(sut.attempt?.key).toBe('key-1');
  });

  it('keeps the same key when the same content is retried (a replay gets the same receipt)', () => {
    const first = run([{ type: 'beginAttempt', candidateKey: 'key-1' }], completeNewCase());

    const retry = run([{ type: 'beginAttempt', candidateKey: 'key-2' }], first);

    expect(retry.attempt?.key).toBe('key-1');
  });

  it('keeps the key when the filer looks at earlier steps without changing anything', () => {
    const first = run([{ type: 'beginAttempt', candidateKey: 'key-1' }], completeNewCase());
    const looked = run(
      [
        { type: 'goTo', step: 'kind' },
        { type: 'next', context },
        { type: 'next', context },
        { type: 'next', context },
        { type: 'next', context },
      ],
      first,
    );
    expect(looked.step).toBe('review');
    expect(run([{ type: 'beginAttempt', candidateKey: 'key-2' }], looked).attempt?.key).toBe('key-1');
  });

  it.each<[string, WizardAction[]]>([
    [
      'a document is replaced',
      [
        { type: 'removeDocument', key: 'd1' },
        { type: 'addDocuments', documents: [{ key: 'd2', file: pdf('complaint.pdf') }] },
      ],
    ],
    ['a document is renamed', [{ type: 'setDocumentTitle', key: 'd1', title: 'Complaint (corrected)' }]],
    ['the confidentiality changes', [{ type: 'setConfidentiality', confidentiality: 'sealed' }]],
    ['a pseudonym changes', [{ type: 'updateParty', key: 'p2', changes: { pseudonym: 'Witness B' } }]],
    ['a party is added', [{ type: 'addParty', key: 'p3', partyRole: 'defendant' }]],
    ['an urgency ground is added', [{ type: 'toggleUrgency', ground: 'child_victim', on: true }]],
    ['the filer changes whom they act for', [{ type: 'updateParty', key: 'p1', changes: { link: 'self' } }]],
  ])('takes a new key when %s, since the server refuses a key reused for another body', (_, edits) => {
    const first = run([{ type: 'beginAttempt', candidateKey: 'key-1' }], completeNewCase());

    const changed = run([...edits, { type: 'beginAttempt', candidateKey: 'key-2' }], first);

    expect(changed.attempt?.key).toBe('key-2');
    expect(fingerprint(changed)).not.toBe(fingerprint(first));
  });

  it('goes back to the old key when the edit is undone, since the body is the same again', () => {
    const first = run([{ type: 'beginAttempt', candidateKey: 'key-1' }], completeNewCase());
    const changed = run(
      [
        { type: 'setConfidentiality', confidentiality: 'sealed' },
        { type: 'beginAttempt', candidateKey: 'key-2' },
      ],
      first,
    );
    const undone = run(
      [
        { type: 'setConfidentiality', confidentiality: 'confidential' },
        { type: 'beginAttempt', candidateKey: 'key-3' },
      ],
      changed,
    );
    // The server only knows key-1 and key-2 (each with its own body); a third key is always safe.
    expect(undone.attempt?.key).toBe('key-3');
  });

  it('starts over with no key after a reset (the next filing is a new one)', () => {
    const first = run([{ type: 'beginAttempt', candidateKey: 'key-1' }], completeNewCase());
    expect(run([{ type: 'reset' }], first).attempt).toBeNull();
  });

  it('ignores whitespace the filer added around a name when deciding whether content changed', () => {
    const first = run([{ type: 'beginAttempt', candidateKey: 'key-1' }], completeNewCase());
    const padded = run(
      [
        { type: 'updateParty', key: 'p2', changes: { pseudonym: ' Witness A ' } },
        { type: 'beginAttempt', candidateKey: 'key-2' },
      ],
      first,
    );
    expect(padded.attempt?.key).toBe('key-1');
  });
});

import { DomainError } from '@ejustice/platform';
import type { CaseSchedulingFactsBody, CaseSchedulingFactsUpdate } from '../contract/case-scheduling-facts.contract';
import {
  type CaseSchedulingState,
  NO_SCHEDULING_FACTS,
  caseSchedulingVersion,
  decideSchedulingFactsUpdate,
  keySpellsAName,
  schedulingFactsProblems,
} from './case-scheduling-facts';

const VICTIM = { id: '11111111-1111-4111-8111-111111111111', partyRole: 'victim' as const, fullName: 'Amal Haddad' };
const DEFENDANT = { id: '22222222-2222-4222-8222-222222222222', partyRole: 'defendant' as const, fullName: 'Omar Salim' };

const facts = (over: Partial<CaseSchedulingFactsBody> = {}): CaseSchedulingFactsBody => ({
  ...NO_SCHEDULING_FACTS,
  offence: 'trafficking in persons',
  inCustody: true,
  custodyLimit: '2027-03-05',
  interpreterLanguages: ['ar'],
  people: [{ role: 'victim', partyId: VICTIM.id, personKey: null, child: true, vulnerable: false }],
  hearings: [
    { type: 'case_management', minutes: 30, minDaysAfterPrevious: null },
    { type: 'trial', minutes: 180, minDaysAfterPrevious: 1 },
  ],
  ...over,
});

const state = (over: Partial<CaseSchedulingState> = {}): CaseSchedulingState => ({
  facts: facts(),
  publishedNeeds: [],
  parties: [VICTIM, DEFENDANT],
  ...over,
});

const update = (s: CaseSchedulingState, over: Partial<CaseSchedulingFactsBody> = {}): CaseSchedulingFactsUpdate => ({
  ...s.facts,
  ...over,
  version: caseSchedulingVersion(s.facts),
});

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const fields = (body: CaseSchedulingFactsBody) => schedulingFactsProblems(body, [VICTIM, DEFENDANT]).map((p) => p.field);

describe('caseSchedulingVersion', () => {
  it('is the same for the same facts whatever order the people come in, and changes with any fact', () => {
    const witness = { role: 'witness' as const, partyId: null, personKey: 'w-1', child: false, vulnerable: true };
    const victim = { role: 'victim' as const, partyId: VICTIM.id, personKey: null, child: true, vulnerable: false };
    expect(caseSchedulingVersion(facts({ people: [witness, victim] }))).toBe(caseSchedulingVersion(facts({ people: [victim, witness] })));
    expect(caseSchedulingVersion(facts())).not.toBe(caseSchedulingVersion(facts({ remoteAllowed: true })));
    expect(caseSchedulingVersion(facts())).not.toBe(
      caseSchedulingVersion(facts({ hearings: [{ type: 'case_management', minutes: 31, minDaysAfterPrevious: null }] })),
    );
  });
});

describe('schedulingFactsProblems', () => {
  it('accepts whole, consistent facts', () => {
    expect(fields(facts())).toEqual([]);
    expect(fields(NO_SCHEDULING_FACTS)).toEqual([]);
  });

  it('requires a custody limit exactly when the defendant is in custody, and a real date', () => {
    expect(fields(facts({ custodyLimit: null }))).toEqual(['custodyLimit']);
    expect(fields(facts({ inCustody: false }))).toEqual(['custodyLimit']);
    expect(fields(facts({ custodyLimit: '2027-02-30' }))).toEqual(['custodyLimit']);
  });

  it('refuses what is not a language code, and too many', () => {
    expect(fields(facts({ interpreterLanguages: ['Arabic'] }))).toEqual(['interpreterLanguages.0']);
    expect(fields(facts({ interpreterLanguages: ['ar-MA', 'AR'] }))).toEqual(['interpreterLanguages.1']);
    expect(fields(facts({ interpreterLanguages: Array.from({ length: 11 }, (_, i) => `a${String.fromCharCode(97 + i)}`) }))).toEqual([
      'interpreterLanguages',
    ]);
  });

  it('requires a witness to have a key, never a party’s name, each person once', () => {
    const witness = { role: 'witness' as const, partyId: null, child: false, vulnerable: false };
    expect(fields(facts({ people: [{ ...witness, personKey: null }] }))).toEqual(['people.0.personKey']);
    expect(fields(facts({ people: [{ ...witness, personKey: 'amal.haddad' }] }))).toEqual(['people.0.personKey']);
    expect(fields(facts({ people: [{ ...witness, personKey: 'AmalHaddad' }] }))).toEqual(['people.0.personKey']);
    expect(fields(facts({ people: [{ ...witness, personKey: 'w 1' }] }))).toEqual(['people.0.personKey']);
    expect(
      fields(
        facts({
          people: [
            { ...witness, personKey: 'w-1' },
            { ...witness, personKey: 'w-1' },
          ],
        }),
      ),
    ).toEqual(['people.1.personKey']);
  });

  it('names parties of this case only, by id, in the role they hold on the record', () => {
    const person = { personKey: 'w-1', child: false, vulnerable: false };
    expect(fields(facts({ people: [{ ...person, role: 'witness', partyId: VICTIM.id }] }))).toEqual(['people.0.partyId']);
    expect(fields(facts({ people: [{ ...person, role: 'victim', partyId: '33333333-3333-4333-8333-333333333333' }] }))).toEqual([
      'people.0.partyId',
    ]);
  });

  it('keeps lists and numbers within their bounds', () => {
    const need = { type: 'trial' as const, minutes: 60, minDaysAfterPrevious: null };
    expect(fields(facts({ hearings: Array.from({ length: 31 }, () => need) }))).toEqual(['hearings']);
    expect(fields(facts({ hearings: [{ ...need, minutes: 0 }] }))).toEqual(['hearings.0.minutes']);
    expect(fields(facts({ hearings: [{ ...need, minDaysAfterPrevious: 400 }] }))).toEqual(['hearings.0.minDaysAfterPrevious']);
    expect(fields(facts({ offence: ' ' }))).toEqual(['offence']);
  });
});

describe('keySpellsAName', () => {
  it('finds a name or a part of it of three letters or more, and leaves codes alone', () => {
    expect(keySpellsAName('haddad:1', [VICTIM])).toBe(true);
    expect(keySpellsAName('w-amal', [VICTIM])).toBe(true);
    expect(keySpellsAName('w-17', [VICTIM])).toBe(false);
    expect(keySpellsAName('police:4471', [VICTIM])).toBe(false);
  });
});

describe('decideSchedulingFactsUpdate', () => {
  it('returns the facts to write, normalised', () => {
    const s = state();
    expect(decideSchedulingFactsUpdate(s, update(s, { offence: '  robbery ', interpreterLanguages: ['ar', 'ar'] }))).toEqual(
      facts({ offence: 'robbery', interpreterLanguages: ['ar'] }),
    );
  });

  it('refuses a stale version before anything else', () => {
    const s = state();
    const error = refusal(() => decideSchedulingFactsUpdate(s, { ...update(s, { custodyLimit: null }), version: 'stale' }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'scheduling.facts_stale' });
  });

  it('refuses facts that break a rule, each field with its sentence', () => {
    const s = state();
    const error = refusal(() => decideSchedulingFactsUpdate(s, update(s, { custodyLimit: null })));
    expect(error).toMatchObject({ kind: 'invalid', code: 'scheduling.facts_invalid' });
    expect(error.fields).toEqual([{ field: 'custodyLimit', message: expect.stringContaining('custody time limit') }]);
  });

  it('keeps a published hearing needed in its place as it is, and lets those after it change', () => {
    const s = state({ publishedNeeds: [0] });
    const [first, second] = s.facts.hearings;
    expect(decideSchedulingFactsUpdate(s, update(s, { hearings: [first] })).hearings).toEqual([first]);
    expect(decideSchedulingFactsUpdate(s, update(s, { hearings: [first, { ...second, minutes: 240 }] })).hearings).toHaveLength(2);
    for (const hearings of [[second, first], [second], [{ ...first, minutes: 45 }, second], []]) {
      const error = refusal(() => decideSchedulingFactsUpdate(s, update(s, { hearings })));
      expect(error).toMatchObject({ kind: 'conflict', code: 'scheduling.published_need_changed', details: { publishedNeeds: [1] } });
      expect(error.message).toContain('hearing needed 1 (case management, 30 minutes)');
    }
  });
});

import { maskProtectedNames } from '@ejustice/cases/domain/protected-names';
import type { SpecialMeasure } from '@ejustice/media-policy/special-measure';
import { type HearingNameFacts, hiddenHearingNames, listChanges, maskParticipantLine, nameViewerOf } from './hearing-names';
import { buildIdentityShield } from './identity-shield';

const VICTIM = 'Mariam Yousef Khalil';
const WITNESS = 'Samir Odeh';

const participants = [
  { id: 'judge', role: 'judge' as const, userId: 'judge-user', partyId: null, displayName: 'Judge Haddad' },
  { id: 'clerk', role: 'clerk' as const, userId: 'clerk-user', partyId: null, displayName: 'Clerk Nasser' },
  { id: 'prosecutor', role: 'prosecutor' as const, userId: 'prosecutor-user', partyId: null, displayName: 'Prosecutor Aziz' },
  { id: 'defence', role: 'defence_counsel' as const, userId: 'defence-user', partyId: null, displayName: 'Counsel Bakr' },
  // Listed by the clerk under her first name only; the record holds her full name.
  { id: 'victim', role: 'victim' as const, userId: null, partyId: 'victim-party', displayName: 'Mariam' },
  { id: 'supporter', role: 'supporter' as const, userId: null, partyId: null, displayName: `Mother of ${VICTIM}` },
  { id: 'witness', role: 'witness' as const, userId: null, partyId: null, displayName: WITNESS },
];

const shield = buildIdentityShield({
  caseFacts: {
    courtId: 'court',
    confidentiality: 'public',
    parties: [
      { id: 'victim-party', partyRole: 'victim', isProtected: true, userId: null, counselUserId: null },
      { id: 'prosecution-party', partyRole: 'prosecution', isProtected: false, userId: null, counselUserId: 'prosecutor-user' },
    ],
  },
  participants,
  accounts: new Map([
    ['judge-user', { courtId: 'court', roles: ['judge' as const] }],
    ['clerk-user', { courtId: 'court', roles: ['clerk' as const] }],
    ['prosecutor-user', { courtId: 'court', roles: ['prosecutor' as const] }],
    ['defence-user', { courtId: 'court', roles: ['counsel' as const] }],
  ]),
  pseudonyms: new Map([['victim-party', 'V-$&']]),
  recordNames: new Map([
    ['victim-party', VICTIM],
    ['prosecution-party', 'Public Prosecution'],
  ]),
});

const anonymity: SpecialMeasure = { kind: 'anonymity', id: 'order', participantId: 'witness', pseudonym: 'Witness S' };
const facts: HearingNameFacts = { participants, orders: [anonymity], shield };
const text = `Testimony of ${VICTIM}, ${WITNESS} and Mariam's mother`;

function readBy(id: string | null, role: (typeof participants)[number]['role']): string {
  return maskProtectedNames(text, hiddenHearingNames(facts, { id, role }));
}

describe('hiddenHearingNames', () => {
  it('hides the protected victim and the witness under an anonymity order from the defence and from people who came by link', () => {
    for (const [id, role] of [
      ['defence', 'defence_counsel'],
      ['supporter', 'supporter'],
    ] as const)
      expect(readBy(id, role)).toBe(`Testimony of V-$&, Witness S and V-$&'s mother`);
  });

  it('shows the judge every name, seated or reading the record', () => {
    expect(readBy('judge', 'judge')).toBe(text);
    expect(readBy(null, 'judge')).toBe(text);
  });

  it('hides from a clerk and from the prosecution only the witness the order does not disclose to them', () => {
    expect(readBy('clerk', 'clerk')).toBe(`Testimony of ${VICTIM}, Witness S and Mariam's mother`);
    expect(readBy(null, 'clerk')).toBe(`Testimony of ${VICTIM}, Witness S and Mariam's mother`);
    expect(readBy('prosecutor', 'prosecutor')).toBe(`Testimony of ${VICTIM}, Witness S and Mariam's mother`);
  });

  it('never hides anyone’s own name from them', () => {
    expect(readBy('victim', 'victim')).toBe(`Testimony of ${VICTIM}, Witness S and Mariam's mother`);
    expect(readBy('witness', 'witness')).toBe(`Testimony of V-$&, ${WITNESS} and V-$&'s mother`);
  });

  it('follows the order: disclosed to a role, the name is theirs to read', () => {
    const disclosed: HearingNameFacts = { ...facts, orders: [{ ...anonymity, disclosedToRoles: ['clerk'] }] };
    expect(maskProtectedNames(WITNESS, hiddenHearingNames(disclosed, { id: null, role: 'clerk' }))).toBe(WITNESS);
    expect(maskProtectedNames(WITNESS, hiddenHearingNames({ ...facts, orders: [] }, { id: 'defence', role: 'defence_counsel' }))).toBe(
      WITNESS,
    );
  });
});

describe('nameViewerOf', () => {
  const hearing = { courtId: 'court', presidingJudgeId: 'presiding-user' };

  it('reads an account by its seat in the hearing, or court staff by their office', () => {
    expect(nameViewerOf({ userId: 'defence-user', courtId: 'court', roles: ['counsel'] }, hearing, participants)).toEqual({
      id: 'defence',
      role: 'defence_counsel',
    });
    expect(nameViewerOf({ userId: 'other-clerk', courtId: 'court', roles: ['clerk'] }, hearing, participants)).toEqual({
      id: null,
      role: 'clerk',
    });
    expect(nameViewerOf({ userId: 'presiding-user', courtId: 'elsewhere', roles: ['judge'] }, hearing, participants)).toEqual({
      id: null,
      role: 'judge',
    });
  });

  it('gives no reading to anyone else', () => {
    expect(nameViewerOf({ userId: 'someone', courtId: 'court', roles: ['counsel'] }, hearing, participants)).toBeNull();
    expect(nameViewerOf({ userId: 'judge-elsewhere', courtId: 'elsewhere', roles: ['judge'] }, hearing, participants)).toBeNull();
  });

  it('does not read an account by a bench seat whose role was withdrawn from it (account-standing.ts)', () => {
    expect(nameViewerOf({ userId: 'judge-user', courtId: 'court', roles: ['party'] }, hearing, participants)).toBeNull();
    // Still a clerk of the court: read by that office, not by the judge's seat.
    expect(nameViewerOf({ userId: 'judge-user', courtId: 'court', roles: ['clerk'] }, hearing, participants)).toEqual({
      id: null,
      role: 'clerk',
    });
  });
});

describe('maskParticipantLine', () => {
  it('masks the name shown and the remote location, and leaves a line described by role alone', () => {
    const names = [{ fullName: VICTIM, pseudonym: 'V-$&' }];
    expect(maskParticipantLine({ id: 's', displayName: `Mother of ${VICTIM}`, remoteLocation: `Home of ${VICTIM}` }, names)).toEqual({
      id: 's',
      displayName: 'Mother of V-$&',
      remoteLocation: 'Home of V-$&',
    });
    expect(maskParticipantLine({ id: 'j', displayName: null }, names)).toEqual({ id: 'j', displayName: null });
  });
});

describe('listChanges', () => {
  it('sends again a line whose text changed, and only what changed', () => {
    const before = [
      { id: 'a', displayName: 'Counsel Bakr' },
      { id: 's', displayName: `Friend of ${WITNESS}` },
      { id: 'gone', displayName: 'Press' },
    ];
    const after = [
      { id: 'a', displayName: 'Counsel Bakr' },
      { id: 's', displayName: 'Friend of Witness S' },
      { id: 'new', displayName: 'Interpreter' },
    ];
    expect(listChanges(before, after)).toEqual({
      appeared: [{ id: 'new', displayName: 'Interpreter' }],
      changed: [{ id: 's', displayName: 'Friend of Witness S' }],
      disappeared: ['gone'],
    });
  });
});

import type { CaseFacts } from '@ejustice/cases/domain/case-access';
import { buildIdentityShield, shieldView, shieldViews } from './identity-shield';

const caseFacts: CaseFacts = {
  courtId: 'court',
  confidentiality: 'confidential',
  parties: [
    { id: 'victim-party', partyRole: 'victim', isProtected: true, userId: null, counselUserId: 'victim-counsel-user' },
    { id: 'prosecution-party', partyRole: 'prosecution', isProtected: false, userId: null, counselUserId: 'prosecutor-user' },
    { id: 'defendant-party', partyRole: 'defendant', isProtected: false, userId: 'defendant-user', counselUserId: 'defence-user' },
  ],
};

const participants = [
  { id: 'judge', role: 'judge' as const, userId: 'judge-user', partyId: null },
  { id: 'clerk', role: 'clerk' as const, userId: null, partyId: null },
  { id: 'victim', role: 'victim' as const, userId: null, partyId: 'victim-party' },
  { id: 'victim-counsel', role: 'victim_counsel' as const, userId: 'victim-counsel-user', partyId: null },
  { id: 'prosecutor', role: 'prosecutor' as const, userId: 'prosecutor-user', partyId: null },
  { id: 'defence', role: 'defence_counsel' as const, userId: 'defence-user', partyId: null },
  { id: 'defendant', role: 'defendant' as const, userId: 'defendant-user', partyId: 'defendant-party' },
  { id: 'supporter', role: 'supporter' as const, userId: null, partyId: null },
];

const shield = buildIdentityShield({
  caseFacts,
  participants,
  accounts: new Map([
    ['judge-user', { courtId: 'court', roles: ['judge' as const] }],
    ['victim-counsel-user', { courtId: 'court', roles: ['counsel' as const] }],
    ['prosecutor-user', { courtId: 'court', roles: ['prosecutor' as const] }],
    ['defence-user', { courtId: 'court', roles: ['counsel' as const] }],
    ['defendant-user', { courtId: 'court', roles: ['party' as const] }],
  ]),
  pseudonyms: new Map([['victim-party', 'Witness A']]),
  recordNames: new Map([
    ['victim-party', 'Amal Record-Name'],
    ['prosecution-party', 'Public Prosecution'],
    ['defendant-party', 'Karim Dahan'],
  ]),
});

describe('identity shield (protected parties in hearing lists)', () => {
  const victimLine = { id: 'victim', role: 'victim' as const, displayName: 'Amal Real-Name', self: false };

  it('protects only protected parties', () => {
    expect([...shield.subjects.keys()]).toEqual(['victim']);
    expect(shield.parties.map((p) => p.partyId)).toEqual(['victim-party']);
  });

  it('shows the real name to the bench, the person, their counsel and the prosecution', () => {
    for (const viewer of ['judge', 'clerk', 'victim-counsel', 'prosecutor'])
      expect(shieldView(victimLine, viewer, shield).displayName).toBe('Amal Real-Name');
    expect(shieldView({ ...victimLine, self: true }, 'victim', shield).displayName).toBe('Amal Real-Name');
  });

  it('shows the pseudonym to the defence, the defendant and people who came by link', () => {
    for (const viewer of ['defence', 'defendant', 'supporter'])
      expect(shieldView(victimLine, viewer, shield).displayName).toBe('Witness A');
  });

  it('never adds a name the policy withheld, and leaves other lines alone', () => {
    expect(shieldView({ id: 'victim', role: 'victim', displayName: null, self: false }, 'defence', shield).displayName).toBeNull();
    expect(shieldViews([{ id: 'defendant', role: 'defendant', displayName: 'Karim', self: false }], 'defence', shield)).toEqual([
      { id: 'defendant', role: 'defendant', displayName: 'Karim', self: false },
    ]);
  });

  it('does not tell those not entitled that the protected person is the victim', () => {
    for (const viewer of ['defence', 'defendant', 'supporter']) {
      expect(shieldView(victimLine, viewer, shield).role).toBe('witness');
      expect(shieldView({ ...victimLine, displayName: null }, viewer, shield).role).toBe('witness');
    }
    for (const viewer of ['judge', 'victim-counsel']) expect(shieldView(victimLine, viewer, shield).role).toBe('victim');
    expect(shieldView({ ...victimLine, self: true }, 'victim', shield).role).toBe('victim');
  });

  it('knows every protected party of the case, with the name on the record and who may know it', () => {
    expect(shield.parties).toEqual([
      {
        partyId: 'victim-party',
        fullName: 'Amal Record-Name',
        pseudonym: 'Witness A',
        entitledViewerIds: new Set(['judge', 'clerk', 'victim', 'victim-counsel', 'prosecutor']),
      },
    ]);
    expect(shield.recordNames.get('defendant-party')).toBe('Karim Dahan');
  });
});

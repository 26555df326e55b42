import fc from 'fast-check';
import { ROLES, type Role } from '@ejustice/vocabulary/role';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '@ejustice/vocabulary/case-type';
import { type CaseFacts, type CaseViewer, type PartyFacts, canReadMaterial, canSeeCase, mayKnowIdentity } from './case-access';

const COURT = 'court-1';
const OTHER_COURT = 'court-2';

function viewer(userId: string, roles: Role[], courtId = COURT): CaseViewer {
  return { userId, roles, courtId };
}

function party(over: Partial<PartyFacts> & Pick<PartyFacts, 'id' | 'partyRole'>): PartyFacts {
  return { isProtected: false, userId: null, counselUserId: null, ...over };
}

/** A trafficking case: a protected victim, the prosecution, and a defendant with counsel. */
function traffickingCase(confidentiality: Confidentiality = 'confidential'): CaseFacts {
  return {
    courtId: COURT,
    confidentiality,
    parties: [
      party({ id: 'victim', partyRole: 'victim', isProtected: true, counselUserId: 'victim-counsel' }),
      party({ id: 'prosecution', partyRole: 'prosecution', counselUserId: 'prosecutor' }),
      party({ id: 'defendant', partyRole: 'defendant', userId: 'defendant-user', counselUserId: 'defence-counsel' }),
    ],
  };
}

describe('case access', () => {
  const sut = traffickingCase();
  const victim = sut.parties[0];

  it('lets the judges and clerks of the court see every case, sealed or not', () => {
    for (const level of CONFIDENTIALITY_LEVELS) {
      expect(canSeeCase(viewer('j', ['judge']), traffickingCase(level))).toBe(true);
      expect(canReadMaterial(viewer('c', ['clerk']), traffickingCase(level), 'sealed')).toBe(true);
    }
  });

  it('does not let a judge of another court see the case', () => {
    expect(canSeeCase(viewer('j', ['judge'], OTHER_COURT), sut)).toBe(false);
  });

  it('shows a party their own case but not someone else’s', () => {
    expect(canSeeCase(viewer('defendant-user', ['party']), sut)).toBe(true);
    expect(canSeeCase(viewer('stranger', ['party']), sut)).toBe(false);
    expect(canSeeCase(viewer('stranger', ['party']), traffickingCase('public'))).toBe(false);
  });

  it('shows observers public cases of their court only', () => {
    expect(canSeeCase(viewer('press', ['observer']), traffickingCase('public'))).toBe(true);
    expect(canSeeCase(viewer('press', ['observer']), traffickingCase('confidential'))).toBe(false);
    expect(canSeeCase(viewer('press', ['observer'], OTHER_COURT), traffickingCase('public'))).toBe(false);
  });

  it('keeps sealed material from the parties', () => {
    expect(canReadMaterial(viewer('defence-counsel', ['counsel']), sut, 'confidential')).toBe(true);
    expect(canReadMaterial(viewer('defence-counsel', ['counsel']), sut, 'sealed')).toBe(false);
    expect(canReadMaterial(viewer('press', ['observer']), traffickingCase('public'), 'confidential')).toBe(false);
  });

  it('tells the protected victim’s identity to the court, the victim’s counsel and the prosecution only', () => {
    expect(mayKnowIdentity(viewer('j', ['judge']), sut, victim)).toBe(true);
    expect(mayKnowIdentity(viewer('victim-counsel', ['counsel']), sut, victim)).toBe(true);
    expect(mayKnowIdentity(viewer('prosecutor', ['prosecutor']), sut, victim)).toBe(true);
    expect(mayKnowIdentity(viewer('defence-counsel', ['counsel']), sut, victim)).toBe(false);
    expect(mayKnowIdentity(viewer('defendant-user', ['party']), sut, victim)).toBe(false);
    expect(mayKnowIdentity(viewer('admin', ['admin']), sut, victim)).toBe(false);
  });

  it('never reveals an identity to someone who cannot even see the case', () => {
    fc.assert(
      fc.property(
        fc.subarray([...ROLES], { minLength: 1 }),
        fc.constantFrom(COURT, OTHER_COURT),
        fc.constantFrom(...CONFIDENTIALITY_LEVELS),
        fc.constantFrom('victim', 'victim-counsel', 'prosecutor', 'defendant-user', 'defence-counsel', 'stranger'),
        (roles, courtId, level, userId) => {
          const c = traffickingCase(level);
          const v = viewer(userId, roles, courtId);
          if (!canSeeCase(v, c)) {
            expect(c.parties.some((p) => mayKnowIdentity(v, c, p))).toBe(false);
            expect(CONFIDENTIALITY_LEVELS.some((l) => canReadMaterial(v, c, l))).toBe(false);
          }
          // Whoever may read sealed material may read everything less restricted.
          if (canReadMaterial(v, c, 'sealed')) expect(canReadMaterial(v, c, 'confidential')).toBe(true);
          if (canReadMaterial(v, c, 'confidential')) expect(canReadMaterial(v, c, 'public')).toBe(true);
        },
      ),
    );
  });
});

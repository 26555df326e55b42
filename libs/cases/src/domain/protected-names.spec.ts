import type { CaseFacts, CaseViewer } from './case-access';
import { hiddenPartyNames, maskProtectedNames } from './protected-names';

describe('maskProtectedNames', () => {
  const names = [{ fullName: 'Mariam Yousef Khalil', pseudonym: 'V-1' }];

  it('replaces the whole name and each part of it, as words, in any case', () => {
    expect(maskProtectedNames('Statement of Mariam Yousef Khalil', names)).toBe('Statement of V-1');
    expect(maskProtectedNames('statement-mariam-khalil.pdf', names)).toBe('statement-V-1.pdf');
    expect(maskProtectedNames('Letter from KHALIL', names)).toBe('Letter from V-1');
    expect(maskProtectedNames('Mother of Mariam Khalil', names)).toBe('Mother of V-1');
  });

  it('leaves words that merely contain a part of the name', () => {
    expect(maskProtectedNames('Khalilian report; Mariamne', names)).toBe('Khalilian report; Mariamne');
  });

  it('works in Arabic script', () => {
    expect(maskProtectedNames('إفادة مريم خليل', [{ fullName: 'مريم خليل', pseudonym: 'ض-1' }])).toBe('إفادة ض-1');
  });

  it('puts the pseudonym in as written, even one holding a replacement pattern like $& (which would put the real name back)', () => {
    for (const pseudonym of ['$& (witness)', "V-$'1", '$`V', '$1']) {
      const sut = maskProtectedNames('Statement of Mariam Khalil', [{ fullName: 'Mariam Khalil', pseudonym }]);
      expect(sut).not.toContain('Mariam');
      expect(sut).not.toContain('Khalil');
      expect(sut).toContain(pseudonym);
    }
  });

  it('masks several people in one pass, never matching a pseudonym it put in', () => {
    const sut = maskProtectedNames('Samir Odeh saw Mariam Khalil', [
      { fullName: 'Mariam Khalil', pseudonym: 'Samir' },
      { fullName: 'Samir Odeh', pseudonym: 'Witness S' },
    ]);
    expect(sut).toBe('Witness S saw Samir');
  });

  it('leaves the words of the pseudonyms alone: someone listed under theirs does not rename everyone else', () => {
    const sut = maskProtectedNames('Witness A and Witness B', [
      { fullName: 'Witness B', pseudonym: 'Witness B' },
      { fullName: 'Sara Nasser', pseudonym: 'Witness B' },
    ]);
    expect(sut).toBe('Witness A and Witness B');
  });

  it('gives a name two people share to the first of them', () => {
    const sut = maskProtectedNames('Amal Haddad', [
      { fullName: 'Amal Haddad', pseudonym: 'V-1' },
      { fullName: 'Amal Haddad', pseudonym: 'Witness A' },
    ]);
    expect(sut).toBe('V-1');
  });

  it('changes nothing when there is nothing to hide', () => {
    expect(maskProtectedNames('Statement of Mariam Khalil', [])).toBe('Statement of Mariam Khalil');
  });
});

describe('hiddenPartyNames', () => {
  const facts: CaseFacts = {
    courtId: 'court',
    confidentiality: 'public',
    parties: [
      { id: 'victim', partyRole: 'victim', isProtected: true, userId: null, counselUserId: 'victim-counsel' },
      { id: 'witness', partyRole: 'witness', isProtected: true, userId: null, counselUserId: null },
      { id: 'prosecution', partyRole: 'prosecution', isProtected: false, userId: null, counselUserId: 'prosecutor' },
      { id: 'defendant', partyRole: 'defendant', isProtected: false, userId: 'defendant', counselUserId: 'defence' },
    ],
  };
  const parties = [
    { ...facts.parties[0], fullName: 'Mariam Khalil', pseudonym: 'V-1' },
    { ...facts.parties[1], fullName: 'Samir Odeh', pseudonym: null },
    { ...facts.parties[2], fullName: 'Public Prosecution', pseudonym: null },
    { ...facts.parties[3], fullName: 'Karim Dahan', pseudonym: null },
  ];
  const viewer = (userId: string, roles: CaseViewer['roles'] = ['counsel']): CaseViewer => ({ userId, courtId: 'court', roles });

  it('hides every protected party from those the case does not entitle, by pseudonym or as a protected person', () => {
    for (const v of [viewer('defence'), viewer('defendant', ['party']), viewer('press', ['observer'])])
      expect(hiddenPartyNames(v, facts, parties)).toEqual([
        { fullName: 'Mariam Khalil', pseudonym: 'V-1' },
        { fullName: 'Samir Odeh', pseudonym: 'Protected person' },
      ]);
  });

  it('hides nothing from the court and the prosecution, and only the others from her own counsel', () => {
    expect(hiddenPartyNames(viewer('judge', ['judge']), facts, parties)).toEqual([]);
    expect(hiddenPartyNames(viewer('clerk', ['clerk']), facts, parties)).toEqual([]);
    expect(hiddenPartyNames(viewer('prosecutor', ['prosecutor']), facts, parties)).toEqual([]);
    expect(hiddenPartyNames(viewer('victim-counsel'), facts, parties)).toEqual([{ fullName: 'Samir Odeh', pseudonym: 'Protected person' }]);
  });
});

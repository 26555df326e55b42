import { fillPseudonyms, maskProtectedNames } from './protected-names';

describe('maskProtectedNames', () => {
  const names = [{ fullName: 'Mariam Yousef Khalil', pseudonym: 'V-1' }];

  it('replaces the whole name and each part of it, as words, in any case', () => {
    expect(maskProtectedNames('Statement of Mariam Yousef Khalil', names)).toBe('Statement of V-1');
    expect(maskProtectedNames('statement-mariam-khalil.pdf', names)).toBe('statement-V-1.pdf');
    expect(maskProtectedNames('Letter from KHALIL', names)).toBe('Letter from V-1');
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
});

describe('fillPseudonyms', () => {
  it('gives protected people without a pseudonym one that is not taken, and leaves the others', () => {
    const sut = fillPseudonyms([
      { fullName: 'A', isProtected: true, pseudonym: 'Protected person 1' },
      { fullName: 'B', isProtected: true, pseudonym: null },
      { fullName: 'C', isProtected: false, pseudonym: null },
    ]);
    expect(sut.map((p) => p.pseudonym)).toEqual(['Protected person 1', 'Protected person 2', null]);
  });
});

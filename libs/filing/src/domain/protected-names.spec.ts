import { fillPseudonyms } from './protected-names';

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

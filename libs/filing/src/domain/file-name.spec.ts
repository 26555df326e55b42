import { asciiFallbackName, sanitiseFileName } from './file-name';

describe('sanitiseFileName', () => {
  it.each([
    ['exhibit-3.pdf', 'exhibit-3.pdf'],
    ['C:\\Users\\me\\brief.PDF', 'brief.pdf'],
    ['../../etc/passwd', 'passwd.pdf'],
    ['evil\u202Efdp.exe', 'evilfdp.exe.pdf'],
    ['zero\u200Bwidth.pdf', 'zerowidth.pdf'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['  ..hidden.pdf.  ', 'hidden.pdf'],
    ['', 'document.pdf'],
    [undefined, 'document.pdf'],
    ['CON.pdf', '_CON.pdf'],
    ['بيان الشاهد.pdf', 'بيان الشاهد.pdf'],
    ['déclaration\tfinale.pdf', 'déclaration finale.pdf'],
  ])('turns %j into %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('keeps names to 150 characters, ending in .pdf', () => {
    const sut = sanitiseFileName(`${'ب'.repeat(400)}.pdf`);
    expect([...sut]).toHaveLength(150);
    expect(sut.endsWith('.pdf')).toBe(true);
  });

  it('gives old clients an ASCII name', () => {
    expect(asciiFallbackName('déclaration.pdf')).toBe('declaration.pdf');
    expect(asciiFallbackName('بيان.pdf')).toBe('document.pdf');
    expect(asciiFallbackName('a"b.pdf')).toBe('a_b.pdf');
  });
});

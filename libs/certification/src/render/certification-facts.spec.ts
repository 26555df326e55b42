import {
  CertificationFactsError,
  type CertificationFacts,
  assertCertificationFacts,
  certificationBlocks,
  formatIssuedAt,
  stampText,
} from './certification-facts';
import { newFacts } from './certification-facts.testing';

const FSI = '\u2068';
const PDI = '\u2069';
const strip = (s: string) => s.replace(/[\u2066-\u2069]/gu, '');

describe('formatIssuedAt', () => {
  it("states the court's wall-clock time, its offset and the zone's name", () => {
    expect(formatIssuedAt(new Date('2026-12-06T13:05:00Z'), 'Africa/Tunis')).toBe('2026-12-06 14:05 (UTC+01:00) Africa/Tunis');
  });

  it('follows summer time and the date line', () => {
    expect(formatIssuedAt(new Date('2026-07-01T22:30:00Z'), 'Europe/Paris')).toBe('2026-07-02 00:30 (UTC+02:00) Europe/Paris');
    expect(formatIssuedAt(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe('2026-01-01 00:00 (UTC+00:00) UTC');
  });
});

describe('assertCertificationFacts', () => {
  it.each([
    ['caseNumber', { caseNumber: ' ' }],
    ['docketEntryNumber', { docketEntryNumber: 0 }],
    ['pageCount', { pageCount: 1.5 }],
    ['timeZone', { timeZone: 'Mars/Olympus' }],
    ['issuedAt', { issuedAt: new Date('nope') }],
    ['verificationUrl', { verificationUrl: 'javascript:alert(1)' }],
  ] as const)('refuses a bad %s', (field, overrides) => {
    expect(() => assertCertificationFacts(newFacts(overrides as Partial<CertificationFacts>))).toThrow(
      expect.objectContaining({ code: 'certification.invalid_facts', field }) as CertificationFactsError,
    );
  });

  it('accepts complete facts', () => {
    expect(() => assertCertificationFacts(newFacts())).not.toThrow();
  });
});

describe('certificationBlocks', () => {
  it("gives the court's language first, then English, and English once for an English court", () => {
    expect(certificationBlocks(newFacts()).map((b) => b.language)).toEqual(['ar', 'en']);
    expect(certificationBlocks(newFacts({ courtLanguage: 'fr' })).map((b) => b.language)).toEqual(['fr', 'en']);
    expect(certificationBlocks(newFacts({ courtLanguage: 'en' })).map((b) => b.language)).toEqual(['en']);
  });

  it('lists every fact, each value isolated so it keeps its own direction', () => {
    const [arabic, english] = certificationBlocks(newFacts());
    expect(arabic?.facts.map((f) => strip(f.value))).toEqual([
      'محكمة الاستئناف بتونس',
      'CA-2026-000123',
      '7',
      'Judgment',
      '3',
      '2026-12-06 14:05 (UTC+01:00) Africa/Tunis',
      'عبد الله بن علي',
      'K7Q2-9XWD-3MHP',
      'https://ejustice.example/verify/K7Q2-9XWD-3MHP',
    ]);
    expect(english?.facts.find((f) => f.label === 'Case number')?.value).toBe(`${FSI}CA-2026-000123${PDI}`);
    expect(strip(english?.statement ?? '')).toBe(
      'The undersigned clerk certifies that this document is a true copy of the original filed with the Court of Appeal of Tunis in case CA-2026-000123.',
    );
    expect(strip(arabic?.statement ?? '')).toContain('لدى محكمة الاستئناف بتونس في القضية رقم CA-2026-000123');
  });
});

describe('stampText', () => {
  it("says certified copy in the court's language and English, with court, case and code", () => {
    expect(strip(stampText(newFacts()))).toBe('نسخة مصدقة / Certified copy · Court of Appeal of Tunis · CA-2026-000123 · K7Q2-9XWD-3MHP');
    expect(strip(stampText(newFacts({ courtLanguage: 'en' })))).toBe(
      'Certified copy · Court of Appeal of Tunis · CA-2026-000123 · K7Q2-9XWD-3MHP',
    );
  });
});

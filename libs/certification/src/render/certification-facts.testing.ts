import type { CertificationFacts } from './certification-facts';

/** The facts of a copy by an Arabic-speaking court, for tests of the rendering; any may be overridden. */
export function newFacts(overrides: Partial<CertificationFacts> = {}): CertificationFacts {
  return {
    courtName: 'محكمة الاستئناف بتونس',
    courtNameEnglish: 'Court of Appeal of Tunis',
    courtLanguage: 'ar',
    caseNumber: 'CA-2026-000123',
    docketEntryNumber: 7,
    documentTitle: 'Judgment',
    pageCount: 3,
    issuedAt: new Date('2026-12-06T13:05:00Z'),
    timeZone: 'Africa/Tunis',
    clerkName: 'عبد الله بن علي',
    verificationCode: 'K7Q2-9XWD-3MHP',
    verificationUrl: 'https://ejustice.example/verify/K7Q2-9XWD-3MHP',
    ...overrides,
  };
}

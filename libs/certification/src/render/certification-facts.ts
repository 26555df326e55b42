import { DomainError } from '@ejustice/platform/errors/domain-error';
import { isolate } from '@ejustice/platform/pdf/bidi-line';
import type { CourtLanguage } from '@ejustice/vocabulary/court-language';

export type { CourtLanguage };

/** What a certified copy states about itself; every fact is printed on the certification page. */
export interface CertificationFacts {
  /** The court's name in its own language. */
  readonly courtName: string;
  readonly courtNameEnglish: string;
  readonly courtLanguage: CourtLanguage;
  readonly caseNumber: string;
  readonly docketEntryNumber: number;
  readonly documentTitle: string;
  readonly pageCount: number;
  readonly issuedAt: Date;
  /** The court's IANA time zone: the copy states the court's local time and names the zone. */
  readonly timeZone: string;
  readonly clerkName: string;
  readonly verificationCode: string;
  readonly verificationUrl: string;
}

/** Facts a copy must not be issued with: a bug in the caller, named by field, before anything is drawn. */
export class CertificationFactsError extends DomainError {
  constructor(
    readonly field: keyof CertificationFacts,
    reason: string,
  ) {
    super('invalid', 'certification.invalid_facts', `The certified copy cannot be rendered: ${field} ${reason}.`, {
      fields: [{ field, message: reason }],
    });
    this.name = 'CertificationFactsError';
  }
}

/** Refuses facts a copy must not be issued with, before any page is drawn. */
export function assertCertificationFacts(facts: CertificationFacts): void {
  const texts = ['courtName', 'courtNameEnglish', 'caseNumber', 'documentTitle', 'clerkName', 'verificationCode'] as const;
  for (const field of texts) {
    if (facts[field].trim() === '') throw new CertificationFactsError(field, 'is empty');
  }
  if (!['ar', 'fr', 'en'].includes(facts.courtLanguage)) throw new CertificationFactsError('courtLanguage', 'must be ar, fr or en');
  if (!Number.isInteger(facts.docketEntryNumber) || facts.docketEntryNumber < 1)
    throw new CertificationFactsError('docketEntryNumber', 'must be a positive whole number');
  if (!Number.isInteger(facts.pageCount) || facts.pageCount < 1)
    throw new CertificationFactsError('pageCount', 'must be a positive whole number');
  if (Number.isNaN(facts.issuedAt.getTime())) throw new CertificationFactsError('issuedAt', 'is not a valid instant');
  try {
    new Intl.DateTimeFormat('en', { timeZone: facts.timeZone });
  } catch {
    throw new CertificationFactsError('timeZone', 'is not an IANA time zone');
  }
  if (!/^https?:\/\//u.test(facts.verificationUrl)) throw new CertificationFactsError('verificationUrl', 'must be an http(s) URL');
}

/**
 * The instant of issue as the court's wall clock shows it, with the zone named and its offset,
 * as digits every reader can check: "2026-12-06 14:05 (UTC+01:00) Africa/Tunis". The
 * same figures in every language, so the Arabic and English statements cannot disagree.
 */
export function formatIssuedAt(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const offset = parts.timeZoneName === 'GMT' ? 'UTC+00:00' : (parts.timeZoneName ?? '').replace('GMT', 'UTC');
  // The zone's name last, not in brackets: a line that ends in a bracket inside right-to-left
  // text is where readers that guess the order (pdftotext) move the bracket.
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${offset}) ${timeZone}`;
}

interface Wording {
  readonly heading: string;
  readonly statement: (f: CertificationFacts, court: string) => string;
  readonly labels: readonly [keyof LabelledFacts, string][];
  readonly verify: string;
}

type LabelledFacts = Record<'court' | 'case' | 'entry' | 'title' | 'pages' | 'issued' | 'clerk' | 'code' | 'url', string>;

const WORDING: Readonly<Record<CourtLanguage, Wording>> = {
  ar: {
    heading: 'نسخة مصدقة',
    statement: (f, court) =>
      // The case number ends the sentence without a full stop after it: a Latin word followed by
      // a neutral at the end of a right-to-left line is where readers (poppler among them) go wrong.
      `يشهد كاتب الضبط الموقع أدناه أن هذه الوثيقة نسخة مطابقة للأصل المودع لدى ${court} في القضية رقم ${isolate(f.caseNumber)}`,
    labels: [
      ['court', 'المحكمة'],
      ['case', 'رقم القضية'],
      ['entry', 'رقم القيد في السجل'],
      ['title', 'عنوان الوثيقة'],
      ['pages', 'عدد الصفحات'],
      ['issued', 'تاريخ ووقت الإصدار'],
      ['clerk', 'كاتب الضبط المصدق'],
      ['code', 'رمز التحقق'],
      ['url', 'رابط التحقق'],
    ],
    verify: 'يمكن لأي شخص التحقق من صحة هذه النسخة برمز التحقق أو بمسح رمز الاستجابة السريعة.',
  },
  fr: {
    heading: 'Copie certifiée conforme',
    statement: (f, court) =>
      `Le greffier soussigné certifie que ce document est une copie conforme de l'original déposé auprès du ${court} dans l'affaire n° ${isolate(f.caseNumber)}.`,
    labels: [
      ['court', 'Juridiction'],
      ['case', "Numéro de l'affaire"],
      ['entry', "Numéro d'inscription au registre"],
      ['title', 'Titre du document'],
      ['pages', 'Nombre de pages'],
      ['issued', "Date et heure d'émission"],
      ['clerk', 'Greffier certificateur'],
      ['code', 'Code de vérification'],
      ['url', 'Adresse de vérification'],
    ],
    verify: "Toute personne peut vérifier l'authenticité de cette copie avec le code de vérification ou en lisant le code QR.",
  },
  en: {
    heading: 'Certified copy',
    statement: (f, court) =>
      `The undersigned clerk certifies that this document is a true copy of the original filed with the ${court} in case ${isolate(f.caseNumber)}.`,
    labels: [
      ['court', 'Court'],
      ['case', 'Case number'],
      ['entry', 'Docket entry'],
      ['title', 'Document title'],
      ['pages', 'Number of pages'],
      ['issued', 'Issued'],
      ['clerk', 'Certifying clerk'],
      ['code', 'Verification code'],
      ['url', 'Verification URL'],
    ],
    verify: 'Anyone can check that this copy is genuine with the verification code or by scanning the QR code.',
  },
};

/** One language's block of the certification page: a heading, a statement, the facts, how to verify. */
export interface CertificationBlock {
  readonly language: CourtLanguage;
  readonly heading: string;
  readonly statement: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly verify: string;
}

/**
 * The certification page's text, in the court's language and then in English (once, for an
 * English court). Values that are not words of the block's language (numbers, codes, the URL, a
 * name in the other script) are isolated so that they keep their own order inside the sentence.
 */
export function certificationBlocks(facts: CertificationFacts): CertificationBlock[] {
  const languages: CourtLanguage[] = facts.courtLanguage === 'en' ? ['en'] : [facts.courtLanguage, 'en'];
  return languages.map((language) => {
    const w = WORDING[language];
    const court = language === 'en' ? facts.courtNameEnglish : facts.courtName;
    const values: LabelledFacts = {
      court,
      case: isolate(facts.caseNumber),
      entry: isolate(String(facts.docketEntryNumber)),
      title: isolate(facts.documentTitle),
      pages: isolate(String(facts.pageCount)),
      issued: isolate(formatIssuedAt(facts.issuedAt, facts.timeZone)),
      clerk: isolate(facts.clerkName),
      code: isolate(facts.verificationCode),
      url: isolate(facts.verificationUrl),
    };
    return {
      language,
      heading: w.heading,
      statement: w.statement(facts, isolate(court)),
      facts: w.labels.map(([key, label]) => ({ label, value: values[key] })),
      verify: w.verify,
    };
  });
}

/** The stamp on every page: short, in English and (for an Arabic or French court) the court's words. */
export function stampText(facts: CertificationFacts): string {
  const heading = facts.courtLanguage === 'en' ? 'Certified copy' : `${WORDING[facts.courtLanguage].heading} / Certified copy`;
  return `${heading} · ${isolate(facts.courtNameEnglish)} · ${isolate(facts.caseNumber)} · ${isolate(facts.verificationCode)}`;
}

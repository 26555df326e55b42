/** Case types with the short code used in case numbers (`<court>-<code>-<year>-<sequence>`). */
export const CASE_TYPES = {
  trafficking: 'TIP',
  criminal: 'CR',
  civil: 'CV',
  family: 'FAM',
  labour: 'LAB',
  administrative: 'ADM',
} as const;

export type CaseType = keyof typeof CASE_TYPES;
export const CASE_TYPE_NAMES = Object.keys(CASE_TYPES) as CaseType[];

export const CONFIDENTIALITY_LEVELS = ['public', 'confidential', 'sealed'] as const;
/**
 * public: anyone entitled to see the case. confidential: the parties and the court.
 * sealed: the judge and the clerks only.
 */
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

export const CASE_STATUSES = ['active', 'stayed', 'disposed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PARTY_ROLES = [
  'petitioner',
  'respondent',
  'plaintiff',
  'complainant',
  'defendant',
  'victim',
  'witness',
  'prosecution',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export function formatCaseNumber(courtCode: string, type: CaseType, year: number, sequence: number): string {
  return `${courtCode}-${CASE_TYPES[type]}-${year}-${String(sequence).padStart(6, '0')}`;
}

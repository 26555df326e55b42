import { FILING_TYPES, type FilingType, type ProposedParty } from './filing-type';

export interface ReasonCode {
  readonly code: string;
  /** English label; the UI shows its own translation of the code. */
  readonly label: string;
  /** Which review outcomes may cite it. */
  readonly appliesTo: readonly ('reject' | 'return')[];
}

/** What a court accepts and how its clerks work (ECF "court policy"). */
export interface CourtFilingPolicy {
  readonly courtId: string;
  readonly timeZone: string;
  readonly acceptedFilingTypes: readonly FilingType[];
  readonly acceptedMediaTypes: readonly string[];
  readonly maxDocumentBytes: number;
  readonly maxDocuments: number;
  readonly claimMinutes: number;
  readonly feeCurrency: string;
  /** Fee per filing type, in minor units of the currency (cents). */
  readonly feeSchedule: Readonly<Record<FilingType, number>>;
  readonly reasonCodes: readonly ReasonCode[];
}

export interface PolicyDefaults {
  readonly maxDocumentBytes: number;
  readonly maxDocuments: number;
  readonly claimMinutes: number;
  readonly feeCurrency: string;
}

/** The platform's fee schedule, used where a court has not set its own. Complaints and evidence are free. */
export const DEFAULT_FEE_SCHEDULE: Readonly<Record<FilingType, number>> = {
  petition: 5000,
  complaint: 0,
  motion: 2000,
  response: 1000,
  evidence: 0,
  notice: 0,
  other: 1000,
};

export const DEFAULT_REASON_CODES: readonly ReasonCode[] = [
  { code: 'wrong_case', label: 'Filed in the wrong case', appliesTo: ['reject', 'return'] },
  { code: 'wrong_document', label: 'Wrong or unrelated document', appliesTo: ['reject'] },
  { code: 'illegible', label: 'Illegible or incomplete document', appliesTo: ['reject', 'return'] },
  { code: 'duplicate', label: 'Duplicate of an earlier filing', appliesTo: ['reject'] },
  { code: 'not_signed', label: 'Not signed', appliesTo: ['reject', 'return'] },
  { code: 'unredacted_personal_data', label: 'Personal data that must be redacted', appliesTo: ['reject', 'return'] },
  { code: 'missing_information', label: 'Missing information in the filing', appliesTo: ['return'] },
  { code: 'wrong_filing_type', label: 'Wrong filing type chosen', appliesTo: ['return'] },
  { code: 'missing_attachment', label: 'A required attachment is missing', appliesTo: ['return'] },
  { code: 'other', label: 'Other (see the clerk’s note)', appliesTo: ['reject', 'return'] },
];

/** A court's own settings; a null field means the platform default. */
export interface CourtPolicyOverrides {
  readonly maxDocumentBytes: number | null;
  readonly maxDocuments: number | null;
  readonly claimMinutes: number | null;
  readonly feeCurrency: string | null;
  readonly feeSchedule: Partial<Record<FilingType, number>> | null;
  readonly reasonCodes: readonly ReasonCode[] | null;
}

export function resolvePolicy(
  court: { id: string; timeZone: string },
  defaults: PolicyDefaults,
  overrides: CourtPolicyOverrides | null,
): CourtFilingPolicy {
  return {
    courtId: court.id,
    timeZone: court.timeZone,
    acceptedFilingTypes: [...FILING_TYPES],
    acceptedMediaTypes: ['application/pdf'],
    maxDocumentBytes: overrides?.maxDocumentBytes ?? defaults.maxDocumentBytes,
    maxDocuments: overrides?.maxDocuments ?? defaults.maxDocuments,
    claimMinutes: overrides?.claimMinutes ?? defaults.claimMinutes,
    feeCurrency: overrides?.feeCurrency ?? defaults.feeCurrency,
    feeSchedule: { ...DEFAULT_FEE_SCHEDULE, ...(overrides?.feeSchedule ?? {}) },
    reasonCodes: overrides?.reasonCodes ?? DEFAULT_REASON_CODES,
  };
}

export interface FeeAssessment {
  readonly filingType: FilingType;
  readonly amount: number;
  readonly currency: string;
  readonly waived: boolean;
  readonly waiverReason: 'victim' | null;
  /** What the filer pays: 0 when waived. */
  readonly due: number;
}

/**
 * The fee for a filing. Victims of trafficking (and anyone filing as or for a victim) never pay:
 * the source study asks courts to remove barriers to victims' access to justice.
 */
export function assessFee(policy: CourtFilingPolicy, filingType: FilingType, filerActsForVictim: boolean): FeeAssessment {
  const amount = policy.feeSchedule[filingType] ?? 0;
  const waived = filerActsForVictim && amount > 0;
  return {
    filingType,
    amount,
    currency: policy.feeCurrency,
    waived,
    waiverReason: filerActsForVictim ? 'victim' : null,
    due: waived ? 0 : amount,
  };
}

/** Whether the filer of an opening filing is, or acts for, a victim among its proposed parties. */
export function openingFilerActsForVictim(parties: readonly ProposedParty[]): boolean {
  return parties.some((p) => p.partyRole === 'victim' && (p.isFiler || p.representedByFiler));
}

export function reasonAllowed(policy: CourtFilingPolicy, code: string, action: 'reject' | 'return'): boolean {
  return policy.reasonCodes.some((r) => r.code === code && r.appliesTo.includes(action));
}

export const HEARING_TYPES = [
  'first_appearance',
  'bail',
  'case_management',
  'trial',
  'testimony',
  'sentencing',
  'appeal',
  'other',
] as const;
export type HearingType = (typeof HEARING_TYPES)[number];

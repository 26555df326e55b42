/**
 * Status of a hearing as a court event.
 * scheduled → open ⇄ in_recess → adjourned | closed. A hearing that is adjourned may be opened
 * again (a later sitting); a closed one is final.
 */
export const HEARING_STATUSES = ['scheduled', 'open', 'in_recess', 'adjourned', 'closed'] as const;

export type HearingStatus = (typeof HEARING_STATUSES)[number];

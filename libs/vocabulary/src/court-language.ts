/**
 * The language a court works in: its certified copies and notices state their facts in it (and in
 * English). The UI's own language is each reader's choice, independent of this.
 */
export const COURT_LANGUAGES = ['ar', 'en', 'fr'] as const;
export type CourtLanguage = (typeof COURT_LANGUAGES)[number];

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PARTY_ROLES } from '@ejustice/vocabulary/case-type';
import { LANGUAGES } from '../i18n/languages';
import ar from '../i18n/locales/ar.json';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import { FILING_STATUSES, OPENING_FILING_TYPES, SUBSEQUENT_FILING_TYPES, URGENCY_GROUNDS } from '@ejustice/filing/contract/filing-contract';
import { REVIEW_SHORTCUTS } from '../clerk/shortcuts';

/*
 * The filing screens name things the server decides: filing types, statuses, urgency grounds,
 * reason codes and error codes. The vocabularies are the server's own, imported through the
 * filing contract; the reason and error codes, which are not part of it, are read from the
 * server's domain files as text. Either way, a code added on the server without a sentence in the
 * three languages fails here rather than showing a raw code to a person.
 */
const FILING_DOMAIN = path.resolve(__dirname, '../../../../libs/filing/src/domain');

function serverSource(file: string): string {
  return readFileSync(path.join(FILING_DOMAIN, file), 'utf8');
}

const locales = { ar, en, fr } as const;

function get(language: keyof typeof locales, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      locales[language],
    );
}

function missing(keys: string[]): string[] {
  return LANGUAGES.flatMap((language) => keys.filter((key) => typeof get(language, key) !== 'string').map((key) => `${language}:${key}`));
}

describe('filing vocabulary in the UI', () => {
  it('names every filing type, status, urgency ground and party role in every language', () => {
    const keys = [
      ...[...OPENING_FILING_TYPES, ...SUBSEQUENT_FILING_TYPES].map((type) => `filing.filingType.${type}`),
      ...FILING_STATUSES.map((status) => `filing.status.${status}`),
      ...URGENCY_GROUNDS.map((ground) => `filing.urgency.${ground}`),
      ...PARTY_ROLES.map((role) => `docket.partyRole.${role}`),
    ];
    expect(missing(keys)).toEqual([]);
  });

  it("translates every default reason code of the court's list", () => {
    const codes = [...serverSource('court-policy.ts').matchAll(/\{ code: '([a-z_]+)'/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(5);
    expect(missing(codes.map((code) => `clerk.reason.${code}`))).toEqual([]);
  });

  it('translates every error code the filing domain can answer with', () => {
    const codes = [...serverSource('filing-errors.ts').matchAll(/'filing\.([a-z_]+)'/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(20);
    expect(missing(codes.map((code) => `errors.filing.${code}`))).toEqual([]);
  });

  it('describes every review shortcut in the help dialog', () => {
    expect(missing(REVIEW_SHORTCUTS.map((binding) => `clerk.review.shortcut.${binding.action}`))).toEqual([]);
  });
});

import { CASE_STATUSES, CASE_TYPE_NAMES, CONFIDENTIALITY_LEVELS } from '@ejustice/vocabulary/case-type';
import { ROLES } from '@ejustice/vocabulary/role';
import { HOME_SECTIONS } from '../home/home-sections';
import { LANGUAGES, type Language } from './languages';
import ar from './locales/ar.json';
import en from './locales/en.json';
import fr from './locales/fr.json';

const locales: Record<Language, unknown> = { ar, en, fr };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/**
 * A plural form is `base_<category>` where English has both `base_one` and `base_other`; an API
 * error code that merely ends like one (`filing.claimed_by_other`) is an ordinary key.
 */
function pluralBase(key: string): string | null {
  if (!PLURAL_SUFFIX.test(key)) return null;
  const base = key.replace(PLURAL_SUFFIX, '');
  const english = flatten(en);
  return english.has(`${base}_one`) && english.has(`${base}_other`) ? base : null;
}

/** Every leaf as `dotted.key → value`; anything that is not a string or an object is reported. */
function flatten(node: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    for (const [key, value] of Object.entries(node)) {
      for (const [leafKey, leaf] of flatten(value, prefix ? `${prefix}.${key}` : key)) out.set(leafKey, leaf);
    }
  } else {
    out.set(prefix, node);
  }
  return out;
}

/** Keys with plural suffixes folded together: `cases.count_one` and `cases.count_few` are `cases.count`. */
function baseKeys(language: Language): string[] {
  return [...new Set([...flatten(locales[language]).keys()].map((key) => pluralBase(key) ?? key))].sort();
}

/** `{{name}}`, `{{count, number}}` and `<name/>`: what a translation must keep from the original. */
function placeholders(text: string): string[] {
  const interpolations = [...text.matchAll(/{{\s*([\w.]+)[^}]*}}/g)].map((match) => `{{${match[1]}}}`);
  const components = [...text.matchAll(/<\/?([\w]+)\s*\/?>/g)].map((match) => `<${match[1]}>`);
  return [...interpolations, ...components].sort();
}

describe('locale files', () => {
  const english = flatten(en);

  it.each(LANGUAGES)('%s has exactly the keys of the others (plural forms aside)', (language) => {
    expect(baseKeys(language)).toEqual(baseKeys('en'));
  });

  it.each(LANGUAGES)('%s has only non-empty strings', (language) => {
    const problems = [...flatten(locales[language])].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    expect(problems).toEqual([]);
  });

  it.each(LANGUAGES)('%s has every plural form its grammar needs', (language) => {
    const keys = [...flatten(locales[language]).keys()];
    const pluralBases = new Set(keys.map(pluralBase).filter((base) => base !== null));
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const missing = [...pluralBases].flatMap((base) =>
      categories.filter((category) => !keys.includes(`${base}_${category}`)).map((category) => `${base}_${category}`),
    );
    expect(pluralBases.size).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('%s keeps the placeholders of the English text', (language) => {
    const mismatches: string[] = [];
    for (const [key, value] of flatten(locales[language])) {
      if (typeof value !== 'string') continue;
      if (pluralBase(key) !== null) {
        // Arabic "one" and "two" forms spell the number out, so a plural form may drop {{count}};
        // it must not invent a placeholder English does not have.
        const reference = placeholders(String(english.get(key.replace(PLURAL_SUFFIX, '_other'))));
        if (placeholders(value).some((placeholder) => !reference.includes(placeholder))) mismatches.push(key);
      } else if (placeholders(value).join() !== placeholders(String(english.get(key))).join()) {
        mismatches.push(key);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('names every account role the API knows', () => {
    const missing = ROLES.filter((role) => !english.has(`roles.${role}`));
    expect(missing).toEqual([]);
  });

  it('names every case type, status and confidentiality level the API knows', () => {
    const keys = [
      ...CASE_TYPE_NAMES.map((code) => `cases.caseType.${code}`),
      ...CASE_STATUSES.map((code) => `cases.status.${code}`),
      ...CONFIDENTIALITY_LEVELS.map((code) => `cases.confidentiality.${code}`),
    ];
    expect(keys.filter((key) => !english.has(key))).toEqual([]);
  });

  it('has a title and an honest sentence for every home section still to come', () => {
    const missing = HOME_SECTIONS.filter((section) => !section.available).flatMap((section) =>
      [`sections.${section.id}.title`, `sections.${section.id}.pending`].filter((key) => !english.has(key)),
    );
    expect(missing).toEqual([]);
  });

  it('gives each language its own name in every file', () => {
    for (const language of LANGUAGES) {
      const names = LANGUAGES.map((code) => flatten(locales[language]).get(`language.names.${code}`));
      expect(names).toEqual(LANGUAGES.map((code) => english.get(`language.names.${code}`)));
    }
  });
});

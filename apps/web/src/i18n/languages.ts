/** The languages the interface is written in. Arabic first-class, not an afterthought. */
export const LANGUAGES = ['ar', 'en', 'fr'] as const;

export type Language = (typeof LANGUAGES)[number];

export type Direction = 'ltr' | 'rtl';

export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(language: Language): Direction {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/**
 * First supported language among the browser's preferences, by primary subtag, so that
 * `fr-CA` or `ar-MA` get French or Arabic rather than falling through to English.
 */
export function matchLanguage(tags: readonly string[]): Language | undefined {
  for (const tag of tags) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}

/** A choice the person made wins over what the browser says; English when neither helps. */
export function initialLanguage(stored: string | null | undefined, browserTags: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  return matchLanguage(browserTags) ?? DEFAULT_LANGUAGE;
}

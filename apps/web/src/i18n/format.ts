import type { Language } from './languages';

/** "A, B and C" in the reader's language (Arabic uses its own comma and "و"). */
export function formatList(items: readonly string[], language: Language): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
}

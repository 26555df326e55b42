import type { Language } from './languages';

/**
 * Dates in the reader's language. For plain `ar`, current CLDR writes Western digits (as the
 * Maghreb does), and i18next's `{{n, number}}` follows the same rule, so numbers and dates agree;
 * a court that writes Eastern Arabic digits would use `ar-u-nu-arab` in both places.
 */
export function formatDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

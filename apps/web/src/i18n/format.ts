import type { Language } from './languages';

/**
 * Dates in the reader's language. `Intl` gives Arabic-Indic digits for `ar`; a court that writes
 * Western digits in Arabic (as many in the Maghreb do) would use `ar-u-nu-latn` here.
 */
export function formatDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

import type { i18n as I18n } from 'i18next';
import { isApiError } from '../api/problem';

/**
 * The sentence to show a person for a failure. A problem's `code` is looked up under `errors.`
 * in the locale files; codes the UI does not know yet fall back to the server's `detail` (better
 * an untranslated sentence from the court's service than nothing), then to a generic message.
 */
export function errorMessage(error: unknown, i18n: Pick<I18n, 't' | 'exists'>): string {
  if (isApiError(error)) {
    const key = `errors.${error.code}`;
    if (i18n.exists(key)) return i18n.t(key);
    if (error.detail) return error.detail;
    if (error.title) return error.title;
  }
  return i18n.t('errors.unknown');
}

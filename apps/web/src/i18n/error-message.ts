import type { i18n as I18n } from 'i18next';
import { isApiError } from '../api/problem';

/**
 * The sentence to show a person for a failure. A problem's `code` is looked up under `errors.`
 * in the locale files; codes the UI does not know yet fall back to the server's `detail` (better
 * an untranslated sentence from the court's service than nothing), then to a generic message.
 */
export function errorMessage(error: unknown, i18n: Pick<I18n, 't' | 'exists'>): string {
  if (!isApiError(error)) return i18n.t('errors.unknown');
  const key = `errors.${error.code}`;
  // Extension members that are plain values (the name of a refused document...) fill the
  // translation's placeholders, so the translated sentence says as much as the server's.
  const values = Object.fromEntries(
    Object.entries(error.extensions).filter(([, value]) => typeof value === 'string' || typeof value === 'number'),
  );
  const sentence = i18n.exists(key) ? i18n.t(key, values) : (error.detail ?? error.title ?? i18n.t('errors.unknown'));
  // A failure on the server's side is one the person cannot fix: give them what IT will ask for.
  if (error.status >= 500 && error.requestId) {
    return `${sentence} ${i18n.t('errors.reference', { requestId: error.requestId })}`;
  }
  return sentence;
}

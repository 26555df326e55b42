import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './locales/ar.json';
import en from './locales/en.json';
import fr from './locales/fr.json';

/**
 * For web tests: an i18next instance of its own in one of the three languages, with the app's
 * locale files, ready at once (rendered with `I18nextProvider`). React escapes what it renders,
 * so i18next does not escape interpolated values a second time, as in the app (i18n.ts).
 */
export function testI18n(lng: 'en' | 'fr' | 'ar'): I18n {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({
    lng,
    resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18n;
}

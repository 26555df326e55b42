import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './locales/ar.json';
import en from './locales/en.json';
import fr from './locales/fr.json';
import { DEFAULT_LANGUAGE, LANGUAGES, directionOf, initialLanguage, isLanguage, type Language } from './languages';

const STORAGE_KEY = 'ejustice.language';

export const resources = {
  ar: { translation: ar },
  en: { translation: en },
  fr: { translation: fr },
} as const;

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** lang and dir on <html> drive fonts, hyphenation, screen-reader voices and the mirrored layout. */
function applyToDocument(language: Language): void {
  const root = document.documentElement;
  root.lang = language;
  root.dir = directionOf(language);
}

export function currentLanguage(instance: I18n = i18next): Language {
  const language = instance.resolvedLanguage ?? instance.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/**
 * Initialises i18next for the browser. Resources are bundled (three small files), so
 * initialisation is synchronous and the first render is already in the right language and
 * direction, with no flash of English or of a left-to-right layout.
 */
export function setupI18n(): I18n {
  const language = initialLanguage(readStoredLanguage(), browserLanguages());
  i18next.on('languageChanged', (changed) => {
    if (isLanguage(changed)) applyToDocument(changed);
  });
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    // Error codes such as `auth.invalid_credentials` are looked up as keys; a colon in a code
    // must not be taken for a namespace.
    nsSeparator: false,
    returnEmptyString: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  applyToDocument(language);
  return i18next;
}

/** The person picked a language: switch now and remember it for the next visit on this browser. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (privacy mode): the choice still holds for this page.
  }
  await i18next.changeLanguage(language);
}

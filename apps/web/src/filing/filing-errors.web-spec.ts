import i18next from 'i18next';
import { problemToError } from '../api/problem';
import { errorMessage } from '../i18n/error-message';
import { resources } from '../i18n/i18n';

/** The server's refusal of a document, as the filing API sends it (the name as an extension member). */
const refusal = problemToError(415, {
  type: 'about:blank',
  title: 'Unsupported Media Type',
  status: 415,
  code: 'filing.document_not_pdf',
  detail: '“exhibit-3.pdf” is not a PDF file.',
  document: 'exhibit-3.pdf',
  requestId: 'req-1',
});

describe('filing errors in the person’s language', () => {
  const i18n = i18next.createInstance();

  beforeAll(async () => {
    await i18n.init({
      resources,
      lng: 'en',
      fallbackLng: 'en',
      nsSeparator: false,
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  });

  it('keeps the extension members of a problem', () => {
    expect(refusal.extensions).toEqual({ document: 'exhibit-3.pdf' });
  });

  it.each([
    ['en', '“exhibit-3.pdf” is not a PDF file. Save or export it as PDF, then add it again.'],
    ['fr', "« exhibit-3.pdf » n'est pas un fichier PDF. Enregistrez-le ou exportez-le en PDF, puis ajoutez-le de nouveau."],
  ])('names the refused document in %s', async (language, sentence) => {
    await i18n.changeLanguage(language);
    expect(errorMessage(refusal, i18n)).toBe(sentence);
  });

  it('names it in Arabic too, inside the Arabic sentence', async () => {
    await i18n.changeLanguage('ar');
    expect(errorMessage(refusal, i18n)).toBe('«exhibit-3.pdf» ليس ملف PDF. احفظه أو صدّره بصيغة PDF، ثم أضفه مرة أخرى.');
  });
});

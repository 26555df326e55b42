import { createInstance } from 'i18next';
import { ApiError } from '../api/problem';
import { errorMessage } from './error-message';
import ar from './locales/ar.json';
import en from './locales/en.json';

async function i18nIn(language: 'en' | 'ar') {
  const instance = createInstance();
  await instance.init({
    lng: language,
    fallbackLng: 'en',
    nsSeparator: false,
    resources: { en: { translation: en }, ar: { translation: ar } },
  });
  return instance;
}

describe('errorMessage', () => {
  it('translates a known problem code', async () => {
    const error = new ApiError({ status: 401, code: 'auth.invalid_credentials', detail: 'Invalid email or password' });

    expect(errorMessage(error, await i18nIn('en'))).toBe(en.errors.auth.invalid_credentials);
    expect(errorMessage(error, await i18nIn('ar'))).toBe(ar.errors.auth.invalid_credentials);
  });

  it("falls back to the server's detail for a code the UI does not know yet", async () => {
    const error = new ApiError({ status: 409, code: 'filing.already_claimed', detail: 'Another clerk claimed it' });

    expect(errorMessage(error, await i18nIn('ar'))).toBe('Another clerk claimed it');
  });

  it("adds the request id to a server-side failure, for the court's IT team", async () => {
    const error = new ApiError({ status: 500, code: 'internal_error', requestId: 'req-42' });

    expect(errorMessage(error, await i18nIn('en'))).toBe(
      `${en.errors.internal_error} ${en.errors.reference.replace('{{requestId}}', 'req-42')}`,
    );
  });

  it("says in the reader's language that the database did not answer, with the reference", async () => {
    const error = new ApiError({
      status: 503,
      code: 'database_unavailable',
      detail: "The court's database did not answer in time.",
      requestId: 'req-7',
    });

    expect(errorMessage(error, await i18nIn('ar'))).toBe(
      `${ar.errors.database_unavailable} ${ar.errors.reference.replace('{{requestId}}', 'req-7')}`,
    );
  });

  it('falls back to a generic sentence when there is nothing better', async () => {
    expect(errorMessage(new ApiError({ status: 500, code: 'no.such.code' }), await i18nIn('en'))).toBe(en.errors.unknown);
    expect(errorMessage(new Error('boom'), await i18nIn('en'))).toBe(en.errors.unknown);
  });
});

import { directionOf, initialLanguage, matchLanguage } from './languages';

describe('language choice', () => {
  it('takes the first supported browser language by its primary subtag', () => {
    expect(matchLanguage(['de-DE', 'ar-MA', 'fr'])).toBe('ar');
    expect(matchLanguage(['FR_ca'])).toBe('fr');
    expect(matchLanguage(['de', 'es'])).toBeUndefined();
  });

  it('prefers what the person chose over the browser, and falls back to English', () => {
    expect(initialLanguage('fr', ['ar'])).toBe('fr');
    expect(initialLanguage('klingon', ['ar-EG'])).toBe('ar');
    expect(initialLanguage(null, ['de-DE'])).toBe('en');
    expect(initialLanguage(undefined, [])).toBe('en');
  });

  it('writes Arabic right to left and the others left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
    expect(directionOf('fr')).toBe('ltr');
  });
});

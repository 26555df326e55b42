import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import en from '../i18n/locales/en.json';
import { SiteFooter } from './SiteFooter';
import { testI18n } from '../i18n/i18n.testing';

function render(sourceCodeUrl: string | null, lng: 'en' | 'fr' | 'ar' = 'en'): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: testI18n(lng) }, createElement(SiteFooter, { sourceCodeUrl })));
}

const SOURCE = 'https://git.court.example/ejustice';

describe('SiteFooter', () => {
  it('links to the source the court names (AGPL-3.0 section 13)', () => {
    expect(render(SOURCE)).toContain(`<a href="${SOURCE}" rel="noopener">Source code (AGPL-3.0-or-later)</a>`);
  });

  it('names the link in each language of the platform', () => {
    expect(render(SOURCE, 'fr')).toContain('>Code source (AGPL-3.0 ou ultérieure)</a>');
    expect(render(SOURCE, 'ar')).toContain('>الشيفرة المصدرية (AGPL-3.0 أو أحدث)</a>');
  });

  it('offers no link when the court names no source, or the about could not be read', () => {
    const html = render(null);
    expect(html).not.toContain('<a');
    expect(html).toContain(en.footer.help);
    expect(html).toContain(en.footer.project);
  });
});

import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../i18n/locales/en.json';
import { ApiError } from './problem';
import { ResourceStates } from './ResourceStates';
import type { ResourceState } from './use-api-resource';

const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en } }, initAsync: false });

const messages = {
  loading: 'Loading cases…',
  loadFailed: 'Cases could not be loaded.',
  empty: 'No cases yet.',
  emptyHint: 'Filed cases appear here.',
};

function render(state: ResourceState<string[]>): string {
  const element = createElement(ResourceStates<string[]>, {
    state,
    reload: () => undefined,
    isEmpty: (data) => data.length === 0,
    messages,
  });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));
}

describe('ResourceStates', () => {
  it('announces loading', () => {
    expect(render({ status: 'loading' })).toBe('<p class="muted" role="status">Loading cases…</p>');
  });

  it('says what failed, why, and offers to try again', () => {
    const error = new ApiError({ status: 503, code: 'platform.unavailable', title: 'Unavailable', detail: 'The database is down.' });
    const html = render({ status: 'error', error });
    expect(html).toContain('role="alert"');
    expect(html).toContain('Cases could not be loaded. The database is down.');
    expect(html).toContain(`>${en.common.retry}</button>`);
  });

  it('shows the empty state with its hint, and nothing once there is data', () => {
    expect(render({ status: 'loaded', data: [] })).toBe(
      '<div class="empty-state"><p class="empty-state__title">No cases yet.</p><p class="muted">Filed cases appear here.</p></div>',
    );
    expect(render({ status: 'loaded', data: ['one case'] })).toBe('');
  });
});

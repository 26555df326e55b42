import i18next from 'i18next';
import en from '../../i18n/locales/en.json';
import { announcementText, refusalText } from './Announcer';

function english() {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: en } },
    lng: 'en',
    initAsync: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

describe('the sentences of the live regions', () => {
  const i18n = english();
  const say = (key: string, values?: Record<string, string>) => announcementText({ seq: 1, key, values, urgent: true }, i18n);

  it('names the participant who needs a break as the judge’s list does', () => {
    expect(say('breakRequested', { role: 'witness', name: 'Amina Benali' })).toBe('Amina Benali (Witness) needs a break.');
    expect(say('breakRequested', { role: 'witness' })).toBe('Witness needs a break.');
    expect(say('breakRequested', {})).toBe('A participant needs a break.');
  });

  it('explains a refusal by its code, with the server’s reason where only the server knows it', () => {
    expect(say('refused', { code: 'media.camera_held', message: 'ignored' })).toBe(en.room.errors.media.camera_held);
    expect(say('refused', { code: 'consultation.forbidden', message: 'Counsel may consult only their own client in private.' })).toBe(
      'This private consultation is not allowed. Counsel may consult only their own client in private.',
    );
    expect(refusalText('consultation.forbidden', '', i18n)).toBe('This private consultation is not allowed.');
    expect(refusalText('no.such_code', 'whatever', i18n)).toBe(en.room.errors.internal_error);
  });
});

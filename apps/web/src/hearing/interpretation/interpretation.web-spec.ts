import {
  channelChoices,
  channelFromValue,
  channelValue,
  FLOOR_GAIN_ON_CHANNEL,
  languageName,
  offersInterpretation,
  playbackGain,
} from './interpretation';

describe('playbackGain: what a listener hears at which level', () => {
  it('plays the floor at full level to a listener on the floor', () => {
    expect(playbackGain(null, null, false)).toBe(1);
  });

  it('lowers the floor under the interpreter for a listener on a channel, who hears the channel at full level', () => {
    expect(playbackGain(null, 'fr', true)).toBe(FLOOR_GAIN_ON_CHANNEL);
    expect(playbackGain('fr', 'fr', true)).toBe(1);
  });

  it('keeps the floor at full level while nothing comes on the chosen channel (consecutive, or the interpreter away)', () => {
    expect(playbackGain(null, 'fr', false)).toBe(1);
  });

  it('keeps the floor audible: lowered, never silenced', () => {
    expect(FLOOR_GAIN_ON_CHANNEL).toBeGreaterThan(0);
    expect(FLOOR_GAIN_ON_CHANNEL).toBeLessThan(1);
  });
});

describe('channel choices', () => {
  const interpretation = { floorLanguage: 'fr', channels: ['ar', 'en'] };

  it('offers the floor first, then each channel, named in the UI language', () => {
    expect(channelChoices(interpretation, 'en')).toEqual([
      { channel: null, language: 'fr', languageName: 'French' },
      { channel: 'ar', language: 'ar', languageName: 'Arabic' },
      { channel: 'en', language: 'en', languageName: 'English' },
    ]);
    expect(channelChoices(interpretation, 'fr').map((choice) => choice.languageName)).toEqual(['français', 'arabe', 'anglais']);
    expect(channelChoices(interpretation, 'ar').map((choice) => choice.languageName)).toEqual(['الفرنسية', 'العربية', 'الإنجليزية']);
  });

  it('names a language the browser does not know by its tag', () => {
    expect(languageName('zzz', 'en')).toBe('zzz');
    expect(languageName('fr', 'not a locale!')).toBe('fr');
  });

  it('offers no picker to a hearing without interpretation', () => {
    expect(offersInterpretation({ floorLanguage: 'fr', channels: [] })).toBe(false);
    expect(offersInterpretation(undefined)).toBe(false);
    expect(offersInterpretation(interpretation)).toBe(true);
  });

  it('round-trips the floor through a select value', () => {
    expect(channelFromValue(channelValue(null))).toBeNull();
    expect(channelFromValue(channelValue('ar'))).toBe('ar');
  });
});

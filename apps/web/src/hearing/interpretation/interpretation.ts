import type { InterpretationView } from '@ejustice/hearings/signalling/signalling-messages';

/**
 * Interpretation as the browser shows and plays it. The server holds the truth (the channels of
 * the hearing, what this person listens to, the interpreter's switch) and sends a channel's audio
 * only to those who chose it; these functions only say how to present and play what it sent.
 */

/**
 * On a language channel the floor stays audible, lowered, under the interpreter: the listener
 * still hears who is speaking and in what tone, as in a booth headset. A quarter of the level
 * keeps it clearly below the interpreter's voice without losing it.
 */
export const FLOOR_GAIN_ON_CHANNEL = 0.25;

/**
 * The level at which to play one received voice. `consumerChannel`: the channel the audio belongs
 * to (null: the floor); `listening`: the channel this person chose (null: the floor);
 * `channelSpeaking`: whether the server sends anything on that channel now. It sends a channel's
 * audio only while its interpreter interprets into it: in consecutive mode (the interpreter speaks
 * on the floor) or while the interpreter reconnects, nothing comes on the channel, and a floor kept
 * low would only make the hearing harder to follow.
 */
export function playbackGain(consumerChannel: string | null, listening: string | null, channelSpeaking: boolean): number {
  if (consumerChannel !== null) return 1;
  return listening === null || !channelSpeaking ? 1 : FLOOR_GAIN_ON_CHANNEL;
}

/** One entry of the channel picker: the floor (`channel` null) or one interpretation channel. */
export interface ChannelChoice {
  readonly channel: string | null;
  /** The language spoken there, as a BCP 47 tag. */
  readonly language: string;
  /** The language's name in the UI language ("French", "français", "الفرنسية"). */
  readonly languageName: string;
}

/**
 * A language's name in the UI language, from the browser's own data (Intl.DisplayNames), so a
 * hearing may offer any language without a translation file for each. The tag itself when the
 * browser does not know it.
 */
export function languageName(tag: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The picker's entries: the floor first, then each channel in the hearing's order. */
export function channelChoices(interpretation: InterpretationView, uiLanguage: string): ChannelChoice[] {
  const floor = interpretation.floorLanguage;
  return [
    { channel: null, language: floor, languageName: languageName(floor, uiLanguage) },
    ...interpretation.channels.map((channel) => ({ channel, language: channel, languageName: languageName(channel, uiLanguage) })),
  ];
}

/** Whether to offer the picker at all: a hearing without interpretation has only the floor. */
export function offersInterpretation(interpretation: InterpretationView | undefined): interpretation is InterpretationView {
  return interpretation !== undefined && interpretation.channels.length > 0;
}

/** The picker's value for a `<select>` (which cannot hold null): '' is the floor. */
export function channelValue(channel: string | null): string {
  return channel ?? '';
}

export function channelFromValue(value: string): string | null {
  return value === '' ? null : value;
}

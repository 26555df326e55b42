/** What a participant can send: their microphone, their camera, their screen. */
export const MEDIA_KINDS = ['audio', 'video', 'screen'] as const;

export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * Which version of a participant's media a consumer carries.
 * `raw`: as captured. `anonymised`: the same media after the media node's ffmpeg pipeline
 * (pitch-shifted voice; blurred or silhouetted picture), for viewers who may not know who a
 * protected participant is.
 */
export const MEDIA_VARIANTS = ['raw', 'anonymised'] as const;

export type MediaVariant = (typeof MEDIA_VARIANTS)[number];

export function isMediaKind(value: unknown): value is MediaKind {
  return typeof value === 'string' && (MEDIA_KINDS as readonly string[]).includes(value);
}

export function isMediaVariant(value: unknown): value is MediaVariant {
  return typeof value === 'string' && (MEDIA_VARIANTS as readonly string[]).includes(value);
}

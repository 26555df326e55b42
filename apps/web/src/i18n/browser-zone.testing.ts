/**
 * For web tests: makes this process read as a browser in another time zone. Every
 * `Intl.DateTimeFormat` made without a `timeZone` (what a page gets when it forgets the court's
 * zone) formats in `zone`, so a page that shows the reader's own clock instead of the court's is
 * caught whatever zone the machine running the tests is in. Setting `process.env.TZ` is not
 * used: whether it takes effect after start-up depends on the runtime (jsdom, a worker thread).
 * Returns the function that puts the real formatter back.
 */
export function pinBrowserZone(zone: string): () => void {
  const Real = Intl.DateTimeFormat;
  function Pinned(locales?: string | string[], options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    return new Real(locales, { ...options, timeZone: options?.timeZone ?? zone });
  }
  Pinned.prototype = Real.prototype;
  Pinned.supportedLocalesOf = Real.supportedLocalesOf;
  Intl.DateTimeFormat = Pinned as unknown as typeof Intl.DateTimeFormat;
  return () => {
    Intl.DateTimeFormat = Real;
  };
}

/** The zone a formatter made without `timeZone` uses now: the browser's own, as far as the page can tell. */
export function browserZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Text as a person reads it: narrow and no-break spaces as spaces, direction marks and isolates removed. */
export function readable(text: string): string {
  return text
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/[\u061c\u200e\u200f\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

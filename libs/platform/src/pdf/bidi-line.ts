import bidiFactory from 'bidi-js';

export type TextDirection = 'ltr' | 'rtl';

/** A run of one embedding level, in logical order, with bidi-mirrored brackets already swapped. */
export interface BidiRun {
  readonly text: string;
  readonly rtl: boolean;
}

const bidi = bidiFactory();

/**
 * Splits one line into its directional runs in visual order, left to right (UAX #9 rules L1-L2
 * on one line, with bidi-js resolving the levels and the mirrored characters, L4). Each run
 * keeps its characters in logical order: shaping needs the logical order, and the run is
 * reversed only when its glyphs are drawn. A line is resolved on its own, with the paragraph's
 * direction as its base, which is what a line of a form is.
 */
export function visualRuns(line: string, base: TextDirection): BidiRun[] {
  if (line === '') return [];
  const resolved = bidi.getEmbeddingLevels(line, base);
  // bidi-js takes the levels array here, not the result object (its typings say otherwise).
  const mirrored = bidi.getMirroredCharactersMap(line, resolved.levels as never);
  // bidi-js indexes UTF-16 units; both halves of a surrogate pair get the same level.
  const runs: { text: string; level: number }[] = [];
  line.split('').forEach((unit, i) => {
    // The isolates and marks have done their work in the levels; they are never drawn.
    if (BIDI_CONTROLS.test(unit)) return;
    const c = mirrored.get(i) ?? unit;
    const level = resolved.levels[i] ?? 0;
    const last = runs.at(-1);
    if (last && last.level === level) last.text += c;
    else runs.push({ text: c, level });
  });
  return reorderRuns(runs).map((r) => ({ text: r.text, rtl: r.level % 2 === 1 }));
}

const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Wraps a value (a case number, a date, a name in another script) in a first-strong isolate,
 * so that it is ordered by its own direction inside a sentence of the other: without it, an ISO
 * date inside Arabic is shown as 06-12-2026 (UAX #9 rule W2 turns its digits into Arabic numbers).
 */
export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}

/** Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or above. */
export function reorderRuns<T extends { readonly level: number }>(runs: readonly T[]): T[] {
  const out = [...runs];
  const levels = out.map((r) => r.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.filter((l) => l % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level -= 1) {
    let i = 0;
    while (i < out.length) {
      if ((out[i] as T).level < level) {
        i += 1;
        continue;
      }
      let j = i;
      while (j < out.length && (out[j] as T).level >= level) j += 1;
      out.splice(i, j - i, ...out.slice(i, j).reverse());
      i = j;
    }
  }
  return out;
}

/** Reverses by code point, so that a character outside the BMP stays whole. */
export function reverseCodePoints(text: string): string {
  return [...text].reverse().join('');
}

/** True for the letters, digits and marks of the Arabic blocks, which only an Arabic face has. */
export function isArabicScript(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return (
    (cp >= 0x0600 && cp <= 0x06ff) ||
    (cp >= 0x0750 && cp <= 0x077f) ||
    (cp >= 0x08a0 && cp <= 0x08ff) ||
    (cp >= 0xfb50 && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfeff)
  );
}

/** The direction a line is read in, from its first strong character outside isolates (rules P2-P3). */
export function firstStrongDirection(text: string): TextDirection {
  let depth = 0;
  for (const c of text) {
    if (c >= '\u2066' && c <= '\u2068') depth += 1;
    else if (c === '\u2069') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    const type = bidi.getBidiCharTypeName(c);
    if (type === 'L') return 'ltr';
    if (type === 'R' || type === 'AL') return 'rtl';
  }
  return 'ltr';
}

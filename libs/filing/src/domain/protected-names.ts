/** A protected person as far as masking needs: the name to hide and what to show instead. */
export interface ProtectedName {
  readonly fullName: string;
  readonly pseudonym: string;
}

const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces a protected person's name, and each part of it of three letters or more, by their
 * pseudonym in free text a filer typed (titles, file names). Names reach such text by accident
 * ("Statement of Mariam K."), and the free text goes to viewers who may not know who she is.
 * Parts are matched as whole words, case-insensitively, in any script.
 */
export function maskProtectedNames(text: string, names: readonly ProtectedName[]): string {
  let out = text;
  for (const { fullName, pseudonym } of names) {
    const parts = [fullName, ...fullName.split(/[\s\-_.,'’]+/u).filter((p) => [...p].length >= 3)];
    for (const part of parts) {
      const pattern = new RegExp(`(?<!${LETTER_OR_DIGIT})${escape(part)}(?!${LETTER_OR_DIGIT})`, 'giu');
      // A function, not a string: a pseudonym holding `$&` or `$'` would otherwise put the name back.
      out = out.replace(pattern, () => pseudonym);
    }
    // "Mariam Khalil" became "V-1 V-1": one pseudonym stands for the whole name.
    const p = escape(pseudonym);
    out = out.replace(new RegExp(`${p}(?:[\\s\\-_.]+${p})+`, 'gu'), () => pseudonym);
  }
  return out;
}

/** Pseudonyms for protected people who were not given one: "Protected person 1", "Protected person 2"... */
export function fillPseudonyms<T extends { isProtected: boolean; pseudonym: string | null; fullName: string }>(parties: readonly T[]): T[] {
  const taken = new Set(parties.map((p) => p.pseudonym?.toLowerCase()).filter(Boolean));
  let n = 0;
  return parties.map((p) => {
    if (!p.isProtected || p.pseudonym) return p;
    let candidate: string;
    do candidate = `Protected person ${++n}`;
    while (taken.has(candidate.toLowerCase()));
    taken.add(candidate.toLowerCase());
    return { ...p, pseudonym: candidate };
  });
}

import { type CaseFacts, type CaseViewer, type PartyFacts, mayKnowIdentity } from './case-access';

/** A protected person as far as masking needs: the name to hide and what to show instead. */
export interface ProtectedName {
  readonly fullName: string;
  readonly pseudonym: string;
}

/** What a protected party without a pseudonym is called. */
export const UNNAMED_PSEUDONYM = 'Protected person';

const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';
const NAME_SEPARATORS = /[\s\-_.,'’]+/u;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fold(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * Replaces a protected person's name, and each part of it of three letters or more, by their
 * pseudonym in free text people typed (titles, display names, notes, reasons, file names). Names
 * reach such text by accident ("Statement of Mariam K.", "Mother of Mariam Khalil"), and the text
 * goes to viewers who may not know who she is.
 * Parts are matched as whole words, case-insensitively, in any script, in one pass: a pseudonym
 * put in is never matched again. Words the pseudonyms themselves use are shown to everyone
 * anyway, so they are left alone (someone listed as "Witness B" does not turn every "Witness"
 * into "Witness B").
 */
export function maskProtectedNames(text: string, names: readonly ProtectedName[]): string {
  if (text === '' || names.length === 0) return text;
  const shown = new Set(names.flatMap(({ pseudonym }) => [pseudonym, ...pseudonym.split(NAME_SEPARATORS)].map(fold)));
  // Term (folded) -> pseudonym. A term two people share goes to the first: callers list first
  // the pseudonym the viewer's lists show.
  const terms = new Map<string, { term: string; pseudonym: string }>();
  for (const { fullName, pseudonym } of names) {
    for (const term of [fullName.trim(), ...fullName.split(NAME_SEPARATORS).filter((p) => [...p].length >= 3)]) {
      const key = fold(term);
      if (key !== '' && !shown.has(key) && !terms.has(key)) terms.set(key, { term, pseudonym });
    }
  }
  if (terms.size === 0) return text;
  // The whole name before its parts: alternatives are tried in order.
  const ordered = [...terms.values()].sort((a, b) => [...b.term].length - [...a.term].length);
  const alternatives = ordered.map((t) => `(${escape(t.term)})`).join('|');
  const pattern = new RegExp(`(?<!${LETTER_OR_DIGIT})(?:${alternatives})(?!${LETTER_OR_DIGIT})`, 'giu');
  // A function, not a string: a pseudonym holding `$&` or `$'` would otherwise put the name back.
  // The one group that matched says whose name it was.
  let out = text.replace(pattern, (...args: unknown[]) => {
    const groups = args.slice(1, ordered.length + 1);
    return ordered[groups.findIndex((g) => g !== undefined)].pseudonym;
  });
  // "Mariam Khalil" became "V-1 V-1": one pseudonym stands for the whole name.
  for (const pseudonym of new Set(ordered.map((t) => t.pseudonym))) {
    const p = escape(pseudonym);
    out = out.replace(new RegExp(`${p}(?:[\\s\\-_.]+${p})+`, 'gu'), () => pseudonym);
  }
  return out;
}

/** A party as the rule below needs it: the access facts, the name on the record and the pseudonym. */
export interface NamedPartyFacts extends PartyFacts {
  readonly fullName: string;
  readonly pseudonym: string | null;
}

/**
 * The protected parties of a case whose names `viewer` may not know (`mayKnowIdentity`), with
 * what to write instead: the one rule for the free text of the court record (case titles,
 * docket text, clerks' notes). Hearings add their anonymity orders to it (hearing-names.ts).
 */
export function hiddenPartyNames(viewer: CaseViewer, facts: CaseFacts, parties: readonly NamedPartyFacts[]): ProtectedName[] {
  return parties
    .filter((p) => p.isProtected && !mayKnowIdentity(viewer, facts, p))
    .map((p) => ({ fullName: p.fullName, pseudonym: p.pseudonym ?? UNNAMED_PSEUDONYM }));
}

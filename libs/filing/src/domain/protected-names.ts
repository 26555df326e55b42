import { UNNAMED_PSEUDONYM } from '@ejustice/cases/domain/protected-names';

/*
 * Masking protected names in free text is the court record's rule, shared with hearings:
 * `maskProtectedNames` and `hiddenPartyNames` live in @ejustice/cases (domain/protected-names.ts).
 */

/** Pseudonyms for protected people who were not given one: "Protected person 1", "Protected person 2"... */
export function fillPseudonyms<T extends { isProtected: boolean; pseudonym: string | null; fullName: string }>(parties: readonly T[]): T[] {
  const taken = new Set(parties.map((p) => p.pseudonym?.toLowerCase()).filter(Boolean));
  let n = 0;
  return parties.map((p) => {
    if (!p.isProtected || p.pseudonym) return p;
    let candidate: string;
    do candidate = `${UNNAMED_PSEUDONYM} ${++n}`;
    while (taken.has(candidate.toLowerCase()));
    taken.add(candidate.toLowerCase());
    return { ...p, pseudonym: candidate };
  });
}

import { type ProtectedName, UNNAMED_PSEUDONYM, maskProtectedNames } from '@ejustice/cases/domain/protected-names';
import { orderDisclosesTo } from '@ejustice/media-policy/identity-disclosure';
import type { SpecialMeasure } from '@ejustice/media-policy/special-measure';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import { holdsSeat } from './account-standing';
import type { IdentityShield } from './identity-shield';

/*
 * Who may know which names in a hearing, applied to the free text people wrote: the hearing's
 * title, the display names a clerk typed ("Mother of Mariam Khalil"), the judge's reasons. Lists
 * of participants already show a protected person by pseudonym (the media policy and the identity
 * shield); these are the same rules, for the names that ride along in text. Every path that sends
 * such text about a hearing (the api's views, the media node's room, the link exchange, the
 * orders) masks it with `hiddenHearingNames` for its reader.
 */

/**
 * A reader of a hearing: a participant (`id`, their role in the hearing), or a judge or clerk of
 * its court reading its record without a seat in it (`id` null, `role` their office).
 */
export interface NameViewer {
  readonly id: string | null;
  readonly role: HearingRole;
}

export interface HearingNameFacts {
  readonly participants: readonly { readonly id: string; readonly displayName: string; readonly partyId?: string | null }[];
  /** The orders in force; only anonymity orders hide names. */
  readonly orders: readonly SpecialMeasure[];
  readonly shield: IdentityShield;
}

/**
 * The names `viewer` may not know in this hearing, each with what to write instead:
 * - a protected party of the case, unless the case entitles the viewer (the bench, the person,
 *   their counsel, the prosecution: identity-shield.ts) — their name on the record and the name
 *   they are listed under, by the case's pseudonym;
 * - a participant under an anonymity order, unless the order discloses them to the viewer (the
 *   judge, and the roles and people it names: `orderDisclosesTo`) — the name they are listed
 *   under and their name on the record, by the order's pseudonym.
 * Court staff without a seat know every party (the court keeps the record). No one's own name is
 * hidden from them. Where both rules hide someone, the case's pseudonym comes first, as in lists.
 */
export function hiddenHearingNames(facts: HearingNameFacts, viewer: NameViewer): ProtectedName[] {
  const names: ProtectedName[] = [];
  if (viewer.id !== null) {
    for (const party of facts.shield.parties) {
      if (party.entitledViewerIds.has(viewer.id)) continue;
      const listedAs = facts.participants.filter((p) => p.partyId === party.partyId).map((p) => p.displayName);
      for (const fullName of [party.fullName, ...listedAs]) names.push({ fullName, pseudonym: party.pseudonym ?? UNNAMED_PSEUDONYM });
    }
  }
  for (const order of facts.orders) {
    if (order.kind !== 'anonymity' || order.participantId === viewer.id || orderDisclosesTo(order, viewer)) continue;
    const subject = facts.participants.find((p) => p.id === order.participantId);
    if (!subject) continue;
    const recordName = subject.partyId ? facts.shield.recordNames.get(subject.partyId) : undefined;
    for (const fullName of [subject.displayName, recordName]) if (fullName) names.push({ fullName, pseudonym: order.pseudonym });
  }
  return names.filter((n) => n.fullName.trim() !== '');
}

/**
 * Someone neither seated in the hearing nor of its court (an id no participant has): entitled by
 * no party, named by no order; they read as the public gallery does.
 */
export const OUTSIDER: NameViewer = { id: '', role: 'observer' };

/**
 * An account holder as a reader of a hearing: their seat in it if they have one (and still hold
 * it: holdsSeat); otherwise, for
 * a judge or clerk of its court (or its presiding judge), their office. Null: neither, so they
 * may not read it.
 */
export function nameViewerOf(
  account: { readonly userId: string; readonly courtId: string; readonly roles: readonly string[] },
  hearing: { readonly courtId: string; readonly presidingJudgeId?: string | null },
  participants: readonly { readonly id: string; readonly role: HearingRole; readonly userId: string | null }[],
): NameViewer | null {
  const seat = participants.find((p) => p.userId === account.userId && holdsSeat(p.role, account.roles));
  if (seat) return { id: seat.id, role: seat.role };
  const judge = account.roles.includes('judge') && (account.courtId === hearing.courtId || account.userId === hearing.presidingJudgeId);
  if (judge) return { id: null, role: 'judge' };
  return account.courtId === hearing.courtId && account.roles.includes('clerk') ? { id: null, role: 'clerk' } : null;
}

/** Masks the free text of one line of a participant list: the name it shows, and a remote witness room's location. */
export function maskParticipantLine<V extends { readonly displayName: string | null; readonly remoteLocation?: string }>(
  line: V,
  names: readonly ProtectedName[],
): V {
  if (names.length === 0) return line;
  return {
    ...line,
    displayName: line.displayName === null ? null : maskProtectedNames(line.displayName, names),
    ...(line.remoteLocation === undefined ? {} : { remoteLocation: maskProtectedNames(line.remoteLocation, names) }),
  };
}

/**
 * What changed between two participant lists as one viewer receives them: lines to add, to
 * replace, ids to drop. Taken over the lines as sent (policy, shield and masking applied), so
 * that a line whose text is masked anew — an order now hides the witness named in a supporter's
 * display name — is sent again, though nothing else about it changed.
 */
export function listChanges<V extends { readonly id: string }>(
  previous: readonly V[],
  current: readonly V[],
): { appeared: V[]; changed: V[]; disappeared: string[] } {
  const before = new Map(previous.map((line) => [line.id, line]));
  const ids = new Set(current.map((line) => line.id));
  return {
    appeared: current.filter((line) => !before.has(line.id)),
    changed: current.filter((line) => {
      const earlier = before.get(line.id);
      return earlier !== undefined && !sameLine(earlier, line);
    }),
    disappeared: previous.filter((line) => !ids.has(line.id)).map((line) => line.id),
  };
}

function sameLine(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].every((key) => x[key] === y[key]);
}
